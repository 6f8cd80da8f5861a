/**
 * The proposal workflow: propose a round from an instance and store it with its input, hash, seed,
 * scores, terms, objective and optimality; read and list proposals; alternatives and what-ifs
 * recomputed from the stored input (the core is deterministic for input and seed); accept one,
 * which writes the round in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../core/errors.js';
import type { NewProposal, ProposalSummary, Round, RoundRecord, StoredProposal, World } from '../core/model.js';
import type { InstanceInput } from '../core/matching/instance.js';
import { defaultMentorIds, type Proposal, type SearchProgress, type WhatIf } from '../core/matching/index.js';
import { compareRounds } from '../core/model.js';
import { buildRoundFromProposal, checkAcceptance, type AcceptOptions } from '../core/record/round-from-proposal.js';
import { checkStartAfterPrevious } from '../core/record/round-lifecycle.js';
import { selectTakenPlace } from '../core/record/taken-place.js';
import { hashInstance } from './instance-schema.js';
import { memoizerOn } from './per-world-memo.js';
import type { WorldSource } from './world-source.js';
import type { Solver } from './solver.js';
import { createAnalysisCache, type AnalysisStore } from './analysis-cache.js';

/** What the workflow needs from storage. */
export interface ProposalStore {
  insert(p: NewProposal): Promise<StoredProposal>;
  get(id: string): Promise<StoredProposal | null>;
  /** One page, oldest first, and how many match in all. */
  list(filter: { roundLabel?: string | undefined; programme?: string | undefined }, page: { limit: number; offset: number }): Promise<{ total: number; items: ProposalSummary[] }>;
  accept(id: string, record: RoundRecord, options: { replace?: boolean | undefined; preparingRound?: string | undefined }): Promise<{ round: Round; created: boolean }>;
}

export interface ProposalView {
  id: string;
  programme: string;
  round: string;
  inputHash: string;
  seed: number | null;
  objective: number | null;
  optimality: string | null;
  createdAt: string;
  acceptedRoundId: string | null;
  input: InstanceInput;
  result: Proposal;
}

/**
 * Up to this many applicants a stored proposal lists every admissible pair and mentor–applicant
 * score with its breakdown (about 1 MB at 40). Beyond it the lists would run to tens of megabytes
 * (290 applicants: 41 905 pairs); the groups still list every term of the objective.
 */
export const FULL_SCORE_LIST_MAX_APPLICANTS = 40;

/** Label stored for an instance that names no round; such a proposal cannot be accepted. */
export const UNNAMED_ROUND = '(unnamed)';

const toSummaryView = (p: ProposalSummary): Omit<ProposalView, 'input' | 'result'> => ({
  id: p.id,
  programme: p.programmeId,
  round: p.roundLabel,
  inputHash: p.inputHash,
  seed: p.seed,
  objective: p.objective,
  optimality: p.optimality,
  createdAt: p.createdAt,
  acceptedRoundId: p.acceptedRoundId,
});

const toView = (p: StoredProposal): ProposalView => ({ ...toSummaryView(p), input: p.input as InstanceInput, result: p.result as Proposal });

export interface ProposalDeps {
  worlds: WorldSource;
  store: ProposalStore;
  /**
   * Wall-clock limit of each exact search. Instances up to 24 applicants and 10 mentors finish far
   * below it (deterministically); larger ones may stop at it and report the gap to their bound.
   */
  timeLimitMs?: number | undefined;
  /** Runs the solves off the request thread (the worker pool). */
  solver: Solver;
  /** Stored analyses (alternatives, sensitivity, what-if) per proposal, record version and arguments. */
  analyses: AnalysisStore;
}

/** How a caller follows and controls a proposal's search (the streaming route). */
export interface ProposeRunOptions {
  /** The client went away: the search is cancelled and nothing is stored. */
  signal?: AbortSignal | undefined;
  onProgress?: ((p: SearchProgress) => void) | undefined;
}

