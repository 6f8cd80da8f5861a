/**
 * When the exact search stops early, and what it reports meanwhile: the node limit (deterministic),
 * an optional deadline, an optional stop request, and progress every 16 nodes.
 *
 * Invariants: a node that stops the search records its own bound in openBound, so the result's
 * bound covers it; the deadline is read every 16 nodes only (Date.now() per node is measurable),
 * the stop request at every node (a flag, and a node of a 60-applicant search can take
 * milliseconds); the reported bound is the largest bound still open on the current path, capped
 * by the root LP dual, and never below the best solution found.
 */
import { CONTROL_NODE_MASK } from '../control.js';
import type { SearchState } from './state.js';

export const DEFAULT_MAX_NODES = 400_000;

/**
 * Whether the node just counted must stop the search (node limit, deadline, stop request or a
 * progress callback asking to stop); if so, marks the search aborted and keeps the node's bound.
 */
export function limitReached(s: SearchState, depth: number, nodeUb: number): boolean {
  if (s.nodes > s.maxNodes || (s.deadline !== undefined && (s.nodes & 15) === 0 && Date.now() > s.deadline) || controlStops(s, depth, nodeUb)) {
    s.aborted = true;
    s.openBound = Math.max(s.openBound, nodeUb);
    return true;
  }
  return false;
}

/** A stop request that came while the root's LP ran (it can take seconds on large instances). */
export function stoppedAtRoot(s: SearchState, nodeUb: number): boolean {
  if (s.stopRequested?.()) {
    s.aborted = true;
    s.openBound = Math.max(s.openBound, nodeUb);
    return true;
  }
  return false;
}

/**
 * Says whether to stop: the stop request at every node (a node of a 60-applicant search can take
 * milliseconds), the progress report every 16 nodes.
 */
function controlStops(s: SearchState, depth: number, nodeUb: number): boolean {
  const { stopRequested, tick, nodes, levelUb } = s;
  if (stopRequested !== undefined && stopRequested()) return true;
  if (tick === undefined || (nodes & CONTROL_NODE_MASK) !== 1) return false;
  let open = depth === 0 ? nodeUb : -Infinity;
  for (let d = 0; d < depth; d++) if (levelUb[d]! > open) open = levelUb[d]!;
  const top = s.best[0]?.shifted;
  const globalUb = Math.max(top ?? -Infinity, Math.min(open, s.rootDual));
  return tick({ best: top === undefined ? null : top - s.shift, bound: globalUb - s.shift, nodes });
}
