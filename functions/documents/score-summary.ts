/**
 * Bảng tổng hợp kết quả chấm điểm (XLSX): the bloc's scores for the year. The first sheet, printable on
 * one A4 landscape page, has one row per unit and, per section of the criteria sheet, the self-assessed
 * and cross-checked points, then bonus, penalty, total, place, classification and proposed award. The
 * second has every criterion (one column pair each, as SPEC §5 asks), the third the cross-check corrections.
 * A bloc that held no cross-check gets one column of points per section and per criterion and no third
 * sheet: the summary never tells of a check that did not take place.
 */
import ExcelJS from 'exceljs';
import { CLASSIFICATION_LABELS, formatLocalDate, formatPoints, formatVietnamDate, fromHundredths, sheetLimits, type CriteriaSheet, type RankedUnit } from '../domain/index.js';
import type { ScoredDossier } from '../dossier/index.js';
import { INELIGIBILITY_LABELS, NAME_LINE, awardLabel, awardingOf, crossCheckRan, leaderOf, onBehalfOf, signerOf, unitNameOf } from './wording.js';
import { FONT } from './layout.js';
import { cleanWorkbookText } from './xml-text.js';

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const boxed: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FONT, size: 12, ...extra });

/** Decimals the sheet's points need: 2 for a 0.25 step, 1 for 0.5, 0 for whole points. */
export function decimalsOf(sheet: CriteriaSheet): number {
  const values = sheet.sections.flatMap((s) => s.criteria.flatMap((c) => [c.step, c.maxPoints]));
  return Math.max(0, ...values.map((v) => (Math.round(v * 100) % 10 !== 0 ? 2 : Math.round(v * 100) % 100 !== 0 ? 1 : 0)));
}

