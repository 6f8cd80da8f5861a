/**
 * Parses a CSV file (header row, UTF-8) into validated rows. Every bad cell is reported with the
 * file, the 1-based line in the file and the column, all at once, so a user can fix a file in one go.
 */
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { AppError, type ErrorDetail } from '../../core/errors.js';

export function parseCsvRows<S extends z.ZodType>(text: string, file: string, rowSchema: S): z.output<S>[] {
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new AppError('invalid_input', `${file}: not valid CSV: ${e.message ?? 'parse error'}`, [
      { file, ...(e.lines ? { line: e.lines } : {}), message: e.message ?? 'parse error' },
    ]);
  }
  const problems: ErrorDetail[] = [];
  const rows: z.output<S>[] = [];
  records.forEach((record, i) => {
    const line = i + 2; // header is line 1
    const result = rowSchema.safeParse(record);
    if (result.success) rows.push(result.data);
    else {
      for (const issue of result.error.issues) {
        problems.push({ file, line, field: issue.path.join('.') || undefined, message: issue.message } as ErrorDetail);
      }
    }
  });
  if (problems.length > 0) throw csvError(file, problems);
  return rows;
}

export function csvError(file: string, problems: ErrorDetail[]): AppError {
  const first = problems[0]!;
  const where = [first.line ? `line ${first.line}` : null, first.field ? `field '${first.field}'` : null].filter(Boolean).join(', ');
  return new AppError(
    'invalid_input',
    `${file}: ${problems.length} problem(s); first at ${where}: ${first.message}`,
    problems,
  );
}
