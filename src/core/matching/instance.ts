/**
 * The proposal instance: what a project lead states for a round (applicants, mentors, weights,
 * penalties, rules, seed) and its normalised form with every default filled in and every id
 * checked against the World. Invariants of a NormalisedInstance: applicant ids are unique and
 * known; mentor ids are unique, known and disjoint from applicants; weights are finite and ≥ 0 with
 * a positive sum; 2 ≤ groupSize[0] ≤ groupSize[1] ≤ 4; no pin contradicts a forbid.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Organisation, World } from '../model.js';
import { compareRounds } from '../model.js';
import { selectTakenPlace } from '../record/taken-place.js';
import type { Party } from '../scoring/criteria.js';
import type { CriterionId, Weights } from '../scoring/types.js';
import { CRITERIA, DEFAULT_WEIGHTS } from '../scoring/types.js';

export type CountyRule = 'any' | 'same' | 'different';
/** 'any': kinds may mix; 'same': only one kind per group; a list: these kind pairs may share a group (same kind always may). */
export type KindRule = 'any' | 'same' | [string, string][];

export interface Rules {
  groupSize: [number, number];
  county: CountyRule;
  mentorRequired: boolean;
  noRepeatGroupings: boolean;
  /** Applicant pairs that must share a group. */
  pin: [string, string][];
  /** [mentor, applicant]: the applicant's group must have this mentor. */
  pinMentor: [string, string][];
  /** Pairs (applicant–applicant or mentor–applicant) that must not meet. */
  forbid: [string, string][];
  kinds: KindRule;
  /** Attach mentors with spare capacity to mentored groups as supporting mentors (no objective term). */
  supportingMentors: boolean;
}

export interface Penalties {
  /** Subtracted once per group without a mentor. */
  unmentoredGroup: number;
  /** Subtracted once per applicant left unplaced. */
  unplacedApplicant: number;
}

/** The instance as a user writes it (the zod schema in src/services/instance-schema.ts parses JSON into this). */
export interface InstanceInput {
  programme?: string;
  round?: string | null;
  /** `wishWith`: "gärna med", organisations (applicants or mentors) the applicant wishes to be grouped with. */
  applicants: { id: string; focus?: string[]; delegation?: string[]; wishWith?: string[] }[];
  mentors?: { id: string; capacity?: number; focus?: string[] }[] | null;
  weights?: Partial<Record<CriterionId, number>>;
  penalties?: Partial<Penalties>;
  rules?: Partial<Rules>;
  seed?: number;
  note?: string;
}

export interface MentorParty extends Party {
  capacity: number;
}

export interface NormalisedInstance {
  programme: string;
  round: string | null;
  applicants: Party[];
  mentors: MentorParty[];
  mentorSource: 'instance' | 'default';
  weights: Weights;
  penalties: Penalties;
  rules: Rules;
  seed: number;
}

/**
 * Penalties: an unplaced applicant costs 3, more than the most it can add to any group (two pair
 * scores and a mentor score, each ≤ 1), so the optimum leaves nobody out unless the rules force it.
 * An unmentored group costs 1: a mentor is preferred but a group may run without one (skl-2018-call).
 */
export const DEFAULT_PENALTIES: Penalties = { unmentoredGroup: 1, unplacedApplicant: 3 };

export const DEFAULT_RULES: Rules = {
  groupSize: [2, 3],
  county: 'any',
  mentorRequired: false,
  noRepeatGroupings: true,
  pin: [],
  pinMentor: [],
  forbid: [],
  kinds: 'any',
  supportingMentors: false,
};

const invalid = (message: string, field: string, values: unknown[] = []): AppError =>
  new AppError('invalid_input', message, [{ field, message, values }]);

/**
 * Default mentors: organisations that took part as participants in an earlier completed round of
 * the programme and did not mentor (any mentor role) in its latest round; capacity 1.
 */
