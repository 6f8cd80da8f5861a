/**
 * Applications (intresseanmälningar) and mentor offers of a round in preparation, and the pure
 * resolution of what a user typed or a form exported (names or ids, labels or focus ids, county
 * names or codes) into records that reference the World.
 *
 * Invariants of a resolved batch:
 * - every organisation reference is an existing id, or a new organisation described in the batch
 *   (name, kind, county) that the store creates as an imported organisation;
 * - focus areas are ids of the focus-area vocabulary; delegation roles come from DELEGATION_ROLES
 *   (roles only: a person's name can not pass);
 * - partner wishes name organisations other than the applicant, never the same one as both
 *   "gärna med" and "inte med";
 * - a mentor offer names an organisation that took part (as participant) in an earlier round of
 *   the programme, with 1 ≤ capacity ≤ MAX_MENTOR_CAPACITY;
 * - no organisation appears twice in one batch, nor both as applicant and as mentor.
 * Every problem is an ErrorDetail naming field (and file and line when the batch came from one).
 */
import type { ErrorDetail } from './errors.js';
import type { Organisation, World } from './model.js';

/** A new organisation an application brings with it (no id yet). */
export interface NewApplicantOrganisation {
  name: string;
  kind: string;
  /** A 2-digit county code or a county name; null for a national organisation. */
  county: string | null;
}

/** An application as typed or read from a file, before references are resolved. */
export interface ApplicationDraft {
  /** 1-based line in its file, for error details; absent for an API body. */
  line?: number | undefined;
  /** An organisation id or name (existing), or a new organisation. */
  organisation: { ref: string } | { create: NewApplicantOrganisation };
  focus: string[];
  delegation: string[];
  /** "gärna med": organisations (ids or names) the applicant wants to be grouped with. */
  wishWith: string[];
  /** "inte med": organisations (ids or names) the applicant must not be grouped with. */
  notWith: string[];
  /** A political decision on gender mainstreaming (e.g. the CEMR declaration); null = not stated. */
  genderDecision: boolean | null;
  note: string | null;
}

export interface MentorOfferDraft {
  line?: number | undefined;
  /** An organisation id or name; a mentor is an earlier participant, so it exists. */
  organisation: string;
  capacity: number;
  note: string | null;
}

/** A resolved application, as stored (without store-assigned fields). */
export interface ApplicationFields {
  orgId: string;
  focus: string[];
  delegation: string[];
  wishWith: string[];
  notWith: string[];
  genderDecision: boolean | null;
  note: string | null;
}

export interface Application extends ApplicationFields {
  id: string;
  roundId: string;
  createdAt: string;
  updatedAt: string;
}

export interface MentorOfferFields {
  orgId: string;
  capacity: number;
  note: string | null;
}

export interface MentorOffer extends MentorOfferFields {
  id: string;
  roundId: string;
  createdAt: string;
  updatedAt: string;
}

/** An organisation to create for an application, with the id it gets. */
export interface OrganisationToCreate {
  id: string;
  name: string;
  kind: string;
  countyCode: string | null;
}

/**
 * Delegation roles an application may list (SKR: a senior politician, a senior manager and a
 * strategist or similar; controller, statistician or communicator may join). A closed list, so a
 * person's name cannot be stored as a role.
 */
export const DELEGATION_ROLES = ['politiker', 'chef', 'strateg', 'controller', 'statistiker', 'kommunikator', 'analytiker', 'hr'] as const;
const ROLE_ALIASES: Record<string, string> = {
  politician: 'politiker',
  förtroendevald: 'politiker',
  fortroendevald: 'politiker',
  kommunalråd: 'politiker',
  regionråd: 'politiker',
  manager: 'chef',
  direktör: 'chef',
  direktor: 'chef',
  förvaltningschef: 'chef',
  kommundirektör: 'chef',
  strategist: 'strateg',
  nyckelperson: 'strateg',
  utvecklare: 'strateg',
  jämställdhetsstrateg: 'strateg',
  statistician: 'statistiker',
  communicator: 'kommunikator',
  kommunikatör: 'kommunikator',
  analyst: 'analytiker',
};

