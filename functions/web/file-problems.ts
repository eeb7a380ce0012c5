/**
 * The files area's refusals as the person sees them (functions/files/errors.ts): a 4xx, a code and a
 * sentence in Vietnamese or English that says what to do; nothing was recorded for any of them.
 */
import { ConferenceNotRecordedError, FileError, FileNameRefusedError, FileNotUploadedError, FileScopeError, FileTooLargeError, FileTypeRefusedError, FileUnknownError, UploadExpiredError } from '../files/errors.js';
import { MEDIA } from '../files/purposes.js';
import type { Lang } from './http.js';

/** The shape of problems.ts's Problem, spelled here so that the two files do not import each other. */
interface Problem {
  status: number;
  code: string;
  message: string;
  fields: { path: string; message: string }[];
}

const megabytes = (bytes: number, lang: Lang) => `${(bytes / (1024 * 1024)).toFixed(1).replace('.', lang === 'vi' ? ',' : '.')} MB`;
const typeNames = (mediaTypes: readonly string[]) =>
  mediaTypes.map((t) => (Object.entries(MEDIA).find(([, m]) => m === t)?.[0] ?? t).toUpperCase()).join(', ');

const SCOPE: Record<FileScopeError['field'], { status: number; vi: string; en: string }> = {
  unit: { status: 403, vi: 'Tệp này thuộc đơn vị khác; đơn vị chỉ thao tác trên tệp của mình.', en: 'This file belongs to another unit; a unit works on its own files only.' },
  purpose: { status: 403, vi: 'Liên kết này không dùng để gửi loại tệp này.', en: 'This link is not for sending this kind of file.' },
  criterion: { status: 400, vi: 'Hãy chọn một tiêu chí có trong bảng tiêu chí của kỳ này cho minh chứng.', en: 'Choose a criterion of this cycle\'s sheet for the evidence.' },
};

/** The problem a refused file means. */
export function fileProblemOf(error: FileError, lang: Lang): Problem {
  const say = (status: number, code: string, message: Record<Lang, string>, field?: string): Problem => ({ status, code, message: message[lang], fields: field ? [{ path: field, message: message[lang] }] : [] });
  if (error instanceof FileTooLargeError) {
    return say(413, 'fileTooLarge', { vi: `Tệp quá lớn (${megabytes(error.size, 'vi')}); tối đa ${megabytes(error.maxBytes, 'vi')}. Hãy nén hoặc tách tệp rồi tải lên lại.`, en: `The file is too large (${megabytes(error.size, 'en')}); at most ${megabytes(error.maxBytes, 'en')}. Compress or split it and upload again.` }, 'file');
  }
  if (error instanceof FileTypeRefusedError) {
    const accepted = typeNames(error.accepts.map((ext) => MEDIA[ext as keyof typeof MEDIA] ?? ext));
    return say(415, 'fileType', { vi: `Loại tệp không được nhận (xét theo nội dung tệp, không theo tên). Chỉ nhận: ${accepted}.`, en: `This kind of file is not accepted (judged by its content, not its name). Accepted: ${accepted}.` }, 'file');
  }
  if (error instanceof FileScopeError) {
    const { status, ...message } = SCOPE[error.field];
    return say(status, 'fileScope', message, error.field === 'criterion' ? 'criterion' : undefined);
  }
  if (error instanceof UploadExpiredError) return say(410, 'uploadExpired', { vi: 'Phiên tải lên đã hết hạn. Hãy chọn tệp và tải lên lại.', en: 'The upload has expired. Choose the file and upload it again.' });
  if (error instanceof FileNotUploadedError) return say(409, 'fileNotUploaded', { vi: 'Chưa nhận được tệp nào cho lần tải lên này. Hãy tải tệp lên lại.', en: 'No file has arrived for this upload. Upload the file again.' }, 'file');
  if (error instanceof FileNameRefusedError) return say(400, 'fileName', { vi: 'Tên tệp chỉ là tên, không kèm thư mục hay đường dẫn (như "../" hoặc "C:\\"). Hãy đổi tên tệp rồi tải lên lại.', en: 'A file name must be a plain name, without folders or a path (like "../" or "C:\\"). Rename the file and upload it again.' }, 'fileName');
  if (error instanceof ConferenceNotRecordedError) {
    return say(409, 'conferenceNotRecorded', { vi: 'Bản quét biên bản đã ký chỉ được nhận sau khi biên bản hội nghị đã được gửi. Hãy ghi và gửi biên bản hội nghị trước, rồi gửi bản quét.', en: "The scan of the signed minutes is taken once the conference's record has been sent. Record the conference first, then upload the scan." }, 'purpose');
  }
  if (error instanceof FileUnknownError) return say(404, 'fileUnknown', { vi: 'Không tìm thấy tệp này.', en: 'This file was not found.' });
  return say(400, 'file', { vi: 'Tệp không được nhận.', en: 'The file was not accepted.' });
}
