import { planRollout } from '../src/core/rollout/index.js';
import { loadWorld } from '../src/services/dataset/load-world.js';
const world = await loadWorld('data');
for (const input of [
  { target: 'county:19', mentors: ['1980', '1982'], persistentMentors: ['1980','1982'], county: 'same' as const },
  { target: 'county:03', county: 'same' as const },
  { target: 'county:12', county: 'same' as const },
  { target: 'county:01', county: 'same' as const, maxNewPerRound: 6 },
]) {
  const c0 = process.cpuUsage();
  const p = planRollout(world, input as never);
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify(input), Math.round((c.user + c.system) / 1000), 'cpu ms', 'remaining', p.target.ids.length - p.alreadyReached.length, 'rounds', p.roundsNeeded, 'lb', p.lowerBound, p.lowerBoundBasis, 'minimal', p.minimal, 'joins', p.rounds.map(r => r.joins.length).join('/'), 'unreach', p.unreachable.length, JSON.stringify(p.value).slice(0, 120));
}
