/**
 * RFC 4180 CSV text: a header row, CRLF between records, a field quoted when it holds a comma,
 * a double quote, CR or LF (quotes inside doubled). Text stays UTF-8 as given (å ä ö intact);
 * an optional byte-order mark helps spreadsheet programs that otherwise guess a legacy encoding.
 * (Written here rather than with csv-stringify because its default does not quote a bare LF when
 * the record delimiter is CRLF.)
 */
export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Prefix U+FEFF (for Excel). Default false. */
  bom?: boolean | undefined;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

const needsQuotes = /[",\r\n]/;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return (options.bom ? '\uFEFF' : '') + lines.map((l) => `${l}\r\n`).join('');
}

/** A share in [0, 1] with 6 decimals, so columns stay readable and sums do not show float noise. */
export const roundShare = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Several values in one cell, separated by "; ". */
export const joinList = (values: readonly string[]): string => values.join('; ');
