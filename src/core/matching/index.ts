/** Public API of the matching core: proposals, alternatives, what-ifs and sensitivity. */
export { proposeRound, prepare, buildProposal, PROPOSAL_FORMAT, OBJECTIVE_TEXT } from './proposal.js';
export type { Proposal, ProposalGroup, ProposeOptions, Term, ScoreEntry, OrgRef, Prepared } from './proposal.js';
export { normaliseInstance, defaultMentorIds, DEFAULT_PENALTIES, DEFAULT_RULES } from './instance.js';
export type { InstanceInput, NormalisedInstance, Rules, Penalties, CountyRule, KindRule } from './instance.js';
export type { Optimality, SolveOptions } from './solve.js';
export { listAlternatives, evaluateWhatIf, analyseSensitivity } from './explore.js';
export type { WhatIf, WhatIfResult, SensitivityResult, AlternativesResult } from './explore.js';
export type { SearchControl, SearchProgress } from './control.js';
