import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  NotXlsxError,
  SheetCellError,
  SheetImportError,
  SheetLayoutError,
  SheetRuleError,
  WORKSHEET_NAME,
  exportSheetXlsx,
  importSheetXlsx,
} from '../../functions/admin/sheet-xlsx.js';
import { CriteriaSheetSchema, SHEET_TEMPLATES, defaultCriteriaSheet, departmentsCriteriaSheet, sheetVersion, type CriteriaSheet } from '../../functions/domain/index.js';
import { hasCommand, readXlsx } from '../documents/read.js';
import { arbitrarySheet } from './sheets.js';

const run = promisify(execFile);
const office = hasCommand('soffice');

/** The exported default sheet, opened for editing the way a person would in Excel. */
async function editedDefault(edit: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = await readXlsx(await exportSheetXlsx(defaultCriteriaSheet));
  edit(workbook.getWorksheet(WORKSHEET_NAME)!);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The worksheet row holding a code in column A of the exported default sheet. */
async function rowOf(code: string): Promise<number> {
  const ws = (await readXlsx(await exportSheetXlsx(defaultCriteriaSheet))).getWorksheet(WORKSHEET_NAME)!;
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === code) return r;
  throw new Error(`no row for ${code}`);
}

/** The import's error, which the test expects to be thrown. */
async function importError(bytes: Uint8Array): Promise<SheetImportError> {
  const error = await importSheetXlsx(bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SheetImportError);
  return error as SheetImportError;
}

