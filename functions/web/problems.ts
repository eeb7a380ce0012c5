/**
 * Every error a request can meet, as what the person sees: an HTTP status, a short code, a sentence in
 * Vietnamese or English, and for invalid input the fields at fault. Only an unexpected error is a 5xx.
 */
import { ZodError } from 'zod';
import { DomainError } from '../domain/index.js';
import { CycleError, CycleStateError, DeadlinePassedError, PhaseClosedError, TimelineRefusedError } from '../cycle/errors.js';
import { LinkError, LinkExpiredError, LinkMismatchError, LinkRevokedError, LinkUsedError } from '../links/errors.js';
import { NotFoundError, StateConflictError, StoreError, VersionConflictError } from '../store/errors.js';
import { CsrfError } from './csrf.js';
import { FileError } from '../files/errors.js';
import { fileProblemOf } from './file-problems.js';
import { SheetImportError, describeProblem } from '../admin/sheet-xlsx-errors.js';
import { BadRequestError, type Lang } from './http.js';
import { translateIssue } from './i18n.js';

export interface FieldProblem {
  /** Dotted path of the field, e.g. "scores.I.1.points". */
  path: string;
  message: string;
}

export interface Problem {
  status: number;
  code: string;
  message: string;
  fields: FieldProblem[];
}

/** Raised by the pages that need an admin session. */
export class NotSignedInError extends Error {
  constructor() {
    super('sign in first');
    this.name = 'NotSignedInError';
  }
}

/** Too many unknown links from one address: link guessing is slowed down. */
export class RateLimitedError extends Error {
  constructor() {
    super('too many attempts');
    this.name = 'RateLimitedError';
  }
}

type Sentence = Record<Lang, string>;
const say = (status: number, code: string, message: Sentence, lang: Lang, fields: FieldProblem[] = []): Problem => ({ status, code, message: message[lang], fields });

/** A 4xx error raised by a middy middleware (e.g. the multipart parser: 413, 415, 422). */
function isClientHttpError(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** The problem an error means for the person who caused it. */
export function problemOf(error: unknown, lang: Lang): Problem {
  if (error instanceof ZodError) {
    const fields = error.issues.map((issue) => ({ path: issue.path.join('.'), message: translateIssue(issue.message, lang) }));
    return say(400, 'invalid', { vi: 'Một số thông tin chưa hợp lệ, xem các ô được đánh dấu.', en: 'Some fields are not valid; see the marked fields.' }, lang, fields);
  }
  if (error instanceof BadRequestError) return say(400, 'badRequest', { vi: `Yêu cầu không hợp lệ: ${error.field}.`, en: `Bad request: ${error.message}.` }, lang, [{ path: error.field, message: error.message }]);
  if (error instanceof FileError) return fileProblemOf(error, lang);
  if (error instanceof CsrfError) return say(403, 'csrf', { vi: 'Biểu mẫu đã hết hạn hoặc không gửi từ trang này. Vui lòng tải lại trang và thử lại.', en: 'The form has expired or did not come from this site. Reload the page and try again.' }, lang);
  if (error instanceof LinkUsedError) return say(409, 'linkUsed', { vi: 'Liên kết này đã được sử dụng. Nội dung đã gửi được ghi nhận; không cần gửi lại.', en: 'This link has already been used. What was sent is recorded; there is no need to send it again.' }, lang);
  if (error instanceof LinkExpiredError) return say(410, 'linkExpired', { vi: 'Liên kết này đã hết hạn.', en: 'This link has expired.' }, lang);
  if (error instanceof LinkRevokedError) return say(410, 'linkRevoked', { vi: 'Liên kết này đã được thu hồi (đã có liên kết mới hơn, hoặc giai đoạn đã kết thúc).', en: 'This link has been withdrawn (a newer link replaced it, or the phase has ended).' }, lang);
  if (error instanceof LinkMismatchError) return say(403, 'linkMismatch', { vi: 'Liên kết này không dùng cho nội dung này.', en: 'This link is not for this page.' }, lang);
  if (error instanceof LinkError) return say(404, 'linkUnknown', { vi: 'Liên kết không tồn tại hoặc không đúng. Vui lòng mở lại liên kết trong thư.', en: 'This link is not known. Please open the link from the email again.' }, lang);
  if (error instanceof PhaseClosedError || error instanceof DeadlinePassedError) return say(410, 'phaseClosed', { vi: 'Giai đoạn này đã kết thúc đối với đơn vị; không thể gửi thêm.', en: 'This phase is over for your unit; nothing more can be sent.' }, lang);
  if (error instanceof TimelineRefusedError) return say(400, 'timeline', { vi: `Mốc thời gian không hợp lệ: ${error.message}.`, en: `The timeline cannot run: ${error.message}.` }, lang, [{ path: 'timeline', message: error.message }]);
  if (error instanceof CycleStateError) return say(error.message.startsWith('unknown') ? 404 : 409, 'state', { vi: `Không thực hiện được: ${error.message}.`, en: `Not possible: ${error.message}.` }, lang, error.field ? [{ path: error.field, message: error.message }] : []);
  if (error instanceof CycleError) return say(409, 'state', { vi: `Không thực hiện được: ${error.message}.`, en: `Not possible: ${error.message}.` }, lang);
  if (error instanceof VersionConflictError || error instanceof StateConflictError) return say(409, 'conflict', { vi: 'Nội dung đã được thay đổi ở nơi khác (một thẻ khác?). Vui lòng tải lại trang.', en: 'This was changed elsewhere (another tab?). Please reload the page.' }, lang);
  if (error instanceof NotFoundError) return say(404, 'notFound', { vi: 'Không tìm thấy.', en: 'Not found.' }, lang);
  if (error instanceof StoreError) return say(409, 'conflict', { vi: 'Không lưu được do xung đột dữ liệu; vui lòng thử lại.', en: 'Could not save because of a conflict; please try again.' }, lang);
  if (error instanceof DomainError) return say(400, 'invalid', { vi: `Dữ liệu không hợp lệ: ${error.message}.`, en: `Invalid input: ${error.message}.` }, lang);
  if (error instanceof NotSignedInError) return say(401, 'signIn', { vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' }, lang);
  if (error instanceof SheetImportError) {
    const fields = error.problems.map((p) => ({ path: p.row ? `row ${p.row}${p.column ? `, ${p.column}` : ''}` : 'file', message: describeProblem(p, lang) }));
    return say(400, 'sheet', { vi: 'Không nhập được bảng tiêu chí từ tệp Excel:', en: 'The criteria sheet could not be imported from the Excel file:' }, lang, fields);
  }
  if (isClientHttpError(error)) {
    const { statusCode } = error as { statusCode: number };
    return say(statusCode, 'badRequest', { vi: 'Yêu cầu không hợp lệ (tệp quá lớn hoặc sai định dạng).', en: 'Bad request (the file is too large or malformed).' }, lang);
  }
  if (error instanceof RateLimitedError) return say(429, 'rateLimited', { vi: 'Quá nhiều lần thử; vui lòng đợi ít phút.', en: 'Too many attempts; please wait a few minutes.' }, lang);
  return say(500, 'internal', { vi: 'Hệ thống tạm thời gặp sự cố; nội dung chưa được lưu. Vui lòng thử lại sau.', en: 'Something went wrong on our side; nothing was saved. Please try again later.' }, lang);
}
