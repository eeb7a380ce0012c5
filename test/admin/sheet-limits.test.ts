import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_PROBLEMS, SheetCellError, SheetTooLargeError, exportSheetXlsx, importSheetXlsx } from '../../functions/admin/sheet-xlsx.js';
import { defaultCriteriaSheet } from '../../functions/domain/index.js';

/** The exported default sheet with one more entry: 20 MB of zeros, which deflate to about 20 KB. */
async function inflating(): Promise<Uint8Array> {
  const entries = unzipSync(await exportSheetXlsx(defaultCriteriaSheet));
  return zipSync({ ...entries, 'xl/media/padding.bin': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
}

/** Rewrites the size an entry claims in the central directory (what a zip bomb lies about). */
function claimSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const data = Buffer.from(zip);
  const at = data.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02])]), data.lastIndexOf(Buffer.from(name)) - 80);
  data.writeUInt32LE(size, at + 24);
  return data;
}

async function workbookOf(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Bảng tiêu chí');
  ws.addRow(['Mã', 'Nội dung tiêu chí', 'Loại', 'Điểm tối đa']);
  for (const row of rows) ws.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('the criteria sheet import\'s limits', () => {
  it('refuses a file that unpacks to far more than a criteria sheet, before reading it', async () => {
    await expect(importSheetXlsx(await inflating())).rejects.toThrow(SheetTooLargeError);
  });

  it('refuses a file whose entry unpacks to more than it claims', async () => {
    const lying = claimSize(await inflating(), 'xl/media/padding.bin', 1000);
    const error = await importSheetXlsx(lying).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetTooLargeError);
    expect((error as Error).message).toMatch(/quá lớn/);
  });

  it('refuses a worksheet of more rows than a criteria sheet has, saying how many', async () => {
    const rows = [['I', 'Mục', '', 100], ...Array.from({ length: 2500 }, (_, i) => [`I.${i + 1}`, 'Tiêu chí', 'Chuẩn', 1])];
    await expect(importSheetXlsx(await workbookOf(rows))).rejects.toThrow(/2502 dòng/);
  });

  it('lists the first problems of a sheet of many bad rows and counts the rest', async () => {
    const rows = [['I', 'Mục', '', 100], ...Array.from({ length: 300 }, (_, i) => [`I.${i + 1}`, 'Tiêu chí', 'x'.repeat(5000), 1])];
    const error = (await importSheetXlsx(await workbookOf(rows)).catch((e: unknown) => e)) as SheetCellError;
    expect(error).toBeInstanceOf(SheetCellError);
    expect(error.problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(error.problems.at(-1)!.vi).toMatch(/và 250 vấn đề khác/);
    expect(error.message.length).toBeLessThan(20_000);
  });
});
