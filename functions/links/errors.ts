/**
 * Why a link cannot act. Every case gets its own page ("this link has expired", "already used", ...) and
 * changes nothing; none of them is a server error.
 */
export class LinkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LinkError';
  }
}

/** Never issued, forged, malformed, or long gone. */
export class LinkUnknownError extends LinkError {
  constructor(options?: { cause?: unknown }) {
    super('this link is not known', options);
    this.name = 'LinkUnknownError';
  }
}

export class LinkExpiredError extends LinkError {
  constructor(
    readonly expiresAt: string,
    options?: { cause?: unknown },
  ) {
    super(`this link expired at ${expiresAt}`, options);
    this.name = 'LinkExpiredError';
  }
}

/** A single-use link that already acted. */
export class LinkUsedError extends LinkError {
  constructor(
    readonly usedAt: string | undefined,
    options?: { cause?: unknown },
  ) {
    super('this link has already been used', options);
    this.name = 'LinkUsedError';
  }
}

/** Withdrawn: the phase closed, a newer link replaced it, or an admin revoked it. */
export class LinkRevokedError extends LinkError {
  constructor(options?: { cause?: unknown }) {
    super('this link has been withdrawn', options);
    this.name = 'LinkRevokedError';
  }
}

/** A valid link used for something else than it was issued for (another purpose, cycle or unit). */
export class LinkMismatchError extends LinkError {
  constructor(
    readonly field: 'purpose' | 'cycleId' | 'unitId',
    options?: { cause?: unknown },
  ) {
    super(`this link was issued for another ${field}`, options);
    this.name = 'LinkMismatchError';
  }
}

/** A link for the dossier's files opened at a form's address: its page is `/l/{id}/files`, where a GET is sent. */
export class FilesLinkError extends LinkMismatchError {
  constructor(options?: { cause?: unknown }) {
    super('purpose', options);
    this.name = 'FilesLinkError';
  }
}
