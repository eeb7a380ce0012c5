/**
 * The criteria sheet ("bảng tiêu chí chấm điểm") as an XLSX workbook, laid out as officials keep it by
 * hand: one worksheet "Bảng tiêu chí" with a title block (the title, "Tổng điểm chuẩn", "Điểm thưởng tối
 * đa"), then a table Mã | Nội dung tiêu chí | Hướng dẫn chấm | Loại | Điểm tối đa | Bước điểm in which a
 * row without a kind is a section heading (bold, with the section's maximum) and the rows under it are
 * its criteria. Import reads that layout back however a person has edited it (see sheet-cells.ts) and
 * validates it with CriteriaSheetSchema; every problem names its row and column.
 */
import ExcelJS from 'exceljs';
import { CriteriaSheetSchema, type CriteriaSheet } from '../domain/index.js';
import { FONT } from '../documents/layout.js';
import { COLUMNS, KIND_LABELS, MODE_LABELS, REQUIRED, cellNumber, cellText, fieldOfHeader, kindOf, modeOf, normalized, type ColumnField } from './sheet-cells.js';
import { BLOCK_LABELS, NotXlsxError, SheetCellError, SheetLayoutError, SheetRuleError, SheetTooLargeError, ruleProblems, type SheetPlaces, type SheetProblem } from './sheet-xlsx-errors.js';
import { checkUnpackedSize } from './xlsx-zip.js';

export * from './sheet-xlsx-errors.js';

export const WORKSHEET_NAME = 'Bảng tiêu chí';
/** Row of the table's header in an exported file (the import finds it wherever it is). */
const HEADER_ROW = 5;
const TOTAL_LABEL = 'Tổng cộng điểm chuẩn';
/** Rows a criteria sheet has at most (the default has about 60): more is not a criteria sheet. */
const MAX_ROWS = 2000;

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const boxed: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FONT, size: 12, ...extra });
/** A drop-down of the kinds on the Loại column, so a hand-edited sheet keeps to words the import knows. */
const kindChoice: ExcelJS.DataValidation = {
  type: 'list',
  allowBlank: true,
  formulae: [`"${Object.values(KIND_LABELS).join(',')}"`],
  showErrorMessage: true,
  errorTitle: 'Loại',
  error: 'Chuẩn, Thưởng hoặc Trừ; để trống ở dòng mục.',
};
/** A drop-down of the scoring modes on the Cách chấm column (blank: on the step grid). */
const modeChoice: ExcelJS.DataValidation = {
  type: 'list',
  allowBlank: true,
  formulae: [`"${Object.values(MODE_LABELS).join(',')}"`],
  showErrorMessage: true,
  errorTitle: 'Cách chấm',
  error: 'Đạt/không đạt, Theo lần, hoặc để trống (chấm theo bước điểm).',
};
/**
 * The title block's line saying whether a bonus or penalty row left blank counts as 0 (the sheet's
 * `blankMeansZero`); a sheet without the line keeps the flag unset, so its version stays the same.
 */
const BLANK_LABEL = { vi: 'Điểm thưởng, điểm trừ để trống', en: 'Blank bonus and penalty rows' } as const;
const BLANK_ANSWERS = { yes: 'tính là 0', no: 'phải ghi điểm' } as const;
const BLANK_WORDS: Record<string, boolean> = { 'tinh la 0': true, 'la 0': true, '0': true, co: true, x: true, yes: true, 'count as 0': true, 'phai ghi diem': false, khong: false, no: false, 'must be scored': false };
const sectionFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };

