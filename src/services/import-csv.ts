/**
 * Reads the rows of an imported CSV file (the organisations CSV, applications and mentor offers):
 * csv-parse with comments, a BOM, trimmed cells and ragged rows allowed, each row with the line it
 * starts on as an editor shows it. A file csv-parse cannot read is refused with the file and line,
 * in words a person can act on (the parser's own message names its internals).
 */
import { parse } from 'csv-parse/sync';
import { refuseImport } from '../core/import-text.js';

export interface CsvRow {
  /** The 1-based line the row starts on. */
  line: number;
  cells: string[];
}

export function readImportCsv(text: string, file: string, options: { delimiter?: string; maxRecordSize?: number } = {}): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      ...(options.delimiter ? { delimiter: options.delimiter } : {}),
      comment: '#',
      comment_no_infix: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      ...(options.maxRecordSize ? { max_record_size: options.maxRecordSize } : {}),
    }) as unknown as typeof records;
  } catch (err) {
    const e = err as { lines?: number };
    return refuseImport(file, [{ file, line: e.lines ?? 1, message: 'not readable as CSV (an unclosed quote or a line that is too long)' }]);
  }
  // info.lines is where a record ends: a quoted field spanning lines moves its start up.
  return records.map((r) => ({ line: r.info.lines - r.record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0), cells: r.record }));
}
