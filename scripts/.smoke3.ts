import { planRollout } from '../src/core/rollout/index.js';
import { loadWorld } from '../src/services/dataset/load-world.js';
const world = await loadWorld('data');
const inputs = JSON.parse(process.argv[2]!);
for (const input of inputs) {
  const c0 = process.cpuUsage(); const t0 = Date.now();
  const p = planRollout(world, input);
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify(input), Math.round((c.user + c.system) / 1000), 'cpu ms', Date.now() - t0, 'wall', 'remaining', p.target.ids.length - p.alreadyReached.length, 'rounds', p.roundsNeeded, 'lb', p.lowerBound, 'minimal', p.minimal, 'joins', p.rounds.map(r => r.joins.length).join('/'), 'unreach', p.unreachable.length, 'value', p.value.objective, p.value.bound, p.value.status, p.value.method, p.rounds.map(r => r.optimality.status[0]).join(''));
}
