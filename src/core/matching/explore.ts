/**
 * Exploring around a proposal: the k best distinct proposals, "what if" a pairing were forced or
 * forbidden (the objective change and the groups that change), and sensitivity of the groups to
 * each weight moved by ±25 %. Every variant is solved with the same solver and limits as the base,
 * so differences come from the change alone.
 */
import { AppError } from '../errors.js';
import type { World } from '../model.js';
import type { CriterionId } from '../scoring/types.js';
import { CRITERIA } from '../scoring/types.js';
import type { InstanceInput } from './instance.js';
import type { Proposal, ProposeOptions } from './proposal.js';
import { buildProposal, prepare, proposeRound, solvePrepared } from './proposal.js';

export interface AlternativesResult {
  /** Best first; alternatives[0] is the proposal itself. */
  alternatives: { rank: number; objective: number; delta: number; changedGroups: GroupChange; proposal: Proposal }[];
  /** True when the search finished, so these are the k best proposals. */
  proven: boolean;
}

export interface GroupChange {
  /** Groups (member ids, then "mentor:<id>" or "no mentor") in the base but not in the variant. */
  removed: string[][];
  added: string[][];
}

const groupKey = (g: Proposal['groups'][number]): string[] => [...g.members.map((m) => m.id).sort(), g.mentor ? `mentor:${g.mentor.id}` : 'no mentor'];

export function compareGroups(base: Proposal, variant: Proposal): GroupChange {
  const a = base.groups.map(groupKey);
  const b = variant.groups.map(groupKey);
  const sa = new Set(a.map((x) => x.join(',')));
  const sb = new Set(b.map((x) => x.join(',')));
  return { removed: a.filter((x) => !sb.has(x.join(','))), added: b.filter((x) => !sa.has(x.join(','))) };
}

/** The k best distinct proposals (distinct = some group or mentor differs). */
export function listAlternatives(world: World, input: InstanceInput, k = 3, options: ProposeOptions = {}): AlternativesResult {
  const prep = prepare(world, input);
  const res = solvePrepared(prep, { ...options, k });
  const proposals = res.solutions.map((s, idx) =>
    buildProposal(
      prep,
      s,
      {
        optimality:
          idx === 0 ? res.optimality : res.optimality.status === 'proven-optimal' ? { status: 'proven-optimal', bound: s.objective, gap: 0 } : res.optimality,
        solver: { method: res.method, nodes: res.nodes, greedyObjective: res.greedyObjective, heuristicObjective: res.heuristicObjective },
      },
      idx === 0 ? options.listScores ?? 'all' : 'none',
    ),
  );
  const base = proposals[0]!;
  return {
    alternatives: proposals.map((p, idx) => ({
      rank: idx + 1,
      objective: p.objective,
      delta: Math.round((p.objective - base.objective) * 1e6) / 1e6,
      changedGroups: compareGroups(base, p),
      proposal: p,
    })),
    proven: res.optimality.status === 'proven-optimal',
  };
}

export type WhatIf = { force: [string, string] } | { forbid: [string, string] };

export interface WhatIfResult {
  change: WhatIf;
  baseObjective: number;
  /** null when the change makes the instance infeasible. */
  objective: number | null;
  /** objective − baseObjective (≤ 0 when both are proven optimal). */
  delta: number | null;
  changedGroups: GroupChange;
  infeasible: string | null;
  proposal: Proposal | null;
}

/** "What if A and B were grouped (or kept apart)?": re-solves with the pairing pinned or forbidden. */
export function evaluateWhatIf(world: World, input: InstanceInput, change: WhatIf, options: ProposeOptions = {}): WhatIfResult {
  const base = proposeRound(world, input, { ...options, listScores: 'none' });
  const rules = { ...(input.rules ?? {}) };
  const mentorIds = new Set(base.mentors.map((m) => m.id));
  if ('force' in change) {
    const [a, b] = change.force;
    if (mentorIds.has(a) || mentorIds.has(b)) {
      const [m, app] = mentorIds.has(a) ? [a, b] : [b, a];
      rules.pinMentor = [...(rules.pinMentor ?? []), [m, app]];
    } else rules.pin = [...(rules.pin ?? []), [a, b]];
  } else {
    rules.forbid = [...(rules.forbid ?? []), change.forbid];
  }
  try {
    const variant = proposeRound(world, { ...input, mentors: input.mentors ?? base.mentors.map((m) => ({ id: m.id, capacity: m.capacity })), rules }, options);
    return {
      change,
      baseObjective: base.objective,
      objective: variant.objective,
      delta: Math.round((variant.objective - base.objective) * 1e6) / 1e6,
      changedGroups: compareGroups(base, variant),
      infeasible: null,
      proposal: variant,
    };
  } catch (e) {
    if (e instanceof AppError && e.code === 'infeasible')
      return { change, baseObjective: base.objective, objective: null, delta: null, changedGroups: { removed: [], added: [] }, infeasible: e.message, proposal: null };
    throw e;
  }
}

export interface SensitivityResult {
  baseObjective: number;
  entries: { criterion: CriterionId; factor: number; weight: number; objective: number; changed: boolean; changedGroups: GroupChange }[];
  /** Criteria whose ±25 % move changes no group. */
  stable: CriterionId[];
}

/** Which groups change when one weight moves by ±25 % (each criterion with a positive weight). */
export function analyseSensitivity(world: World, input: InstanceInput, options: ProposeOptions & { factors?: number[] } = {}): SensitivityResult {
  const base = proposeRound(world, input, { ...options, listScores: 'none' });
  const factors = options.factors ?? [0.75, 1.25];
  const entries: SensitivityResult['entries'] = [];
  for (const c of CRITERIA) {
    const w0 = base.weights[c];
    if (w0 <= 0) continue;
    for (const f of factors) {
      const weights = { ...base.weights, [c]: w0 * f };
      const v = proposeRound(world, { ...input, weights }, { ...options, listScores: 'none' });
      const ch = compareGroups(base, v);
      entries.push({ criterion: c, factor: f, weight: w0 * f, objective: v.objective, changed: ch.removed.length > 0 || ch.added.length > 0, changedGroups: ch });
    }
  }
  const stable = CRITERIA.filter((c) => base.weights[c] > 0 && entries.filter((e) => e.criterion === c).every((e) => !e.changed));
  return { baseObjective: base.objective, entries, stable };
}
