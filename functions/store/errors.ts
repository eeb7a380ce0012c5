/** Errors of the data layer. Handlers map them to responses; none of them is a 5xx for the user's input. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** Someone else changed the item since it was read: reload and try again. Nothing was written. */
export class VersionConflictError extends StoreError {
  constructor(
    readonly key: { pk: string; sk: string },
    readonly expectedVersion: number,
    options?: { cause?: unknown },
  ) {
    super(`${key.pk} ${key.sk} changed since version ${expectedVersion} was read`, options);
    this.name = 'VersionConflictError';
  }
}

export class NotFoundError extends StoreError {
  constructor(
    readonly key: { pk: string; sk: string },
    options?: { cause?: unknown },
  ) {
    super(`${key.pk} ${key.sk} does not exist`, options);
    this.name = 'NotFoundError';
  }
}

export class AlreadyExistsError extends StoreError {
  constructor(
    readonly key: { pk: string; sk: string },
    options?: { cause?: unknown },
  ) {
    super(`${key.pk} ${key.sk} already exists`, options);
    this.name = 'AlreadyExistsError';
  }
}

/** The item exists but is not in the state the change requires (e.g. a task that is no longer open). */
export class StateConflictError extends StoreError {
  constructor(
    readonly key: { pk: string; sk: string },
    readonly expected: string,
    options?: { cause?: unknown },
  ) {
    super(`${key.pk} ${key.sk} is not ${expected}`, options);
    this.name = 'StateConflictError';
  }
}

/** DynamoDB kept cancelling a transaction because of concurrent transactions on the same items. */
export class TransactionContentionError extends StoreError {
  constructor(options?: { cause?: unknown }) {
    super('the change collided with concurrent changes; try again', options);
    this.name = 'TransactionContentionError';
  }
}
