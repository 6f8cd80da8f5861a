/**
 * The heavy computations as named jobs: each takes the World, plain (structured-cloneable)
 * arguments and a search control, and returns a plain result (or a promise of one). The same table
 * runs inside the worker pool (src/workers) and in process (the CLI, tests), so both give the same
 * answers. Reading an uploaded file and writing a workbook are among them: exceljs parses a
 * 400 KB workbook in one synchronous stretch of about 200 ms, which would hold every other request.
 *
 * Rollout plans go through `planRolloutJob`: the one call site of the rollout planner.
 */
import type { SearchControl } from '../core/matching/index.js';
import { analyseSensitivity, evaluateWhatIf, listAlternatives, proposeRound } from '../core/matching/index.js';
import type { AlternativesResult, InstanceInput, Proposal, ProposeOptions, SensitivityResult, WhatIf, WhatIfResult } from '../core/matching/index.js';
import type { World } from '../core/model.js';
import { planRollout, type RolloutInput, type RolloutPlan } from '../core/rollout/index.js';
import type { ApplicationDraft, MentorOfferDraft } from '../core/applications.js';
import { readApplicationsFile, readMentorOffersFile, type ReadFileOptions } from './applications-file.js';
import type { Table } from '../core/export/table.js';
import { writeXlsx } from './export/xlsx-writer.js';

/** Solver limits that travel with a job (no functions: they cross a thread boundary). */
export type JobLimits = Pick<ProposeOptions, 'timeLimitMs' | 'maxNodes' | 'listScores' | 'largeSearchMs' | 'exactMaxApplicants'>;

export interface JobArgs {
  propose: { input: InstanceInput; limits: JobLimits };
  alternatives: { input: InstanceInput; k: number; limits: JobLimits };
  whatIf: { input: InstanceInput; change: WhatIf; limits: JobLimits };
  sensitivity: { input: InstanceInput; limits: JobLimits };
  rollout: RolloutInput;
  readApplications: { bytes: Uint8Array; options: ReadFileOptions };
  readMentorOffers: { bytes: Uint8Array; options: ReadFileOptions };
  workbook: { tables: Table[] };
}

export interface JobResults {
  propose: Proposal;
  alternatives: AlternativesResult;
  whatIf: WhatIfResult;
  sensitivity: SensitivityResult;
  rollout: RolloutPlan;
  readApplications: ApplicationDraft[];
  readMentorOffers: MentorOfferDraft[];
  workbook: Uint8Array;
}

export type JobKind = keyof JobArgs;

/** The rollout planner behind the API: point this at another planner to swap it everywhere. */
export function planRolloutJob(world: World, args: JobArgs['rollout'], _control: SearchControl): RolloutPlan {
  return planRollout(world, args);
}

type Job<K extends JobKind> = (world: World, args: JobArgs[K], control: SearchControl) => JobResults[K] | Promise<JobResults[K]>;

const JOBS: { [K in JobKind]: Job<K> } = {
  propose: (world, a, control) => proposeRound(world, a.input, { ...a.limits, control }),
  alternatives: (world, a, control) => listAlternatives(world, a.input, a.k, { ...a.limits, control }),
  whatIf: (world, a, control) => evaluateWhatIf(world, a.input, a.change, { ...a.limits, control }),
  sensitivity: (world, a, control) => analyseSensitivity(world, a.input, { ...a.limits, control }),
  rollout: planRolloutJob,
  readApplications: (_world, a) => readApplicationsFile(a.bytes, a.options),
  readMentorOffers: (_world, a) => readMentorOffersFile(a.bytes, a.options),
  workbook: (_world, a) => writeXlsx(a.tables),
};

export function runJob<K extends JobKind>(kind: K, world: World, args: JobArgs[K], control: SearchControl): JobResults[K] | Promise<JobResults[K]> {
  const job = JOBS[kind] as Job<K>;
  return job(world, args, control);
}

export const isJobKind = (k: unknown): k is JobKind => typeof k === 'string' && Object.prototype.hasOwnProperty.call(JOBS, k);