export const MAX_MENTOR_CAPACITY = 10;
export const MAX_LIST = 20;
export const MAX_NOTE = 2000;
export const MAX_NAME = 200;
/** At most this many applications or mentor offers in one preparing round (and one import). */
export const MAX_APPLICATIONS = 500;

const fold = (s: string): string => s.normalize('NFC').trim().toLowerCase();
/** For matching names: case, diacritics and a trailing " kommun"/" län" do not matter. */
const nameKey = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ (kommun|stad|lan|s lan)$/, '');

/** "Eskilstuna kommun" + kind → a stable id for a new organisation: "import-<kind>-<slug>". */
export function newOrganisationId(name: string, kind: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `import-${kind.replace(/[^a-z0-9_-]/g, '')}-${slug || 'org'}`.slice(0, 64);
}

const KIND_ALIASES: Record<string, string> = { förbund: 'forbund', förvaltning: 'forvaltning', kommunalförbund: 'forbund' };
const KIND = /^[\p{Ll}\p{Nd}_-]{1,40}$/u;

/** Lookups a resolution needs, built once per World. */
export interface ResolutionIndex {
  orgs: Map<string, Organisation>;
  byName: Map<string, Organisation[]>;
  counties: Map<string, string>;
  focus: Map<string, string>;
  /** Participants of earlier rounds of the programme that count (running, completed). */
  earlierParticipants: Set<string>;
}

export function buildResolutionIndex(world: World, programmeId: string, countsAsTakenPlace: (roundId: string) => boolean): ResolutionIndex {
  const orgs = new Map(world.organisations.map((o) => [o.id, o]));
  const byName = new Map<string, Organisation[]>();
  for (const o of world.organisations) {
    const k = nameKey(o.name);
    byName.set(k, [...(byName.get(k) ?? []), o]);
  }
  const counties = new Map<string, string>();
  for (const c of world.counties) {
    counties.set(c.code, c.code);
    counties.set(nameKey(c.name), c.code);
  }
  const focus = new Map<string, string>();
  for (const f of world.focusAreas) {
    focus.set(fold(f.id), f.id);
    focus.set(fold(f.label), f.id);
  }
  const rounds = new Set(world.rounds.filter((r) => r.programmeId === programmeId && countsAsTakenPlace(r.id)).map((r) => r.id));
  const earlierParticipants = new Set<string>();
  for (const p of world.participations) if (p.role === 'participant' && rounds.has(p.roundId)) earlierParticipants.add(p.orgId);
  for (const g of world.groups) if (rounds.has(g.roundId)) for (const m of g.members) earlierParticipants.add(m);
  return { orgs, byName, counties, focus, earlierParticipants };
}

interface Where {
  file?: string | undefined;
  line?: number | undefined;
  /** Prefix of field names for API bodies, e.g. "applications[2]." */
  prefix?: string;
}

const detail = (where: Where, field: string, message: string, values?: unknown[]): ErrorDetail => ({
  ...(where.file !== undefined ? { file: where.file } : {}),
  ...(where.line !== undefined ? { line: where.line } : {}),
  field: `${where.prefix ?? ''}${field}`,
  message,
  ...(values ? { values } : {}),
});

/** An organisation reference (id, or a unique name) → id; `pending` maps names of organisations the batch creates. */
function resolveOrg(index: ResolutionIndex, ref: string, pending: Map<string, string>): { id: string } | { error: string } {
  const r = ref.trim();
  if (index.orgs.has(r)) return { id: r };
  const key = nameKey(r);
  const created = pending.get(key);
  if (created) return { id: created };
  const found = index.byName.get(key) ?? [];
  if (found.length === 1) return { id: found[0]!.id };
  if (found.length > 1) {
    const kommun = found.filter((o) => o.kind === 'kommun');
    if (kommun.length === 1) return { id: kommun[0]!.id };
    return { error: `'${r}' names several organisations (${found.map((o) => o.id).join(', ')}); give the id` };
  }
  return { error: `unknown organisation '${r}' (give an id from /api/organisations or an exact name)` };
}

