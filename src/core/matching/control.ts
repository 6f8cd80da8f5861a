/**
 * How a caller watches and stops a running solve. The searches (exact/limits.ts, heuristic.ts) call
 * `tick` at a modest rate (every 16 search nodes, between local-search passes); it asks
 * `shouldStop` and, at most every PROGRESS_INTERVAL_MS, reports progress. The exact search also
 * polls `shouldStop` at every node, since one node of a large instance can take milliseconds.
 *
 * Invariants: a report's `bound` is a valid upper bound on the objective at that moment (or null
 * when none is known yet) and `best` the objective of a feasible solution found so far (or null);
 * `gap` = bound − best when both are known. Stopping never loses the best solution found: the solve
 * returns it as `heuristic` with its bound and gap.
 */
export interface SearchProgress {
  best: number | null;
  bound: number | null;
  gap: number | null;
  nodes: number;
  elapsedMs: number;
}

export interface SearchControl {
  onProgress?(p: SearchProgress): void;
  /** Polled by the search; true makes it stop and return its best so far. */
  shouldStop?(): boolean;
}

export const PROGRESS_INTERVAL_MS = 100;
/** The exact searches consult the control when (nodes & CONTROL_NODE_MASK) === 1: a node of a 60-applicant search can take milliseconds. */
export const CONTROL_NODE_MASK = 15;

/**
 * A control that remembers when it started and the best and bound seen across the phases of one
 * solve (heuristic, deferred search, full search), so that reports never go backwards.
 */
export interface ControlTracker {
  /** Feeds a phase's view; emits progress when due (or when `force`). Returns shouldStop(). */
  tick(view: { best?: number | null; bound?: number | null; nodes?: number; totalNodes?: number }, force?: boolean): boolean;
  /** Asks shouldStop() (cheap enough for every search node) and remembers a yes. */
  poll(): boolean;
  stopped(): boolean;
}

const round6 = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e6) / 1e6);

export function trackControl(control: SearchControl | undefined): ControlTracker | undefined {
  if (!control) return undefined;
  const t0 = Date.now();
  let lastEmit = -Infinity;
  let best: number | null = null;
  let bound: number | null = null;
  let nodesBefore = 0;
  let phaseNodes = 0;
  let wasStopped = false;
  return {
    tick(view, force = false) {
      if (view.best !== undefined && view.best !== null && Number.isFinite(view.best) && (best === null || view.best > best)) best = view.best;
      if (view.bound !== undefined && view.bound !== null && Number.isFinite(view.bound) && (bound === null || view.bound < bound)) bound = view.bound;
      if (view.totalNodes !== undefined) {
        nodesBefore = 0;
        phaseNodes = view.totalNodes;
      } else if (view.nodes !== undefined) {
        // A new phase restarts its node count from zero.
        if (view.nodes < phaseNodes) nodesBefore += phaseNodes;
        phaseNodes = view.nodes;
      }
      if (!wasStopped && control.shouldStop?.()) wasStopped = true;
      const now = Date.now();
      if (control.onProgress && (force || now - lastEmit >= PROGRESS_INTERVAL_MS)) {
        lastEmit = now;
        const b = bound !== null && best !== null ? Math.max(bound, best) : bound;
        control.onProgress({
          best: round6(best),
          bound: round6(b),
          gap: b !== null && best !== null ? round6(Math.max(0, b - best)) : null,
          nodes: nodesBefore + phaseNodes,
          elapsedMs: now - t0,
        });
      }
      return wasStopped;
    },
    poll: () => wasStopped || (wasStopped = control.shouldStop?.() === true),
    stopped: () => wasStopped,
  };
}
