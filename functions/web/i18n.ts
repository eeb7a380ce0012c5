/**
 * The words of the pages in Vietnamese (default) and English, and the Vietnamese of the validation
 * messages the domain's schemas write in English.
 */
import { formatLocalDate } from '../domain/index.js';
import type { Lang } from './http.js';
import { PHRASES } from '../shared/phrases.js';

/** A phase as the timeline's messages name it ("selfAssessment"), in the reader's words. */
const phaseWords = (phase: string, lang: Lang) => (PHRASES[lang].phases as Record<string, string>)[phase] ?? phase;

/** Validation messages of the domain schemas, as patterns with their Vietnamese. */
const ISSUES: Array<[RegExp, (...m: string[]) => string]> = [
  [/^must be at most (.+) \(the criterion's maximum\)$/, (_, max) => `không được vượt quá ${max} (điểm tối đa của tiêu chí)`],
  [/^must be a multiple of (.+)$/, (_, step) => `phải là bội số của ${step}`],
  [/^must be 0 or (.+) \(all or nothing\)$/, (_, max) => `chỉ được ghi 0 hoặc ${max} (đạt thì được đủ điểm, không đạt thì 0)`],
  [/^enter the number of occurrences$/, () => 'cần ghi số lần'],
  [/^must be a number of occurrences$/, () => 'phải là một số lần'],
  [/^must be a whole number of occurrences$/, () => 'số lần phải là số nguyên'],
  [/^must be at most (\d+) occurrences$/, (_, n) => `không quá ${n} lần`],
  [/^this criterion is not counted per occurrence$/, () => 'tiêu chí này không tính theo số lần'],
  [/^choose one of the criteria sheet templates$/, () => 'chọn một trong các mẫu bảng tiêu chí'],
  [/^must not be negative$/, () => 'không được âm'],
  [/^must be a number of points$/, () => 'phải là một số điểm'],
  [/^must have at most two decimals$/, () => 'chỉ được có tối đa hai chữ số thập phân'],
  [/^a reason is required$/, () => 'cần ghi lý do'],
  [/^a score is required for every criterion$/, () => 'cần chấm điểm tiêu chí này'],
  [/^"(.+)" is not a criterion of this sheet$/, (_, c) => `"${c}" không phải là tiêu chí của bảng điểm này`],
  [/^bonus points need a note or an evidence link$/, () => 'điểm thưởng cần ghi chú hoặc liên kết minh chứng'],
  [/^must be an http\(s\) link$/, () => 'phải là một liên kết http(s)'],
  [/^choose approve or not approve$/, () => 'chọn đồng ý hoặc không đồng ý'],
  [/^must be a member unit of the bloc$/, () => 'phải là đơn vị thành viên của khối'],
  [/^the deputy must be another unit than the leader$/, () => 'Phó Trưởng khối phải là đơn vị khác Trưởng khối'],
  [/^must be one of the undecided candidates$/, () => 'phải là một trong các đơn vị được đề nghị'],
  [/^the pledge must be accepted$/, () => 'cần xác nhận ký giao ước'],
  [/^the signer name is required$/, () => 'cần ghi họ tên người ký'],
  [/^the signer title is required$/, () => 'cần ghi chức vụ người ký'],
  [/^must be a date YYYY-MM-DD$/, () => 'phải là một ngày (ngày/tháng/năm)'],
  [/^must be after the (\w+) deadline \((\d{4}-\d{2}-\d{2})\)$/, (_, phase, date) => `phải sau hạn chót của giai đoạn "${phaseWords(phase, 'vi')}" (${formatLocalDate(date)})`],
  [/^must not be before the opening date$/, () => 'không được trước ngày mở'],
  [/^the whole cycle spans (\d+) days; a cycle must fit in (\d+) days.*$/, (_, n, max) => `cả kỳ thi đua kéo dài ${n} ngày; một kỳ phải gói gọn trong ${max} ngày`],
  [/^must not contain control characters or invalid Unicode/, () => 'không được chứa ký tự điều khiển hoặc ký tự Unicode không hợp lệ (U+0000–U+001F trừ tab và xuống dòng, U+FFFE, U+FFFF, nửa cặp thay thế)'],
  [/^must be at most (\d+) characters$/, (_, n) => `tối đa ${n} ký tự`],
  [/^a response to the reason for return is required$/, () => 'cần ghi nội dung giải trình, hoàn thiện'],
  [/^must be one of the proposed units$/, () => 'phải là một đơn vị được đề nghị'],
  [/^the form was filled against another version of the criteria sheet$/, () => 'biểu mẫu được điền theo một phiên bản bảng điểm khác; vui lòng tải lại trang'],
  [/^Invalid input.*$/, () => 'giá trị không hợp lệ'],
  [/^Unrecognized key.*$/, () => 'trường không được chấp nhận'],
];

/** A validation message in the page's language. */
export function translateIssue(message: string, lang: Lang): string {
  if (lang === 'en') {
    return message.replace(/^must be after the (\w+) deadline \((\d{4}-\d{2}-\d{2})\)$/, (_, phase: string, date: string) => `must be after the deadline of "${phaseWords(phase, 'en')}" (${formatLocalDate(date)})`);
  }
  for (const [pattern, vi] of ISSUES) {
    const match = message.match(pattern);
    if (match) return vi(...match);
  }
  return message;
}
