/**
 * Errors of importing a criteria sheet from XLSX. Every problem names its place the way the official sees
 * it in Excel: the row number and the column header ("Dòng 14, cột Điểm tối đa: phải là một số"), and for
 * a rule of the sheet, the criterion's code. Messages are Vietnamese (`message`) with English beside them
 * (`en`), so the console answers in the user's language.
 */
import type { z } from 'zod';

/** One problem at one place of the worksheet. */
export interface SheetProblem {
  /** 1-based worksheet row, when the problem has one. */
  row?: number;
  /** The column's header as printed (e.g. "Điểm tối đa"), or the title block's label. */
  column?: string;
  /** The code of the section or criterion the row holds. */
  code?: string;
  /** The field of the criteria sheet (e.g. "maxPoints"), for schema problems. */
  field?: string;
  vi: string;
  en: string;
}

/** Where a problem is, as a prefix: "Dòng 14, cột Điểm tối đa (tiêu chí I.2): ". */
function placeOf(p: SheetProblem, lang: 'vi' | 'en'): string {
  const parts = [
    p.row !== undefined ? (lang === 'vi' ? `Dòng ${p.row}` : `Row ${p.row}`) : undefined,
    p.column !== undefined ? (lang === 'vi' ? `cột ${p.column}` : `column ${p.column}`) : undefined,
  ].filter(Boolean);
  const code = p.code !== undefined ? (lang === 'vi' ? ` (mã ${p.code})` : ` (code ${p.code})`) : '';
  return parts.length > 0 || code ? `${parts.join(', ')}${code}: ` : '';
}

/** A problem as one line in the given language. */
export function describeProblem(p: SheetProblem, lang: 'vi' | 'en' = 'vi'): string {
  return placeOf(p, lang) + p[lang];
}

/** Problems listed at most: a sheet of thousands of bad rows gave a 13.7 MB error page; the first ones say enough. */
export const MAX_LISTED_PROBLEMS = 50;
/** Characters of a problem's sentence at most (it may quote a cell). */
const MAX_PROBLEM_CHARS = 300;

/** The first problems, each cut to a readable length, and a last line counting the rest. */
function listed(problems: SheetProblem[]): SheetProblem[] {
  const cut = (text: string) => (text.length > MAX_PROBLEM_CHARS ? `${text.slice(0, MAX_PROBLEM_CHARS - 1)}…` : text);
  const shown = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({ ...p, vi: cut(p.vi), en: cut(p.en) }));
  const rest = problems.length - shown.length;
  return rest > 0 ? [...shown, { vi: `và ${rest} vấn đề khác: hãy sửa các dòng trên rồi nhập lại.`, en: `and ${rest} more problems: fix the rows above and import again.` }] : shown;
}

/** Base of every import error, so the console maps the whole area to a 400 in one place. */
export class SheetImportError extends Error {
  /** The problems found (at least one, at most {@link MAX_LISTED_PROBLEMS} and a count of the rest); `message` is their Vietnamese lines, `en` the English ones. */
  readonly problems: SheetProblem[];
  readonly en: string;
  constructor(problems: SheetProblem[], options?: { cause?: unknown }) {
    const shown = listed(problems);
    super(shown.map((p) => describeProblem(p, 'vi')).join('\n'), options);
    this.name = 'SheetImportError';
    this.problems = shown;
    this.en = shown.map((p) => describeProblem(p, 'en')).join('\n');
  }
  /** The message in the user's language. */
  messageIn(lang: 'vi' | 'en'): string {
    return lang === 'vi' ? this.message : this.en;
  }
}

/** The bytes are not an XLSX workbook (empty, garbage, an old .xls, a CSV renamed). */
export class NotXlsxError extends SheetImportError {
  constructor(vi: string, en: string, options?: { cause?: unknown }) {
    super([{ vi, en }], options);
    this.name = 'NotXlsxError';
  }
}

/** The file is larger than a criteria sheet can be, unpacked or in rows: refused before it is read whole. */
export class SheetTooLargeError extends SheetImportError {
  constructor(vi: string, en: string) {
    super([{ vi, en }]);
    this.name = 'SheetTooLargeError';
  }
}

/** The workbook has no criteria table: no worksheet, no header row, a required column missing. */
export class SheetLayoutError extends SheetImportError {
  constructor(problems: SheetProblem[], options?: { cause?: unknown }) {
    super(problems, options);
    this.name = 'SheetLayoutError';
  }
}

/** A cell cannot be read as what its column holds (a maximum typed as "mười", an unknown kind). */
export class SheetCellError extends SheetImportError {
  constructor(problems: SheetProblem[], options?: { cause?: unknown }) {
    super(problems, options);
    this.name = 'SheetCellError';
  }
}

/** The cells read, but the sheet breaks a rule of CriteriaSheetSchema (a duplicate code, a wrong sum). */
export class SheetRuleError extends SheetImportError {
  constructor(problems: SheetProblem[], options?: { cause?: unknown }) {
    super(problems, options);
    this.name = 'SheetRuleError';
  }
}