/** The sheet as an XLSX workbook an official can edit in Excel or LibreOffice and import again. */
export async function exportSheetXlsx(sheet: CriteriaSheet): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Thi đua';
  const ws = workbook.addWorksheet(WORKSHEET_NAME, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  ws.headerFooter.oddFooter = '&C&"Times New Roman"&10Trang &P/&N';
  COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));

  ws.mergeCells(1, 1, 1, COLUMNS.length);
  Object.assign(ws.getCell(1, 1), { value: sheet.title, font: font({ bold: true, size: 14 }), alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } });
  ws.getRow(1).height = 24 * linesOf(sheet.title, 150);
  ([['standardMaxPoints', 2], ['bonusCap', 3]] as const).forEach(([field, row]) => {
    ws.mergeCells(row, 1, row, 2);
    Object.assign(ws.getCell(row, 1), { value: `${BLOCK_LABELS[field].vi}:`, font: font({ bold: true }), alignment: { horizontal: 'right' } });
    Object.assign(ws.getCell(row, 3), { value: sheet[field], numFmt: pointsFormat(sheet[field]), font: font({ bold: true }), alignment: { horizontal: 'left' } });
  });

  if (sheet.blankMeansZero !== undefined) {
    ws.mergeCells(4, 1, 4, 2);
    Object.assign(ws.getCell(4, 1), { value: `${BLANK_LABEL.vi}:`, font: font({ bold: true }), alignment: { horizontal: 'right' } });
    Object.assign(ws.getCell(4, 3), { value: sheet.blankMeansZero ? BLANK_ANSWERS.yes : BLANK_ANSWERS.no, font: font({ bold: true }), alignment: { horizontal: 'left' } });
  }

  const header = ws.getRow(HEADER_ROW);
  COLUMNS.forEach((c, i) => Object.assign(header.getCell(i + 1), { value: c.header, font: font({ bold: true }), border: boxed, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } }));
  header.height = 33;

  let at = HEADER_ROW + 1;
  const write = (values: Partial<Record<ColumnField, string | number>>, bold: boolean) => {
    const row = ws.getRow(at++);
    COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const value = values[c.field];
      cell.value = value === '' ? null : value ?? null;
      cell.font = font({ bold });
      cell.border = boxed;
      if (bold) cell.fill = sectionFill;
      const numeric = c.field === 'maxPoints' || c.field === 'step' || c.field === 'perOccurrence';
      if (numeric && typeof value === 'number') cell.numFmt = pointsFormat(value);
      if (c.field === 'kind') cell.dataValidation = kindChoice;
      if (c.field === 'mode' && !bold) cell.dataValidation = modeChoice;
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: numeric || c.field === 'kind' || c.field === 'mode' || c.field === 'code' ? 'center' : 'left' };
    });
    row.height = 15 * Math.max(1, ...COLUMNS.map((c) => linesOf(String(values[c.field] ?? ''), c.width))) + 3;
  };
  for (const section of sheet.sections) {
    write({ code: section.code, title: section.title, maxPoints: section.maxPoints }, true);
    for (const c of section.criteria) {
      const mode = c.allOrNothing ? MODE_LABELS.allOrNothing : c.perOccurrence !== undefined ? MODE_LABELS.perOccurrence : '';
      write({ code: c.code, title: c.title, guidance: c.guidance, kind: KIND_LABELS[c.kind], maxPoints: c.maxPoints, step: c.step, mode, ...(c.perOccurrence !== undefined ? { perOccurrence: c.perOccurrence } : {}) }, false);
    }
  }
  write({ title: TOTAL_LABEL, maxPoints: sheet.standardMaxPoints }, true);
  const note = at + 1;
  ws.mergeCells(note, 1, note, COLUMNS.length);
  Object.assign(ws.getCell(note, 1), {
    value: 'Dòng không ghi Loại là dòng mục (điểm tối đa của mục bằng tổng các tiêu chí bên dưới). Loại: Chuẩn, Thưởng hoặc Trừ. Điểm chấm từ 0 đến điểm tối đa, theo bước điểm. Cách chấm: "Đạt/không đạt" chỉ nhận 0 hoặc điểm tối đa; "Theo lần" (điểm trừ) nhận số lần, mỗi lần trừ "Điểm mỗi lần", không quá điểm tối đa.',
    font: font({ italic: true, size: 11 }),
    alignment: { wrapText: true, vertical: 'top' },
  });
  ws.getRow(note).height = 32;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** As written by hand: "1.000", "12,5", "0,25" in a Vietnamese Excel; no zeros after a whole number. */
