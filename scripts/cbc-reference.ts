/**
 * The reference solver of the benchmark: CBC (Debian's `coinor-cbc`, one thread) on the plain MILP
 * of scripts/plain-model.ts, with a wall-clock limit. Optional: when `cbc` is not on the PATH the
 * bench says so and leaves the column out. The product never needs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CbcResult {
  status: 'optimal' | 'stopped' | 'no-solution' | 'failed';
  /** Best objective found (the MILP's own sense, maximised), null when none. */
  objective: number | null;
  /** Wall-clock time of the cbc process, including reading the model. */
  ms: number;
  /** CBC's peak resident set in bytes (GNU time's maximum), when measured. */
  peakRss?: number;
}

/** The cbc version line, or null when cbc is not installed. */
export function cbcVersion(): string | null {
  const r = spawnSync('cbc', ['-quit'], { encoding: 'utf8' });
  if (r.error) return null;
  return r.stdout.match(/Version:\s*(\S+)/)?.[1] ?? 'unknown version';
}

/** GNU time, which measures a child's peak resident set; null when absent. */
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** `measureMemory`: run cbc under GNU time (when installed) and report its peak resident set. */
export function solveWithCbc(lp: string, seconds: number, opts: { measureMemory?: boolean } = {}): CbcResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mk-cbc-'));
  try {
    const file = path.join(dir, 'model.lp');
    writeFileSync(file, lp);
    const t0 = performance.now();
    const cbcArgs = [file, '-sec', String(seconds), '-threads', '1', '-solve', '-quit'];
    const timed = opts.measureMemory === true && GNU_TIME !== null;
    const r = spawnSync(timed ? GNU_TIME! : 'cbc', timed ? ['-f', 'peak-kb %M', 'cbc', ...cbcArgs] : cbcArgs, {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
      // CBC reads a large LP file slowly (minutes at a million columns) before its own clock starts.
      timeout: (seconds + 600) * 1000,
    });
    const ms = performance.now() - t0;
    const out = r.stdout ?? '';
    const value = out.match(/Objective value:\s*(-?[\d.eE+-]+)/)?.[1];
    const objective = value === undefined ? null : Number(value);
    const peakKb = timed ? (r.stderr ?? '').match(/peak-kb (\d+)/)?.[1] : undefined;
    const peak = peakKb === undefined ? {} : { peakRss: Number(peakKb) * 1024 };
    if (/Result - Optimal solution found/.test(out)) return { status: 'optimal', objective, ms, ...peak };
    if (/Result - Stopped/.test(out)) return { status: objective === null ? 'no-solution' : 'stopped', objective, ms, ...peak };
    if (r.signal || /infeasible|No feasible solution/i.test(out)) return { status: 'no-solution', objective: null, ms, ...peak };
    return { status: 'failed', objective, ms, ...peak };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Columns of the plain model: admissible groups up to three members times (mentors + none). */
export function plainModelColumnEstimate(n: number, m: number): number {
  return (n * (n - 1) * (n - 2)) / 6 * (m + 1) + (n * (n - 1)) / 2 * (m + 1);
}