describe('exportSheetXlsx', () => {
  it('lays the sheet out as officials write it: title block, header, bold sections, criteria with kinds', async () => {
    const ws = (await readXlsx(await exportSheetXlsx(defaultCriteriaSheet))).getWorksheet(WORKSHEET_NAME)!;
    expect(ws.getCell('A1').value).toBe(defaultCriteriaSheet.title);
    expect([ws.getCell('A2').value, ws.getCell('C2').value]).toEqual(['Tổng điểm chuẩn:', 1000]);
    expect([ws.getCell('A3').value, ws.getCell('C3').value]).toEqual(['Điểm thưởng tối đa:', 50]);
    expect([ws.getCell('A4').value, ws.getCell('C4').value]).toEqual(['Điểm thưởng, điểm trừ để trống:', 'tính là 0']);
    expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual(['Mã', 'Nội dung tiêu chí', 'Hướng dẫn chấm', 'Loại', 'Điểm tối đa', 'Bước điểm', 'Cách chấm', 'Điểm mỗi lần']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect([ws.getCell('A6').value, ws.getCell('E6').value, ws.getCell('A6').font.bold]).toEqual(['I', 400, true]);
    expect([ws.getCell('A7').value, ws.getCell('D7').value, ws.getCell('F7').value, ws.getCell('C7').alignment.wrapText]).toEqual(['I.1', 'Chuẩn', 0.25, true]);
    expect(ws.getCell('F7').numFmt).toBe('#,##0.00');
    expect(ws.getColumn(2).width! + ws.getColumn(3).width!).toBeGreaterThan(90);
  });
});

describe('importSheetXlsx', () => {
  it('reads back the exported default sheet unchanged', async () => {
    const back = await importSheetXlsx(await exportSheetXlsx(defaultCriteriaSheet));
    expect(back).toEqual(defaultCriteriaSheet);
    expect(sheetVersion(back)).toBe(sheetVersion(defaultCriteriaSheet));
  });

  it.each(Object.entries(SHEET_TEMPLATES))('reads back the %s template unchanged, its version with it', async (_id, sheet) => {
    const back = await importSheetXlsx(await exportSheetXlsx(sheet));
    expect(back).toEqual(sheet);
    expect(sheetVersion(back)).toBe(sheetVersion(sheet));
  });

  it('writes an all-or-nothing criterion as "Đạt/không đạt" and a per-occurrence deduction as "Theo lần" with its points, and reads them back', async () => {
    const bytes = await exportSheetXlsx(departmentsCriteriaSheet);
    const ws = (await readXlsx(bytes)).getWorksheet(WORKSHEET_NAME)!;
    const row = (code: string) => { for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === code) return ws.getRow(r); throw new Error(code); };
    expect([row('VI.1').getCell(7).value, row('VI.1').getCell(8).value]).toEqual(['Đạt/không đạt', null]);
    expect([row('VII.2').getCell(7).value, row('VII.2').getCell(8).value]).toEqual(['Theo lần', 2]);
    expect([row('VII.3').getCell(7).value, row('VII.3').getCell(8).value]).toEqual([null, null]);
    const back = await importSheetXlsx(bytes);
    expect(back.sections[5]!.criteria[0]).toMatchObject({ code: 'VI.1', allOrNothing: true });
    expect(back.sections[6]!.criteria[1]).toMatchObject({ code: 'VII.2', perOccurrence: 2, maxPoints: 20 });
  });

  it('reads the modes typed by hand, without diacritics', async () => {
    const error = await importSheetXlsx(await editedDefault((ws) => {
      for (let r = 1; r <= ws.rowCount; r++) {
        if (ws.getCell(r, 1).value === 'V.1') ws.getCell(r, 7).value = 'dat/khong dat';
        if (ws.getCell(r, 1).value === 'VI.1') [ws.getCell(r, 7).value, ws.getCell(r, 8).value] = ['theo lan', '5'];
      }
    }));
    expect(error.sections[4]!.criteria[0]).toMatchObject({ code: 'V.1', allOrNothing: true });
    expect(error.sections[5]!.criteria[0]).toMatchObject({ code: 'VI.1', perOccurrence: 5 });
  });

  it('names the cell of a scoring mode it does not know', async () => {
    const row = await rowOf('V.1');
    const error = await importError(await editedDefault((ws) => (ws.getCell(row, 7).value = 'tùy')));
    expect(error).toBeInstanceOf(SheetCellError);
    expect(error.message).toBe(`Dòng ${row}, cột Cách chấm (mã V.1): "tùy" không phải là "Đạt/không đạt", "Theo lần" hoặc để trống`);
  });

  it('names the cell of a per-occurrence deduction without its points', async () => {
    const row = await rowOf('VI.1');
    const error = await importError(await editedDefault((ws) => (ws.getCell(row, 7).value = 'Theo lần')));
    expect(error.message).toBe(`Dòng ${row}, cột Điểm mỗi lần (mã VI.1): cần ghi số điểm trừ mỗi lần`);
  });

  it('names the cell of points per occurrence on a bonus row', async () => {
    const row = await rowOf('V.2');
    const error = await importError(await editedDefault((ws) => (ws.getCell(row, 8).value = 5)));
    expect(error).toBeInstanceOf(SheetRuleError);
    expect(error.message).toBe(`Dòng ${row}, cột Điểm mỗi lần (mã V.2): chỉ tiêu chí điểm trừ mới tính theo lần`);
  });

  it('reads back any valid sheet unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(arbitrarySheet, async (sheet: CriteriaSheet) => {
        expect(CriteriaSheetSchema.parse(sheet)).toEqual(sheet);
        expect(await importSheetXlsx(await exportSheetXlsx(sheet))).toEqual(sheet);
      }),
      { numRuns: 40 },
    );
  });

  it('reads a sheet typed by hand: blank rows, spaces, comma decimals, kinds without diacritics, reordered columns', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Trang tính 1');
    const sheet = defaultCriteriaSheet;
    const plainKind = { standard: 'chuan', bonus: 'Thuong ', penalty: 'penalty' } as const;
    ws.addRow([`  ${sheet.title} `]);
    ws.addRow([]);
    ws.addRow(['Tổng điểm chuẩn:', '1.000']);
    ws.addRow(['Diem thuong toi da', ' 50 ']);
    ws.addRow(['Điểm thưởng, điểm trừ để trống', 'Tính là 0']);
    ws.addRow([]);
    ws.addRow(['Loai', 'Ma', 'Diem toi da', 'Noi dung tieu chi', 'Buoc diem', 'Huong dan cham']);
    for (const section of sheet.sections) {
      ws.addRow(['', ` ${section.code}`, String(section.maxPoints), section.title]);
      ws.addRow([]);
      for (const c of section.criteria) {
        ws.addRow([plainKind[c.kind], c.code, c.maxPoints, `${c.title}  `, String(c.step).replace('.', ','), c.guidance]);
      }
    }
    ws.addRow([null, null, null, '   ']);
    const back = await importSheetXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(back).toEqual(sheet);
  });

  it('names the row and column of a maximum typed as a word', async () => {
    const row = await rowOf('I.2');
    const error = await importError(await editedDefault((ws) => (ws.getCell(row, 5).value = 'mười')));
    expect(error).toBeInstanceOf(SheetCellError);
    expect(error.problems).toEqual([expect.objectContaining({ row, column: 'Điểm tối đa', code: 'I.2' })]);
    expect(error.message).toBe(`Dòng ${row}, cột Điểm tối đa (mã I.2): phải là một số (đang ghi "mười")`);
    expect(error.messageIn('en')).toBe(`Row ${row}, column Điểm tối đa (code I.2): must be a number (it reads "mười")`);
  });

  it('names the title block row of a total typed as words', async () => {
    const error = await importError(await editedDefault((ws) => (ws.getCell('C2').value = 'một nghìn')));
    expect(error).toBeInstanceOf(SheetCellError);
    expect(error.message).toBe('Dòng 2, cột Tổng điểm chuẩn: phải là một số (đang ghi "một nghìn")');
  });

  it('reads whether blank bonus and penalty rows count as 0, and names the row of an answer it does not know', async () => {
    expect((await importSheetXlsx(await editedDefault((ws) => (ws.getCell('C4').value = 'phải ghi điểm')))).blankMeansZero).toBe(false);
    expect((await importSheetXlsx(await editedDefault((ws) => ws.spliceRows(4, 1, [])))).blankMeansZero).toBeUndefined();
    const error = await importError(await editedDefault((ws) => (ws.getCell('C4').value = 'tùy')));
    expect(error).toBeInstanceOf(SheetCellError);
    expect(error.message).toBe('Dòng 4, cột Điểm thưởng, điểm trừ để trống: ghi "tính là 0" hoặc "phải ghi điểm" (đang ghi "tùy")');
  });

  it('names the row of an unknown kind', async () => {
    const row = await rowOf('V.2');
    const error = await importError(await editedDefault((ws) => (ws.getCell(row, 4).value = 'Khuyến khích')));
    expect(error).toBeInstanceOf(SheetCellError);
    expect(error.message).toBe(`Dòng ${row}, cột Loại (mã V.2): "Khuyến khích" không phải là Chuẩn, Thưởng hoặc Trừ`);
  });

  it('names the row of a duplicate code, mapping the schema path to the sheet', async () => {
    const row = await rowOf('II.3');
    const error = await importError(await editedDefault((ws) => (ws.getCell(row, 1).value = 'II.2')));
    expect(error).toBeInstanceOf(SheetRuleError);
    expect(error.problems).toEqual([expect.objectContaining({ row, column: 'Mã', code: 'II.2', field: 'code' })]);
    expect(error.message).toBe(`Dòng ${row}, cột Mã (mã II.2): mã "II.2" bị trùng với dòng ${await rowOf('II.2')}`);
    expect(error.cause).toBeDefined();
  });

  it('names the section row whose maximum does not add up', async () => {
    const row = await rowOf('III');
    const error = await importError(await editedDefault((ws) => (ws.getCell(row, 5).value = 160)));
    expect(error.problems).toEqual([expect.objectContaining({ row, column: 'Điểm tối đa', code: 'III', field: 'maxPoints' })]);
    expect(error.message).toBe(`Dòng ${row}, cột Điểm tối đa (mã III): điểm tối đa của mục là 160 nhưng các tiêu chí cộng lại 150`);
    expect(error.messageIn('en')).toContain('is 160 but its criteria add up to 150');
  });

  it('names the criterion whose maximum is off its step, and the title block when the total no longer matches', async () => {
    const row = await rowOf('I.3');
    const error = await importError(
      await editedDefault((ws) => {
        ws.getCell(row, 5).value = 80.1;
        ws.getCell(row - 3, 5).value = 400.1; // the section I row, so only the rule of the step and the total break
      }),
    );
    expect(error.message.split('\n')).toEqual([
      `Dòng ${row}, cột Điểm tối đa (mã I.3): phải là bội số của bước điểm 0.25`,
      'Dòng 2, cột Tổng điểm chuẩn: là 1000 nhưng các tiêu chí chuẩn cộng lại 1000.1',
    ]);
  });

  it('names the missing column of the header row', async () => {
    const error = await importError(await editedDefault((ws) => (ws.getCell(5, 4).value = 'Ghi chú')));
    expect(error).toBeInstanceOf(SheetLayoutError);
    expect(error.message).toBe('Dòng 5, cột Loại: thiếu cột này trong dòng tiêu đề');
  });

  it('says a workbook with no table has no header row', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').getCell('A1').value = 'Bảng tiêu chí năm 2026';
    const error = await importError(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(error).toBeInstanceOf(SheetLayoutError);
    expect(error.message).toMatch(/^Không tìm thấy dòng tiêu đề của bảng/);
  });

  it('says an empty workbook is empty', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1');
    const error = await importError(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(error).toBeInstanceOf(SheetLayoutError);
    expect(error.message).toMatch(/^Bảng tính không có dữ liệu/);
  });

  it('says an empty file is empty', async () => {
    const error = await importError(new Uint8Array());
    expect(error).toBeInstanceOf(NotXlsxError);
    expect(error.message).toMatch(/^Tệp rỗng/);
  });

  it('says a file that is not XLSX is not a workbook, keeping the reader error as the cause', async () => {
    const error = await importError(new TextEncoder().encode('Mã;Nội dung tiêu chí;Loại;Điểm tối đa\nI.1;Tham mưu;Chuẩn;100\n'));
    expect(error).toBeInstanceOf(NotXlsxError);
    expect(error.name).toBe('NotXlsxError');
    expect(error.message).toBe('Tệp không phải là bảng tính Excel (.xlsx) hoặc đã bị hỏng.');
    expect(error.messageIn('en')).toBe('The file is not an Excel workbook (.xlsx), or it is damaged.');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('says a zip that is not a workbook (a DOCX) is not XLSX', async () => {
    const error = await importError(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') }));
    expect(error).toBeInstanceOf(NotXlsxError);
  });

  it('says an Excel 97–2003 file must be saved as .xlsx', async () => {
    const error = await importError(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
    expect(error).toBeInstanceOf(NotXlsxError);
    expect(error.message).toContain('.xls');
  });

  it.skipIf(!office)(
    `opens in LibreOffice: the export converts to CSV with every criterion${office ? '' : ' (skipped: soffice is not installed; see .ci/run)'}`,
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'thidua-sheet-'));
      try {
        const path = join(dir, 'bang-tieu-chi.xlsx');
        await writeFile(path, await exportSheetXlsx(defaultCriteriaSheet));
        await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, path], { timeout: 120_000 });
        const csv = await readFile(join(dir, 'bang-tieu-chi.csv'), 'utf8');
        const lines = csv.split('\n');
        for (const c of defaultCriteriaSheet.sections.flatMap((s) => s.criteria)) {
          expect(lines.some((line) => line.startsWith(`${c.code},`) && line.includes(c.title)), c.code).toBe(true);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});
