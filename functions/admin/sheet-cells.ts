/**
 * Reading cells of a criteria sheet the way a person fills them in Excel: headers and kinds with or
 * without diacritics, in Vietnamese or English; numbers typed as text, with a decimal comma or a
 * thousands separator; stray spaces; formulas (their cached result).
 */
import type ExcelJS from 'exceljs';
import type { CriterionKind } from '../domain/index.js';

/** The table's columns, in export order: the printed header, the words accepted for it, the width. */
export const COLUMNS = [
  { field: 'code', header: 'Mã', width: 9, accepts: ['ma', 'ma so', 'ma tieu chi', 'ky hieu', 'code'] },
  { field: 'title', header: 'Nội dung tiêu chí', width: 46, accepts: ['noi dung tieu chi', 'noi dung', 'tieu chi', 'ten tieu chi', 'title', 'criterion'] },
  { field: 'guidance', header: 'Hướng dẫn chấm', width: 58, accepts: ['huong dan cham', 'huong dan cham diem', 'huong dan', 'guidance'] },
  { field: 'kind', header: 'Loại', width: 10, accepts: ['loai', 'loai tieu chi', 'loai diem', 'kind', 'type'] },
  { field: 'maxPoints', header: 'Điểm tối đa', width: 11, accepts: ['diem toi da', 'diem chuan', 'diem', 'max points', 'maximum', 'max'] },
  { field: 'step', header: 'Bước điểm', width: 10, accepts: ['buoc diem', 'buoc', 'step'] },
  { field: 'mode', header: 'Cách chấm', width: 13, accepts: ['cach cham', 'cach tinh', 'scoring', 'mode'] },
  { field: 'perOccurrence', header: 'Điểm mỗi lần', width: 10, accepts: ['diem moi lan', 'moi lan', 'diem/lan', 'points per occurrence', 'per occurrence'] },
] as const;
export type ColumnField = (typeof COLUMNS)[number]['field'];
export const REQUIRED: readonly ColumnField[] = ['code', 'title', 'kind', 'maxPoints'];

/** Kind labels as exported. */
export const KIND_LABELS: Record<CriterionKind, string> = { standard: 'Chuẩn', bonus: 'Thưởng', penalty: 'Trừ' };
const KIND_WORDS: Record<string, CriterionKind> = {
  chuan: 'standard', 'tieu chi chuan': 'standard', 'diem chuan': 'standard', standard: 'standard',
  thuong: 'bonus', 'diem thuong': 'bonus', cong: 'bonus', 'diem cong': 'bonus', bonus: 'bonus',
  tru: 'penalty', 'diem tru': 'penalty', penalty: 'penalty',
};

/** Lower case, no diacritics (đ → d), single spaces, no trailing colon: how words are compared. */
export function normalized(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[\s:*]+$/, '')
    .trim();
}

/** A cell's content as text (trimmed), whatever Excel stored: rich text, a formula's result, a number. */
export function cellText(cell: ExcelJS.Cell): string {
  if (cell.isMerged && cell.master !== cell) return ''; // a merged range's content is its first cell's
  const value = plain(cell.value);
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value).replace(/\u00a0/g, ' ').trim();
}

function plain(value: ExcelJS.CellValue): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return plain((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return plain(value.text as ExcelJS.CellValue);
  if ('error' in value) return undefined;
  return undefined;
}

/**
 * A number of points from a cell: a number, or text such as "12", "0,25", "12.5", "1.000" or "1 000".
 * Points have at most two decimals, so a separator followed by exactly three digits groups thousands.
 * `undefined` for an empty cell; `null` for text that is not a number.
 */
export function cellNumber(cell: ExcelJS.Cell): number | undefined | null {
  const value = plain(cell.value);
  if (typeof value === 'number') return value;
  const text = cellText(cell).replace(/[\s\u00a0]/g, '');
  if (text === '') return undefined;
  if (!/^[+-]?[\d.,]*\d$/.test(text)) return null;
  const grouped = text.replace(/[.,](?=\d{3}(?:[.,]|$))/g, '');
  const decimal = grouped.replace(',', '.');
  return /^[+-]?\d+(\.\d+)?$/.test(decimal) ? Number(decimal) : null;
}

/**
 * How a criterion is scored, as the "Cách chấm" column says it: on the step grid (left blank), all or
 * nothing ("Đạt/không đạt": the maximum or 0), or per occurrence ("Theo lần": count × "Điểm mỗi lần").
 */
export type ScoringMode = 'steps' | 'allOrNothing' | 'perOccurrence';
export const MODE_LABELS: Record<Exclude<ScoringMode, 'steps'>, string> = { allOrNothing: 'Đạt/không đạt', perOccurrence: 'Theo lần' };
const MODE_WORDS: Record<string, ScoringMode> = {
  '': 'steps', 'theo buoc': 'steps', 'theo buoc diem': 'steps', steps: 'steps',
  'dat/khong dat': 'allOrNothing', 'dat / khong dat': 'allOrNothing', 'dat hoac khong dat': 'allOrNothing', 'ca hoac khong': 'allOrNothing', 'all or nothing': 'allOrNothing',
  'theo lan': 'perOccurrence', 'moi lan': 'perOccurrence', 'theo so lan': 'perOccurrence', 'per occurrence': 'perOccurrence',
};

/** A criterion's scoring mode from a cell ("Đạt/không đạt", "theo lan", blank); `null` when unknown. */
export function modeOf(text: string): ScoringMode | null {
  return MODE_WORDS[normalized(text)] ?? null;
}

/** A criterion's kind from a cell ("Chuẩn", "thuong", "Điểm trừ", "bonus"); `null` when unknown. */
export function kindOf(text: string): CriterionKind | null {
  return KIND_WORDS[normalized(text)] ?? null;
}

/** The field a header cell names, if any. */
export function fieldOfHeader(text: string): ColumnField | undefined {
  const words = normalized(text).replace(/\s*\(.*\)$/, '');
  return COLUMNS.find((c) => (c.accepts as readonly string[]).includes(words))?.field;
}
