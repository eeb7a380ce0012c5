/**
 * Every error a request can meet, as what the person sees: an HTTP status, a short code, a sentence in
 * Vietnamese or English, and for invalid input the fields at fault. One table keyed by error class says
 * it (never the message text: where one class meant two answers, it has a subclass for each). Only an
 * unexpected error is a 5xx.
 */
import { ZodError } from 'zod';
import { DomainError, InconsistentInputError } from '../domain/index.js';
import { AlreadyRecordedError, BoardMayNotActError, CycleError, CycleExistsError, CycleNotFoundError, CycleStateError, DeadlinePassedError, InterventionRefusedError, MissingScansError, PhaseClosedError, StateRefusedError, TimelineRefusedError } from '../cycle/errors.js';
import { formatVietnamDate } from '../domain/index.js';
import { PHRASES } from '../shared/phrases.js';
import { FILE_PHRASES } from '../shared/file-phrases.js';
import { MEETING_PHRASES } from '../shared/meeting-phrases.js';
import { STATE_PHRASES } from '../shared/state-phrases.js';
import { REQUEST_PHRASES } from '../shared/request-phrases.js';
import { LinkError, LinkExpiredError, LinkMismatchError, LinkRevokedError, LinkUsedError } from '../links/errors.js';
import { NotFoundError, StateConflictError, StoreError, VersionConflictError } from '../store/errors.js';
import { RateLimitedError } from '../store/rate-limits.js';
import { NotSignedInError } from './admin-auth.js';
import { CsrfError } from './csrf.js';
import { ConferenceNotRecordedError, FileError } from '../files/errors.js';
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

type Sentence = Record<Lang, string>;
const say = (status: number, code: string, message: Sentence, lang: Lang, fields: FieldProblem[] = []): Problem => ({ status, code, message: message[lang], fields });

/** A phase by its name in the reader's language. */
const phaseName = (phase: string, lang: Lang) => (PHRASES[lang].phases as Record<string, string>)[phase] ?? phase;

type ErrorClass<E extends Error = Error> = abstract new (...args: any[]) => E;
type Answer<E extends Error> = (error: E, lang: Lang) => Problem;

/** The answers, keyed by error class. An error takes the answer of its own class or its nearest ancestor that has one. */
const answers = new Map<ErrorClass, Answer<Error>>();
function answer<C extends ErrorClass>(classes: C | C[], to: Answer<InstanceType<C>>): void {
  for (const errorClass of [classes].flat()) answers.set(errorClass, to as Answer<Error>);
}

/** A refusal only a programmer can meet (an internal invariant): what to do, without the log's English. */
const notPossible = (error: CycleStateError | CycleError, lang: Lang) =>
  say(409, 'state', { vi: STATE_PHRASES.vi.cannot, en: STATE_PHRASES.en.cannot }, lang, error instanceof CycleStateError && error.field ? [{ path: error.field, message: STATE_PHRASES[lang].cannot }] : []);

