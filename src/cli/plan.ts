/** npm run plan -- --target county:19 [--capacity 1] [--json]: simulates rounds until the target has taken part. */
import { planRollout } from '../core/rollout/index.js';
import { loadWorld } from '../services/dataset/load-world.js';
import { parseArgs, runCli } from './shared-output.js';

await runCli(async () => {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const target = typeof flags.get('target') === 'string' ? (flags.get('target') as string) : (positional[0] ?? 'all');
  const world = await loadWorld(typeof flags.get('data') === 'string' ? (flags.get('data') as string) : 'data');
  const capacity = typeof flags.get('capacity') === 'string' ? Number(flags.get('capacity')) : undefined;
  const plan = planRollout(world, target, { capacity });
  if (flags.has('json')) {
    console.log(JSON.stringify(plan, null, 2));
    return;
  }
  console.log(`Target ${plan.target.spec}: ${plan.target.ids.length} organisations, ${plan.alreadyReached.length} already reached.`);
  for (const r of plan.rounds) {
    console.log(`\nRound ${r.index}: ${r.joins.length} join, ${r.mentors.length} mentor`);
    console.log(`  mentors: ${r.mentors.map((m) => `${m.name} (${m.id})`).join(', ')}`);
    for (const g of r.groups) console.log(`  group ${g.members.join(' + ')} ← ${g.mentor ?? 'no mentor'}`);
  }
  console.log(
    plan.roundsNeeded !== null
      ? `\nRounds needed: ${plan.roundsNeeded}`
      : `\nNot reached (${plan.stoppedBecause}); remaining: ${plan.remaining.join(', ')}`,
  );
});