export function createProposalService(deps: ProposalDeps) {
  const limits = deps.timeLimitMs === undefined ? {} : { timeLimitMs: deps.timeLimitMs };
  /** The record as the matching sees it: only rounds that have taken place count (history, default mentors). */
  const takenPlace = async () => selectTakenPlace(await deps.worlds.getWorld());
  const load = async (id: string) => {
    const p = await deps.store.get(id);
    if (!p) throw notFound('proposal', id);
    // Rows written before nothing non-finite could be stored may hold null where a number was.
    if (p.objective === null || typeof (p.result as { objective?: unknown } | null)?.objective !== 'number') {
      throw new AppError('conflict', `Proposal '${id}' was stored without a finite objective by an earlier version and cannot be used; propose again.`, [
        { field: 'id', message: 'stored proposal is damaged', values: [id] },
      ]);
    }
    return toView(p);
  };

  /** Searches running now, by run id, so that a client can stop one and keep its best so far. */
  const runs = new Map<string, { stop(): void }>();
  const memoizeOnRecord = memoizerOn(() => deps.worlds.getWorld());
  const cache = createAnalysisCache({ store: deps.analyses, solver: deps.solver, worlds: deps.worlds, load, limits, solveWorld: selectTakenPlace });

  /**
   * Starts a proposal's search on the pool and stores the proposal when it ends. Throws at once
   * (AppError busy) when the pool's queue is full; `done` settles with the stored proposal.
   */
  const begin = async (input: InstanceInput, run: ProposeRunOptions = {}): Promise<{ runId: string; done: Promise<ProposalView> }> => {
    // Only what has taken place counts (history criteria, default mentors).
    const world = await takenPlace();
    const job = deps.solver.start(
      'propose',
      world,
      {
        input,
        limits: {
          ...limits,
          listScores: input.applicants.length <= FULL_SCORE_LIST_MAX_APPLICANTS ? 'all' : 'none',
          // A single proposal above the exact range gets the same time for search and bound.
          largeSearchMs: deps.timeLimitMs ?? 0,
        },
      },
      { signal: run.signal, onProgress: run.onProgress },
    );
    const runId = randomUUID();
    runs.set(runId, job);
    const done = job.result
      .finally(() => runs.delete(runId))
      .then(async (result: Proposal) => {
        const stored = await deps.store.insert({
          programmeId: result.programme,
          roundLabel: result.round ?? UNNAMED_ROUND,
          input,
          inputHash: hashInstance(input),
          seed: result.seed,
          result,
          objective: result.objective,
          optimality: result.optimality.status,
        });
        return toView(stored);
      });
    return { runId, done };
  };

  return {
    begin,

    async create(input: InstanceInput, run: ProposeRunOptions = {}): Promise<ProposalView> {
      return (await begin(input, run)).done;
    },

    /** Stops a running proposal search; it is then stored with its best so far (heuristic, with its gap). */
    stopRun(runId: string): { runId: string; stopping: true } {
      const job = runs.get(runId);
      if (!job) throw notFound('proposal run', runId);
      job.stop();
      return { runId, stopping: true };
    },

    get: load,

    /** A page of stored proposals without their inputs and results. */
    async list(filter: { round?: string | undefined; programme?: string | undefined }, page: { limit: number; offset: number }) {
      const { total, items } = await deps.store.list({ roundLabel: filter.round, programme: filter.programme }, page);
      return { total, items: items.map(toSummaryView) };
    },

    /**
     * The mentors a proposal uses when its instance lists none: earlier participants of the
     * programme that did not mentor in its latest round, each with the round it took part in.
     */
    // Computed once per record and programme (see per-world-memo.ts), on what has taken place.
    suggestMentors: memoizeOnRecord((record: World, programme: string) => {
      const world = selectTakenPlace(record);
      if (!world.programmes.some((p) => p.id === programme)) throw notFound('programme', programme);
      const rounds = new Map(world.rounds.map((r) => [r.id, r]));
      return defaultMentorIds(world, programme).map((id) => {
        const org = world.organisations.find((o) => o.id === id)!;
        const took = world.participations
          .filter((p) => p.orgId === id && p.role === 'participant' && rounds.get(p.roundId)?.programmeId === programme)
          .map((p) => rounds.get(p.roundId)!)
          .sort(compareRounds);
        const last = took[took.length - 1];
        return {
          organisation: { id, name: org.name, kind: org.kind, countyCode: org.countyCode },
          lastParticipation: last ? { roundId: last.id, roundLabel: last.label } : null,
          capacity: 1,
        };
      });
    }),

    /** The k best distinct proposals for the stored instance, on the current record (stored once computed). */
    alternatives: (id: string, k: number, signal?: AbortSignal) => cache.alternatives(id, k, signal),

    whatIf: (id: string, change: WhatIf, signal?: AbortSignal) => cache.whatIf(id, change, signal),

    sensitivity: (id: string, signal?: AbortSignal) => cache.sensitivity(id, signal),

    /**
     * Accepts the proposal as a planned round starting in `options.start`. Refused (422) when the
     * proposal has no group, or leaves applicants unplaced or groups unmentored without the
     * matching acknowledgement; a start before the programme's previous round started is a 400.
     * Repeating an accept returns the round already written (`created: false`).
     */
    async accept(id: string, options: AcceptOptions): Promise<{ round: Round; created: boolean; proposalId: string }> {
      const proposal = await load(id);
      const label = options.label ?? (proposal.round === UNNAMED_ROUND ? undefined : proposal.round);
      if (label === undefined) {
        throw new AppError('invalid_input', 'This proposal’s instance names no round; give the round a "label" to accept it.', [
          { field: 'label', message: 'required to accept' },
        ]);
      }
      const acceptance = { ...options, label };
      if (!proposal.acceptedRoundId) {
        checkAcceptance(proposal.result, acceptance);
        const world = await takenPlace();
        checkStartAfterPrevious(world.rounds, proposal.programme, options.round ?? null, options.start);
      }
      const record = buildRoundFromProposal(id, proposal.result, acceptance);
      const { round, created } = await deps.store.accept(id, record, { replace: options.replace, preparingRound: options.round });
      return { round, created, proposalId: id };
    },
  };
}

export type ProposalService = ReturnType<typeof createProposalService>;
