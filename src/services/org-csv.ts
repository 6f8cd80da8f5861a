/**
 * Parses and validates an organisations CSV (e.g. a county network of agencies) before anything
 * is written. Every bad row is reported, not just the first, each with file, line and field.
 *
 * Format: UTF-8 (a BOM is accepted; another encoding only when the user names it, see
 * src/core/import-text.ts), comma-separated, a header row; lines starting with '#' are
 * comments. Columns: id, kind, name, county (required columns), and optionally population,
 * population_year, lat, lon, parent, note. `kind` may be any lower-case word: a kind that does
 * not exist yet (myndighet, foretag…) is created on import; an empty kind is an error. `county`
 * is a 2-digit länskod or empty (a national organisation).
 *
 * Checks done here need only the file (and, when given, the known counties and organisations);
 * the database re-checks references inside the import transaction.
 */
import { AppError, type ErrorDetail } from '../core/errors.js';
import { controlCharacterProblem, decodeImportBytes, refuseImport } from '../core/import-text.js';
import { readImportCsv } from './import-csv.js';
import type { OrganisationImport as OrganisationCsvRow } from '../core/model.js';

export type { OrganisationImport as OrganisationCsvRow } from '../core/model.js';

export interface ParseOrganisationsOptions {
  /** Shown in every error detail; usually the path given on the command line. */
  file: string;
  /** Known county codes; when given, an unknown code is an error here already. */
  knownCounties?: ReadonlySet<string>;
  /** Organisations already stored; when given, a parent must be in the file or here. */
  knownOrganisations?: ReadonlySet<string>;
}

export const REQUIRED_COLUMNS = ['id', 'kind', 'name', 'county'] as const;
export const OPTIONAL_COLUMNS = ['population', 'population_year', 'lat', 'lon', 'parent', 'note'] as const;
const ALL_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