export function defaultMentorIds(record: World, programmeId: string, exclude: Set<string> = new Set()): string[] {
  // Only what has taken place counts: the latest round is the latest running or completed one.
  const world = selectTakenPlace(record);
  const rounds = world.rounds.filter((r) => r.programmeId === programmeId).sort(compareRounds);
  const latest = rounds[rounds.length - 1];
  const completed = new Set(rounds.filter((r) => r.state === 'completed').map((r) => r.id));
  const participated = new Set<string>();
  for (const p of world.participations) if (p.role === 'participant' && completed.has(p.roundId)) participated.add(p.orgId);
  for (const g of world.groups) if (completed.has(g.roundId)) for (const m of g.members) participated.add(m);
  const mentoredLatest = new Set<string>();
  if (latest) {
    for (const p of world.participations) if (p.roundId === latest.id && p.role !== 'participant') mentoredLatest.add(p.orgId);
    for (const l of world.mentorLinks) if (l.roundId === latest.id) mentoredLatest.add(l.mentorId);
  }
  const known = new Set(world.organisations.map((o) => o.id));
  return [...participated].filter((id) => known.has(id) && !mentoredLatest.has(id) && !exclude.has(id)).sort();
}

function checkPairs(pairs: unknown, field: string): [string, string][] {
  if (!Array.isArray(pairs)) throw invalid(`${field} must be a list of [id, id] pairs`, field);
  return pairs.map((p, i) => {
    if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string' || typeof p[1] !== 'string')
      throw invalid(`${field}[${i}] must be a pair of two ids`, `${field}[${i}]`, [p]);
    if (p[0] === p[1]) throw invalid(`${field}[${i}] pairs an id with itself`, `${field}[${i}]`, [p[0]]);
    return [p[0], p[1]] as [string, string];
  });
}

