/** Spread statistics over rounds (compute-spread.ts); result shapes in types.ts. */
export { computeSpread, SPREAD_RULES } from './compute-spread.js';
export type { SpreadOptions } from './compute-spread.js';
export type * from './types.js';