function pointsFormat(value: number): string {
  const cents = Math.round(value * 100);
  return cents % 100 === 0 ? '#,##0' : cents % 10 === 0 ? '#,##0.0' : '#,##0.00';
}

/** Lines a text wraps to in a column of the given width (about 1.3 characters of Times New Roman 12 pt per width unit, as LibreOffice renders them). */
function linesOf(text: string, width: number): number {
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / Math.max(1, width * 1.3 - 2))), 0);
}

/**
 * Reads a criteria sheet from XLSX bytes.
 * @throws NotXlsxError when the bytes are not a workbook; SheetLayoutError when no criteria table is
 *   found; SheetCellError when cells cannot be read; SheetRuleError when the sheet breaks a schema rule.
 */
export async function importSheetXlsx(bytes: Uint8Array): Promise<CriteriaSheet> {
  const ws = worksheetOf(await loadWorkbook(bytes));
  if (ws.rowCount > MAX_ROWS) throw new SheetTooLargeError(`Bảng tính có ${ws.rowCount} dòng; một bảng tiêu chí có tối đa ${MAX_ROWS} dòng.`, `The worksheet has ${ws.rowCount} rows; a criteria sheet has at most ${MAX_ROWS}.`);
  const { headerRow, columns } = findHeader(ws);
  const problems: SheetProblem[] = [];
  const places: SheetPlaces = { block: {}, headerRow, sections: [], columns: {} };
  for (const [field, at] of columns) places.columns[field] = cellText(ws.getCell(headerRow, at));
  const block = readBlock(ws, headerRow, problems, places);
  const sections: Array<Record<string, unknown> & { criteria: Array<Record<string, unknown>> }> = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const text = (field: ColumnField) => (columns.has(field) ? cellText(row.getCell(columns.get(field)!)) : '');
    const number = (field: ColumnField) => {
      if (!columns.has(field)) return undefined;
      const value = cellNumber(row.getCell(columns.get(field)!));
      if (value === null) problems.push({ row: r, column: places.columns[field], code: text('code') || undefined, vi: `phải là một số (đang ghi "${text(field)}")`, en: `must be a number (it reads "${text(field)}")` });
      return value ?? undefined;
    };
    if (COLUMNS.every((c) => text(c.field) === '')) continue;
    if (text('code') === '' && normalized(text('title')).startsWith('tong cong')) break; // notes may follow the total
    if (isNote(row)) continue;
    const code = text('code');
    if (text('kind') === '') {
      sections.push({ code, title: text('title'), maxPoints: number('maxPoints'), criteria: [] });
      places.sections.push({ row: r, code, criteria: [] });
      continue;
    }
    const kind = kindOf(text('kind'));
    if (kind === null) problems.push({ row: r, column: places.columns.kind, code, vi: `"${text('kind')}" không phải là Chuẩn, Thưởng hoặc Trừ`, en: `"${text('kind')}" is not standard, bonus or penalty` });
    const section = sections.at(-1);
    if (!section) {
      problems.push({ row: r, column: places.columns.code, code, vi: 'tiêu chí nằm trước dòng mục đầu tiên (dòng mục để trống cột Loại)', en: 'criterion above the first section row (a section row leaves the kind empty)' });
      continue;
    }
    const step = number('step');
    section.criteria.push({ code, title: text('title'), guidance: text('guidance'), kind: kind ?? undefined, maxPoints: number('maxPoints'), ...(step !== undefined ? { step } : {}), ...scoringOf(r, code, text, number, places, problems) });
    places.sections.at(-1)!.criteria.push({ row: r, code });
  }
  if (problems.length > 0) throw new SheetCellError(problems);
  const parsed = CriteriaSheetSchema.safeParse({ ...block, sections });
  if (!parsed.success) throw new SheetRuleError(ruleProblems(parsed.error, places), { cause: parsed.error });
  return parsed.data;
}