export interface ResolvedApplications {
  applications: (ApplicationFields & { line?: number | undefined })[];
  create: OrganisationToCreate[];
  problems: ErrorDetail[];
}

/**
 * Resolves a batch of application drafts (a file, or one API body) against the World. Problems
 * are collected, not thrown: the caller refuses the whole batch when there is any.
 * `otherOrgIds` are organisations already in the round in the other role (mentors), and
 * `existingIds` applicants already stored that this batch does not replace (for duplicates).
 */
export function resolveApplications(
  index: ResolutionIndex,
  drafts: readonly ApplicationDraft[],
  options: { file?: string | undefined; prefix?: (i: number) => string; mentorIds?: ReadonlySet<string> } = {},
): ResolvedApplications {
  const problems: ErrorDetail[] = [];
  const create: OrganisationToCreate[] = [];
  const pending = new Map<string, string>();
  const where = (d: ApplicationDraft, i: number): Where => ({ file: options.file, line: d.line, prefix: options.prefix?.(i) ?? '' });

  // First pass: organisations, so that wishes may name an organisation another row creates.
  const orgIds: (string | null)[] = drafts.map((d, i) => {
    const w = where(d, i);
    if ('ref' in d.organisation) {
      const r = resolveOrg(index, d.organisation.ref, pending);
      if ('error' in r) {
        problems.push(detail(w, 'organisation', r.error, [d.organisation.ref]));
        return null;
      }
      return r.id;
    }
    const { name, county } = d.organisation.create;
    const kind = KIND_ALIASES[fold(d.organisation.create.kind)] ?? fold(d.organisation.create.kind);
    let bad = false;
    if (!name.trim()) {
      problems.push(detail(w, 'organisation.name', 'the name of a new organisation is empty'));
      bad = true;
    }
    if (!KIND.test(kind)) {
      problems.push(detail(w, 'organisation.kind', `kind '${kind}' must be one lower-case word (kommun, region, stadsdel, forbund, forvaltning, or another)`));
      bad = true;
    }
    let countyCode: string | null = null;
    if (county !== null && county.trim() !== '') {
      const c = county.trim();
      countyCode = index.counties.get(/^[0-9]$/.test(c) ? `0${c}` : c) ?? index.counties.get(nameKey(c)) ?? null;
      if (!countyCode) {
        problems.push(detail(w, 'organisation.county', `unknown county '${c}' (a 2-digit länskod or a county name)`, [c]));
        bad = true;
      }
    }
    if (bad) return null;
    // The same organisation already in the record (same name and kind): use it, do not duplicate.
    const existing = (index.byName.get(nameKey(name)) ?? []).find((o) => o.kind === kind);
    if (existing) return existing.id;
    const key = nameKey(name);
    const already = pending.get(key);
    if (already) return already;
    let id = newOrganisationId(name, kind);
    for (let n = 2; index.orgs.has(id) || create.some((c) => c.id === id); n++) id = `${newOrganisationId(name, kind).slice(0, 60)}-${n}`;
    pending.set(key, id);
    create.push({ id, name: name.trim(), kind, countyCode });
    return id;
  });

  const applications: ResolvedApplications['applications'] = [];
  const firstOf = new Map<string, number>();
  drafts.forEach((d, i) => {
    const w = where(d, i);
    const orgId = orgIds[i];
    if (orgId) {
      const first = firstOf.get(orgId);
      if (first !== undefined) problems.push(detail(w, 'organisation', `'${orgId}' applies twice (first ${drafts[first]!.line ? `on line ${drafts[first]!.line}` : `as item ${first}`})`, [orgId]));
      else firstOf.set(orgId, i);
      if (options.mentorIds?.has(orgId)) problems.push(detail(w, 'organisation', `'${orgId}' has offered to mentor in this round; it cannot also apply`, [orgId]));
    }
    const focus: string[] = [];
    for (const f of d.focus) {
      const id = index.focus.get(fold(f));
      if (!id) problems.push(detail(w, 'focus', `unknown focus area '${f}' (ids or labels of /api/focus-areas)`, [f]));
      else if (!focus.includes(id)) focus.push(id);
    }
    const delegation: string[] = [];
    for (const r of d.delegation) {
      const k = fold(r);
      const role = (DELEGATION_ROLES as readonly string[]).includes(k) ? k : (ROLE_ALIASES[k] ?? null);
      if (!role) problems.push(detail(w, 'delegation', `unknown role '${r}'; roles only, no names (${DELEGATION_ROLES.join(', ')})`, [r]));
      else if (!delegation.includes(role)) delegation.push(role);
    }
    const wishes = (refs: string[], field: string): string[] => {
      const out: string[] = [];
      for (const ref of refs) {
        const r = resolveOrg(index, ref, pending);
        if ('error' in r) problems.push(detail(w, field, r.error, [ref]));
        else if (r.id === orgId) problems.push(detail(w, field, 'an applicant cannot name itself', [ref]));
        else if (!out.includes(r.id)) out.push(r.id);
      }
      return out;
    };
    const wishWith = wishes(d.wishWith, 'wishWith');
    const notWith = wishes(d.notWith, 'notWith');
    const both = wishWith.filter((x) => notWith.includes(x));
    if (both.length) problems.push(detail(w, 'notWith', `named both "gärna med" and "inte med": ${both.join(', ')}`, both));
    if (orgId) applications.push({ line: d.line, orgId, focus, delegation, wishWith, notWith, genderDecision: d.genderDecision, note: d.note });
  });
  return { applications, create, problems };
}