answer(ZodError, (error, lang) => {
  const fields = error.issues.map((issue) => ({ path: issue.path.join('.'), message: translateIssue(issue.message, lang) }));
  return say(400, 'invalid', { vi: 'Một số thông tin chưa hợp lệ, xem các ô được đánh dấu.', en: 'Some fields are not valid; see the marked fields.' }, lang, fields);
});
// A request that cannot be read, in the reader's words: the part at fault by its label. The code stays 'badRequest'.
answer(BadRequestError, (error, lang) => {
  const { problem } = error;
  const sentence = REQUEST_PHRASES[lang].refused[problem.reason].replace('{field}', requestFieldLabel(error.field, lang));
  const message = problem.reason === 'tooLarge' ? sentence.replace('{megabytes}', String(problem.megabytes)) : sentence;
  return { status: 400, code: 'badRequest', message, fields: [{ path: error.field, message }] };
});
answer(FileError, (error, lang) => fileProblemOf(error, lang));
answer(CsrfError, (_, lang) => say(403, 'csrf', { vi: 'Biểu mẫu đã hết hạn hoặc không gửi từ trang này. Vui lòng tải lại trang và thử lại.', en: 'The form has expired or did not come from this site. Reload the page and try again.' }, lang));
answer(LinkUsedError, (_, lang) => say(409, 'linkUsed', { vi: 'Liên kết này đã được sử dụng. Nội dung đã gửi được ghi nhận; không cần gửi lại.', en: 'This link has already been used. What was sent is recorded; there is no need to send it again.' }, lang));
answer(LinkExpiredError, (_, lang) => say(410, 'linkExpired', { vi: 'Liên kết này đã hết hạn.', en: 'This link has expired.' }, lang));
answer(LinkRevokedError, (_, lang) => say(410, 'linkRevoked', { vi: 'Liên kết này đã được thu hồi (đã có liên kết mới hơn, hoặc giai đoạn đã kết thúc).', en: 'This link has been withdrawn (a newer link replaced it, or the phase has ended).' }, lang));
answer(LinkMismatchError, (_, lang) => say(403, 'linkMismatch', { vi: 'Liên kết này không dùng cho nội dung này.', en: 'This link is not for this page.' }, lang));
answer(LinkError, (_, lang) => say(404, 'linkUnknown', { vi: 'Liên kết không tồn tại hoặc không đúng. Vui lòng mở lại liên kết trong thư.', en: 'This link is not known. Please open the link from the email again.' }, lang));
answer([PhaseClosedError, DeadlinePassedError], (_, lang) => say(410, 'phaseClosed', { vi: 'Thời hạn gửi của giai đoạn này đã kết thúc; không thể gửi thêm.', en: 'The time to send in this phase is over; nothing more can be sent.' }, lang));
// The one timeline a cycle cannot run (planCycle): every deadline has passed. Its English message is for logs.
answer(TimelineRefusedError, (_, lang) => say(400, 'timeline', { vi: STATE_PHRASES.vi.timelineOver, en: STATE_PHRASES.en.timelineOver }, lang, [{ path: 'timeline', message: STATE_PHRASES[lang].timelineOver }]));
answer(BoardMayNotActError, (_, lang) => {
  const message = { vi: 'Quy chế của khối không cho phép Ban Thi đua - Khen thưởng phê duyệt hoặc trả hồ sơ thay người phê duyệt; hồ sơ chờ người phê duyệt quyết định qua đường dẫn trong thư.', en: "The bloc's rules do not let the emulation board approve or return the dossier for the approver; the dossier waits for the approver's decision from the emailed link." };
  return say(409, 'boardMayNotAct', message, lang, [{ path: 'decision', message: message[lang] }]);
});
answer(MissingScansError, (error, lang) => {
  const missing = error.missing.map((p) => FILE_PHRASES[lang].purposes[p as keyof (typeof FILE_PHRASES)['vi']['purposes']] ?? p).join('; ');
  const message = { vi: `Chưa phê duyệt được: quy chế của khối yêu cầu hồ sơ có ${missing}. Đề nghị Trưởng khối gửi bổ sung, hoặc trả hồ sơ để hoàn thiện.`, en: `Cannot approve yet: the bloc's rules require the dossier to hold: ${missing}. Ask the bloc leader to add it, or return the dossier for revision.` };
  return say(409, 'missingScans', message, lang, [{ path: 'decision', message: message[lang] }]);
});
answer(CycleExistsError, (error, lang) => {
  const message = {
    vi: `Khối đã có kỳ thi đua năm ${error.year}, phát động với lịch hoặc thiết lập khác; mỗi khối chỉ có một kỳ thi đua mỗi năm. Kỳ đó được giữ nguyên; mở kỳ đó để theo dõi hoặc gia hạn.`,
    en: `The bloc already has a ${error.year} cycle, started with another calendar or settings; a bloc has one cycle a year. That cycle is left as it is; open it to follow it or extend a deadline.`,
  };
  return say(409, 'cycleExists', message, lang, [{ path: 'blocId', message: message[lang] }]);
});
answer(AlreadyRecordedError, (_, lang) => say(409, 'alreadyRecorded', { vi: 'Biên bản hội nghị này đã được ghi trước đó; không ghi lần thứ hai. Bản quét biên bản đã ký gửi tại trang gửi tệp của liên kết này.', en: "This conference has already been recorded; it is not recorded twice. The signed minutes' scan is uploaded on this link's files page." }, lang));
/**
 * A refusal by the cycle's state, in the reader's words, from its reason's sentence: the phase it names by
 * its name, the date in Vietnam time (an intervention's or any request's; never an id). The code stays
 * 'state', the JSON API's code of every refusal by the cycle's state.
 */
