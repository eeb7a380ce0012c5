/**
 * The sizes an XLSX (a zip) claims, checked before exceljs unpacks it in memory: a 418 KB upload that
 * inflated to 400 MB held the console for 40 s and grew it by 1 GB. The central directory's sizes are
 * summed against a limit, and each entry is inflated once with its own claimed size as the hard cap, so a
 * file that lies about its sizes is refused too.
 */
import { inflateRawSync } from 'node:zlib';
import { SheetTooLargeError } from './sheet-xlsx-errors.js';

/** Unpacked, a criteria sheet is some tens of KB; 5 MB leaves room for styles and pictures. */
export const MAX_UNPACKED_BYTES = 5 * 1024 * 1024;
const MAX_ENTRIES = 1000;
const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/**
 * Refuses a zip whose entries unpack to more than `limit` bytes in all, or to more than they claim.
 * Bytes that are not a zip are left to the XLSX reader, which says the file is not a workbook.
 */
export function checkUnpackedSize(bytes: Uint8Array, limit = MAX_UNPACKED_BYTES): void {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endOfDirectory(data);
  if (end === undefined) return;
  const count = data.readUInt16LE(end + 10);
  if (count > MAX_ENTRIES) throw tooLarge(limit);
  let at = data.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== DIRECTORY_ENTRY) return; // damaged: the reader will say so
    const method = data.readUInt16LE(at + 10);
    const compressed = data.readUInt32LE(at + 20);
    const size = data.readUInt32LE(at + 24);
    const local = data.readUInt32LE(at + 42);
    total += size; // a ZIP64 entry claims 0xFFFFFFFF here: over any limit
    if (total > limit) throw tooLarge(limit);
    inflatesWithin(data, local, method, compressed, size, limit);
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
}

/** Inflates one entry with its claimed size as the cap: more output is a lie about its size. */
function inflatesWithin(data: Buffer, local: number, method: number, compressed: number, size: number, limit: number): void {
  if (method !== 8 || local + 30 > data.length || data.readUInt32LE(local) !== LOCAL_HEADER) return;
  const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
  try {
    inflateRawSync(data.subarray(start, start + compressed), { maxOutputLength: Math.max(1, size) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limit);
    // any other inflate error is damage the XLSX reader reports in its own words
  }
}

/** The End of Central Directory record: 22 bytes and a comment of up to 64 KB at the end. */
function endOfDirectory(data: Buffer): number | undefined {
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (data.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  return undefined;
}

const tooLarge = (limit: number) =>
  new SheetTooLargeError(
    `Tệp quá lớn so với một bảng tiêu chí (giải nén hơn ${limit / 1024 / 1024} MB): hãy kiểm tra lại tệp.`,
    `The file is too large for a criteria sheet (over ${limit / 1024 / 1024} MB unpacked): check the file.`,
  );
