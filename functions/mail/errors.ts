/** Errors of email rendering and delivery. A failed send is not an error: it is recorded and retried. */
export class MailError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailError';
  }
}

/** The rendered message with its attachments is too large to keep in the outbox. */
export class MessageTooLargeError extends MailError {
  constructor(
    readonly bytes: number,
    options?: { cause?: unknown },
  ) {
    super(`the message is ${bytes} bytes, more than the outbox keeps`, options);
    this.name = 'MessageTooLargeError';
  }
}