function refusalProblem(sentence: string, refusal: { reason: string; phase?: string; date?: string }, field: string | undefined, lang: Lang): Problem {
  const message = sentence.replace('{phase}', refusal.phase ? phaseName(refusal.phase, lang) : '').replace('{date}', refusal.date ? formatVietnamDate(refusal.date) : '');
  return { status: 409, code: 'state', message, fields: [{ path: field ?? 'form', message }] };
}
answer(InterventionRefusedError, (error, lang) => refusalProblem(PHRASES[lang].intervention.refused[error.refusal.reason], error.refusal, error.field, lang));
answer(StateRefusedError, (error, lang) => refusalProblem(STATE_PHRASES[lang].refused[error.refusal.reason], error.refusal, error.field, lang));
const NOT_FOUND: Record<CycleNotFoundError['what'], Sentence> = {
  cycle: { vi: 'Không tìm thấy kỳ thi đua này. Vui lòng kiểm tra lại đường dẫn.', en: 'This emulation cycle was not found. Please check the address.' },
  bloc: { vi: 'Không tìm thấy khối thi đua này. Vui lòng kiểm tra lại đường dẫn.', en: 'This emulation bloc was not found. Please check the address.' },
  unit: { vi: 'Không tìm thấy đơn vị này trong khối.', en: 'This unit is not a member of the bloc.' },
  document: { vi: 'Không tìm thấy văn bản này.', en: 'This document was not found.' },
};
// What was not found, in words: the id asked for is not shown back.
answer(CycleNotFoundError, (error, lang) => say(404, 'notFound', NOT_FOUND[error.what], lang, error.field ? [{ path: error.field, message: NOT_FOUND[error.what][lang] }] : []));
answer([CycleStateError, CycleError], (error, lang) => notPossible(error, lang));
answer([VersionConflictError, StateConflictError], (_, lang) => say(409, 'conflict', { vi: 'Nội dung đã được thay đổi ở nơi khác (một thẻ khác?). Vui lòng tải lại trang.', en: 'This was changed elsewhere (another tab?). Please reload the page.' }, lang));
answer(NotFoundError, (_, lang) => say(404, 'notFound', { vi: 'Không tìm thấy.', en: 'Not found.' }, lang));
answer(StoreError, (_, lang) => say(409, 'conflict', { vi: 'Không lưu được do xung đột dữ liệu; vui lòng thử lại.', en: 'Could not save because of a conflict; please try again.' }, lang));
// A domain rule no person can break through a request (scores reach the scoring already checked by their
// schema; the Government flag's page shows its own refusals): the 'cannot be done' sentence, not the log's
// English. The code stays 'invalid'.
answer(DomainError, (error, lang) => {
  const field = error instanceof InconsistentInputError ? error.field : undefined;
  return say(400, 'invalid', { vi: STATE_PHRASES.vi.cannot, en: STATE_PHRASES.en.cannot }, lang, field ? [{ path: field, message: STATE_PHRASES[lang].cannot }] : []);
});
answer(NotSignedInError, (_, lang) => say(401, 'signIn', { vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' }, lang));
answer(SheetImportError, (error, lang) => {
  const fields = error.problems.map((p) => ({ path: p.row ? `row ${p.row}${p.column ? `, ${p.column}` : ''}` : 'file', message: describeProblem(p, lang) }));
  return say(400, 'sheet', { vi: 'Không nhập được bảng tiêu chí từ tệp Excel:', en: 'The criteria sheet could not be imported from the Excel file:' }, lang, fields);
});
answer(RateLimitedError, (_, lang) => say(429, 'rateLimited', { vi: 'Quá nhiều lần thử; vui lòng đợi ít phút.', en: 'Too many attempts; please wait a few minutes.' }, lang));

/**
 * The answer of an error's class, or of the nearest ancestor class that has one. zod builds its errors
 * with a constructor of its own and answers `instanceof ZodError` by their traits, so a class not found
 * on the prototype chain is asked by `instanceof`.
 */
function answerOf(error: Error): Answer<Error> | undefined {
  for (let proto = Object.getPrototypeOf(error) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
    const found = answers.get((proto as { constructor: ErrorClass }).constructor);
    if (found) return found;
  }
  return [...answers].find(([errorClass]) => error instanceof errorClass)?.[1];
}

/** Where a refused person can go next, as a link of the page that tells the refusal. */
export interface NextStep {
  href: string;
  label: string;
}

/**
 * The way on from a refusal met through an emailed link: a conference recorded before leads to the link's
 * files page, where its signed minutes are uploaded; signed minutes sent before the record lead to the
 * record's form. Undefined for a refusal with nowhere to go.
 */
export function nextStepOnLink(error: unknown, linkId: string, lang: Lang): NextStep | undefined {
  if (error instanceof AlreadyRecordedError) return { href: `/l/${encodeURIComponent(linkId)}/files`, label: MEETING_PHRASES[lang].uploadScan };
  if (error instanceof ConferenceNotRecordedError) return { href: `/l/${encodeURIComponent(linkId)}`, label: MEETING_PHRASES[lang].recordFirst };
  return undefined;
}

/**
 * A 4xx raised by a middy middleware (e.g. the multipart parser: 413, 415, 422): middy's HttpError, told
 * by the status it carries since @middy/util is not ours to import.
 */
function clientHttpStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** The problem an error means for the person who caused it; an error no answer knows is a 500. */
export function problemOf(error: unknown, lang: Lang): Problem {
  const found = error instanceof Error ? answerOf(error) : undefined;
  if (found) return found(error as Error, lang);
  const status = clientHttpStatus(error);
  if (status !== undefined) return say(status, 'badRequest', { vi: 'Yêu cầu không hợp lệ (tệp quá lớn hoặc sai định dạng).', en: 'Bad request (the file is too large or malformed).' }, lang);
  return say(500, 'internal', { vi: 'Hệ thống tạm thời gặp sự cố; nội dung chưa được lưu. Vui lòng thử lại sau.', en: 'Something went wrong on our side; nothing was saved. Please try again later.' }, lang);
}

/**
 * The label of a part of a request a page or the JSON API names when it cannot be read (a BadRequestError's
 * field): the body, an uploaded file, a field of a form without a link's view (the province's share).
 */
function requestFieldLabel(field: string, lang: Lang): string {
  if (field === 'sharePercent') return PHRASES[lang].province.share;
  return REQUEST_PHRASES[lang].fields[field] ?? PHRASES[lang].formField;
}
