/**
 * Reads applications (intresseanmälningar) and mentor offers from a CSV or XLSX file as a web
 * form would export them, into drafts the core resolves (src/core/applications.ts). Every problem
 * names file, line and field; nothing is returned when there is any, so an import is all or nothing.
 *
 * Columns (header row first; English or Swedish headers, any case; the order does not matter):
 *
 * Applications
 *   org_id         | organisations-id, kommunkod, länskod      an existing organisation id
 *   org_name       | organisation, organisationens namn        or its exact name (or a new one's)
 *   kind           | typ, organisationstyp                     for a new organisation: kommun, region,
 *                                                               stadsdel, förbund, förvaltning, …
 *   county         | län, länskod                              for a new organisation: code or name
 *   focus          | fokusområden, fokusområde                 focus-area ids or labels, ';'-separated
 *   delegation     | delegationens roller, roller              roles (politiker; chef; strateg; …)
 *   wish_with      | gärna med, önskad partner                 organisations (ids or names), ';'-separated
 *   not_with       | inte med, ej med                          organisations (ids or names), ';'-separated
 *   gender_decision| politiskt beslut, cemr                    ja/nej (yes/no); empty = not stated
 *   note           | kommentar, anteckning, övrigt             free text
 * Mentor offers
 *   org_id | org_name (as above), capacity | kapacitet, antal grupper (1–10), note | kommentar
 *
 * Columns a form adds about the person filling it in (tidsstämpel, e-post, namn, …) are ignored
 * and never stored; any other unknown column is an error, so a misspelt header is not lost.
 * CSV: UTF-8 unless the caller names an encoding; ',', ';' or tab as delimiter (taken from the
 * header row); '#' starts a comment line. XLSX: the first worksheet; the line is the row number.
 */
import ExcelJS from 'exceljs';
import type { ApplicationDraft, MentorOfferDraft } from '../core/applications.js';
import { MAX_APPLICATIONS, MAX_LIST, MAX_NAME, MAX_NOTE } from '../core/applications.js';
import { NOT_XLSX, zipProblem } from './zip-guard.js';
import { AppError, type ErrorDetail } from '../core/errors.js';
import { controlCharacterProblem, decodeImportBytes, refuseImport } from '../core/import-text.js';
import { readImportCsv } from './import-csv.js';

export type ImportFormat = 'csv' | 'xlsx';
export type ImportKind = 'applications' | 'mentorOffers';

export interface ReadFileOptions {
  file: string;
  format: ImportFormat;
  encoding?: string | undefined;
}

interface Column {
  key: string;
  aliases: string[];
  multiline?: boolean;
  max: number;
}

const APPLICATION_COLUMNS: Column[] = [
  { key: 'org_id', aliases: ['org_id', 'organisation_id', 'organisations-id', 'organisationsid', 'kommunkod', 'länskod/kommunkod'], max: 64 },
  { key: 'org_name', aliases: ['org_name', 'organisation', 'organisationens namn', 'organisation (namn)', 'kommun/region'], max: MAX_NAME },
  { key: 'kind', aliases: ['kind', 'typ', 'organisationstyp', 'typ av organisation'], max: 40 },
  { key: 'county', aliases: ['county', 'län', 'lan', 'länskod'], max: 60 },
  { key: 'focus', aliases: ['focus', 'fokusområden', 'fokusområde', 'fokusomraden'], max: 1000 },
  { key: 'delegation', aliases: ['delegation', 'delegationens roller', 'roller', 'roller i delegationen'], max: 500 },
  { key: 'wish_with', aliases: ['wish_with', 'gärna med', 'garna med', 'önskad partner', 'gärna i grupp med'], max: 1000 },
  { key: 'not_with', aliases: ['not_with', 'inte med', 'ej med', 'inte i grupp med'], max: 1000 },
  {
    key: 'gender_decision',
    aliases: ['gender_decision', 'politiskt beslut', 'politiskt beslut om jämställdhetsintegrering', 'cemr', 'cemr-deklarationen', 'undertecknat cemr-deklarationen'],
    max: 40,
  },
  { key: 'note', aliases: ['note', 'kommentar', 'anteckning', 'övrigt', 'ovrigt'], multiline: true, max: MAX_NOTE },
];

const OFFER_COLUMNS: Column[] = [
  APPLICATION_COLUMNS[0]!,
  APPLICATION_COLUMNS[1]!,
  { key: 'capacity', aliases: ['capacity', 'kapacitet', 'antal grupper'], max: 10 },
  APPLICATION_COLUMNS[9]!,
];

