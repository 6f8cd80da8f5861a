/** npm run similar -- 0380 [--n 10] [--json] | --families [--k 8]: comparable organisations or structural families. */
import { findSimilar, structuralFamilies } from '../core/similar/index.js';
import { loadWorld } from '../services/dataset/load-world.js';
import { parseArgs, runCli, table } from './shared-output.js';

await runCli(async () => {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const world = await loadWorld(typeof flags.get('data') === 'string' ? (flags.get('data') as string) : 'data');
  if (flags.has('families')) {
    const k = typeof flags.get('k') === 'string' ? Number(flags.get('k')) : 8;
    const f = structuralFamilies(world, k);
    if (flags.has('json')) return void console.log(JSON.stringify(f, null, 2));
    console.log(`Structural families (k-means, k=${f.k}, features: ${f.features.join(', ')})`);
    for (const fam of f.families)
      console.log(`\n#${fam.id} (${fam.members.length}; typical population ${fam.profile.population}, density ${fam.profile.density.toFixed(1)}/km², lat ${fam.profile.latitude.toFixed(1)}): ${fam.members.map((m) => m.name).join(', ')}`);
    return;
  }
  const id = positional[0];
  if (!id) throw new Error('Usage: npm run similar -- ORG_ID [--n 10] [--json]  |  npm run similar -- --families [--k 8]');
  const n = typeof flags.get('n') === 'string' ? Number(flags.get('n')) : 10;
  const r = findSimilar(world, id, n);
  if (flags.has('json')) return void console.log(JSON.stringify(r, null, 2));
  console.log(`Most comparable to ${r.org.name} (${r.org.id}):\n`);
  console.log(
    table(
      ['rank', 'organisation', 'score', 'size', 'kommungrupp', 'density', 'geography'],
      r.similar.map((s, i) => [
        String(i + 1),
        `${s.name} (${s.id})`,
        s.score.toFixed(3),
        s.breakdown.size.reason,
        s.breakdown.kommungrupp.reason,
        s.breakdown.density.reason,
        s.breakdown.geography.reason,
      ]),
    ),
  );
});
