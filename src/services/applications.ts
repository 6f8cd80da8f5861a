/**
 * The preparation of a round: create a round in preparation, keep its applications and mentor
 * offers (typed, edited, or imported from CSV/XLSX all or nothing), and build the proposal
 * instance the workbench starts from: applicants with their focus, delegation and "gärna med"
 * wishes, mentors with their capacity, and "inte med" as forbidden pairs.
 */
import {
  buildResolutionIndex,
  resolveApplications,
  resolveMentorOffers,
  sortProblems,
  type Application,
  type ApplicationDraft,
  type ApplicationFields,
  type MentorOffer,
  type MentorOfferDraft,
  type MentorOfferFields,
  type OrganisationToCreate,
} from '../core/applications.js';
import { AppError, notFound, type ErrorDetail } from '../core/errors.js';
import type { InstanceInput } from '../core/matching/instance.js';
import type { Round, World } from '../core/model.js';
import { roundIdFor } from '../core/record/round-from-proposal.js';
import type { ImportFormat, ImportKind } from './applications-file.js';
import type { Solver } from './solver.js';
import type { WorldSource } from './world-source.js';

/** What the preparation needs from storage. */
export interface PreparationStore {
  createPreparingRound(round: { id: string; programmeId: string; label: string; notes: string | null }): Promise<Round>;
  readRound(id: string): Promise<Round | null>;
  listPreparingRounds(): Promise<Round[]>;
  countPreparation(): Promise<Map<string, { applications: number; mentorOffers: number }>>;
  listApplications(roundId: string): Promise<Application[]>;
  listMentorOffers(roundId: string): Promise<MentorOffer[]>;
  saveApplications(
    roundId: string,
    batch: { create: OrganisationToCreate[]; applications: ApplicationFields[]; mode: 'insert' | 'upsert' },
  ): Promise<{ saved: Application[]; inserted: string[]; updated: string[] }>;
  updateApplication(roundId: string, id: string, batch: { create: OrganisationToCreate[]; application: ApplicationFields }): Promise<Application>;
  deleteApplication(roundId: string, id: string): Promise<void>;
  saveMentorOffers(roundId: string, batch: { offers: MentorOfferFields[]; mode: 'insert' | 'upsert' }): Promise<{ saved: MentorOffer[]; inserted: string[]; updated: string[] }>;
  updateMentorOffer(roundId: string, id: string, offer: MentorOfferFields): Promise<MentorOffer>;
  deleteMentorOffer(roundId: string, id: string): Promise<void>;
}

/** An application as the API shows it: the organisation named, wishes with names. */
export interface ApplicationView extends Omit<Application, 'orgId'> {
  organisation: OrgView;
  wishWithNames: string[];
  notWithNames: string[];
}
export interface MentorOfferView extends Omit<MentorOffer, 'orgId'> {
  organisation: OrgView;
}
interface OrgView {
  id: string;
  name: string;
  kind: string;
  countyCode: string | null;
}

/** An application as sent over the API (the same shape a file row becomes). */
export interface ApplicationBody {
  organisation: { id: string } | { name: string; kind: string; county?: string | null | undefined };
  focus?: string[] | undefined;
  delegation?: string[] | undefined;
  wishWith?: string[] | undefined;
  notWith?: string[] | undefined;
  genderDecision?: boolean | null | undefined;
  note?: string | null | undefined;
}
export interface MentorOfferBody {
  organisation: string;
  capacity?: number | undefined;
  note?: string | null | undefined;
}
export interface ImportBody {
  file: string;
  format?: ImportFormat | undefined;
  encoding?: string | undefined;
  /** The file's bytes, base64. */
  content: string;
}

/** Which rounds count as having taken place (participants of these may mentor). */
const TAKEN_PLACE = new Set(['running', 'completed']);

const toDraft = (b: ApplicationBody): ApplicationDraft => ({
  organisation: 'id' in b.organisation ? { ref: b.organisation.id } : { create: { name: b.organisation.name, kind: b.organisation.kind, county: b.organisation.county ?? null } },
  focus: b.focus ?? [],
  delegation: b.delegation ?? [],
  wishWith: b.wishWith ?? [],
  notWith: b.notWith ?? [],
  genderDecision: b.genderDecision ?? null,
  note: b.note ?? null,
});

