/**
 * npx modellkommuner propose --input FILE [--json] [--alternatives K] [--max-nodes N] [--time-limit MS]
 * Proposes groups and mentors for the instance in FILE on the record the server reads (accepted
 * rounds included) and prints a table (or the full JSON).
 */
import { readFile } from 'node:fs/promises';
import { AppError } from '../core/errors.js';
import { listAlternatives, proposeRound } from '../core/matching/index.js';
import type { Proposal, SearchControl, SearchProgress } from '../core/matching/index.js';
import { hashInstance, parseInstance } from '../services/instance-schema.js';
import { readConfig, readWorld } from './open-world.js';
import { out, parseArgs, runCli, table, usageError, wrap } from './shared-output.js';

const USAGE = `Usage: npx modellkommuner propose --input FILE [--json] [--alternatives K]
                                 [--max-nodes N] [--time-limit MS]

--input FILE       the instance (JSON; see data/examples/vastmanland-2021.json)
--json             the full proposal as JSON (every term, score and breakdown)
--alternatives K   the K best distinct proposals (2–10)
--max-nodes N      stop the exact search after N nodes (then: heuristic, with its gap)
--time-limit MS    stop the exact search after MS milliseconds (default PROPOSAL_TIME_LIMIT_MS,
                   as the server)`;

export function formatProposal(p: Proposal): string {
  const out: string[] = [];
  out.push(wrap(`Proposal for ${p.programme}${p.round ? ` round ${p.round}` : ''} (seed ${p.seed}; mentors: ${p.mentorSource === 'default' ? 'default pool' : 'from the instance'})`));
  out.push('');
  out.push(
    table(
      ['group', 'members', 'mentor', 'value'],
      p.groups.map((g) => [
        g.id,
        g.members.map((m) => m.name).join(', '),
        g.mentor ? `${g.mentor.name}${g.supportingMentors.length ? ` + ${g.supportingMentors.map((s) => s.name).join(', ')}` : ''}` : '— none —',
        g.value.toFixed(3),
      ]),
    ),
  );
  out.push('');
  out.push('Main reasons:');
  for (const g of p.groups) {
    out.push(`  ${g.id}:`);
    for (const r of g.reasons) out.push(wrap(`    ${r}`, 100, '      '));
  }
  if (p.unplaced.length) {
    out.push('');
    out.push('Unplaced:');
    for (const u of p.unplaced) out.push(wrap(`  ${u.name}: ${u.reason}`, 100, '    '));
  }
  out.push('');
  const names = new Map([...p.applicants, ...p.mentors].map((o) => [o.id, o.name] as const));
  for (const pen of p.penaltiesApplied) out.push(wrap(`Penalty ${pen.kind} × ${pen.ids.length} (${pen.ids.map((id) => names.get(id) ?? id).join(', ')}): ${pen.value}`, 100, '  '));
  out.push(`Objective: ${p.objective.toFixed(6)}`);
  const o = p.optimality;
  out.push(
    wrap(
      o.status === 'proven-optimal'
        ? `Optimality: proven optimal (${p.solver.method}, ${p.solver.nodes} nodes; greedy baseline ${p.solver.greedyObjective?.toFixed(3) ?? 'n/a'})`
        : `Optimality: heuristic, bound ${o.bound.toFixed(6)}, gap ${o.gap.toFixed(6)} (${(o.relativeGap * 100).toFixed(2)} %) — ${o.reason}`,
      100,
      '  ',
    ),
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
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const file = flags.get('input') ?? positional[0];
  if (typeof file !== 'string') throw usageError('Name the instance file with --input FILE; see --help');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : e instanceof SyntaxError ? 'not valid JSON' : 'unreadable';
    throw new AppError('invalid_input', `Cannot read ${file}: ${why}`, [{ field: '--input', message: why }]);
  }
  const input = parseInstance(json);
  const num = (k: string, min: number, max: number): number | undefined => {
    const v = flags.get(k);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v === true || !Number.isInteger(n) || n < min || n > max) throw usageError(`--${k} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const progress = terminalProgress();
  const options = {
    maxNodes: num('max-nodes', 1, 1e9),
    timeLimitMs: num('time-limit', 100, 600_000) ?? readConfig().proposalTimeLimitMs,
    ...(progress ? { control: progress.control } : {}),
  };
  const k = num('alternatives', 1, 10);
  const world = await readWorld();
  if (k && k > 1) {
    const alt = listAlternatives(world, input, k, options);
    progress?.done();
    if (flags.has('json')) out(JSON.stringify({ inputHash: hashInstance(json), ...alt }, null, 2));
    else
      for (const a of alt.alternatives) {
        out(`=== Alternative ${a.rank}: objective ${a.objective.toFixed(6)} (Δ ${a.delta.toFixed(6)})${alt.proven ? '' : ' [not proven k-best]'}`);
        out(formatProposal(a.proposal));
        out('');
      }
    return;
  }
  const t0 = performance.now();
  const proposal = proposeRound(world, input, options);
  progress?.done();
  const ms = performance.now() - t0;
  if (flags.has('json')) out(JSON.stringify({ inputHash: hashInstance(json), ...proposal }, null, 2));
  else out(formatProposal(proposal));
  process.stderr.write(`(solved in ${ms.toFixed(0)} ms)\n`);
}, USAGE);