/**
 * A criterion's scoring mode from its row: "Đạt/không đạt" → all or nothing; "Theo lần", or points per
 * occurrence typed without a mode → per occurrence; blank → on the step grid (no field, so a sheet from
 * before these columns keeps its version). An unknown mode, or "Theo lần" without its points, names its cell.
 */
function scoringOf(
  r: number,
  code: string,
  text: (field: ColumnField) => string,
  number: (field: ColumnField) => number | undefined,
  places: SheetPlaces,
  problems: SheetProblem[],
): { allOrNothing?: true; perOccurrence?: number | undefined } {
  const mode = modeOf(text('mode'));
  const perOccurrence = number('perOccurrence');
  if (mode === null) {
    problems.push({ row: r, column: places.columns.mode, code, vi: `"${text('mode')}" không phải là "${MODE_LABELS.allOrNothing}", "${MODE_LABELS.perOccurrence}" hoặc để trống`, en: `"${text('mode')}" is not "${MODE_LABELS.allOrNothing}", "${MODE_LABELS.perOccurrence}" or blank` });
    return {};
  }
  if (mode === 'allOrNothing') return perOccurrence === undefined ? { allOrNothing: true } : { allOrNothing: true, perOccurrence };
  if (mode === 'perOccurrence' && perOccurrence === undefined && text('perOccurrence') === '') {
    problems.push({ row: r, column: places.columns.perOccurrence ?? COLUMNS.find((c) => c.field === 'perOccurrence')!.header, code, vi: 'cần ghi số điểm trừ mỗi lần', en: 'the points per occurrence are needed' });
    return {};
  }
  return perOccurrence === undefined ? {} : { perOccurrence };
}

/** A line of text merged across the table (a note a person added), not a row of it. */
function isNote(row: ExcelJS.Row): boolean {
  const cells: ExcelJS.Cell[] = [];
  row.eachCell((cell) => cells.push(cell));
  const first = cells.find((c) => cellText(c) !== '');
  return first !== undefined && first.isMerged && cells.filter((c) => c.master === first).length > 2 && cells.every((c) => c.master === first || cellText(c) === '');
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  if (bytes.byteLength === 0) throw new NotXlsxError('Tệp rỗng: hãy chọn tệp bảng tiêu chí (.xlsx).', 'The file is empty: choose the criteria sheet (.xlsx).');
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new NotXlsxError('Tệp Excel 97–2003 (.xls) chưa đọc được: hãy mở trong Excel và lưu lại dưới dạng .xlsx.', 'An Excel 97–2003 file (.xls): open it in Excel and save it as .xlsx.');
  }
  checkUnpackedSize(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw notXlsx(error);
  }
  if (workbook.worksheets.length === 0) throw notXlsx(); // another zip: a .docx, an .odt, an archive
  return workbook;
}

const notXlsx = (cause?: unknown) =>
  new NotXlsxError('Tệp không phải là bảng tính Excel (.xlsx) hoặc đã bị hỏng.', 'The file is not an Excel workbook (.xlsx), or it is damaged.', { cause });

/** The worksheet named "Bảng tiêu chí", else the first one that has a table header. */
function worksheetOf(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheets = workbook.worksheets;
  const named = sheets.find((ws) => normalized(ws.name) === normalized(WORKSHEET_NAME));
  const found = named ?? sheets.find((ws) => headerCandidate(ws) !== undefined) ?? sheets[0];
  if (!found || found.actualRowCount === 0) {
    throw new SheetLayoutError([{ vi: 'Bảng tính không có dữ liệu: cần trang "Bảng tiêu chí" với dòng tiêu đề Mã, Nội dung tiêu chí, Loại, Điểm tối đa.', en: 'The workbook is empty: it needs a worksheet "Bảng tiêu chí" with the header Mã, Nội dung tiêu chí, Loại, Điểm tối đa.' }]);
  }
  return found;
}

