/** Repositories for the read API and the proposal workflow. */
export * from './organisations.js';
export * from './proposals.js';
export * from './health.js';
export * from './rounds.js';
export * from './analyses.js';
export * from './tokens.js';