/** Fills defaults and checks ids and rules; throws AppError('invalid_input' | 'unknown_ids'). */
export function normaliseInstance(world: World, input: InstanceInput): NormalisedInstance {
  const orgs = new Map(world.organisations.map((o) => [o.id, o]));
  const programme = input.programme ?? 'modellkommuner';
  if (!world.programmes.some((p) => p.id === programme))
    throw invalid(`Unknown programme '${programme}'`, 'programme', [programme]);
  if (!Array.isArray(input.applicants) || input.applicants.length === 0)
    throw invalid('applicants must list at least one applicant', 'applicants');

  const unknown: ErrorDetail[] = [];
  const seen = new Set<string>();
  input.applicants.forEach((a, i) => {
    if (!orgs.has(a.id)) unknown.push({ field: `applicants[${i}].id`, message: 'unknown organisation', values: [a.id] });
    if (seen.has(a.id)) throw invalid(`applicant '${a.id}' is listed twice`, `applicants[${i}].id`, [a.id]);
    seen.add(a.id);
  });
  const applicantIds = new Set(input.applicants.map((a) => a.id));

  const mentorSource = input.mentors ? 'instance' : 'default';
  const mentorInputs = input.mentors ?? defaultMentorIds(world, programme, applicantIds).map((id) => ({ id }));
  const seenM = new Set<string>();
  mentorInputs.forEach((m, i) => {
    if (!orgs.has(m.id)) unknown.push({ field: `mentors[${i}].id`, message: 'unknown organisation', values: [m.id] });
    if (seenM.has(m.id)) throw invalid(`mentor '${m.id}' is listed twice`, `mentors[${i}].id`, [m.id]);
    if (applicantIds.has(m.id)) throw invalid(`'${m.id}' is both an applicant and a mentor`, `mentors[${i}].id`, [m.id]);
    const cap = (m as { capacity?: number }).capacity ?? 1;
    if (!Number.isInteger(cap) || cap < 0) throw invalid(`mentors[${i}].capacity must be a whole number ≥ 0`, `mentors[${i}].capacity`, [cap]);
    seenM.add(m.id);
  });

  const rules: Rules = { ...DEFAULT_RULES, ...(input.rules ?? {}) } as Rules;
  const gs = rules.groupSize;
  if (!Array.isArray(gs) || gs.length !== 2 || !gs.every((x) => Number.isInteger(x)) || gs[0] < 2 || gs[1] < gs[0] || gs[1] > 4)
    throw invalid('rules.groupSize must be [min, max] with 2 ≤ min ≤ max ≤ 4', 'rules.groupSize', [gs]);
  if (!['any', 'same', 'different'].includes(rules.county))
    throw invalid("rules.county must be 'any', 'same' or 'different'", 'rules.county', [rules.county]);
  rules.pin = checkPairs(rules.pin, 'rules.pin');
  rules.pinMentor = checkPairs(rules.pinMentor, 'rules.pinMentor');
  rules.forbid = checkPairs(rules.forbid, 'rules.forbid');
  if (rules.kinds !== 'any' && rules.kinds !== 'same') rules.kinds = checkPairs(rules.kinds, 'rules.kinds');

  const everyone = new Set([...applicantIds, ...seenM]);
  rules.pin.forEach(([a, b], i) => {
    for (const id of [a, b])
      if (!applicantIds.has(id)) unknown.push({ field: `rules.pin[${i}]`, message: 'not an applicant of this instance', values: [id] });
  });
  rules.pinMentor.forEach(([m, a], i) => {
    if (!seenM.has(m)) unknown.push({ field: `rules.pinMentor[${i}]`, message: 'not a mentor of this instance', values: [m] });
    if (!applicantIds.has(a)) unknown.push({ field: `rules.pinMentor[${i}]`, message: 'not an applicant of this instance', values: [a] });
  });
  rules.forbid.forEach(([a, b], i) => {
    for (const id of [a, b])
      if (!everyone.has(id)) unknown.push({ field: `rules.forbid[${i}]`, message: 'not an applicant or mentor of this instance', values: [id] });
  });
  if (unknown.length) {
    const ids = [...new Set(unknown.flatMap((u) => u.values as string[]))];
    throw new AppError('unknown_ids', `Unknown ids: ${ids.join(', ')} (${[...new Set(unknown.map((u) => u.field))].join(', ')})`, unknown);
  }
  const forbidden = new Set(rules.forbid.map(([a, b]) => (a < b ? `${a}|${b}` : `${b}|${a}`)));
  rules.pin.forEach(([a, b], i) => {
    if (forbidden.has(a < b ? `${a}|${b}` : `${b}|${a}`))
      throw invalid(`rules.pin[${i}] pins ${a} with ${b}, which rules.forbid forbids`, `rules.pin[${i}]`, [a, b]);
  });
  rules.pinMentor.forEach(([m, a], i) => {
    if (forbidden.has(m < a ? `${m}|${a}` : `${a}|${m}`))
      throw invalid(`rules.pinMentor[${i}] pins mentor ${m} to ${a}, which rules.forbid forbids`, `rules.pinMentor[${i}]`, [m, a]);
  });

  input.applicants.forEach((a, i) => {
    (a.wishWith ?? []).forEach((w, j) => {
      if (!orgs.has(w)) throw new AppError('unknown_ids', `Unknown ids: ${w} (applicants[${i}].wishWith[${j}])`, [{ field: `applicants[${i}].wishWith[${j}]`, message: 'unknown organisation', values: [w] }]);
      if (w === a.id) throw invalid(`applicants[${i}].wishWith names the applicant itself`, `applicants[${i}].wishWith[${j}]`, [w]);
    });
  });
  const anyWish = input.applicants.some((a) => (a.wishWith ?? []).length > 0);

  const weights: Weights = { ...DEFAULT_WEIGHTS };
  for (const [k, v] of Object.entries(input.weights ?? {})) {
    if (!(CRITERIA as readonly string[]).includes(k)) throw invalid(`Unknown weight '${k}' (known: ${CRITERIA.join(', ')})`, `weights.${k}`, [k]);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw invalid(`weights.${k} must be a number ≥ 0`, `weights.${k}`, [v]);
    weights[k as CriterionId] = v;
  }
  // Partner wishes act only when some are stated, so an instance without any scores as it would without the criterion.
  if (!anyWish) weights.wish = 0;
  if (CRITERIA.reduce((s, c) => s + weights[c], 0) <= 0) throw invalid('At least one weight must be positive', 'weights', [input.weights]);

  const penalties: Penalties = { ...DEFAULT_PENALTIES, ...(input.penalties ?? {}) };
  for (const [k, v] of Object.entries(penalties))
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw invalid(`penalties.${k} must be a number ≥ 0`, `penalties.${k}`, [v]);

  const party = (org: Organisation, focus?: string[], delegation?: string[], wishes?: string[]): Party => ({
    org,
    focus: focus && focus.length ? [...focus] : [...org.focus],
    delegation: delegation ? [...delegation] : null,
    ...(wishes && wishes.length ? { wishes: [...wishes] } : {}),
  });
  return {
    programme,
    round: input.round ?? null,
    applicants: input.applicants.map((a) => party(orgs.get(a.id)!, a.focus, a.delegation, a.wishWith)),
    mentors: mentorInputs.map((m) => ({ ...party(orgs.get(m.id)!, (m as { focus?: string[] }).focus), capacity: (m as { capacity?: number }).capacity ?? 1 })),
    mentorSource,
    weights,
    penalties,
    rules,
    seed: input.seed ?? 1,
  };
}