/** Columns about the person who filled in the form: ignored, never stored. */
const IGNORED = new Set([
  'id', 'tidsstämpel', 'timestamp', 'starttid', 'sluttid', 'start time', 'completion time', 'senast ändrad', 'last modified time',
  'e-post', 'e-postadress', 'epost', 'email', 'email address', 'namn', 'name', 'kontaktperson', 'telefon', 'phone',
]);

const normaliseHeader = (h: string): string => h.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ').replace(/[:?]+$/, '').trim();

/** The documented columns of a kind, English name first then its Swedish aliases (for the page and docs). */
export function describeColumns(kind: ImportKind): { key: string; aliases: string[] }[] {
  return (kind === 'applications' ? APPLICATION_COLUMNS : OFFER_COLUMNS).map((c) => ({ key: c.key, aliases: c.aliases.slice(1) }));
}

interface Table {
  header: { line: number; cells: string[] };
  rows: { line: number; cells: string[] }[];
}

const refuse = refuseImport;

function readCsv(bytes: Uint8Array, file: string, encoding: string | undefined): Table {
  // One line ending, so that csv-parse's line count matches what an editor shows.
  const text = decodeImportBytes(bytes, { file, encoding }).replace(/\r\n?/g, '\n');
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/).find((l) => l.trim() && !l.startsWith('#')) ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  const delimiter = [';', '\t', ','].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
  const [header, ...rows] = readImportCsv(text, file, { delimiter, maxRecordSize: 100_000 });
  if (!header) return refuse(file, [{ file, line: 1, message: 'the file is empty: expected a header row and at least one row' }]);
  return { header, rows };
}

async function readXlsx(bytes: Uint8Array, file: string): Promise<Table> {
  const unsafe = await zipProblem(bytes);
  if (unsafe) return refuse(file, [{ file, line: 1, message: unsafe }]);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    return refuse(file, [{ file, line: 1, message: NOT_XLSX }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return refuse(file, [{ file, line: 1, message: 'the workbook has no worksheet' }]);
  if (sheet.rowCount > MAX_APPLICATIONS + 50) {
    return refuse(file, [{ file, line: MAX_APPLICATIONS + 2, message: `more than ${MAX_APPLICATIONS} rows` }]);
  }
  const lines: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    const width = Math.min(row.cellCount, 60);
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)).trim());
    if (cells.some((x) => x !== '') && !cells[0]?.startsWith('#')) lines.push({ line: row.number, cells });
  });
  const [header, ...rows] = lines;
  if (!header) return refuse(file, [{ file, line: 1, message: 'the worksheet is empty: expected a header row and at least one row' }]);
  return { header, rows };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result instanceof Date ? v.result.toISOString().slice(0, 10) : v.result);
  }
  return cell.text ?? '';
}

