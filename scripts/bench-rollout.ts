/**
 * Measures the rollout planner's value on county-size targets: time (CPU and wall), rounds, value,
 * bound, gap and status. `npx tsx scripts/bench-rollout.ts [name…]`; prints one line per case and the load.
 * `--counties` runs every county instead (`county: same`, default mentors; then 12 per round), and
 * `--country` the country by county and as one component (`any`, 40 per round). `--write` runs the
 * cases, every county and the country, the two-round cases also with the multi-round LP in place of
 * the tree LP (the reference, in the same run), and writes the table to BENCHMARKS.md.
 */
import { loadavg } from 'node:os';
import { planRollout, type RolloutOptions, type RolloutPlan } from '../src/core/rollout/index.js';
import type { RolloutInput } from '../src/core/rollout/index.js';
import { loadWorld } from '../src/services/dataset/load-world.js';
import { describeMachine, writeBenchSection } from './bench-common.js';

const CASES: [string, RolloutInput][] = [
  ['skane-same', { target: 'county:12', county: 'same' }],
  ['skane-12', { target: 'county:12', county: 'same', maxNewPerRound: 12 }],
  ['stockholm-same', { target: 'county:01', county: 'same' }],
  ['vg-any', { target: 'county:14', county: 'any' }],
  ['vg-12', { target: 'county:14', county: 'any', maxNewPerRound: 12 }],
  ['vastmanland', { target: 'county:19', county: 'same', mentors: ['1980', '1982'], persistentMentors: ['1980', '1982'] }],
  ['vastmanland-3', { target: 'county:19', county: 'same', mentors: ['1980'], persistentMentors: ['1982'], maxNewPerRound: 3 }],
  ['uppsala', { target: 'county:03', county: 'same' }],
  ['uppsala-4', { target: 'county:03', county: 'same', maxNewPerRound: 4 }],
];
const COUNTRY: [string, RolloutInput][] = [
  ['country-same', { target: 'all', county: 'same' }],
  ['country-any-40', { target: 'all', county: 'any', maxNewPerRound: 40 }],
];

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const world = await loadWorld('data');
const counties = [...new Set(world.organisations.filter((o) => o.kind === 'kommun').map((o) => o.countyCode!))].sort();
const countyCases = (): [string, RolloutInput][] =>
  [undefined, 12].flatMap((limit) => counties.map((c): [string, RolloutInput] => [`county-${c}${limit ? `-${limit}` : ''}`, { target: `county:${c}`, county: 'same', ...(limit ? { maxNewPerRound: limit } : {}) }]));

interface Measured {
  name: string;
  /** What bounded the value: the search's LP, the enumeration, or the partition relaxation. */
  bound: string;
  plan: RolloutPlan;
  cpu: number;
  wall: number;
}

function run(name: string, input: RolloutInput, options: RolloutOptions = {}): Measured {
  const t0 = process.cpuUsage();
  const w0 = Date.now();
  const plan = planRollout(world, input, {
    ...options,
    ...(process.env.NODES ? { branchNodes: Number(process.env.NODES) } : {}),
    ...(process.env.WORK ? { branchWork: Number(process.env.WORK) } : {}),
    ...(process.env.EXH ? { exhaustiveLimit: Number(process.env.EXH) } : {}),
  });
  const cpu = process.cpuUsage(t0);
  return { name, bound: boundBy(plan, options.treeBound !== false), plan, cpu: (cpu.user + cpu.system) / 1e6, wall: (Date.now() - w0) / 1000 };
}

function boundBy(plan: RolloutPlan, trees: boolean): string {
  const by = (method: string) =>
    method === 'exhaustive' ? 'enumeration' : method === 'local-search' ? 'partition relaxation' : trees && plan.roundsNeeded === 2 ? 'tree LP' : 'multi-round LP';
  const kinds = [...new Set(plan.components.map((c) => by(c.method)))];
  return kinds.join(' + ') || '—';
}

