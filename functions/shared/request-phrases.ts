/**
 * The words of a request that cannot be read at all (a BadRequestError, functions/web/http.ts): one
 * sentence per reason, and the label of each part of a request such a sentence names. A chapter of the
 * phrase book; `{field}` is filled with the part's label by the web layer (field-labels.ts), `{megabytes}`
 * with the largest size a file may have.
 */
const vi = {
  notJson: '{field} không phải JSON hợp lệ; vui lòng kiểm tra lại rồi gửi lại.',
  notJsonType: '{field} phải là JSON (application/json).',
  notMultipart: '{field} phải được gửi kèm biểu mẫu: hãy chọn tệp rồi bấm gửi.',
  unreadable: '{field} không đọc được: tệp gửi lên chưa trọn vẹn hoặc bị lỗi. Vui lòng gửi lại tệp.',
  tooManyParts: '{field}: biểu mẫu gửi lên có nhiều phần hơn trang này gửi. Vui lòng tải lại trang rồi gửi lại.',
  noFile: '{field}: chưa chọn tệp. Vui lòng chọn tệp Excel (.xlsx) rồi gửi.',
  notANumber: '{field} phải là một số (ví dụ 20 hoặc 12,5).',
  noSuchDocument: 'Không có văn bản này của toàn tỉnh; vui lòng chọn văn bản trong danh sách của năm.',
  tooLarge: '{field} lớn hơn {megabytes} MB; vui lòng chọn tệp nhỏ hơn.',
} satisfies Record<string, string>;

/** Why a request cannot be read: the reasons this chapter phrases (BadRequestError, functions/web/http.ts, carries one). */
export type RequestRefusalReason = keyof typeof vi;

const en: Record<RequestRefusalReason, string> = {
  notJson: '{field} is not valid JSON; please check it and send it again.',
  notJsonType: '{field} must be JSON (application/json).',
  notMultipart: '{field} must be sent with the form: choose a file, then send the form.',
  unreadable: '{field} could not be read: the upload is incomplete or damaged. Please send the file again.',
  tooManyParts: '{field}: the form sent has more parts than this page sends. Please reload the page and send it again.',
  noFile: '{field}: no file was chosen. Please choose an Excel file (.xlsx), then send it.',
  notANumber: '{field} must be a number (e.g. 20 or 12.5).',
  noSuchDocument: "The province has no such document; please choose one from the year's list.",
  tooLarge: '{field} is larger than {megabytes} MB; please choose a smaller file.',
};

/** The parts of a request a BadRequestError names, by their label (the share by the province page's own). */
const viFields = { body: 'Nội dung yêu cầu', 'content-type': 'Kiểu nội dung của yêu cầu', sheet: 'Tệp bảng tiêu chí', file: 'Tệp', name: 'Văn bản' };
const enFields: typeof viFields = { body: 'The request body', 'content-type': "The request's content type", sheet: 'The criteria sheet file', file: 'The file', name: 'The document' };

export const REQUEST_PHRASES = {
  vi: { refused: vi, fields: viFields as Record<string, string> },
  en: { refused: en, fields: enFields as Record<string, string> },
} as const;