const refuse = (message: string, problems: ErrorDetail[]): never => {
  const sorted = sortProblems(problems);
  const first = sorted[0]!;
  const where = [first.file, first.line !== undefined ? `line ${first.line}` : undefined].filter(Boolean).join(', ');
  throw new AppError(
    'invalid_input',
    `${message}: ${sorted.length} problem${sorted.length === 1 ? '' : 's'}, nothing was saved. ${where ? `${where}: ` : ''}${first.field ? `${first.field}: ` : ''}${first.message}`,
    sorted,
  );
};

function decodeBase64(content: string, file: string): Uint8Array {
  const clean = content.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
    throw new AppError('invalid_input', `${file}: content is not base64.`, [{ field: 'content', message: 'not base64' }]);
  }
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

function formatOf(body: ImportBody): ImportFormat {
  if (body.format) return body.format;
  if (/\.xlsx$/i.test(body.file)) return 'xlsx';
  if (/\.(csv|txt|tsv)$/i.test(body.file)) return 'csv';
  throw new AppError('invalid_input', `Say whether ${body.file} is csv or xlsx (field format), or name the file .csv or .xlsx.`, [{ field: 'format', message: 'csv or xlsx' }]);
}

export function createPreparationService(deps: { worlds: WorldSource; store: PreparationStore; solver: Solver }) {
  const { store } = deps;

  const preparingRound = async (id: string): Promise<Round> => {
    const round = await store.readRound(id);
    if (!round) throw notFound('round', id);
    return round;
  };
  const requirePreparing = (round: Round): void => {
    if (round.state !== 'preparing')
      throw new AppError('conflict', `Round '${round.id}' is ${round.state}; applications can only change while it is preparing.`, [{ field: 'round', message: `round is ${round.state}`, values: [round.id] }]);
  };
  const index = (world: World, round: Round) => buildResolutionIndex(world, round.programmeId, (id) => {
    const r = world.rounds.find((x) => x.id === id);
    return r !== undefined && r.id !== round.id && TAKEN_PLACE.has(r.state);
  });

  const orgView = (world: World, id: string): OrgView => {
    const o = world.organisations.find((x) => x.id === id);
    return { id, name: o?.name ?? id, kind: o?.kind ?? 'okänd', countyCode: o?.countyCode ?? null };
  };
  const viewApplication = (world: World, a: Application): ApplicationView => {
    const { orgId, ...rest } = a;
    const name = (id: string) => orgView(world, id).name;
    return { ...rest, organisation: orgView(world, orgId), wishWithNames: a.wishWith.map(name), notWithNames: a.notWith.map(name) };
  };
  const viewOffer = (world: World, o: MentorOffer): MentorOfferView => {
    const { orgId, ...rest } = o;
    return { ...rest, organisation: orgView(world, orgId) };
  };

  async function resolveApps(round: Round, drafts: ApplicationDraft[], options: { file?: string; prefix?: (i: number) => string; exceptOffer?: string }) {
    const world = await deps.worlds.getWorld();
    const offers = await store.listMentorOffers(round.id);
    const resolved = resolveApplications(index(world, round), drafts, {
      file: options.file,
      ...(options.prefix ? { prefix: options.prefix } : {}),
      mentorIds: new Set(offers.map((o) => o.orgId)),
    });
    return { world, resolved };
  }

  async function resolveOffers(round: Round, drafts: MentorOfferDraft[], options: { file?: string; prefix?: (i: number) => string }) {
    const world = await deps.worlds.getWorld();
    const apps = await store.listApplications(round.id);
    return { world, resolved: resolveMentorOffers(index(world, round), drafts, { file: options.file, ...(options.prefix ? { prefix: options.prefix } : {}), applicantIds: new Set(apps.map((a) => a.orgId)) }) };
  }

  return {
    /** A new round in preparation for a programme; its id is derived from programme and label. */
    async createRound(input: { programme: string; label: string; notes?: string | null | undefined }): Promise<Round> {
      const world = await deps.worlds.getWorld();
      if (!world.programmes.some((p) => p.id === input.programme))
        throw new AppError('invalid_input', `Unknown programme '${input.programme}'.`, [{ field: 'programme', message: 'unknown programme', values: [input.programme] }]);
      const label = input.label.trim();
      if (!label) throw new AppError('invalid_input', 'The round needs a label, e.g. "2027–2029".', [{ field: 'label', message: 'empty' }]);
      return store.createPreparingRound({ id: roundIdFor(input.programme, label), programmeId: input.programme, label, notes: input.notes ?? null });
    },

    /** Rounds in preparation with their numbers of applications and mentor offers. */
    async listPreparing() {
      const [rounds, counts] = await Promise.all([store.listPreparingRounds(), store.countPreparation()]);
      return rounds.map((round) => ({ round, applications: counts.get(round.id)?.applications ?? 0, mentorOffers: counts.get(round.id)?.mentorOffers ?? 0 }));
    },

    /** A round with its applications and mentor offers (any state: a planned round still shows what it was built from). */
    async getPreparation(roundId: string) {
      const round = await preparingRound(roundId);
      const world = await deps.worlds.getWorld();
      const [apps, offers] = await Promise.all([store.listApplications(roundId), store.listMentorOffers(roundId)]);
      return { round, applications: apps.map((a) => viewApplication(world, a)), mentorOffers: offers.map((o) => viewOffer(world, o)) };
    },

    async addApplication(roundId: string, body: ApplicationBody): Promise<ApplicationView> {
      const round = await preparingRound(roundId);
      requirePreparing(round);
      const { resolved } = await resolveApps(round, [toDraft(body)], {});
      if (resolved.problems.length) refuse('The application', resolved.problems);
      const r = await store.saveApplications(roundId, { create: resolved.create, applications: resolved.applications, mode: 'insert' });
      return viewApplication(await deps.worlds.getWorld(), r.saved[0]!);
    },

    async updateApplication(roundId: string, id: string, body: ApplicationBody): Promise<ApplicationView> {
      const round = await preparingRound(roundId);
      requirePreparing(round);
      const { resolved } = await resolveApps(round, [toDraft(body)], {});
      if (resolved.problems.length) refuse('The application', resolved.problems);
      const saved = await store.updateApplication(roundId, id, { create: resolved.create, application: resolved.applications[0]! });
      return viewApplication(await deps.worlds.getWorld(), saved);
    },

    async deleteApplication(roundId: string, id: string): Promise<void> {
      await preparingRound(roundId);
      await store.deleteApplication(roundId, id);
    },

    async addMentorOffer(roundId: string, body: MentorOfferBody): Promise<MentorOfferView> {
      const round = await preparingRound(roundId);
      requirePreparing(round);
      const { world, resolved } = await resolveOffers(round, [{ organisation: body.organisation, capacity: body.capacity ?? 1, note: body.note ?? null }], {});
      if (resolved.problems.length) refuse('The mentor offer', resolved.problems);
      const r = await store.saveMentorOffers(roundId, { offers: resolved.offers, mode: 'insert' });
      return viewOffer(world, r.saved[0]!);
    },

    async updateMentorOffer(roundId: string, id: string, body: MentorOfferBody): Promise<MentorOfferView> {
      const round = await preparingRound(roundId);
      requirePreparing(round);
      const { world, resolved } = await resolveOffers(round, [{ organisation: body.organisation, capacity: body.capacity ?? 1, note: body.note ?? null }], {});
      if (resolved.problems.length) refuse('The mentor offer', resolved.problems);
      return viewOffer(world, await store.updateMentorOffer(roundId, id, resolved.offers[0]!));
    },

    async deleteMentorOffer(roundId: string, id: string): Promise<void> {
      await preparingRound(roundId);
      await store.deleteMentorOffer(roundId, id);
    },

    /**
     * Imports a file of applications or mentor offers into a preparing round: every row is read
     * and resolved first; any problem (file, line, field) refuses the whole file and writes nothing.
     * Re-importing the same file updates the same rows.
     */
    async importFile(roundId: string, kind: ImportKind, body: ImportBody) {
      const round = await preparingRound(roundId);
      requirePreparing(round);
      const file = body.file;
      const bytes = decodeBase64(body.content, file);
      const options = { file, format: formatOf(body), encoding: body.encoding };
      // Parsing runs on the solve pool: a workbook is read in long synchronous stretches.
      const world = await deps.worlds.getWorld();
      if (kind === 'applications') {
        const drafts = await deps.solver.start('readApplications', world, { bytes, options }).result;
        const { resolved } = await resolveApps(round, drafts, { file });
        if (resolved.problems.length) refuse(file, resolved.problems);
        const r = await store.saveApplications(roundId, { create: resolved.create, applications: resolved.applications, mode: 'upsert' });
        return { file, kind, rows: drafts.length, inserted: r.inserted, updated: r.updated, organisationsCreated: resolved.create.map((c) => ({ id: c.id, name: c.name, kind: c.kind, countyCode: c.countyCode })) };
      }
      const drafts = await deps.solver.start('readMentorOffers', world, { bytes, options }).result;
      const { resolved } = await resolveOffers(round, drafts, { file });
      if (resolved.problems.length) refuse(file, resolved.problems);
      const r = await store.saveMentorOffers(roundId, { offers: resolved.offers, mode: 'upsert' });
      return { file, kind, rows: drafts.length, inserted: r.inserted, updated: r.updated, organisationsCreated: [] };
    },

    /**
     * The proposal instance of a preparing round: its applicants (focus, delegation, "gärna med"
     * wishes among the instance's organisations), its mentor offers (or the default mentors when
     * there are none), and every "inte med" between two of them as a forbidden pair.
     */
    async buildInstance(roundId: string): Promise<{ roundId: string; instance: InstanceInput; dropped: { orgId: string; wish: string; kind: 'wishWith' | 'notWith' }[] }> {
      const round = await preparingRound(roundId);
      const [apps, offers] = await Promise.all([store.listApplications(roundId), store.listMentorOffers(roundId)]);
      if (apps.length === 0)
        throw new AppError('invalid_input', `Round '${roundId}' has no applications yet; add or import some first.`, [{ field: 'applications', message: 'none yet' }]);
      const members = new Set([...apps.map((a) => a.orgId), ...offers.map((o) => o.orgId)]);
      const dropped: { orgId: string; wish: string; kind: 'wishWith' | 'notWith' }[] = [];
      const forbid = new Map<string, [string, string]>();
      const applicants = apps.map((a) => {
        const wishWith = a.wishWith.filter((w) => members.has(w) || (dropped.push({ orgId: a.orgId, wish: w, kind: 'wishWith' }), false));
        for (const n of a.notWith) {
          if (!members.has(n)) dropped.push({ orgId: a.orgId, wish: n, kind: 'notWith' });
          else forbid.set(a.orgId < n ? `${a.orgId}|${n}` : `${n}|${a.orgId}`, [a.orgId, n]);
        }
        return {
          id: a.orgId,
          ...(a.focus.length ? { focus: a.focus } : {}),
          ...(a.delegation.length ? { delegation: a.delegation } : {}),
          ...(wishWith.length ? { wishWith } : {}),
        };
      });
      const instance: InstanceInput = {
        programme: round.programmeId,
        round: round.label,
        note: `Built from the ${apps.length} application(s) and ${offers.length} mentor offer(s) of round ${round.id} (in preparation).`,
        applicants,
        ...(offers.length ? { mentors: offers.map((o) => ({ id: o.orgId, capacity: o.capacity })) } : {}),
        ...(forbid.size ? { rules: { forbid: [...forbid.values()].sort((x, y) => (x.join() < y.join() ? -1 : 1)) } } : {}),
      };
      return { roundId, instance, dropped };
    },
  };
}

export type PreparationService = ReturnType<typeof createPreparationService>;