const percent = (p: RolloutPlan) => ((100 * p.value.gap) / Math.max(1e-9, p.value.bound)).toFixed(2);
const reached = (p: RolloutPlan) => p.rounds.reduce((s, r) => s + r.joins.length, 0);
const searched = (p: RolloutPlan) => p.components.map((c) => `${c.nodes ?? '-'}/${((c.work ?? 0) / 1e6).toFixed(0)}M`).join(',');

function line(m: Measured): string {
  const { plan: p } = m;
  const v = p.value;
  return (
    `${m.name.padEnd(14)} n=${String(reached(p)).padStart(2)} unreachable=${p.unreachable.length} R=${p.roundsNeeded} cpu=${m.cpu.toFixed(1)}s wall=${m.wall.toFixed(1)}s ` +
    `value=${v.objective.toFixed(3)} bound=${v.bound.toFixed(3)} gap=${v.gap.toFixed(3)} (${percent(p)}%) ${v.status} ${v.method} nodes=${searched(p)} ` +
    `rounds=${p.rounds.map((r) => `${r.joins.length}${r.optimality.status === 'proven-optimal' ? '' : '?'}`).join('/')}`
  );
}

const row = (m: Measured) =>
  `| ${m.name} | ${reached(m.plan)} | ${m.plan.roundsNeeded ?? '—'} | ${m.bound} | ${m.plan.value.objective.toFixed(3)} | ${m.plan.value.bound.toFixed(3)} | ${percent(m.plan)} % | ${m.plan.value.status} | ${searched(m.plan)} | ${m.cpu.toFixed(1)} s | ${m.wall.toFixed(1)} s |`;

const loadAtStart = loadavg();
console.log(`load before: ${loadAtStart.map((x) => x.toFixed(2)).join(' ')}`);
if (args.includes('--write')) {
  const measured: Measured[] = [];
  for (const [name, input] of [...CASES, ...COUNTRY]) {
    const m = run(name, input);
    console.log(line(m));
    measured.push(m);
    if (m.plan.roundsNeeded === 2 && m.plan.components.some((c) => c.method === 'branch-and-bound')) {
      const reference = run(name, input, { treeBound: false });
      console.log(line(reference));
      measured.push(reference);
    }
  }
  const all = countyCases().map(([name, input]) => run(name, input));
  for (const m of all) console.log(line(m));
  const reachable = all.filter((m) => reached(m.plan) > 0);
  const proven = reachable.filter((m) => m.plan.value.status === 'proven-optimal');
  const slowest = [...proven].sort((a, b) => b.wall - a.wall)[0];
  const open = reachable.filter((m) => m.plan.value.status !== 'proven-optimal').map((m) => `${m.name} (${percent(m.plan)} %, ${m.wall.toFixed(1)} s wall)`);
  const START = '<!-- bench:rollout start -->';
  const END = '<!-- bench:rollout end -->';
  const section = [
    START,
    '## Rollout plans (`npx tsx scripts/bench-rollout.ts --write`)',
    '',
    describeMachine(loadAtStart, 'the work limits are deterministic, so value, bound and nodes do not depend on the load; the times do.'),
    '',
    'Each case planned once; two-round cases that reach the branch and bound are run again with the multi-round LP in place of the tree LP (`treeBound: false`), the reference, in the same run. `nodes` is nodes/work per component.',
    '',
    '| case | to reach | rounds | bound by | value | bound | gap | status | nodes/work | CPU | wall |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...measured.map(row),
    '',
    `Every county (\`county: same\`, default mentors, then 12 per round): ${proven.length} of ${reachable.length} reachable plans proven optimal, the slowest ${slowest ? `${slowest.name} in ${slowest.wall.toFixed(1)} s wall` : '—'}; not proven: ${open.join(', ') || 'none'}. Counties with no organisation that has taken part are unreachable under \`same\` (${all.filter((m) => reached(m.plan) === 0).map((m) => m.name).join(', ')}).`,
    END,
  ].join('\n');
  writeBenchSection(START, END, section);
  console.log('written to BENCHMARKS.md');
} else {
  const cases = args.includes('--counties') ? countyCases() : args.includes('--country') ? COUNTRY : CASES;
  for (const [name, input] of cases) if (!only.length || only.includes(name)) console.log(line(run(name, input)));
}
console.log(`load after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
