// Regression (issue 10 item 9): a Latin-1 organisations CSV imported silently as mojibake, and a
// NUL failed without naming file, line or field.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { parseOrganisationsCsv, parseOrganisationsFile } from '../../../src/services/org-csv.js';

const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const refusal = (f: () => unknown): AppError => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

const csv = 'id,kind,name,county\nX-1,myndighet,Malmö Göteborg,12\n';

describe('organisations CSV: encodings and control characters', () => {
  it('refuses a Latin-1 file naming file and line', () => {
    const err = refusal(() => parseOrganisationsFile(latin1(csv), { file: 'net.csv' }));
    expect(err.code).toBe('invalid_input');
    expect(err.details).toEqual([expect.objectContaining({ file: 'net.csv', line: 2 })]);
    expect(err.message).not.toContain('\ufffd');
  });

  it('decodes the Latin-1 file correctly when the encoding is named', () => {
    const rows = parseOrganisationsFile(latin1(csv), { file: 'net.csv', encoding: 'latin1' });
    expect(rows[0]?.name).toBe('Malmö Göteborg');
  });

  it('names file, line and field of a NUL', () => {
    const err = refusal(() => parseOrganisationsCsv('id,kind,name,county\nX-1,myndighet,Ok,12\nX-2,myndighet,Bad\u0000name,12\n', { file: 'nul.csv' }));
    expect(err.details).toEqual([expect.objectContaining({ file: 'nul.csv', line: 3, field: 'name' })]);
    expect(err.details[0]?.message).toContain('NUL');
  });

  it('allows line breaks in a note but not another control character', () => {
    expect(parseOrganisationsCsv('id,kind,name,county,note\nX-1,myndighet,Ok,12,"two\nlines"\n', { file: 'f' })[0]?.note).toBe('two\nlines');
    const err = refusal(() => parseOrganisationsCsv('id,kind,name,county,note\nX-1,myndighet,Ok,12,bell\u0007\n', { file: 'f' }));
    expect(err.details[0]).toMatchObject({ line: 2, field: 'note' });
  });
});
