import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { decodeImportBytes, findControlCharacter, findInvalidUtf8 } from '../../../src/core/import-text.js';

const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const errorOf = (f: () => unknown): AppError => {
  try {
    f();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected an error');
};

describe('decodeImportBytes', () => {
  const bytes = latin1('id,name\n1,ok\n2,Malmö Göteborg\n');

  it('refuses Latin-1 as UTF-8, naming the file and the line of the first bad byte', () => {
    const err = errorOf(() => decodeImportBytes(bytes, { file: 'orgs.csv' }));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('invalid_input');
    expect(err.details[0]).toMatchObject({ file: 'orgs.csv', line: 3 });
    expect(err.message).toContain('orgs.csv');
    expect(err.message).toContain('encoding=windows-1252');
  });

  it('decodes Latin-1 correctly when the encoding is named', () => {
    for (const encoding of ['latin1', 'windows-1252', 'ISO-8859-1']) {
      expect(decodeImportBytes(bytes, { file: 'f.csv', encoding })).toContain('Malmö Göteborg');
    }
  });

  it('reads UTF-8 with and without a BOM, and refuses an unknown encoding naming the field', () => {
    const utf8 = new TextEncoder().encode('a\nMalmö\n');
    expect(decodeImportBytes(utf8, { file: 'f' })).toBe('a\nMalmö\n');
    expect(decodeImportBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]), { file: 'f' })).toBe('a\nMalmö\n');
    expect(errorOf(() => decodeImportBytes(utf8, { file: 'f', encoding: 'ebcdic' })).details[0]?.field).toBe('encoding');
  });

  it('finds overlong forms, surrogates and truncated sequences', () => {
    expect(findInvalidUtf8(Uint8Array.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(findInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(findInvalidUtf8(Uint8Array.from([0x41, 0xe2, 0x82]))).toBe(1);
    expect(findInvalidUtf8(new TextEncoder().encode('Å😀'))).toBe(-1);
  });
});

describe('findControlCharacter', () => {
  it('finds NUL, C0, DEL and C1, allowing line breaks and tab only in multi-line text', () => {
    expect(findControlCharacter('ab\u0000c')).toEqual({ index: 2, code: 0 });
    expect(findControlCharacter('a\u007f')).toEqual({ index: 1, code: 0x7f });
    expect(findControlCharacter('a\u0085')).toEqual({ index: 1, code: 0x85 });
    expect(findControlCharacter('a\nb')).toEqual({ index: 1, code: 10 });
    expect(findControlCharacter('a\n\tb\r\n', true)).toBeNull();
    expect(findControlCharacter('Malmö – “Göteborg”')).toBeNull();
  });
});
