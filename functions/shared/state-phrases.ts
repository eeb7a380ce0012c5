/**
 * The words of a request refused by the cycle's state (a StateRefusedError, functions/cycle/errors.ts), one
 * sentence per reason, and the sentence of a refusal only a programmer can meet (an internal invariant),
 * which says what to do without the log's English. A chapter of the phrase book; `{phase}` is filled with
 * the phase's name by the web layer.
 */
const vi = {
  roundNotOpen: 'Giai đoạn "{phase}" chưa mở, hoặc liên kết này không dùng cho giai đoạn đang diễn ra. Vui lòng mở liên kết trong thư mới nhất.',
  signInLink: 'Đây là liên kết đăng nhập của quản trị viên, không phải biểu mẫu.',
  ballotNoDrafts: 'Phiếu bầu không lưu nháp được: hãy chọn xong rồi gửi phiếu một lần.',
  formNoDrafts: 'Biểu mẫu "{phase}" không lưu nháp được: hãy điền đủ rồi gửi một lần.',
  alreadySubmitted: 'Biểu mẫu "{phase}" đã được gửi trước đó; nội dung đã gửi được ghi nhận và không gửi lại được.',
  receiptTaken: 'Mã biên nhận này đã gắn với một phiếu đã được kiểm; phiếu bầu không gửi lại được.',
  onlyYearEndVotes: 'Chỉ hội nghị tổng kết cuối năm mới bình xét, suy tôn.',
  notScored: 'Văn bản này chưa có: khối chưa được tính điểm, xếp hạng.',
  documentNotReady: 'Văn bản này chưa có: văn bản được lập khi bình xét, suy tôn kết thúc.',
  draftNotReady: 'Bản dự thảo này chưa có: dự thảo được lập khi giai đoạn tương ứng đã có kết quả.',
} satisfies Record<string, string>;

/** Why the cycle's state refuses a request: the reasons this chapter phrases (StateRefusedError, functions/cycle/errors.ts, carries one). */
export type StateRefusalReason = keyof typeof vi;

const en: Record<StateRefusalReason, string> = {
  roundNotOpen: 'The phase "{phase}" is not open, or this link is not for the phase under way. Please open the link in the latest email.',
  signInLink: "This is an administrator's sign-in link, not a form.",
  ballotNoDrafts: 'A ballot cannot be saved as a draft: make your choices, then cast it once.',
  formNoDrafts: 'The form "{phase}" cannot be saved as a draft: fill it in, then send it once.',
  alreadySubmitted: 'The form "{phase}" was already sent; what was sent is recorded and cannot be sent again.',
  receiptTaken: 'This receipt code already holds a counted ballot; the ballot cannot be cast again.',
  onlyYearEndVotes: 'Only the year-end conference votes.',
  notScored: 'This document is not ready: the bloc has not been scored yet.',
  documentNotReady: 'This document is not ready: it is drawn up once the vote is over.',
  draftNotReady: 'This draft is not ready: it is drawn up once its phase has its results.',
};

export const STATE_PHRASES = {
  vi: {
    refused: vi,
    timelineOver: 'Mốc thời gian không hợp lệ: mọi hạn chót của lịch này đã qua. Vui lòng chọn các ngày sắp tới.',
    cannot: 'Không thực hiện được việc này ở bước hiện tại của kỳ thi đua. Vui lòng tải lại trang; nếu vẫn không được, hãy liên hệ quản trị viên.',
  },
  en: {
    refused: en,
    timelineOver: 'The timeline cannot run: every deadline of it has already passed. Please choose days still to come.',
    cannot: "This cannot be done at the cycle's current step. Please reload the page; if it still fails, contact the administrator.",
  },
} as const;
