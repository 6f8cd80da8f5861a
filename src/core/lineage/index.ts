/** Lineage analytics: one organisation's mentor chains (trace.ts) and the whole forest (forest.ts). */
export { traceLineage, MAX_CHAINS, MAX_TREE_NODES } from './trace.js';
export type { LineageChain, LineageNode, LineageOptions, LineageTrace } from './trace.js';
export { buildLineageForest, MAX_FOREST_NODES } from './forest.js';
export type { ForestNode, ForestOptions, LineageForest, RootReason } from './forest.js';
export { computeGenerations, findLongestChains, findRoots, GENERATION_ROLES } from './generations.js';
export type { LinkRef, OrgRef, RoundRef, SourceRef } from './world-index.js';
