/**
 * npm run propose -- --input FILE [--json] [--alternatives K] [--max-nodes N] [--time-limit MS] [--data DIR]
 * Proposes groups and mentors for the instance in FILE and prints a table (or the full JSON).
 */
import { readFile } from 'node:fs/promises';
import { AppError } from '../core/errors.js';
import { listAlternatives, proposeRound } from '../core/matching/index.js';
import type { Proposal, SearchControl, SearchProgress } from '../core/matching/index.js';
import { loadWorld } from '../services/dataset/load-world.js';
import { hashInstance, parseInstance } from '../services/instance-schema.js';
import { parseArgs, runCli, table } from './shared-output.js';

export function formatProposal(p: Proposal): string {
  const out: string[] = [];
  out.push(`Proposal for ${p.programme}${p.round ? ` round ${p.round}` : ''} (seed ${p.seed}; mentors: ${p.mentorSource === 'default' ? 'default pool' : 'from the instance'})`);
  out.push('');
  out.push(
    table(
      ['group', 'members', 'mentor', 'value'],
      p.groups.map((g) => [
        g.id,
        g.members.map((m) => `${m.name} (${m.id})`).join(', '),
        g.mentor ? `${g.mentor.name} (${g.mentor.id})${g.supportingMentors.length ? ` + ${g.supportingMentors.map((s) => s.name).join(', ')}` : ''}` : '— none —',
        g.value.toFixed(3),
      ]),
    ),
  );
  out.push('');
  out.push('Main reasons:');
  for (const g of p.groups) {
    out.push(`  ${g.id}:`);
    for (const r of g.reasons) out.push(`    ${r}`);
  }
  if (p.unplaced.length) {
    out.push('');
    out.push('Unplaced:');
    for (const u of p.unplaced) out.push(`  ${u.name} (${u.id}): ${u.reason}`);
  }
  out.push('');
  for (const pen of p.penaltiesApplied) out.push(`Penalty ${pen.kind} × ${pen.ids.length} (${pen.ids.join(', ')}): ${pen.value}`);
  out.push(`Objective: ${p.objective.toFixed(6)}`);
  const o = p.optimality;
  out.push(
    o.status === 'proven-optimal'
      ? `Optimality: proven optimal (${p.solver.method}, ${p.solver.nodes} nodes; greedy baseline ${p.solver.greedyObjective?.toFixed(3) ?? 'n/a'})`
      : `Optimality: heuristic, bound ${o.bound.toFixed(6)}, gap ${o.gap.toFixed(6)} (${(o.relativeGap * 100).toFixed(2)} %) — ${o.reason}`,
  );
  return out.join('\n');
}

/** One line, rewritten in place: best so far, bound, gap, nodes, elapsed. */
export function formatProgress(p: SearchProgress): string {
  const rel = p.gap !== null && p.bound !== null ? (p.gap / Math.max(1e-9, Math.abs(p.bound))) * 100 : null;
  return [
    `best ${p.best === null ? '—' : p.best.toFixed(4)}`,
    `bound ${p.bound === null ? '—' : p.bound.toFixed(4)}`,
    `gap ${rel === null ? '—' : `${rel.toFixed(2)} %`}`,
    `${p.nodes} nodes`,
    `${(p.elapsedMs / 1000).toFixed(1)} s`,
  ].join(' · ');
}

/** A progress line on stderr when it is a terminal (nothing otherwise, so pipes and logs stay clean). */
function terminalProgress(): { control: SearchControl; done(): void } | null {
  if (!process.stderr.isTTY) return null;
  let shown = false;
  return {
    control: {
      onProgress: (p) => {
        shown = true;
        process.stderr.write(`\r\x1b[2K${formatProgress(p)}`);
      },
    },
    done: () => {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}

await runCli(async () => {
  const { flags } = parseArgs(process.argv.slice(2));
  const file = flags.get('input');
  if (typeof file !== 'string') throw new AppError('invalid_input', 'Usage: npm run propose -- --input FILE [--json] [--alternatives K]', [{ field: '--input', message: 'required' }]);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new AppError('invalid_input', `Cannot read ${file} as JSON: ${e instanceof Error ? e.message : String(e)}`, [{ file, message: 'unreadable or not JSON' }]);
  }
  const input = parseInstance(json);
  const world = await loadWorld(typeof flags.get('data') === 'string' ? (flags.get('data') as string) : 'data');
  const num = (k: string) => (typeof flags.get(k) === 'string' ? Number(flags.get(k)) : undefined);
  const progress = terminalProgress();
  const options = { maxNodes: num('max-nodes'), timeLimitMs: num('time-limit'), ...(progress ? { control: progress.control } : {}) };
  const k = num('alternatives');
  if (k && k > 1) {
    const alt = listAlternatives(world, input, k, options);
    progress?.done();
    if (flags.has('json')) console.log(JSON.stringify({ inputHash: hashInstance(json), ...alt }, null, 2));
    else
      for (const a of alt.alternatives) {
        console.log(`=== Alternative ${a.rank}: objective ${a.objective.toFixed(6)} (Δ ${a.delta.toFixed(6)})${alt.proven ? '' : ' [not proven k-best]'}`);
        console.log(formatProposal(a.proposal));
        console.log('');
      }
    return;
  }
  const t0 = performance.now();
  const proposal = proposeRound(world, input, options);
  progress?.done();
  const ms = performance.now() - t0;
  if (flags.has('json')) console.log(JSON.stringify({ inputHash: hashInstance(json), ...proposal }, null, 2));
  else {
    console.log(formatProposal(proposal));
    console.log(`(solved in ${ms.toFixed(0)} ms)`);
  }
});
