/**
 * npx modellkommuner similar ORG_ID [--n 10] [--json] | --families [--k 8] [--json]:
 * the most comparable organisations with the breakdown, or structural families (k-means), on the
 * record the server reads.
 */
import { findSimilar, structuralFamilies } from '../core/similar/index.js';
import { readWorld } from './open-world.js';
import { out, parseArgs, runCli, table, usageError, wrap } from './shared-output.js';

const USAGE = `Usage: npx modellkommuner similar ORG_ID [--n 10] [--json]
       npx modellkommuner similar --families [--k 8] [--json]

ORG_ID      kommunkod, länskod or an imported id (e.g. 0380 for Uppsala)
--n N       how many to list (1–100, default 10)
--families  structural families of municipalities (k-means over size, density, latitude)
--k K       number of families (2–30, default 8)
--json      the full result as JSON`;

const intFlag = (flags: Map<string, string | true>, key: string, fallback: number, min: number, max: number): number => {
  const v = flags.get(key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isInteger(n) || n < min || n > max) throw usageError(`--${key} must be a whole number from ${min} to ${max}`);
  return n;
};

await runCli(async () => {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  if (flags.has('families')) {
    const k = intFlag(flags, 'k', 8, 2, 30);
    const f = structuralFamilies(await readWorld(), k);
    if (flags.has('json')) return out(JSON.stringify(f, null, 2));
    out(wrap(`Structural families (k-means, k=${f.k}, features: ${f.features.join(', ')})`));
    for (const fam of f.families) {
      const head = `#${fam.id} (${fam.members.length}; typical population ${fam.profile.population}, density ${fam.profile.density.toFixed(1)}/km², lat ${fam.profile.latitude.toFixed(1)}):`;
      out(`\n${wrap(`${head} ${fam.members.map((m) => m.name).join(', ')}`, 100, '  ')}`);
    }
    return;
  }
  const id = positional[0];
  if (!id) throw usageError('Name an organisation (e.g. 0380), or use --families; see --help');
  const n = intFlag(flags, 'n', 10, 1, 100);
  const r = findSimilar(await readWorld(), id, n);
  if (flags.has('json')) return out(JSON.stringify(r, null, 2));
  out(`Most comparable to ${r.org.name}:\n`);
  out(
    table(
      ['#', 'organisation', 'score', 'size', 'kommungrupp', 'density', 'geography'],
      r.similar.map((s, i) => [
        String(i + 1), s.name, s.score.toFixed(3), s.breakdown.size.reason, s.breakdown.kommungrupp.reason, s.breakdown.density.reason, s.breakdown.geography.reason,
      ]),
    ),
  );
}, USAGE);