/** Where each part of the sheet came from, to turn a schema path into a worksheet place. */
export interface SheetPlaces {
  /** Title block rows, by field (title, standardMaxPoints, bonusCap); absent when not in the file. */
  block: Partial<Record<'title' | 'standardMaxPoints' | 'bonusCap', number>>;
  headerRow: number;
  sections: Array<{ row: number; code: string; criteria: Array<{ row: number; code: string }> }>;
  /** Column header by field, as found in the file. */
  columns: Partial<Record<string, string>>;
}

/** Labels of the title block, by field. */
export const BLOCK_LABELS = {
  title: { vi: 'Tên bảng', en: 'Sheet title' },
  standardMaxPoints: { vi: 'Tổng điểm chuẩn', en: 'Standard maximum' },
  bonusCap: { vi: 'Điểm thưởng tối đa', en: 'Bonus cap' },
} as const;

/** Maps zod's issues on the parsed sheet to worksheet places, with Vietnamese messages. */
export function ruleProblems(error: z.ZodError, places: SheetPlaces): SheetProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String);
    const message = { vi: vietnamese(issue), en: issue.message };
    if (path[0] !== 'sections') {
      const field = path[0] as keyof typeof BLOCK_LABELS;
      return { row: places.block[field], column: BLOCK_LABELS[field]?.vi ?? field, field, ...message };
    }
    const section = places.sections[Number(path[1])];
    if (!section) return { row: places.headerRow, ...message, vi: `bảng không có mục nào (${message.vi})` };
    const inCriteria = path[2] === 'criteria';
    const criterion = inCriteria && path[3] !== undefined ? section.criteria[Number(path[3])] : undefined;
    const field = criterion ? path[4] : inCriteria ? undefined : path[2];
    const at = criterion ?? section;
    const first = field === 'code' && issue.message.startsWith('duplicate') ? firstRowOf(at.code, places) : undefined;
    if (first !== undefined && first !== at.row) [message.vi, message.en] = [`${message.vi} với dòng ${first}`, `${message.en} (also on row ${first})`];
    // allOrNothing is said in the Cách chấm column; perOccurrence has its own.
    const column = field === 'allOrNothing' ? places.columns.mode : field ? places.columns[field] : undefined;
    return { row: at.row, column: field ? column ?? field : undefined, code: at.code, field, ...message };
  });
}

/** The first row holding a code, to point a duplicate at its twin. */
function firstRowOf(code: string, places: SheetPlaces): number | undefined {
  return places.sections.flatMap((s) => [s, ...s.criteria]).find((p) => p.code === code)?.row;
}

/** Vietnamese for the schema's messages: its custom ones by pattern, zod's own by issue code. */
function vietnamese(issue: z.core.$ZodIssue): string {
  const m = issue.message;
  const rules: Array<[RegExp, (g: string[]) => string]> = [
    [/^duplicate code "(.*)"$/, (g) => `mã "${g[1]}" bị trùng`],
    [/^is (.*) but its criteria add up to (.*)$/, (g) => `điểm tối đa của mục là ${g[1]} nhưng các tiêu chí cộng lại ${g[2]}`],
    [/^is (.*) but the standard criteria add up to (.*)$/, (g) => `là ${g[1]} nhưng các tiêu chí chuẩn cộng lại ${g[2]}`],
    [/^is above the bonus criteria's total of (.*)$/, (g) => `lớn hơn tổng điểm các tiêu chí thưởng (${g[1]})`],
    [/^must be set when the sheet has bonus criteria$/, () => 'phải có khi bảng có tiêu chí thưởng'],
    [/^must be a multiple of the step (.*)$/, (g) => `phải là bội số của bước điểm ${g[1]}`],
    [/^only a penalty criterion is counted per occurrence$/, () => 'chỉ tiêu chí điểm trừ mới tính theo lần'],
    [/^a criterion counted per occurrence cannot be all or nothing$/, () => 'tiêu chí tính theo lần không thể đồng thời là đạt/không đạt'],
    [/^must be at most the criterion's maximum (.*)$/, (g) => `không được lớn hơn điểm tối đa của tiêu chí (${g[1]})`],
    [/^must be a short code/, () => 'phải là mã ngắn như "I.1" hoặc "B2" (chữ, số, dấu chấm, gạch)'],
    [/^must have at most two decimals$/, () => 'chỉ được có tối đa hai chữ số thập phân'],
    [/^must be greater than 0$/, () => 'phải lớn hơn 0'],
    [/^must not be negative$/, () => 'không được là số âm'],
    [/^must be a number of points$/, () => 'phải là một số'],
    [/^a section needs at least one criterion$/, () => 'mục phải có ít nhất một tiêu chí'],
    [/^a sheet needs at least one section$/, () => 'bảng phải có ít nhất một mục'],
  ];
  for (const [pattern, say] of rules) {
    const g = pattern.exec(m);
    if (g) return say([...g]);
  }
  if (issue.code === 'too_small') return 'không được để trống';
  if (issue.code === 'too_big') return `quá dài (tối đa ${String(issue.maximum)} ký tự)`;
  if (issue.code === 'invalid_type') return 'thiếu giá trị';
  return m;
}