const numberFormat = (decimals: number) => (decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0');

/** Builds the workbook. */
export async function scoreSummaryXlsx(dossier: ScoredDossier): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Thi đua';
  workbook.created = new Date(dossier.scores.computedAt);
  workbook.modified = workbook.created;
  const points = numberFormat(decimalsOf(dossier.cycle.config.sheet));
  const checked = crossCheckRan(dossier);
  summarySheet(workbook, dossier, points, checked);
  criteriaSheet(workbook, dossier, points, checked);
  if (checked) correctionsSheet(workbook, dossier, points);
  cleanWorkbookText(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A sheet set up for A4 landscape, fitted to the page width, in Times New Roman. */
function addSheet(workbook: ExcelJS.Workbook, name: string, headerRows: [number, number], frozenColumns: number): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: frozenColumns, ySplit: headerRows[1] }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerRows[0]}:${headerRows[1]}`,
    },
  });
  sheet.headerFooter.oddFooter = '&C&"Times New Roman"&10Trang &P/&N';
  return sheet;
}

/** The title block: the bloc, the document's name with the year, the scale it is scored on. */
function titleBlock(sheet: ExcelJS.Worksheet, dossier: ScoredDossier, lastColumn: number, subtitle: string): void {
  const { bloc, sheet: criteria, rules } = dossier.cycle.config;
  const lines: Array<[string, Partial<ExcelJS.Font>, 'left' | 'center']> = [
    [bloc.name.toUpperCase(), font({ bold: true, size: 12 }), 'left'],
    [`${subtitle} NĂM ${dossier.cycle.year}`, font({ bold: true, size: 14 }), 'center'],
    [
      `Thang điểm chuẩn ${formatPoints(sheetLimits(criteria).standardMax)} điểm; điểm thưởng tối đa ${formatPoints(sheetLimits(criteria).bonusCap)} điểm. ` +
        `Xếp loại theo tỷ lệ điểm chuẩn: xuất sắc từ ${rules.bands.xuatSac}%, tốt từ ${rules.bands.tot}%, hoàn thành từ ${rules.bands.hoanThanh}%.`,
      font({ italic: true, size: 12 }),
      'center',
    ],
  ];
  lines.forEach(([text, f, horizontal], i) => {
    sheet.mergeCells(i + 1, 1, i + 1, lastColumn);
    const cell = sheet.getCell(i + 1, 1);
    cell.value = text;
    cell.font = f;
    cell.alignment = { horizontal, vertical: 'middle', wrapText: true };
  });
  sheet.getRow(2).height = 22;
}

/** Writes a header cell, merged over a range when it spans columns or rows. */
function headerCell(sheet: ExcelJS.Worksheet, text: string, from: [number, number], to: [number, number] = from): void {
  if (from[0] !== to[0] || from[1] !== to[1]) sheet.mergeCells(from[0], from[1], to[0], to[1]);
  for (let r = from[0]; r <= to[0]; r++) {
    for (let c = from[1]; c <= to[1]; c++) sheet.getCell(r, c).border = boxed;
  }
  const cell = sheet.getCell(from[0], from[1]);
  cell.value = text;
  cell.font = font({ bold: true, size: 11 });
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

/** Writes a data row: boxed cells, numbers in the points format unless `formats` says otherwise. */
function dataRow(sheet: ExcelJS.Worksheet, at: number, values: Array<string | number>, formats: Record<number, string>, left: number[]): void {
  const row = sheet.getRow(at);
  row.height = fittedHeight(sheet, values);
  values.forEach((value, i) => {
    const cell = row.getCell(i + 1);
    cell.value = value;
    cell.border = boxed;
    cell.font = font();
    if (typeof value === 'number') cell.numFmt = formats[i + 1] ?? '';
    cell.alignment = { vertical: 'middle', wrapText: true, ...(left.includes(i + 1) ? { horizontal: 'left', indent: 1 } : { horizontal: 'center' }) };
  });
}

/**
 * The height wrapped text needs: neither Excel nor LibreOffice recomputes row heights of a generated file
 * reliably, so each row gets the lines its longest text fills at its column's width (about one character
 * per width unit at 12 pt).
 */
function fittedHeight(sheet: ExcelJS.Worksheet, values: Array<string | number>): number {
  const lines = values.map((value, i) => (typeof value === 'string' ? Math.ceil(value.length / Math.max(1, (sheet.getColumn(i + 1).width ?? 10) - 1)) : 1));
  return Math.max(1, ...lines) * 15 + 3;
}

/** Self-assessed and final points of a unit's standard criteria in one section. */
function sectionPoints(row: RankedUnit, codes: string[]): { self: number; final: number } {
  const inSection = row.criteria.filter((c) => c.kind === 'standard' && codes.includes(c.code));
  return { self: inSection.reduce((s, c) => s + c.self, 0), final: inSection.reduce((s, c) => s + c.final, 0) };
}

function remarks(dossier: ScoredDossier, row: RankedUnit, checked: boolean): string {
  const notes: string[] = [];
  if (row.ineligibility) notes.push(INELIGIBILITY_LABELS[row.ineligibility]);
  if (checked && row.submitted && !row.crossChecked) notes.push('Chưa được kiểm tra chéo');
  const corrected = row.criteria.filter((c) => c.corrected).length;
  if (corrected > 0) notes.push(`Điều chỉnh ${corrected} tiêu chí khi kiểm tra chéo`);
  // A deduction counted per occurrence says how many times; a total the scale cut says what it added up to.
  for (const c of row.criteria) if (c.count) notes.push(`${c.code}: ${c.count} lần, trừ ${formatPoints(c.final)} điểm`);
  if (row.uncapped !== undefined && row.uncapped > row.total) notes.push(`Cộng được ${formatPoints(row.uncapped)} điểm, tính tối đa ${formatPoints(row.total)} điểm theo thang điểm`);
  if (dossier.approval.withdrawn.includes(row.unitId)) notes.push('Rút khỏi đề nghị khi hoàn thiện hồ sơ');
  return notes.join('; ');
}

function summarySheet(workbook: ExcelJS.Workbook, dossier: ScoredDossier, points: string, checked: boolean): void {
  const groups = dossier.cycle.config.sheet.sections
    .map((s) => ({ section: s, codes: s.criteria.filter((c) => c.kind === 'standard').map((c) => c.code) }))
    .filter((g) => g.codes.length > 0);
  const tail = ['Tổng điểm chuẩn', 'Điểm thưởng', 'Điểm trừ', 'Tổng điểm', 'Xếp hạng', 'Xếp loại', 'Đề nghị khen thưởng', 'Ghi chú'];
  const per = checked ? 2 : 1; // a section's columns: self-assessed and cross-checked, or its points
  const first = 3 + groups.length * per; // first column after the section groups
  const lastColumn = first + tail.length - 1;
  const sheet = addSheet(workbook, 'Tổng hợp', [5, 6], 2);
  titleBlock(sheet, dossier, lastColumn, 'BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA');
  headerCell(sheet, 'STT', [5, 1], [6, 1]);
  headerCell(sheet, 'Đơn vị', [5, 2], [6, 2]);
  groups.forEach(({ section }, i) => {
    const column = 3 + i * per;
    const title = `${section.code}. ${section.title} (${formatPoints(Math.round(section.maxPoints * 100))} điểm)`;
    if (!checked) return headerCell(sheet, title, [5, column], [6, column]);
    headerCell(sheet, title, [5, column], [5, column + 1]);
    headerCell(sheet, 'Tự chấm', [6, column]);
    headerCell(sheet, 'Kiểm tra chéo', [6, column + 1]);
  });
  tail.forEach((text, i) => headerCell(sheet, text, [5, first + i], [6, first + i]));
  sheet.getRow(5).height = 78;
  sheet.getRow(6).height = 30;

  sheet.getColumn(1).width = 5;
  sheet.getColumn(2).width = 30;
  for (let c = 3; c < first + 4; c++) sheet.getColumn(c).width = 10.5;
  sheet.getColumn(first + 4).width = 7.5;
  sheet.getColumn(first + 5).width = 17;
  sheet.getColumn(first + 6).width = 20;
  sheet.getColumn(lastColumn).width = 24;
  const formats: Record<number, string> = {};
  for (let c = 3; c < first + 4; c++) formats[c] = points;
  formats[1] = '0';
  formats[first + 4] = '0';
  dossier.scores.rows.forEach((row, i) => {
    const sections = groups.flatMap((g) => {
      const p = sectionPoints(row, g.codes);
      return checked ? [fromHundredths(p.self), fromHundredths(p.final)] : [fromHundredths(p.final)];
    });
    const award = dossier.awards.proposed[row.unitId];
    dataRow(
      sheet,
      7 + i,
      [
        i + 1,
        unitNameOf(dossier, row.unitId),
        ...sections,
        fromHundredths(row.standard),
        fromHundredths(row.bonus),
        fromHundredths(row.penalty),
        fromHundredths(row.total),
        row.place,
        CLASSIFICATION_LABELS[row.classification].vi,
        award ? awardLabel(dossier, award) : '',
        remarks(dossier, row, checked),
      ],
      formats,
      [2, lastColumn],
    );
    sheet.getCell(7 + i, first + 3).font = font({ bold: true });
  });

  const signed = footnotes(sheet, dossier, 7 + dossier.scores.rows.length + 1, lastColumn, checked);
  signatureRows(sheet, dossier, signed + 1, lastColumn);
}

/**
 * The signatures under the summary: the leader unit's officer who made it ("người lập biểu") on the left,
 * the bloc leader's head on the right, each by name and title (a dotted line where no person is recorded).
 */
function signatureRows(sheet: ExcelJS.Worksheet, dossier: ScoredDossier, at: number, lastColumn: number): void {
  const leader = leaderOf(dossier);
  const split = Math.floor(lastColumn / 2);
  const blocks: Array<[number, number, string[], ReturnType<typeof signerOf>]> = [
    [1, split, ['NGƯỜI LẬP BIỂU'], signerOf(dossier, leader, 'officer')],
    [split + 1, lastColumn, [onBehalfOf(dossier), awardingOf(dossier).leaderCaps], signerOf(dossier, leader, 'head')],
  ];
  for (const [from, to, capacity, person] of blocks) {
    const lines: Array<[string, Partial<ExcelJS.Font>]> = [
      ...capacity.map((text): [string, Partial<ExcelJS.Font>] => [text, font({ bold: true })]),
      ...Array.from({ length: 4 - capacity.length }, (): [string, Partial<ExcelJS.Font>] => ['', font()]),
      [person?.name ?? NAME_LINE, font({ bold: true })],
      [person?.title ?? '', font({ italic: true, size: 11 })],
    ];
    lines.forEach(([text, f], i) => {
      sheet.mergeCells(at + i, from, at + i, to);
      const cell = sheet.getCell(at + i, from);
      cell.value = text;
      cell.font = f;
      cell.alignment = { horizontal: 'center' };
    });
  }
}

/** Under the table: how to read it, the approval status when known, the date it was made; returns the row after. */
function footnotes(sheet: ExcelJS.Worksheet, dossier: ScoredDossier, at: number, lastColumn: number, checked: boolean): number {
  const final = dossier.final;
  const lines = [
    `${checked ? 'Tự chấm: điểm đơn vị tự chấm; Kiểm tra chéo: điểm sau kiểm tra chéo (điểm được tính).' : 'Điểm theo bản tự chấm của đơn vị.'} Tổng điểm = điểm chuẩn + điểm thưởng (tối đa theo quy chế) − điểm trừ, không vượt quá thang điểm ${formatPoints(sheetLimits(dossier.cycle.config.sheet).scale)} điểm.`,
    'Xếp hạng theo tổng điểm; bằng điểm thì đơn vị ít điểm trừ hơn, rồi đơn vị có điểm chuẩn cao hơn xếp trên; vẫn bằng nhau thì đồng hạng.',
    ...(final?.status === 'approved'
      ? [`Đã được phê duyệt${final.decisionNumber ? ` theo Quyết định số ${final.decisionNumber}` : ''}${final.decisionDate ? ` ngày ${formatLocalDate(final.decisionDate)}` : ''}.`]
      : final
        ? ['Hồ sơ đề nghị khen thưởng không được phê duyệt.']
        : []),
    `Điểm tổng hợp ngày ${formatVietnamDate(Date.parse(dossier.scores.computedAt))} từ dữ liệu của hệ thống Thi đua.`,
  ];
  lines.forEach((text, i) => {
    sheet.mergeCells(at + i, 1, at + i, lastColumn);
    const cell = sheet.getCell(at + i, 1);
    cell.value = text;
    cell.font = font({ italic: true, size: 11 });
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  return at + lines.length;
}

function criteriaSheet(workbook: ExcelJS.Workbook, dossier: ScoredDossier, points: string, checked: boolean): void {
  const criteria = dossier.cycle.config.sheet.sections.flatMap((s) => s.criteria);
  const per = checked ? 2 : 1;
  const lastColumn = 2 + criteria.length * per;
  const sheet = addSheet(workbook, 'Chi tiết tiêu chí', [5, 6], 2);
  titleBlock(sheet, dossier, Math.min(lastColumn, 24), 'ĐIỂM CHI TIẾT THEO TIÊU CHÍ');
  headerCell(sheet, 'Hạng', [5, 1], [6, 1]);
  headerCell(sheet, 'Đơn vị', [5, 2], [6, 2]);
  const kinds = { standard: '', bonus: ' thưởng', penalty: ' trừ' };
  criteria.forEach((c, i) => {
    const rule = c.perOccurrence !== undefined ? `${formatPoints(Math.round(c.perOccurrence * 100))}/lần, tối đa ` : c.allOrNothing ? '0 hoặc ' : '';
    const title = `${c.code}${kinds[c.kind]} (${rule}${formatPoints(Math.round(c.maxPoints * 100))})`;
    if (!checked) return headerCell(sheet, title, [5, 3 + i], [6, 3 + i]);
    headerCell(sheet, title, [5, 3 + i * 2], [5, 4 + i * 2]);
    headerCell(sheet, 'TC', [6, 3 + i * 2]);
    headerCell(sheet, 'KT', [6, 4 + i * 2]);
  });
  sheet.getRow(5).height = 30;
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 30;
  for (let c = 3; c <= lastColumn; c++) sheet.getColumn(c).width = 7.5;
  const formats: Record<number, string> = { 1: '0' };
  for (let c = 3; c <= lastColumn; c++) formats[c] = points;
  dossier.scores.rows.forEach((row, i) => {
    dataRow(sheet, 7 + i, [row.place, unitNameOf(dossier, row.unitId), ...row.criteria.flatMap((c) => (checked ? [fromHundredths(c.self), fromHundredths(c.final)] : [fromHundredths(c.final)]))], formats, [2]);
  });
  const legend = 7 + dossier.scores.rows.length + 1;
  sheet.mergeCells(legend, 1, legend, Math.min(lastColumn, 24));
  sheet.getCell(legend, 1).value = `${checked ? 'TC: tự chấm; KT: sau kiểm tra chéo. ' : ''}Tên tiêu chí theo bảng tiêu chí của ${awardingOf(dossier).short}: ${dossier.cycle.config.sheet.title}.`;
  sheet.getCell(legend, 1).font = font({ italic: true, size: 11 });
}

function correctionsSheet(workbook: ExcelJS.Workbook, dossier: ScoredDossier, points: string): void {
  const sheet = addSheet(workbook, 'Kiểm tra chéo', [5, 5], 0);
  const headers = ['Đơn vị được kiểm tra', 'Đơn vị kiểm tra', 'Tiêu chí', 'Tự chấm', 'Sau kiểm tra', 'Lý do điều chỉnh'];
  titleBlock(sheet, dossier, headers.length, 'KẾT QUẢ KIỂM TRA CHÉO');
  headers.forEach((text, i) => headerCell(sheet, text, [5, i + 1]));
  const titles = new Map(dossier.cycle.config.sheet.sections.flatMap((s) => s.criteria.map((c) => [c.code, c.title] as const)));
  [30, 30, 45, 10, 11, 45].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  // A checker is named only if it was given the check: a self-assessment sent after the cross-check opened
  // (its form reopened) had nobody assigned to check it, whatever the cycle's pairing says.
  const tasked = new Set(dossier.participation.find((p) => p.phase === 'crossCheck')?.units.map((u) => u.unitId) ?? []);
  let at = 6;
  for (const row of dossier.scores.rows) {
    const check = dossier.scores.crossChecks[row.unitId];
    const assigned = check !== undefined && tasked.has(check.checkerUnitId);
    const checker = assigned ? unitNameOf(dossier, check.checkerUnitId) : '';
    const corrections = row.criteria.filter((c) => c.corrected);
    if (corrections.length === 0) {
      const status = !row.submitted ? 'Không nộp bản tự chấm' : check?.done ? 'Xác nhận toàn bộ điểm tự chấm' : assigned ? 'Chưa được kiểm tra chéo' : 'Chưa được kiểm tra chéo (nộp bản tự chấm sau khi mở kiểm tra chéo)';
      dataRow(sheet, at++, [unitNameOf(dossier, row.unitId), checker, status, '', '', ''], {}, [1, 2, 3, 6]);
      continue;
    }
    for (const c of corrections) {
      dataRow(
        sheet,
        at++,
        [unitNameOf(dossier, row.unitId), checker, `${c.code}. ${titles.get(c.code) ?? ''}${c.corrected!.count !== undefined ? ` (số lần: ${c.selfCount ?? 0} → ${c.corrected!.count})` : ''}`, fromHundredths(c.self), fromHundredths(c.final), c.corrected!.reason],
        { 4: points, 5: points },
        [1, 2, 3, 6],
      );
    }
  }
}
