/** npx modellkommuner plan --target county:19 [--capacity 1] [--json]: simulates rounds until the target has taken part. */
import { planRollout } from '../core/rollout/index.js';
import { readWorld } from './open-world.js';
import { out, parseArgs, runCli, usageError, wrap } from './shared-output.js';

const USAGE = `Usage: npx modellkommuner plan [--target TARGET] [--capacity N] [--json]

--target TARGET  county:19, kommungrupp:B3, all (default), or an organisation id
--capacity N     groups each mentor can take per round (default 1)
--json           the full plan as JSON`;

await runCli(async () => {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const target = typeof flags.get('target') === 'string' ? (flags.get('target') as string) : (positional[0] ?? 'all');
  const capacityFlag = flags.get('capacity');
  const capacity = capacityFlag === undefined ? undefined : Number(capacityFlag);
  if (capacity !== undefined && (!Number.isInteger(capacity) || capacity < 1 || capacity > 100)) throw usageError('--capacity must be a whole number from 1 to 100');
  const world = await readWorld();
  const name = (id: string): string => world.organisations.find((o) => o.id === id)?.name ?? id;
  const plan = planRollout(world, target, { capacity });
  if (flags.has('json')) return out(JSON.stringify(plan, null, 2));
  out(wrap(`Target ${plan.target.spec}: ${plan.target.ids.length} organisations, ${plan.alreadyReached.length} already reached.`));
  for (const r of plan.rounds) {
    out(`\nRound ${r.index}: ${r.joins.length} join, ${r.mentors.length} mentor`);
    out(wrap(`  mentors: ${r.mentors.map((m) => m.name).join(', ')}`, 100, '    '));
    for (const g of r.groups) out(wrap(`  group ${g.members.map(name).join(' + ')} ← ${g.mentor ? name(g.mentor) : 'no mentor'}`, 100, '    '));
  }
  out(
    wrap(
      plan.roundsNeeded !== null
        ? `\nRounds needed: ${plan.roundsNeeded}`
        : `\nNot reached (${plan.stoppedBecause}); remaining: ${plan.remaining.map(name).join(', ')}`,
      100,
      '  ',
    ),
  );
}, USAGE);