const ID = /^[^\s,;"']{1,64}$/u;
const KIND = /^[\p{Ll}\p{Nd}_-]{1,40}$/u;
const COUNTY = /^[0-9]{2}$/;

function parseNumber(text: string): number | null {
  // Accept a decimal comma and spaces as thousands separators, as Swedish spreadsheets write them.
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
}

export function parseOrganisationsCsv(text: string, options: ParseOrganisationsOptions): OrganisationCsvRow[] {
  const { file } = options;
  const fail = (details: ErrorDetail[]): never => refuseImport(file, details);
  const records = readImportCsv(text, file);

  // No NUL or control character anywhere (a note may span lines): reported by file, line and field.
  const controls: ErrorDetail[] = [];
  records.forEach((r, n) => {
    const line = r.line;
    r.cells.forEach((value, i) => {
      const field = n === 0 ? `column ${i + 1}` : (records[0]!.cells[i] ?? `column ${i + 1}`).toLowerCase();
      const p = controlCharacterProblem(value, { file, line, field, multiline: field === 'note' });
      if (p) controls.push(p);
    });
  });
  if (controls.length) return fail(controls);

  const header = records[0];
  if (!header) return fail([{ file, line: 1, message: 'the file is empty: expected a header row and at least one organisation' }]);
  const headerLine = header.line;
  const columns = header.cells.map((c) => c.toLowerCase());
  const headerProblems: ErrorDetail[] = [];
  for (const col of REQUIRED_COLUMNS) {
    if (!columns.includes(col)) headerProblems.push({ file, line: headerLine, field: col, message: `missing column '${col}'` });
  }
  columns.forEach((col, i) => {
    if (!ALL_COLUMNS.includes(col)) {
      headerProblems.push({ file, line: headerLine, field: col || `column ${i + 1}`, message: `unknown column '${col}'; expected ${ALL_COLUMNS.join(', ')}` });
    } else if (columns.indexOf(col) !== i) {
      headerProblems.push({ file, line: headerLine, field: col, message: `column '${col}' appears twice` });
    }
  });
  if (headerProblems.length) return fail(headerProblems);
  if (records.length === 1) return fail([{ file, line: headerLine, message: 'no organisations after the header row' }]);

  const details: ErrorDetail[] = [];
  const rows: OrganisationCsvRow[] = [];
  const firstLineOfId = new Map<string, number>();

  for (const raw of records.slice(1)) {
    const line = raw.line;
    const problem = (field: string, message: string) => details.push({ file, line, field, message });
    if (raw.cells.length !== columns.length) {
      problem('', `expected ${columns.length} fields, found ${raw.cells.length}`);
      continue;
    }
    const cell = (col: string): string => {
      const i = columns.indexOf(col);
      return i < 0 ? '' : (raw.cells[i] ?? '');
    };

    const id = cell('id');
    if (!id) problem('id', 'id is empty');
    else if (!ID.test(id)) problem('id', `id '${id}' must be 1–64 characters without spaces, commas or quotes`);
    else if (firstLineOfId.has(id)) problem('id', `duplicate id '${id}' (first on line ${firstLineOfId.get(id)})`);
    else firstLineOfId.set(id, line);

    const kind = cell('kind').toLowerCase();
    if (!kind) problem('kind', 'kind is empty (e.g. kommun, region, myndighet, foretag)');
    else if (!KIND.test(kind)) problem('kind', `kind '${kind}' must be one lower-case word (letters, digits, - or _)`);

    const name = cell('name');
    if (!name) problem('name', 'name is empty');
    else if (name.length > 200) problem('name', 'name is longer than 200 characters');

    const county = cell('county');
    let countyCode: string | null = null;
    if (county) {
      const padded = /^[0-9]$/.test(county) ? `0${county}` : county;
      if (!COUNTY.test(padded)) problem('county', `county '${county}' is not a 2-digit länskod`);
      else if (options.knownCounties && !options.knownCounties.has(padded)) problem('county', `unknown county code '${county}'`);
      else countyCode = padded;
    }

    let population: number | null = null;
    if (cell('population')) {
      const n = parseNumber(cell('population'));
      if (n === null || !Number.isInteger(n) || n < 0 || n > 2_147_483_647) {
        problem('population', `population '${cell('population')}' is not a non-negative whole number`);
      } else population = n;
    }
    let populationYear: number | null = null;
    if (cell('population_year')) {
      const n = parseNumber(cell('population_year'));
      if (n === null || !Number.isInteger(n) || n < 1800 || n > 2200) {
        problem('population_year', `population_year '${cell('population_year')}' is not a year`);
      } else if (population === null) problem('population_year', 'population_year given without population');
      else populationYear = n;
    }

    let lat: number | null = null;
    let lon: number | null = null;
    if (cell('lat')) {
      const n = parseNumber(cell('lat'));
      if (n === null || n < -90 || n > 90) problem('lat', `lat '${cell('lat')}' is not a latitude between -90 and 90`);
      else lat = n;
    }
    if (cell('lon')) {
      const n = parseNumber(cell('lon'));
      if (n === null || n < -180 || n > 180) problem('lon', `lon '${cell('lon')}' is not a longitude between -180 and 180`);
      else lon = n;
    }
    if (Boolean(cell('lat')) !== Boolean(cell('lon'))) problem(cell('lat') ? 'lon' : 'lat', 'give both lat and lon, or neither');

    const parent = cell('parent');
    if (parent && parent === id) problem('parent', 'an organisation cannot be its own parent');

    rows.push({
      line,
      id,
      kind,
      name,
      countyCode,
      population,
      populationYear,
      lat,
      lon,
      parentId: parent || null,
      note: cell('note') || null,
    });
  }

  // Parents: in the file or (when known) already stored.
  const idsInFile = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    if (r.parentId && r.parentId !== r.id && !idsInFile.has(r.parentId) && options.knownOrganisations && !options.knownOrganisations.has(r.parentId)) {
      details.push({ file, line: r.line, field: 'parent', message: `unknown parent organisation '${r.parentId}'` });
    }
  }

  if (details.length) fail(details.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  return rows;
}

/** The bytes of an organisations CSV: decoded (strict UTF-8 unless `encoding` is named), then parsed. */
export function parseOrganisationsFile(
  bytes: Uint8Array,
  options: ParseOrganisationsOptions & { encoding?: string | undefined },
): OrganisationCsvRow[] {
  return parseOrganisationsCsv(decodeImportBytes(bytes, options), options);
}
