/**
 * Checks an uploaded XLSX file (a zip archive) before any XLSX library unpacks it: a few
 * megabytes of highly compressed zeros (a "zip bomb") would otherwise expand to gigabytes in the
 * server's process. An import of at most 500 rows needs a small fraction of the budget below.
 *
 * Reads the archive's central directory, requires the declared sizes and the entry count to fit
 * the budget, and then inflates every deflated entry (in zlib's thread pool, off the event loop)
 * with its declared size as the output limit, so that an entry whose header under-states its size
 * is caught without unpacking more than the budget. Returns the problem in words, or null.
 */
import { promisify } from 'node:util';
import { inflateRaw, type ZlibOptions } from 'node:zlib';

const inflateRawAsync = promisify<Buffer, ZlibOptions, Buffer>(inflateRaw);

export interface ZipBudget {
  /** Sum of the entries' unpacked sizes. */
  totalBytes: number;
  entries: number;
}

/** What an upload that is not a workbook is told (here and when the XLSX reader fails). */
export const NOT_XLSX = 'not readable as an XLSX workbook (save it from Excel as .xlsx, or export CSV)';

export const XLSX_BUDGET: ZipBudget = { totalBytes: 32 * 1024 * 1024, entries: 500 };

const INCOMPLETE = 'the workbook is not a complete zip archive';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Entry {
  method: number;
  compressed: number;
  size: number;
  localOffset: number;
}

export async function zipProblem(bytes: Uint8Array, budget: ZipBudget = XLSX_BUDGET): Promise<string | null> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readCentralDirectory(view, budget);
  if (typeof entries === 'string') return entries;
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > budget.totalBytes) return `the workbook unpacks to more than ${budget.totalBytes / (1024 * 1024)} MB`;
  }
  for (const e of entries) {
    const data = entryData(view, e);
    if (data === null) return INCOMPLETE;
    if (e.method === 0) {
      if (e.compressed !== e.size) return INCOMPLETE;
      continue;
    }
    if (e.method !== 8) return 'the workbook uses a compression method Excel does not write';
    try {
      // One byte over the declared size is enough to show that the header under-states it.
      const out = await inflateRawAsync(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { maxOutputLength: e.size + 1 });
      if (out.length !== e.size) return INCOMPLETE;
    } catch {
      return 'the workbook is damaged or unpacks to more than its headers declare';
    }
  }
  return null;
}

/** The entries of the central directory, or the problem. ZIP64 archives are refused (Excel writes them only above 4 GB). */
function readCentralDirectory(view: DataView, budget: ZipBudget): Entry[] | string {
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65 535 bytes.
  let end = -1;
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return NOT_XLSX;
  const count = view.getUint16(end + 10, true);
  const dirSize = view.getUint32(end + 12, true);
  const dirOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) return NOT_XLSX;
  if (count > budget.entries) return `the workbook holds more than ${budget.entries} parts`;
  if (dirOffset + dirSize > end) return NOT_XLSX;
  const entries: Entry[] = [];
  let at = dirOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) return NOT_XLSX;
    const entry = {
      method: view.getUint16(at + 10, true),
      compressed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    if (entry.size === 0xffffffff || entry.compressed === 0xffffffff) return NOT_XLSX;
    entries.push(entry);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** An entry's compressed bytes (after its local header), or null when they lie outside the file. */
function entryData(view: DataView, e: Entry): Uint8Array | null {
  const at = e.localOffset;
  if (at + 30 > view.byteLength || view.getUint32(at, true) !== LOCAL) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + e.compressed > view.byteLength) return null;
  return new Uint8Array(view.buffer, view.byteOffset + start, e.compressed);
}
