/**
 * Why a file is refused. Each refusal records nothing (an object already uploaded for it is deleted, so
 * the unit can simply try again); the web layer answers each with a 4xx and a sentence in both languages.
 */

/** Base of every refusal of the files area. */
export class FileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FileError';
  }
}

export class FileTooLargeError extends FileError {
  constructor(
    readonly maxBytes: number,
    readonly size: number,
    options?: { cause?: unknown },
  ) {
    super(`the file has ${size} bytes; at most ${maxBytes} are accepted`, options);
    this.name = 'FileTooLargeError';
  }
}

/** The file's content (its magic bytes) is not one of the purpose's types, whatever its name says. */
export class FileTypeRefusedError extends FileError {
  constructor(
    readonly accepts: readonly string[],
    readonly found: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`the file is ${found ?? 'of an unknown type'}; accepted: ${accepts.join(', ')}`, options);
    this.name = 'FileTypeRefusedError';
  }
}

/** An upload confirmed, or a file asked for, through a link of another unit or purpose (another cycle's files are never found). */
export class FileScopeError extends FileError {
  constructor(
    readonly field: 'unit' | 'purpose' | 'criterion',
    options?: { cause?: unknown },
  ) {
    super(`this file is for another ${field}`, options);
    this.name = 'FileScopeError';
  }
}

/** The presigned upload was used after it expired, or is confirmed too late: ask for a new one. */
export class UploadExpiredError extends FileError {
  constructor(
    readonly expiresAt: string,
    options?: { cause?: unknown },
  ) {
    super(`the upload expired at ${expiresAt}`, options);
    this.name = 'UploadExpiredError';
  }
}

/** A file claimed as uploaded that storage does not hold, or an upload never issued. */
export class FileNotUploadedError extends FileError {
  constructor(options?: { cause?: unknown }) {
    super('no file was uploaded for this upload', options);
    this.name = 'FileNotUploadedError';
  }
}

/** A name with a path or control characters in it ("../x.pdf", "C:\\x.pdf"): the file is not taken. */
export class FileNameRefusedError extends FileError {
  constructor(
    readonly fileName: string,
    options?: { cause?: unknown },
  ) {
    super('the file name must be a plain name, without folders', options);
    this.name = 'FileNameRefusedError';
  }
}

/** The signed minutes of a conference not yet recorded: the scan is of the record, taken once the secretary has sent it. */
export class ConferenceNotRecordedError extends FileError {
  constructor(options?: { cause?: unknown }) {
    super('the signed minutes are taken once the conference has been recorded', options);
    this.name = 'ConferenceNotRecordedError';
  }
}

/** No recorded file with this id in the cycle. */
export class FileUnknownError extends FileError {
  constructor(options?: { cause?: unknown }) {
    super('this file is not known', options);
    this.name = 'FileUnknownError';
  }
}
