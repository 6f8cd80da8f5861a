/**
 * Measures the rollout planner's value on county-size targets: time (CPU), rounds, value, bound,
 * gap and status. `npx tsx scripts/bench-rollout.ts [name…]`; prints one line per case and the load.
 * `--counties` runs every county instead (`county: same`, default mentors; then 12 per round), and
 * `--country` the country by county and as one component (`any`, 40 per round).
 */
import { loadavg } from 'node:os';
import { planRollout } from '../src/core/rollout/index.js';
import type { RolloutInput } from '../src/core/rollout/index.js';
import { loadWorld } from '../src/services/dataset/load-world.js';

const cases: [string, RolloutInput][] = [
  ['skane-same', { target: 'county:12', county: 'same' }],
  ['skane-12', { target: 'county:12', county: 'same', maxNewPerRound: 12 }],
  ['vg-any', { target: 'county:14', county: 'any' }],
  ['vg-12', { target: 'county:14', county: 'any', maxNewPerRound: 12 }],
  ['vastmanland', { target: 'county:19', county: 'same', mentors: ['1980', '1982'], persistentMentors: ['1980', '1982'] }],
  ['vastmanland-3', { target: 'county:19', county: 'same', mentors: ['1980'], persistentMentors: ['1982'], maxNewPerRound: 3 }],
  ['uppsala', { target: 'county:03', county: 'same' }],
  ['uppsala-4', { target: 'county:03', county: 'same', maxNewPerRound: 4 }],
];
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const world = await loadWorld('data');
if (args.includes('--counties')) {
  const counties = [...new Set(world.organisations.filter((o) => o.kind === 'kommun').map((o) => o.countyCode!))].sort();
  cases.length = 0;
  for (const limit of [undefined, 12]) for (const c of counties) cases.push([`county-${c}${limit ? `-${limit}` : ''}`, { target: `county:${c}`, county: 'same', ...(limit ? { maxNewPerRound: limit } : {}) }]);
}
if (args.includes('--country')) {
  cases.length = 0;
  cases.push(['country-same', { target: 'all', county: 'same' }], ['country-any-40', { target: 'all', county: 'any', maxNewPerRound: 40 }]);
}
console.log(`load before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (const [name, input] of cases) {
  if (only.length && !only.includes(name)) continue;
  const t0 = process.cpuUsage();
  const w0 = Date.now();
  const plan = planRollout(world, input, { ...(process.env.NODES ? { branchNodes: Number(process.env.NODES) } : {}), ...(process.env.WORK ? { branchWork: Number(process.env.WORK) } : {}), ...(process.env.EXH ? { exhaustiveLimit: Number(process.env.EXH) } : {}) });
  const cpu = process.cpuUsage(t0);
  const v = plan.value;
  const n = plan.rounds.reduce((s, r) => s + r.joins.length, 0);
  console.log(
    `${name.padEnd(14)} n=${String(n).padStart(2)} unreachable=${plan.unreachable.length} R=${plan.roundsNeeded} cpu=${((cpu.user + cpu.system) / 1e6).toFixed(1)}s wall=${((Date.now() - w0) / 1000).toFixed(1)}s ` +
      `value=${v.objective.toFixed(3)} bound=${v.bound.toFixed(3)} gap=${v.gap.toFixed(3)} (${((100 * v.gap) / Math.max(1e-9, v.bound)).toFixed(2)}%) ${v.status} ${v.method} nodes=${plan.components.map((c) => `${c.nodes ?? "-"}/${((c.work ?? 0) / 1e6).toFixed(0)}M`).join(",")} rounds=${plan.rounds.map((r) => `${r.joins.length}${r.optimality.status === 'proven-optimal' ? '' : '?'}`).join('/')}`,
  );
}
console.log(`load after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
