/**
 * Errors of the domain core. Input validation errors are zod errors (their `path` names the field);
 * these classes are for rule violations that only show once several valid inputs meet.
 */

/** Base of every domain-rule error, so callers can map the whole area to a 4xx in one place. */
export class DomainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DomainError';
  }
}

/** Inputs that are each valid but do not belong together (a form for another sheet version, an unknown unit). */
export class InconsistentInputError extends DomainError {
  constructor(message: string, readonly field: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InconsistentInputError';
  }
}
