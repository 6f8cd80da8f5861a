/**
 * The engine's exact search on the bench's draws up to 40/20, each solved three times and the fastest
 * kept: median and max milliseconds per size and the nodes per draw. For side-by-side comparisons of
 * two versions: run it in a worktree of each (e.g. `git worktree add ../old <rev>`) alternately, in one
 * session. `npx tsx scripts/bench-sizes.ts [sizes] [draws per size up to 24 applicants]`.
 */
import { proposeRound } from '../src/core/matching/index.js';
import type { Proposal } from '../src/core/matching/index.js';
import { loadWorld } from '../src/services/dataset/load-world.js';
import { drawRealInstance } from './draw-instance.js';

const world = await loadWorld('data');
const sizes = (process.argv[2] ?? '15/6,24/10,22/10,24/4,20/6,22/7,24/7,40/20').split(',');
const perSize = Number(process.argv[3] ?? 7);
for (const size of sizes) {
  const [n, m] = size.split('/').map(Number) as [number, number];
  const draws = n <= 24 ? perSize : 3;
  const times: number[] = [];
  const nodes: number[] = [];
  let proven = 0;
  for (let d = 0; d < draws; d++) {
    const input = drawRealInstance(world, n, m, 1000 + d);
    let fastest = Infinity;
    let last: Proposal | null = null;
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      last = proposeRound(world, input, { timeLimitMs: 10_000, maxNodes: 50_000_000, listScores: 'none' });
      fastest = Math.min(fastest, performance.now() - t0);
    }
    times.push(fastest);
    nodes.push(last!.solver.nodes);
    if (last!.optimality.status === 'proven-optimal') proven++;
  }
  times.sort((a, b) => a - b);
  console.log(`${size}: proven ${proven}/${draws} median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms max ${times[times.length - 1]!.toFixed(0)} ms nodes ${nodes.join(' ')}`);
}
