/**
 * The one place that decides whether an imported file's text can be read: every file import
 * (organisations CSV, applications and mentor offers in CSV or XLSX) goes through these checks.
 *
 * - Bytes become text only as UTF-8 (a BOM is accepted), unless the user names another encoding;
 *   bytes that are not UTF-8 are refused with the file and the line of the first bad byte, never
 *   decoded into mojibake (a Latin-1 "Malmö" must not become "Malm�").
 * - A cell (field) of a file may not hold NUL or other control characters (C0 except, in
 *   multi-line fields, tab and line breaks; DEL; C1): refused with file, line and field.
 *
 * Pure: TextDecoder is a language global, no I/O.
 */
import { AppError, type ErrorDetail } from './errors.js';

/** Encodings a user may name for a file that is not UTF-8 (lower-case aliases → WHATWG label). */
export const IMPORT_ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso-8859-15': 'iso-8859-15',
  'utf-16le': 'utf-16le',
};

export const IMPORT_ENCODING_NAMES = Object.keys(IMPORT_ENCODINGS);

/** The 0-based offset of the first byte that breaks UTF-8, or -1 when all of it is valid UTF-8. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points beyond U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

export interface DecodeOptions {
  /** Shown in the error: the file name the user gave. */
  file: string;
  /** An encoding the user named (see IMPORT_ENCODINGS); default UTF-8, strictly. */
  encoding?: string | undefined;
}

/** Resolves a user's encoding name; an unknown name is a 400 naming the `encoding` field. */
export function resolveEncoding(name: string | undefined, file: string): string {
  if (name === undefined || name === '') return 'utf-8';
  const label = IMPORT_ENCODINGS[name.trim().toLowerCase()];
  if (!label) {
    throw new AppError('invalid_input', `Unknown encoding '${name.slice(0, 40)}' for ${file}; use one of ${IMPORT_ENCODING_NAMES.join(', ')}.`, [
      { file, field: 'encoding', message: `unknown encoding; use one of ${IMPORT_ENCODING_NAMES.join(', ')}` },
    ]);
  }
  return label;
}

/**
 * Bytes of an imported text file → its text. Strict UTF-8 unless `encoding` names another; a
 * byte that is not UTF-8 is an `invalid_input` naming the file and its line.
 */
export function decodeImportBytes(bytes: Uint8Array, options: DecodeOptions): string {
  const { file } = options;
  const encoding = resolveEncoding(options.encoding, file);
  if (encoding === 'utf-8') {
    const bad = findInvalidUtf8(bytes);
    if (bad >= 0) {
      const line = lineAt(bytes, bad);
      const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
      const message = `line ${line} is not UTF-8 (byte 0x${hex}); save the file as UTF-8, or name its encoding (e.g. encoding=windows-1252 for Latin-1)`;
      throw new AppError('invalid_input', `${file}: ${message}. Nothing was imported.`, [{ file, line, field: 'encoding', message }]);
    }
  }
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
}

/** The first control character of a text (C0, DEL, C1), or null; `multiline` allows tab, CR and LF. */
export function findControlCharacter(text: string, multiline = false): { index: number; code: number } | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (multiline && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      return { index: i, code: c };
    }
    if (c >= 0x7f && c <= 0x9f) return { index: i, code: c };
  }
  return null;
}

const codeName = (code: number): string => (code === 0 ? 'NUL' : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`);

/** A detail naming file, line and field when a cell holds a control character; else null. */
export function controlCharacterProblem(
  value: string,
  where: { file: string; line: number; field: string; multiline?: boolean },
): ErrorDetail | null {
  const hit = findControlCharacter(value, where.multiline ?? false);
  if (!hit) return null;
  return {
    file: where.file,
    line: where.line,
    field: where.field,
    message: `contains the control character ${codeName(hit.code)} at position ${hit.index + 1}; remove it`,
  };
}

/** True when a string has no control character (tab and line breaks allowed when multiline). */
export const isPlainText = (value: string, multiline = false): boolean => findControlCharacter(value, multiline) === null;

/**
 * Refuses a whole file: one sentence naming the file, how many problems, the first three by line
 * and field, and that nothing was imported; every problem in `details`.
 */
export function refuseImport(file: string, details: ErrorDetail[]): never {
  const shown = details.slice(0, 3).map((d) => `line ${d.line ?? '?'}${d.field ? ` (${d.field})` : ''}: ${d.message}`);
  const more = details.length > 3 ? `; and ${details.length - 3} more` : '';
  throw new AppError(
    'invalid_input',
    `${file}: ${details.length} problem${details.length === 1 ? '' : 's'}, nothing was imported. ${shown.join('; ')}${more}`,
    details,
  );
}
