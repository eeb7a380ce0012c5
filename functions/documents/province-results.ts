/**
 * The year's results of every bloc of the province, for the board's archive and the province's other
 * systems: one XLSX (a sheet of the blocs, a sheet of every unit's result), and the same rows as JSON and
 * CSV. The XLSX is also the summary that goes with the province's Tờ trình.
 */
import ExcelJS from 'exceljs';
import { CLASSIFICATION_LABELS, fromHundredths } from '../domain/index.js';
import type { ProvinceView, ResultRow } from '../dossier/index.js';
import { FONT } from './layout.js';
import { cleanWorkbookText } from './xml-text.js';

/** A result row as the exports give it: plain values, points as decimal numbers, codes and their Vietnamese. */
export function exportRows(view: ProvinceView) {
  return view.results.map((r: ResultRow) => ({
    year: view.year,
    blocId: r.blocId,
    blocName: r.blocName,
    stage: r.stage,
    unitId: r.unitId,
    unitName: r.unitName,
    place: r.place,
    total: fromHundredths(r.total),
    standardMax: fromHundredths(r.standardMax),
    classification: r.classification,
    classificationName: CLASSIFICATION_LABELS[r.classification].vi,
    award: r.award ?? '',
    awardName: r.awardName,
    awardGranted: r.awardGranted,
  }));
}

/** The rows as JSON: the year and its rows. */
export function resultsJson(view: ProvinceView): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ year: view.year, rows: exportRows(view) }, null, 2));
}

const csvCell = (v: unknown) => {
  const text = String(v);
  // A leading = + - @ would run as a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(text) && typeof v !== 'number' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The rows as CSV (UTF-8 with a byte-order mark, so Excel reads the diacritics), a header row first. */
export function resultsCsv(view: ProvinceView): Uint8Array {
  const rows = exportRows(view);
  const header = Object.keys(rows[0] ?? { year: 0 });
  const lines = [header.join(','), ...rows.map((r) => header.map((h) => csvCell(r[h as keyof typeof r])).join(','))];
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FONT, size: 12, ...extra });

function table(sheet: ExcelJS.Worksheet, title: string, headers: Array<[string, number]>, rows: unknown[][]): void {
  sheet.addRow([title]).font = font({ bold: true, size: 14 });
  sheet.mergeCells(1, 1, 1, headers.length);
  sheet.addRow([]);
  const head = sheet.addRow(headers.map(([h]) => h));
  head.font = font({ bold: true });
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  headers.forEach(([, width], i) => (sheet.getColumn(i + 1).width = width));
  for (const r of rows) sheet.addRow(r).font = font();
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/** Bảng tổng hợp kết quả thi đua các khối toàn tỉnh: the blocs, then every unit's result. */
export async function provinceResultsXlsx(view: ProvinceView, stageName: (stage: string) => string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Thi đua';
  const pts = (h: number) => fromHundredths(h);
  table(
    workbook.addWorksheet('Các khối'),
    `TỔNG HỢP KẾT QUẢ THI ĐUA CÁC KHỐI, CỤM THI ĐUA NĂM ${view.year}`,
    [['STT', 6], ['Khối, cụm thi đua', 34], ['Tình trạng', 22], ['Số đơn vị', 10], ['Cờ thi đua', 34], ['Số Bằng khen', 12], ['Quyết định', 18]],
    view.blocs.map((b, i) => [i + 1, b.blocName, stageName(b.stage), b.totals.length, b.flagWinners.map((id) => view.results.find((r) => r.blocId === b.blocId && r.unitId === id)?.unitName ?? id).join('; '), b.certificates, b.decisions.find((d) => d.status === 'approved')?.decisionNumber ?? '']),
  );
  const units = workbook.addWorksheet('Kết quả các đơn vị');
  table(
    units,
    `KẾT QUẢ CHẤM ĐIỂM, XẾP LOẠI, KHEN THƯỞNG CỦA CÁC ĐƠN VỊ NĂM ${view.year}`,
    [['STT', 6], ['Khối, cụm thi đua', 26], ['Đơn vị', 40], ['Xếp thứ', 9], ['Tổng điểm', 12], ['Điểm chuẩn', 12], ['Xếp loại', 30], ['Khen thưởng', 16]],
    view.results.map((r, i) => [i + 1, r.blocName, r.unitName, r.place, pts(r.total), pts(r.standardMax), CLASSIFICATION_LABELS[r.classification].vi, r.awardName]),
  );
  for (const col of [5, 6]) units.getColumn(col).numFmt = '#,##0.00';
  cleanWorkbookText(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
