/** Errors of the documents. */

/** Base of every documents error: a document asked of a dossier that does not hold what it prints. */
export class DocumentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DocumentError';
  }
}
