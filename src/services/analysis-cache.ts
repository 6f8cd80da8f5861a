/**
 * Analyses of a stored proposal (alternatives, sensitivity, what-if) computed once per (proposal,
 * record version, arguments) on the solver pool and then served from storage. The record version is
 * the fingerprint of the World they were computed on (world-snapshot.ts): when the record changes,
 * the next request computes afresh and stores the new answer beside the old.
 *
 * Responses stay bounded: alternatives and what-if variants carry no score lists (the stored
 * proposal lists them), k is at most ALTERNATIVES_MAX_K, and each response says what it left out.
 */
import type { AlternativesResult, SensitivityResult, WhatIf, WhatIfResult } from '../core/matching/index.js';
import type { InstanceInput } from '../core/matching/instance.js';
import { invalidInput } from '../core/errors.js';
import type { JobLimits } from './solve-jobs.js';
import type { SolveJob, Solver } from './solver.js';
import type { WorldSource } from './world-source.js';

export type AnalysisKind = 'alternatives' | 'sensitivity' | 'what-if';

export interface AnalysisKey {
  proposalId: string;
  kind: AnalysisKind;
  /** Canonical JSON of the arguments. */
  argsKey: string;
  recordVersion: string;
}

export interface StoredAnalysis {
  result: unknown;
  computedAt: string;
}

/** What the cache needs from storage. `put` keeps the first answer when two race. */
export interface AnalysisStore {
  get(key: AnalysisKey): Promise<StoredAnalysis | null>;
  put(key: AnalysisKey, result: unknown): Promise<StoredAnalysis>;
}

export const ALTERNATIVES_MAX_K = 10;

export interface AnalysisMeta {
  recordVersion: string;
  computedAt: string;
  /** 'stored': read from storage; 'computed': computed for this request (and stored). */
  served: 'stored' | 'computed';
  /** What the response leaves out to stay small, in words. */
  trimmed: string[];
}

const SCORES_TRIMMED = 'scores: the pair and mentor score lists of each variant are omitted (the stored proposal lists them)';

type World = Awaited<ReturnType<WorldSource['getWorld']>>;

interface Deps {
  store: AnalysisStore;
  solver: Solver;
  /** The whole record: its fingerprint is the record version of the cache key. */
  worlds: WorldSource;
  /**
   * The World the solves see, made from the whole record (default: the record itself). Keyed on
   * the whole record, so a change anywhere in it (a planned round, say) recomputes: conservative.
   */
  solveWorld?: (record: World) => World;
  load(id: string): Promise<{ input: InstanceInput }>;
  limits: JobLimits;
}

/** The exact search's range for the variants of an analysis. */
export const ANALYSIS_EXACT_MAX_APPLICANTS = 60;

export function createAnalysisCache(deps: Deps) {
  // Analyses solve many variants (sensitivity: eleven): above 60 applicants each variant takes the
  // heuristic, as before the exact search reached 120, so that an analysis stays within its job limit.
  const limits: JobLimits = { ...deps.limits, listScores: 'none', exactMaxApplicants: ANALYSIS_EXACT_MAX_APPLICANTS };

  async function serve<T extends object>(
    proposalId: string,
    kind: AnalysisKind,
    args: unknown,
    trimmed: string[],
    start: (input: InstanceInput, world: World) => SolveJob<T>,
  ): Promise<T & { proposalId: string; analysis: AnalysisMeta }> {
    const proposal = await deps.load(proposalId);
    const record = await deps.worlds.getWorld();
    const key: AnalysisKey = { proposalId, kind, argsKey: JSON.stringify(args), recordVersion: deps.solver.recordVersion(record) };
    const hit = await deps.store.get(key);
    if (hit) return { proposalId, ...(hit.result as T), analysis: { recordVersion: key.recordVersion, computedAt: hit.computedAt, served: 'stored', trimmed } };
    const job = start(proposal.input, deps.solveWorld ? deps.solveWorld(record) : record);
    const result = await job.result;
    if (job.timedOut()) {
      // A best-so-far answer is shown, not stored: the next request may have the time to finish.
      const note = 'stopped at the job time limit (SOLVER_JOB_TIME_LIMIT_MS): the searches answered with their best so far; not stored';
      return { proposalId, ...result, analysis: { recordVersion: key.recordVersion, computedAt: new Date().toISOString(), served: 'computed', trimmed: [...trimmed, note] } };
    }
    const saved = await deps.store.put(key, result);
    return { proposalId, ...(saved.result as T), analysis: { recordVersion: key.recordVersion, computedAt: saved.computedAt, served: 'computed', trimmed } };
  }

  return {
    alternatives(id: string, k: number, signal?: AbortSignal) {
      if (!Number.isInteger(k) || k < 1 || k > ALTERNATIVES_MAX_K)
        throw invalidInput(`k must be an integer from 1 to ${ALTERNATIVES_MAX_K}.`, [{ field: 'k', message: `1 ≤ k ≤ ${ALTERNATIVES_MAX_K}`, values: [k] }]);
      return serve<AlternativesResult>(id, 'alternatives', { k }, [SCORES_TRIMMED], (input, world) => deps.solver.start('alternatives', world, { input, k, limits }, { signal }));
    },
    whatIf(id: string, change: WhatIf, signal?: AbortSignal) {
      return serve<WhatIfResult>(id, 'what-if', change, [SCORES_TRIMMED], (input, world) => deps.solver.start('whatIf', world, { input, change, limits }, { signal }));
    },
    sensitivity(id: string, signal?: AbortSignal) {
      return serve<SensitivityResult>(id, 'sensitivity', {}, [], (input, world) => deps.solver.start('sensitivity', world, { input, limits }, { signal }));
    },
  };
}
