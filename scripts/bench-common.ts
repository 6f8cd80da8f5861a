/**
 * What the benchmark scripts share: the record with stand-in mentors for the largest size, the
 * draw of a size's instance, the line that describes the machine, and writing a script's own
 * section of BENCHMARKS.md between its markers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { World } from '../src/core/model.js';
import { drawRealInstance } from './draw-instance.js';

const standInId = (k: number, municipality: string) => `BENCH-M${String(k).padStart(3, '0')}-${municipality}`;

/**
 * The record plus 100 bench-only stand-in mentor organisations at every municipality (kind
 * 'forvaltning'): when fewer real organisations remain than mentors are needed (290 applicants),
 * the draw places the rest at municipalities drawn with the same seed.
 */
export function withStandIns(loaded: World): World {
  return {
    ...loaded,
    organisations: [
      ...loaded.organisations,
      ...loaded.organisations
        .filter((o) => o.kind === 'kommun')
        .flatMap((o) => Array.from({ length: 100 }, (_, k) => ({ ...o, id: standInId(k, o.id), kind: 'forvaltning', name: `Stand-in mentor ${k} at ${o.name}` }))),
    ],
  };
}

/** The bench's instance of a size: real municipalities applying, mentors from the rest, then stand-ins. */
export const drawBenchInstance = (loaded: World, n: number, m: number, seed: number) => drawRealInstance(loaded, n, m, seed, standInId);

function cpuModel(): string {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

/** "Machine: …" with the load average at start and now; `meaning` says what a high load does to the figures. */
export function describeMachine(loadAtStart: number[], meaning: string): string {
  const load = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' / ');
  return `Machine: ${os.type()} ${os.release()} (${os.platform()}/${os.arch()}), CPU ${cpuModel()}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}. Load average at start ${load(loadAtStart)} and at end ${load(os.loadavg())} (1/5/15 min): ${meaning}`;
}

/** Replaces the text between `start` and `end` (markers included) in BENCHMARKS.md, or appends it. */
export function writeBenchSection(start: string, end: string, section: string, file = 'BENCHMARKS.md'): void {
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  writeFileSync(file, a >= 0 && b > a ? text.slice(0, a) + section + text.slice(b + end.length) : `${text.trimEnd()}\n\n${section}\n`);
}