/** Splits a list cell ("a; b, c" or one per line) into its items. */
const splitList = (s: string): string[] =>
  s
    .split(/[;,\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

function parseYesNo(s: string): boolean | null | undefined {
  const v = s.trim().toLowerCase();
  if (v === '' || v === 'vet ej' || v === 'vet inte' || v === 'okänt' || v === 'unknown') return null;
  if (/^(ja|yes|true|1|x)\b/.test(v) || v.startsWith('ja') || v.includes('cemr')) return true;
  if (/^(nej|no|false|0)\b/.test(v)) return false;
  return undefined;
}

interface Mapped {
  line: number;
  get(key: string): string;
}

function mapTable(table: Table, columns: Column[], file: string): Mapped[] {
  const problems: ErrorDetail[] = [];
  const indexOf = new Map<string, number>();
  const colOf: (Column | null)[] = [];
  table.header.cells.forEach((raw, i) => {
    const h = normaliseHeader(raw);
    const col = columns.find((c) => c.aliases.includes(h)) ?? null;
    colOf.push(col);
    if (col) {
      if (indexOf.has(col.key)) problems.push({ file, line: table.header.line, field: raw, message: `column '${raw}' repeats '${col.key}'` });
      else indexOf.set(col.key, i);
    } else if (h !== '' && !IGNORED.has(h)) {
      problems.push({
        file,
        line: table.header.line,
        field: raw.slice(0, 60),
        message: `unknown column '${raw.slice(0, 60)}'; expected ${columns.map((c) => c.key).join(', ')} (or their Swedish names)`,
      });
    }
  });
  if (!indexOf.has('org_id') && !indexOf.has('org_name'))
    problems.push({ file, line: table.header.line, field: 'org_id', message: 'missing column: org_id (organisations-id) or org_name (organisation)' });
  if (problems.length) return refuse(file, problems);
  if (table.rows.length === 0) return refuse(file, [{ file, line: table.header.line, message: 'no rows after the header row' }]);
  if (table.rows.length > MAX_APPLICATIONS) return refuse(file, [{ file, line: table.rows[MAX_APPLICATIONS]!.line, message: `more than ${MAX_APPLICATIONS} rows` }]);

  for (const row of table.rows) {
    row.cells.forEach((value, i) => {
      const col = colOf[i];
      const field = col?.key ?? (table.header.cells[i] || `column ${i + 1}`);
      const p = controlCharacterProblem(value, { file, line: row.line, field, multiline: col?.multiline ?? false });
      if (p) problems.push(p);
      else if (col && value.length > col.max) problems.push({ file, line: row.line, field, message: `longer than ${col.max} characters` });
    });
  }
  if (problems.length) return refuse(file, problems);
  return table.rows.map((row) => ({ line: row.line, get: (key: string) => row.cells[indexOf.get(key) ?? -1] ?? '' }));
}

async function readTable(bytes: Uint8Array, options: ReadFileOptions): Promise<Table> {
  return options.format === 'xlsx' ? readXlsx(bytes, options.file) : readCsv(bytes, options.file, options.encoding);
}

/** Applications of a file → drafts; throws AppError('invalid_input') naming file, line and field. */
export async function readApplicationsFile(bytes: Uint8Array, options: ReadFileOptions): Promise<ApplicationDraft[]> {
  const { file } = options;
  const rows = mapTable(await readTable(bytes, options), APPLICATION_COLUMNS, file);
  const problems: ErrorDetail[] = [];
  const drafts = rows.map((r): ApplicationDraft => {
    const problem = (field: string, message: string) => problems.push({ file, line: r.line, field, message });
    const list = (key: string): string[] => {
      const items = splitList(r.get(key));
      if (items.length > MAX_LIST) problem(key, `more than ${MAX_LIST} items`);
      return items.slice(0, MAX_LIST);
    };
    const id = r.get('org_id');
    const name = r.get('org_name');
    const kind = r.get('kind');
    let organisation: ApplicationDraft['organisation'];
    if (id) organisation = { ref: id };
    else if (!name) {
      problem('org_id', 'give the organisation: org_id (organisations-id) or org_name (organisation)');
      organisation = { ref: '' };
    } else if (kind) organisation = { create: { name, kind, county: r.get('county') || null } };
    else organisation = { ref: name };
    const decision = parseYesNo(r.get('gender_decision'));
    if (decision === undefined) problem('gender_decision', `'${r.get('gender_decision').slice(0, 40)}' is not ja or nej (or empty)`);
    return {
      line: r.line,
      organisation,
      focus: list('focus'),
      delegation: list('delegation'),
      wishWith: list('wish_with'),
      notWith: list('not_with'),
      genderDecision: decision ?? null,
      note: r.get('note') || null,
    };
  });
  if (problems.length) refuse(file, problems);
  return drafts;
}

/** Mentor offers of a file → drafts; throws AppError('invalid_input') naming file, line and field. */
export async function readMentorOffersFile(bytes: Uint8Array, options: ReadFileOptions): Promise<MentorOfferDraft[]> {
  const { file } = options;
  const rows = mapTable(await readTable(bytes, options), OFFER_COLUMNS, file);
  const problems: ErrorDetail[] = [];
  const drafts = rows.map((r): MentorOfferDraft => {
    const ref = r.get('org_id') || r.get('org_name');
    if (!ref) problems.push({ file, line: r.line, field: 'org_id', message: 'give the organisation: org_id (organisations-id) or org_name (organisation)' });
    const capText = r.get('capacity');
    let capacity = 1;
    if (capText) {
      capacity = /^[0-9]{1,3}$/.test(capText) ? Number(capText) : NaN;
      if (Number.isNaN(capacity)) problems.push({ file, line: r.line, field: 'capacity', message: `'${capText}' is not a whole number` });
    }
    return { line: r.line, organisation: ref, capacity: Number.isNaN(capacity) ? 1 : capacity, note: r.get('note') || null };
  });
  if (problems.length) refuse(file, problems);
  return drafts;
}