export interface ResolvedOffers {
  offers: (MentorOfferFields & { line?: number | undefined })[];
  problems: ErrorDetail[];
}

/** Resolves mentor offers: existing organisations that took part in an earlier round, capacity bounded. */
export function resolveMentorOffers(
  index: ResolutionIndex,
  drafts: readonly MentorOfferDraft[],
  options: { file?: string | undefined; prefix?: (i: number) => string; applicantIds?: ReadonlySet<string> } = {},
): ResolvedOffers {
  const problems: ErrorDetail[] = [];
  const offers: ResolvedOffers['offers'] = [];
  const firstOf = new Map<string, number>();
  drafts.forEach((d, i) => {
    const w: Where = { file: options.file, line: d.line, prefix: options.prefix?.(i) ?? '' };
    const r = resolveOrg(index, d.organisation, new Map());
    if (!Number.isInteger(d.capacity) || d.capacity < 1 || d.capacity > MAX_MENTOR_CAPACITY)
      problems.push(detail(w, 'capacity', `capacity must be a whole number from 1 to ${MAX_MENTOR_CAPACITY} (groups this mentor takes)`, [d.capacity]));
    if ('error' in r) {
      problems.push(detail(w, 'organisation', r.error, [d.organisation]));
      return;
    }
    if (!index.earlierParticipants.has(r.id))
      problems.push(detail(w, 'organisation', `'${r.id}' has not taken part in an earlier round of the programme, so it cannot mentor`, [r.id]));
    if (options.applicantIds?.has(r.id)) problems.push(detail(w, 'organisation', `'${r.id}' applies to this round; it cannot also mentor in it`, [r.id]));
    const first = firstOf.get(r.id);
    if (first !== undefined) problems.push(detail(w, 'organisation', `'${r.id}' offers twice (first ${drafts[first]!.line ? `on line ${drafts[first]!.line}` : `as item ${first}`})`, [r.id]));
    else firstOf.set(r.id, i);
    offers.push({ line: d.line, orgId: r.id, capacity: d.capacity, note: d.note });
  });
  return { offers, problems };
}

/** Problems of a batch sorted by line, then field, for a stable report. */
export const sortProblems = (ps: ErrorDetail[]): ErrorDetail[] =>
  [...ps].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.field ?? '').localeCompare(b.field ?? ''));
