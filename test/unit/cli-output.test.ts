import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { errorSentence, exitCodeOf, table, usageError, wrap } from '../../src/cli/shared-output.js';

describe('CLI output helpers', () => {
  it('wrap keeps the indentation, indents continuation lines and never exceeds the width', () => {
    const text = `  mentors: ${Array.from({ length: 40 }, (_, i) => `Organisation${i}`).join(', ')}`;
    const lines = wrap(text, 100, '    ').split('\n');
    expect(lines[0]!.startsWith('  mentors: Organisation0,')).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith('    ') && !l.startsWith('     '))).toBe(true);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(lines.join(' ').replace(/\s+/g, ' ').trim()).toBe(text.replace(/\s+/g, ' ').trim());
  });

  it('table shrinks and wraps the widest columns to fit 100 columns', () => {
    const long = 'a reason that goes on and on '.repeat(10).trim();
    const out = table(['#', 'name', 'reason'], [['1', 'Upplands Väsby', long], ['2', 'Örebro', 'short']]);
    const lines = out.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(out).toContain('Upplands Väsby');
    expect(out.replace(/\s+/g, ' ')).toContain(long.slice(0, 60));
  });

  it('errors become one sentence; usage errors and a held database exit 2, others 1', () => {
    const held = new AppError('unavailable', 'The embedded database at /x is in use by process 42. Stop it.', [{ field: 'DATA_DIR', message: 'held', values: [42] }]);
    expect(errorSentence(held)).toMatch(/^The embedded database is in use by process 42 \(a running server\?\); .*\.$/);
    expect(exitCodeOf(held)).toBe(2);
    expect(exitCodeOf(usageError('--k must be a number'))).toBe(2);
    expect(errorSentence(usageError('--k must be a number'))).toBe('--k must be a number.');
    expect(exitCodeOf(new Error('boom'))).toBe(1);
    expect(errorSentence(new Error('Invalid configuration:\n  DATABASE_URL: Invalid URL'))).toBe('Invalid configuration: DATABASE_URL: Invalid URL.');
  });
});
