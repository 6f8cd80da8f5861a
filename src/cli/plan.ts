/**
 * npx modellkommuner plan --target county:19 [--mentors a,b] [--persistent a,b] [--capacity N] [--group-size 2-3]
 *   [--county any|same|different] [--max-new N] [--max-rounds N] [--programme ID] [--input FILE] [--json]
 * On the record the server reads (DATABASE_URL or DATA_DIR; rounds that have taken place).
 * Plans the rollout: the fewest rounds (with its lower bound) and who joins when, with whom and with which mentor.
 * --input reads the same JSON body as POST /api/rollout-plans; flags override its fields.
 */
import { readFile } from 'node:fs/promises';
import { AppError } from '../core/errors.js';
import { planRollout } from '../core/rollout/index.js';
import type { RolloutInput } from '../core/rollout/index.js';
import { rolloutInputSchema } from '../services/rollout-schema.js';
import { formatRolloutPlan } from './rollout-text.js';
import { readWorld } from './open-world.js';
import { out, parseArgs, runCli } from './shared-output.js';

const USAGE = `Usage: npx modellkommuner plan [--target TARGET] [options] [--json]

--target TARGET        county:19, kommungrupp:B3, all (default), or organisation ids
--mentors a,b          mentors available in the first round (default: the record's)
--persistent a,b       mentors that stay available in every round
--capacity N           groups each mentor can take per round
--group-size 2-3       group sizes
--county any|same|different
--max-new N            new participants a round can host
--max-rounds N         stop after N rounds
--programme ID         the programme whose record counts
--input FILE           the JSON body of POST /api/rollout-plans (flags override its fields)
--json                 the full plan as JSON`;

const num = (v: string | true | undefined, field: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n)) throw new AppError('invalid_input', `${field} must be a number`, [{ field, message: 'not a number', values: [v] }]);
  return n;
};
const list = (v: string | true | undefined): string[] | undefined => (typeof v === 'string' ? v.split(',').filter(Boolean) : undefined);

await runCli(async () => {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  let body: Record<string, unknown> = {};
  const file = flags.get('input');
  if (typeof file === 'string') {
    try {
      body = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new AppError('invalid_input', `Cannot read ${file} as JSON: ${e instanceof Error ? e.message : String(e)}`, [{ file, message: 'unreadable or not JSON' }]);
    }
  }
  const gs = flags.get('group-size');
  const set = (k: string, v: unknown) => {
    if (v !== undefined) body[k] = v;
  };
  set('target', typeof flags.get('target') === 'string' ? flags.get('target') : (positional[0] ?? (body.target === undefined ? 'all' : undefined)));
  set('programme', typeof flags.get('programme') === 'string' ? flags.get('programme') : undefined);
  set('mentors', list(flags.get('mentors')));
  set('persistentMentors', list(flags.get('persistent')));
  set('capacity', num(flags.get('capacity'), '--capacity'));
  set('groupSize', typeof gs === 'string' ? gs.split(/[-,]/).map((x) => num(x, '--group-size')) : undefined);
  set('county', typeof flags.get('county') === 'string' ? flags.get('county') : undefined);
  set('maxNewPerRound', num(flags.get('max-new'), '--max-new'));
  set('maxRounds', num(flags.get('max-rounds'), '--max-rounds'));
  const parsed = rolloutInputSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
    throw new AppError('invalid_input', `Invalid input: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues);
  }
  const world = await readWorld();
  const plan = planRollout(world, parsed.data as RolloutInput);
  if (flags.has('json')) out(JSON.stringify(plan, null, 2));
  else out(formatRolloutPlan(plan).join('\n'));
}, USAGE);