/** The first row (of the first 30) naming at least two of the table's columns, with its columns. */
function headerCandidate(ws: ExcelJS.Worksheet): { headerRow: number; columns: Map<ColumnField, number> } | undefined {
  for (let r = 1; r <= Math.min(30, ws.rowCount); r++) {
    const columns = new Map<ColumnField, number>();
    ws.getRow(r).eachCell((cell, c) => {
      const field = fieldOfHeader(cellText(cell));
      if (field && !columns.has(field)) columns.set(field, c);
    });
    if (columns.size >= 2) return { headerRow: r, columns };
  }
  return undefined;
}

function findHeader(ws: ExcelJS.Worksheet): { headerRow: number; columns: Map<ColumnField, number> } {
  const found = headerCandidate(ws);
  const names = REQUIRED.map((f) => COLUMNS.find((c) => c.field === f)!.header);
  if (!found) {
    throw new SheetLayoutError([{ vi: `Không tìm thấy dòng tiêu đề của bảng (các cột ${names.join(', ')}).`, en: `No table header row found (columns ${names.join(', ')}).` }]);
  }
  const missing = REQUIRED.filter((f) => !found.columns.has(f)).map((f) => COLUMNS.find((c) => c.field === f)!.header);
  if (missing.length > 0) {
    throw new SheetLayoutError(missing.map((header) => ({ row: found.headerRow, column: header, vi: 'thiếu cột này trong dòng tiêu đề', en: 'this column is missing from the header row' })));
  }
  return found;
}

/** The title block above the header: the first text that is not a label is the title; labels' values follow them. */
function readBlock(ws: ExcelJS.Worksheet, headerRow: number, problems: SheetProblem[], places: SheetPlaces): Record<string, unknown> {
  const block: Record<string, unknown> = {};
  const labels = Object.entries(BLOCK_LABELS).filter(([f]) => f !== 'title') as Array<['standardMaxPoints' | 'bonusCap', { vi: string; en: string }]>;
  for (let r = 1; r < headerRow; r++) {
    const cells: ExcelJS.Cell[] = [];
    ws.getRow(r).eachCell((cell) => cells.push(cell));
    const texts = cells.map(cellText).filter((t) => t !== '');
    if (texts.length === 0) continue;
    if ([normalized(BLANK_LABEL.vi), normalized(BLANK_LABEL.en)].includes(normalized(texts[0]!))) {
      const answer = BLANK_WORDS[normalized(texts[1] ?? '')];
      if (answer === undefined) problems.push({ row: r, column: BLANK_LABEL.vi, vi: `ghi "${BLANK_ANSWERS.yes}" hoặc "${BLANK_ANSWERS.no}" (đang ghi "${texts[1] ?? ''}")`, en: `write "${BLANK_ANSWERS.yes}" or "${BLANK_ANSWERS.no}" (it reads "${texts[1] ?? ''}")` });
      else block.blankMeansZero = answer;
      continue;
    }
    const label = labels.find(([, l]) => [normalized(l.vi), normalized(l.en)].includes(normalized(texts[0]!)));
    if (!label) {
      if (block.title === undefined) [block.title, places.block.title] = [texts[0], r];
      continue;
    }
    const [field, names] = label;
    places.block[field] = r;
    const valueCell = cells.filter((c) => cellText(c) !== '')[1];
    const value = valueCell ? cellNumber(valueCell) : undefined;
    if (value === null) problems.push({ row: r, column: names.vi, vi: `phải là một số (đang ghi "${texts[1]}")`, en: `must be a number (it reads "${texts[1]}")` });
    else if (value !== undefined) block[field] = value;
  }
  return block;
}
