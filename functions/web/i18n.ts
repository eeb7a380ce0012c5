/**
 * The words of the pages in Vietnamese (default) and English, and the Vietnamese of the validation
 * messages the domain's schemas write in English.
 */
import { formatLocalDate, formatNumber } from '../domain/index.js';
import type { Lang } from './http.js';
import { PHRASES } from '../shared/phrases.js';

/** A phase as the timeline's messages name it ("selfAssessment"), in the reader's words. */
const phaseWords = (phase: string, lang: Lang) => (PHRASES[lang].phases as Record<string, string>)[phase] ?? phase;

/** A number an English message writes ("0.25"), as Vietnamese writes it ("0,25"). */
const num = (english: string) => (Number.isFinite(Number(english)) ? formatNumber(Number(english), 'vi') : english);

/** Validation messages of the domain schemas, as patterns with their Vietnamese. */
const ISSUES: Array<[RegExp, (...m: string[]) => string]> = [
  [/^must be at most (.+) \(the criterion's maximum\)$/, (_, max) => `không được vượt quá ${num(max)} (điểm tối đa của tiêu chí)`],
  [/^must be a multiple of the step (.+)$/, (_, step) => `phải là bội số của bước điểm ${num(step)}`],
  [/^must be a multiple of (.+)$/, (_, step) => `phải là bội số của ${num(step)}`],
  [/^must be 0 or (.+) \(all or nothing\)$/, (_, max) => `chỉ được ghi 0 hoặc ${num(max)} (đạt thì được đủ điểm, không đạt thì 0)`],
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
  [/^bonus points need a note, an evidence link or an evidence file$/, () => 'điểm thưởng cần ghi chú, liên kết hoặc tệp minh chứng'],
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
  [/^must not be after the approval deadline \((\d{4}-\d{2}-\d{2})\)$/, (_, date) => `không được sau hạn phê duyệt của cơ quan khen thưởng (${formatLocalDate(date)})`],
  [/^the whole calendar spans more than (\d+) months from (\d{4}-\d{2}-\d{2}).*$/, (_, months, date) => `cả lịch thi đua kéo dài quá ${months} tháng kể từ ngày ${formatLocalDate(date)}; từ ngày mở đầu tiên đến hạn phê duyệt tối đa ${months} tháng`],
  [/^must name the awarding body$/, () => 'cần ghi cơ quan khen thưởng (cơ quan quyết định khen thưởng)'],
  [/^must name whom the proposal is addressed to$/, () => 'cần ghi nơi nhận tờ trình (Kính gửi)'],
  [/^must cite the legal source$/, () => 'cần ghi căn cứ pháp lý'],
  [/^must be 2–10 capital letters$/, () => 'phải gồm 2–10 chữ in hoa'],
  [/^the whole cycle spans (\d+) days; a cycle must fit in (\d+) days.*$/, (_, n, max) => `cả kỳ thi đua kéo dài ${n} ngày; một kỳ phải gói gọn trong ${max} ngày`],
  [/^must not contain control characters or invalid Unicode/, () => 'không được chứa ký tự điều khiển hoặc ký tự Unicode không hợp lệ (U+0000–U+001F trừ tab và xuống dòng, U+FFFE, U+FFFF, nửa cặp thay thế)'],
  [/^must be at most (\d+) characters$/, (_, n) => `tối đa ${n} ký tự`],
  [/^a response to the reason for return is required$/, () => 'cần ghi nội dung giải trình, hoàn thiện'],
  [/^must be one of the proposed units$/, () => 'phải là một đơn vị được đề nghị'],
  [/^the form was filled against another version of the criteria sheet$/, () => 'biểu mẫu được điền theo một phiên bản bảng điểm khác; vui lòng tải lại trang'],
  // The record of the year-end conference (domain/meeting.ts).
  [/^this field is required$/, () => 'cần điền ô này'],
  [/^must be a number of votes$/, () => 'phải là một số phiếu'],
  [/^must be a whole number$/, () => 'phải là số nguyên'],
  [/^must be a member unit of this bloc$/, () => 'phải là đơn vị thành viên của khối'],
  [/^must be a date and time$/, () => 'phải là ngày và giờ'],
  [/^choose a person$/, () => 'cần chọn một người'],
  [/^record who attended$/, () => 'cần ghi những người dự'],
  [/^say whether it was adopted$/, () => 'cần ghi hội nghị có thông qua hay không'],
  [/^record the agenda$/, () => 'cần ghi nội dung hội nghị'],
  [/^record the tally of the vote$/, () => 'cần ghi kết quả kiểm phiếu'],
  [/^name at least two units$/, () => 'cần chọn ít nhất hai đơn vị'],
  [/^say whether the pledge was signed$/, () => 'cần ghi các đơn vị có ký giao ước hay không'],
  [/^a secret ballot is counted by a counting committee: name its members$/, () => 'bỏ phiếu kín phải có Ban kiểm phiếu: ghi các thành viên'],
  [/^a member of the counting committee must attend$/, () => 'thành viên Ban kiểm phiếu phải là người dự hội nghị'],
  [/^the chair must attend$/, () => 'người chủ trì phải dự hội nghị'],
  [/^the secretary must attend$/, () => 'thư ký phải dự hội nghị'],
  [/^the bloc's rules do not count written votes$/, () => 'quy chế của khối không tính phiếu biểu quyết bằng văn bản'],
  [/^a unit that attended votes in the room, not in writing$/, () => 'đơn vị dự hội nghị biểu quyết tại hội nghị, không bằng văn bản'],
  [/^a written vote counts in the first round only: a runoff is voted in the room$/, () => 'phiếu biểu quyết bằng văn bản (gửi trước hội nghị) chỉ được tính ở vòng 1; vòng bỏ phiếu lại chỉ do các thành viên dự hội nghị biểu quyết'],
  [/^must be at most (\d+): the members present \((\d+)\) and written votes \((\d+)\)$/, (_, most, present, written) => `không được vượt quá ${most}: số thành viên dự (${present}) và số phiếu bằng văn bản (${written})`],
  [/^must be at most (\d+): the members present \((\d+)\); written votes count in the first round only$/, (_, most, present) => `không được vượt quá ${most}: số thành viên dự hội nghị (${present}); phiếu bằng văn bản chỉ được tính ở vòng 1`],
  [/^no further round: the vote was settled$/, () => 'không có vòng này: kết quả đã được quyết định ở vòng trước'],
  [/^no further round: after the last round the leader and deputy decide$/, () => 'không có vòng này: sau vòng cuối, Trưởng khối và Phó Trưởng khối quyết định'],
  [/^not a nominee of this round$/, () => 'đơn vị này không được bỏ phiếu ở vòng này'],
  [/^a tally is required for every nominee of the round$/, () => 'cần ghi số phiếu của mọi đơn vị được bỏ phiếu ở vòng này'],
  [/^round (\d+) is needed: .*$/, (_, n) => `cần ghi vòng ${n}: Cờ thi đua chưa được quyết định, hội nghị bỏ phiếu lại giữa các đơn vị dẫn đầu`],
  [/^these units are not equal: they hold places (.+)$/, (_, places) => `các đơn vị này không bằng điểm: xếp thứ ${places}`],
  [/^the host must be a member unit of this bloc$/, () => 'đơn vị đăng cai phải là đơn vị thành viên của khối'],
  [/^the bloc's rules vote online: this calendar holds no year-end conference$/, () => 'quy chế của khối bỏ phiếu trực tuyến: không tổ chức hội nghị bình xét trong lịch này'],
  [/^must be a time of day HH:MM$/, () => 'phải là giờ trong ngày HH:MM'],
  [/^must be a day of the phase, from its opening date to its deadline$/, () => 'phải là một ngày của giai đoạn, từ ngày mở đến hạn chót'],
  [/^the pledge is signed at the pledge conference, not at the mid-year review$/, () => 'giao ước được ký tại hội nghị ký kết giao ước, không tại hội nghị sơ kết'],
  [/^a unit signs the pledge at the conference only if it attended$/, () => 'đơn vị chỉ ký giao ước tại hội nghị khi có người dự'],
  [/^each unit signs once$/, () => 'mỗi đơn vị ký một lần'],
  [/^a decision is dated the day it was signed: it cannot be after today \((\d{4}-\d{2}-\d{2})\)$/, (_, date) => `quyết định ghi ngày ký: không thể sau ngày hôm nay (${formatLocalDate(date)})`],
  [/^the conference is recorded once it has been held: this time is still to come$/, () => 'chỉ ghi biên bản khi hội nghị đã họp: thời gian này chưa đến'],
  [/^the conference votes on the ranking published when its phase opened \((\d{4}-\d{2}-\d{2})\): it cannot have sat before$/, (_, date) => `hội nghị bình xét trên kết quả xếp hạng công bố khi mở giai đoạn (${formatLocalDate(date)}): không thể họp trước ngày đó`],
  // The bloc's settings (domain/bloc.ts, people.ts, awarding.ts) and its criteria sheet (criteria-sheet.ts).
  [/^must be letters only$/, () => 'chỉ được gồm chữ cái không dấu'],
  [/^must be 1-63 lowercase letters, digits or hyphens$/, () => 'gồm 1–63 chữ thường không dấu, chữ số hoặc dấu gạch nối'],
  [/^must be an email address$/, () => 'phải là một địa chỉ thư điện tử'],
  [/^a bloc needs at least 2 units$/, () => 'một khối cần ít nhất 2 đơn vị'],
  [/^duplicate unit id "(.*)"$/, (_, id) => `mã đơn vị "${id}" bị trùng`],
  [/^each unit needs its own email$/, () => 'mỗi đơn vị cần một địa chỉ thư điện tử riêng'],
  [/^rotation orders must be distinct$/, () => 'thứ tự luân phiên của các đơn vị không được trùng nhau'],
  [/^unknown unit "(.*)"$/, (_, id) => `"${id}" không phải là đơn vị của khối`],
  [/^leaders are elected in the first round only$/, () => 'Trưởng khối, Phó Trưởng khối chỉ được bầu ở vòng 1'],
  [/^the name is required$/, () => 'cần ghi họ tên'],
  [/^the title is required$/, () => 'cần ghi chức vụ'],
  [/^the organisation is required$/, () => 'cần ghi cơ quan'],
  [/^choose female or male$/, () => 'chọn nữ hoặc nam'],
  [/^bands must decrease: .*$/, () => 'ngưỡng xếp loại phải giảm dần: xuất sắc > tốt > hoàn thành'],
  [/^must be a short code such as "(.+)" or "(.+)"$/, (_, a, b) => `phải là một mã ngắn, ví dụ "${a}" hoặc "${b}"`],
  [/^only a penalty criterion is counted per occurrence$/, () => 'chỉ tiêu chí điểm trừ mới được tính theo số lần'],
  [/^a criterion counted per occurrence cannot be all or nothing$/, () => 'tiêu chí tính theo số lần không thể chấm theo kiểu đạt/không đạt'],
  [/^must be at most the criterion's maximum (.+)$/, (_, max) => `không được vượt quá điểm tối đa của tiêu chí (${num(max)})`],
  [/^a section needs at least one criterion$/, () => 'mỗi phần cần ít nhất một tiêu chí'],
  [/^a sheet needs at least one section$/, () => 'bảng tiêu chí cần ít nhất một phần'],
  [/^duplicate code "(.*)"$/, (_, code) => `mã "${code}" bị trùng`],
  [/^is (.+) but its criteria add up to (.+)$/, (_, max, sum) => `đang ghi ${num(max)} nhưng các tiêu chí của phần cộng lại được ${num(sum)}`],
  [/^is (.+) but the standard criteria add up to (.+)$/, (_, max, sum) => `đang ghi ${num(max)} nhưng các tiêu chí chuẩn cộng lại được ${num(sum)}`],
  [/^is above the bonus criteria's total of (.+)$/, (_, total) => `vượt quá tổng điểm các tiêu chí thưởng (${num(total)})`],
  [/^must be set when the sheet has bonus criteria$/, () => 'cần ghi khi bảng tiêu chí có tiêu chí điểm thưởng'],
  [/^must be greater than 0$/, () => 'phải lớn hơn 0'],
  // The receipt check of an online secret ballot, and the admin's forms.
  [/^must be a receipt code of 24 letters and digits$/, () => 'phải là mã biên nhận gồm 24 chữ cái và chữ số'],
  [/^choose at least one bloc$/, () => 'cần chọn ít nhất một khối'],
  [/^must be a year from (\d+) to (\d+)$/, (_, from, to) => `phải là một năm từ ${from} đến ${to}`],
  [/^choose a unit$/, () => 'cần chọn một đơn vị'],
  [/^a note explaining the reason is required$/, () => 'cần ghi chú giải thích lý do'],
];

type Said = (...m: string[]) => string;

/**
 * zod's own messages, where a schema names none of its own: they speak of types, raw values and operators
 * ("Too big: expected string to have <=200 characters", "expected string, received null"), in English
 * whatever the page's language. In words, in both languages; the most particular first.
 */
const ZOD_OWN: Array<[RegExp, Record<Lang, Said>]> = [
  [/^Invalid (?:option|discriminator value).*$/, { vi: () => 'hãy chọn một trong các mục có sẵn', en: () => 'choose one of the options offered' }],
  [/^Invalid input: expected \w+, received (?:undefined|null)$/, { vi: () => 'cần điền ô này', en: () => 'this field is required' }],
  [/^Invalid input: expected (?:number|int).*$/, { vi: () => 'phải là một số', en: () => 'must be a number' }],
  [/^Too small: expected string to have >=?1 characters$/, { vi: () => 'cần điền ô này', en: () => 'this field is required' }],
  [/^Too big: expected string to have <=?(\d+) characters$/, { vi: (_, n) => `tối đa ${n} ký tự`, en: (_, n) => `must be at most ${n} characters` }],
  [/^Too small: expected string to have >=?(\d+) characters$/, { vi: (_, n) => `tối thiểu ${n} ký tự`, en: (_, n) => `must be at least ${n} characters` }],
  [/^Too big: expected (?:array|set) to have <=?(\d+) items$/, { vi: (_, n) => `tối đa ${n} mục`, en: (_, n) => `must have at most ${n} items` }],
  [/^Too small: expected (?:array|set) to have >=?(\d+) items$/, { vi: (_, n) => `cần ít nhất ${n} mục`, en: (_, n) => `must have at least ${n} items` }],
  [/^Too big: expected \w+ to be <=(.+)$/, { vi: (_, n) => `không được lớn hơn ${num(n)}`, en: (_, n) => `must be at most ${n}` }],
  [/^Too big: expected \w+ to be <(.+)$/, { vi: (_, n) => `phải nhỏ hơn ${num(n)}`, en: (_, n) => `must be less than ${n}` }],
  [/^Too small: expected \w+ to be >=(.+)$/, { vi: (_, n) => `không được nhỏ hơn ${num(n)}`, en: (_, n) => `must be at least ${n}` }],
  [/^Too small: expected \w+ to be >(.+)$/, { vi: (_, n) => `phải lớn hơn ${num(n)}`, en: (_, n) => `must be greater than ${n}` }],
  [/^Invalid email address$/, { vi: () => 'phải là một địa chỉ thư điện tử', en: () => 'must be an email address' }],
  [/^Unrecognized keys?:.*$/, { vi: () => 'trường không được chấp nhận', en: () => 'is not a field of this form' }],
  [/^(?:Invalid|Too big|Too small)\b.*$/, { vi: () => 'giá trị không hợp lệ', en: () => 'is not a valid value' }],
];

/** A validation message in the page's language. */
export function translateIssue(message: string, lang: Lang): string {
  for (const [pattern, said] of ZOD_OWN) {
    const match = message.match(pattern);
    if (match) return said[lang](...match);
  }
  if (lang === 'en') {
    return message
      .replace(/^must be after the (\w+) deadline \((\d{4}-\d{2}-\d{2})\)$/, (_, phase: string, date: string) => `must be after the deadline of "${phaseWords(phase, 'en')}" (${formatLocalDate(date)})`)
      .replace(/^(the conference votes on the ranking published when its phase opened) \((\d{4}-\d{2}-\d{2})\)(.*)$/, (_, said: string, date: string, rest: string) => `${said} (${formatLocalDate(date)})${rest}`)
      .replace(/^must not be after the approval deadline \((\d{4}-\d{2}-\d{2})\)$/, (_, date: string) => `must not be after the awarding body's approval deadline (${formatLocalDate(date)})`);
  }
  for (const [pattern, vi] of ISSUES) {
    const match = message.match(pattern);
    if (match) return vi(...match);
  }
  return message;
}
