/**
 * The search control hooks: progress reports are honest (best is reached, bound is never below the
 * optimum), never go backwards, and stopping returns the best so far as heuristic with its gap.
 */
import { describe, expect, it } from 'vitest';
import { drawRealInstance } from '../../../scripts/draw-instance.js';
import { proposeRound, type SearchProgress } from '../../../src/core/matching/index.js';
import { loadWorld } from '../../../src/services/dataset/load-world.js';

const world = await loadWorld('data');
// A deterministic node limit, never a clock.
const limits = { maxNodes: 200_000, listScores: 'none' as const };

describe('search control', () => {
  const drawn = drawRealInstance(world, 20, 6, 1000);

  it('reports progress whose bounds never fall below the optimum and whose best is reached', () => {
    const reports: SearchProgress[] = [];
    const p = proposeRound(world, drawn, { ...limits, control: { onProgress: (r) => reports.push(r) } });
    expect(p.optimality.status).toBe('proven-optimal');
    expect(reports.length).toBeGreaterThanOrEqual(2);
    for (const r of reports) {
      if (r.bound !== null) expect(r.bound).toBeGreaterThanOrEqual(p.objective - 1e-6);
      if (r.best !== null) expect(r.best).toBeLessThanOrEqual(p.objective + 1e-6);
      if (r.best !== null && r.bound !== null) expect(r.gap).toBeCloseTo(r.bound - r.best, 6);
    }
    for (let x = 1; x < reports.length; x++) {
      expect(reports[x]!.nodes).toBeGreaterThanOrEqual(reports[x - 1]!.nodes);
      expect(reports[x]!.elapsedMs).toBeGreaterThanOrEqual(reports[x - 1]!.elapsedMs);
      if (reports[x - 1]!.best !== null) expect(reports[x]!.best!).toBeGreaterThanOrEqual(reports[x - 1]!.best!);
      if (reports[x - 1]!.bound !== null) expect(reports[x]!.bound!).toBeLessThanOrEqual(reports[x - 1]!.bound! + 1e-9);
    }
    const last = reports[reports.length - 1]!;
    expect(last.best).toBeCloseTo(p.objective, 6);
    expect(last.gap).toBe(0);
    expect(last.nodes).toBe(p.solver.nodes);
  });

  it('changes nothing when the control never stops', () => {
    const plain = proposeRound(world, drawn, limits);
    const watched = proposeRound(world, drawn, { ...limits, control: { shouldStop: () => false, onProgress: () => {} } });
    expect(watched.objective).toBe(plain.objective);
    expect(watched.solver.nodes).toBe(plain.solver.nodes);
    expect(watched.groups).toEqual(plain.groups);
  });

  it('stops when asked and keeps the best so far as heuristic with a valid bound and gap', () => {
    const optimum = proposeRound(world, drawn, limits).objective;
    let polls = 0;
    const stopped = proposeRound(world, drawn, { ...limits, control: { shouldStop: () => ++polls > 3 } });
    expect(stopped.optimality.status).toBe('heuristic');
    if (stopped.optimality.status !== 'heuristic') return;
    expect(stopped.optimality.reason).toContain('on request or at the job time limit');
    expect(stopped.objective).toBeLessThanOrEqual(optimum + 1e-6);
    expect(stopped.optimality.bound).toBeGreaterThanOrEqual(optimum - 1e-6);
    expect(stopped.optimality.gap).toBeCloseTo(stopped.optimality.bound - stopped.objective, 5);
    // Every applicant is placed once or listed as unplaced: a whole proposal, not a partial one.
    const placed = stopped.groups.flatMap((g) => g.members.map((m) => m.id));
    expect(placed.length + stopped.unplaced.length).toBe(drawn.applicants.length);
    expect(stopped.solver.nodes).toBeLessThan(proposeRound(world, drawn, limits).solver.nodes);
  });

  it('stops the heuristic of an instance above the exact search range as well', () => {
    // 90 applicants lie above the range when it is set to 60 (as analyses set it).
    const large = drawRealInstance(world, 90, 30, 7);
    const full = proposeRound(world, large, { listScores: 'none', exactMaxApplicants: 60 });
    let polls = 0;
    const stopped = proposeRound(world, large, { listScores: 'none', exactMaxApplicants: 60, control: { shouldStop: () => ++polls > 1 } });
    expect(stopped.optimality.status).toBe('heuristic');
    if (stopped.optimality.status !== 'heuristic' || full.optimality.status !== 'heuristic') return;
    expect(stopped.optimality.reason).toContain('on request or at the job time limit');
    expect(stopped.objective).toBeLessThanOrEqual(full.objective + 1e-6);
    expect(stopped.optimality.bound).toBeGreaterThanOrEqual(stopped.objective - 1e-6);
  });
});
