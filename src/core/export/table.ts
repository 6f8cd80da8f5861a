/**
 * Typed tables: the one shape every export is built as, before it becomes CSV (csv.ts) or a
 * workbook (services/export/xlsx-writer.ts). A column has a stable English key (the CSV header
 * programs read), a Swedish label (the header people read in Excel) and a type that says how a
 * value is written:
 *
 * - text     free text; neutralised against formula injection (see `neutraliseText`)
 * - code     an identifier such as a kommunkod "0114" or länskod "01": always text, never a number,
 *            so leading zeros survive
 * - integer  a count or population; decimal: a measure; percent: a share in [0, 1]
 * - date     "YYYY", "YYYY-MM" or "YYYY-MM-DD" text (as the record keeps it)
 * - boolean  true / false
 *
 * Invariants: every row has exactly `columns.length` cells; a cell is null (unknown) or of its
 * column's JS type (string for text/code/date, number for integer/decimal/percent, boolean).
 */

export type ColumnType = 'text' | 'code' | 'integer' | 'decimal' | 'percent' | 'date' | 'boolean';
export type Cell = string | number | boolean | null | undefined;

export interface Column {
  /** Stable English snake_case key: the RFC 4180 CSV header. */
  key: string;
  /** Swedish header for people (XLSX, CSV for Excel). */
  label: string;
  type: ColumnType;
  /** Decimals shown for decimal and percent columns (XLSX number format); default 3 and 1. */
  decimals?: number;
}

export interface Table {
  /** Sheet name (Swedish, at most 31 characters, none of []:*?/\). */
  name: string;
  columns: readonly Column[];
  rows: readonly (readonly Cell[])[];
}

/** A column from a compact spec: `col('county_code', 'Länskod', 'code')`. */
export const col = (key: string, label: string, type: ColumnType = 'text', decimals?: number): Column =>
  decimals === undefined ? { key, label, type } : { key, label, type, decimals };

/** Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text a spreadsheet will not run: a value starting with =, +, -, @, tab or carriage return gets a
 * leading apostrophe (OWASP's advice), so "=1+1" is shown as the text '=1+1 and never evaluated.
 * Applied to every text cell of every export (CSV and XLSX); numbers are not text and stay numbers.
 */
export function neutraliseText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A code is "digits only" when a spreadsheet would otherwise turn it into a number and drop zeros. */
export const isDigitCode = (text: string): boolean => /^[0-9]{1,15}$/.test(text);

/** The CSV header keys of a table (for tests and for callers that want the column list). */
export const columnKeys = (columns: readonly Column[]): string[] => columns.map((c) => c.key);

/** Valid Excel sheet name from any label: forbidden characters replaced, at most 31 characters. */
export function sheetName(label: string): string {
  const clean = label.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31);
  return clean || 'Blad';
}
