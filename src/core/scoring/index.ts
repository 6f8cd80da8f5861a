/** Public API of the scoring criteria (see types.ts for defaults and why). */
export * from './types.js';
export * from './criteria.js';
export * from './context.js';
export * from './pair-score.js';
