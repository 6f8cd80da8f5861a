/**
 * The command-line framework shared by every command: argument parsing, `--help`, errors as one
 * sentence on stderr with a non-zero exit (2 for usage errors and a database held by another
 * process, 1 for everything else), and text output that fits 100 columns.
 *
 * stdout carries only the command's data (CSV, JSON or a table), so `> file.csv` and `| jq` work;
 * everything else (progress, notes, errors) goes to stderr.
 */
import { AppError } from '../core/errors.js';

/** Widest line of human-readable output. */
export const MAX_WIDTH = 100;

export function parseArgs(argv: string[]): { flags: Map<string, string | true>; positional: string[] } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h') flags.set('help', true);
    else if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (v !== undefined) flags.set(k, v);
      else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) flags.set(k, argv[++i]!);
      else flags.set(k, true);
    } else positional.push(a);
  }
  return { flags, positional };
}

/** A usage error: the command line itself is wrong (exit code 2). */
export function usageError(message: string): AppError {
  return new AppError('invalid_input', message, [{ field: 'command line', message: 'usage' }]);
}

const isUsageError = (e: AppError): boolean => e.code === 'invalid_input' && e.details.some((d) => d.field === 'command line');

/** The embedded database is held by another process (a running server): exit 2 with one sentence. */
export function isDatabaseHeld(e: unknown): e is AppError {
  return e instanceof AppError && e.code === 'unavailable' && e.details.some((d) => d.field === 'DATA_DIR');
}

/** One sentence for any error (ends with a full stop), never a stack. */
export function errorSentence(e: unknown): string {
  if (isDatabaseHeld(e)) {
    const pid = e.details.find((d) => d.field === 'DATA_DIR')?.values?.[0];
    return `The embedded database is in use by ${pid ? `process ${String(pid)} (a running server?)` : 'another process'}; stop that process, or set DATABASE_URL so that both use one PostgreSQL server.`;
  }
  const text = e instanceof Error ? e.message : String(e);
  const line = text.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

/** Details of an AppError worth a line each (file:line of an import); others stay out of the way. */
function detailLines(e: AppError): string[] {
  return e.details
    .filter((d) => d.file !== undefined || d.line !== undefined)
    .map((d) => `  ${[d.file, d.line].filter((x) => x !== undefined).join(':')}: ${d.field ? `${d.field}: ` : ''}${d.message}`);
}

/** The exit code for an error: 2 for usage errors and a held database, 1 otherwise. */
export function exitCodeOf(e: unknown): number {
  if (isDatabaseHeld(e)) return 2;
  if (e instanceof AppError && isUsageError(e)) return 2;
  return 1;
}

/** Prints an error as one sentence on stderr (plus file:line details of an import). */
export function reportError(e: unknown): void {
  process.stderr.write(`${errorSentence(e)}\n`);
  if (e instanceof AppError) for (const l of detailLines(e)) process.stderr.write(`${l}\n`);
}

/**
 * Runs a command body: `--help`/`-h` prints `usage` to stdout and exits 0; an error prints one
 * sentence on stderr and sets the exit code (see exitCodeOf).
 */
export async function runCli(body: () => Promise<void>, usage?: string): Promise<void> {
  if (usage && (process.argv.includes('--help') || process.argv.includes('-h'))) {
    process.stdout.write(`${usage.trimEnd()}\n`);
    return;
  }
  try {
    await body();
  } catch (e) {
    reportError(e);
    process.exitCode = exitCodeOf(e);
  }
}

/** Writes data to stdout (never through console.log's formatting). */
export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Word-wraps text to `width` columns; continuation lines start with `indent`. */
export function wrap(text: string, width = MAX_WIDTH, indent = ''): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    // The paragraph's own leading spaces are kept; words are what follows them.
    const lead = /^ */.exec(paragraph)![0];
    let line = lead;
    for (const word of paragraph.slice(lead.length).split(' ')) {
      const candidate = line.trim() ? `${line} ${word}` : `${line}${word}`;
      if (candidate.length <= width || !line.trim()) line = candidate;
      else {
        lines.push(line);
        line = `${indent}${word}`;
      }
      while (line.length > width) {
        lines.push(line.slice(0, width));
        line = `${indent}${line.slice(width)}`;
      }
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/**
 * A text table that fits `maxWidth` columns: the widest columns shrink (to at least 6) and their
 * cells wrap onto several lines.
 */
export function table(headers: string[], rows: string[][], maxWidth = MAX_WIDTH): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > maxWidth) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 6) break;
    widths[widest]!--;
  }
  const render = (cells: string[]): string[] => {
    const wrapped = cells.map((x, c) => wrap(x ?? '', widths[c]!, '').split('\n'));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, k) => wrapped.map((w, c) => (w[k] ?? '').padEnd(widths[c]!)).join('  ').trimEnd());
  };
  return [...render(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.flatMap(render)].join('\n');
}
