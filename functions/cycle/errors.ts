/**
 * Errors of the cycle workflow. Names matter: a task handler's thrown error becomes the Step Functions
 * error of its state, and the state machine catches `Thidua.DeadlinePassed` by name.
 */
import type { StateRefusalReason } from '../shared/state-phrases.js';

/** Base of every error of the cycle area; the HTTP layer maps the whole family to 4xx pages. */
export class CycleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CycleError';
  }
}

/** The unit's deadline passed: the wait ends as "missed". Also the error the scheduler sends for an overdue wait. */
export class DeadlinePassedError extends CycleError {
  static readonly errorName = 'Thidua.DeadlinePassed';
  constructor(readonly deadline: string, options?: { cause?: unknown }) {
    super(`the deadline ${deadline} has passed`, options);
    this.name = DeadlinePassedError.errorName;
  }
}

/** The phase (or this unit's part of it) is closed: nothing can be submitted any more. */
export class PhaseClosedError extends CycleError {
  constructor(readonly phase: string, options?: { cause?: unknown }) {
    super(`the ${phase} phase is over for this unit`, options);
    this.name = 'PhaseClosedError';
  }
}

/**
 * A request that does not fit the cycle's state. Its subclasses say why in data the page phrases (an unknown
 * cycle, a {@link StateRefusedError}, ...); one thrown as is names an internal invariant, its English for logs.
 */
export class CycleStateError extends CycleError {
  constructor(message: string, readonly field?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CycleStateError';
  }
}

/**
 * What the request names does not exist: an unknown cycle, bloc, unit or document (the page answers 404).
 * `what` lets the page say so in the reader's words; the id is for logs, never shown back.
 */
export class CycleNotFoundError extends CycleStateError {
  constructor(readonly what: 'cycle' | 'bloc' | 'unit' | 'document', id: string, field?: string, options?: { cause?: unknown }) {
    super(`unknown ${what} "${id}"`, field, options);
    this.name = 'CycleNotFoundError';
  }
}

/**
 * The bloc already has a cycle of that year, started with another calendar or settings: one cycle per
 * bloc and year (the same start repeated, a double click, is no second cycle and is not refused).
 */
export class CycleExistsError extends CycleStateError {
  constructor(readonly blocId: string, readonly year: number, options?: { cause?: unknown }) {
    super(`the ${year} cycle of bloc "${blocId}" was already started with another configuration`, 'blocId', options);
    this.name = 'CycleExistsError';
  }
}

/** The cycle's timeline cannot run as a workflow (it would outlive the one-year limit, or is already over). */
export class TimelineRefusedError extends CycleError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TimelineRefusedError';
  }
}

/** The approver approved a dossier that lacks a signed scan the bloc's rules require ("biên bản", "tờ trình"). */
export class MissingScansError extends CycleStateError {
  constructor(readonly missing: readonly string[], options?: { cause?: unknown }) {
    super(`the dossier lacks the signed scans: ${missing.join(', ')}`, 'decision', options);
    this.name = 'MissingScansError';
  }
}

/** The board tried to decide a dossier for the approver where the bloc's rules do not let it (`boardActsForApprover`). */
export class BoardMayNotActError extends CycleStateError {
  constructor(options?: { cause?: unknown }) {
    super("the bloc's rules do not let the board decide for the approver", 'decision', options);
    this.name = 'BoardMayNotActError';
  }
}

/** A conference's record sent again with something else: the sitting is recorded once (its secretary's link stays open for the signed scan). */
export class AlreadyRecordedError extends CycleStateError {
  constructor(options?: { cause?: unknown }) {
    super('this conference has already been recorded', 'link', options);
    this.name = 'AlreadyRecordedError';
  }
}

/**
 * Why an admin's intervention (extend a deadline, reopen a form, mark a unit ineligible) cannot apply,
 * as data the web layer phrases in the admin's language: the reason, and the date or phase it names.
 */
export type InterventionRefusal =
  | { reason: 'notOpened'; phase: string; round: number }
  | { reason: 'phaseClosed' | 'notInFuture' | 'waitNotStarted' | 'alreadyScored' }
  | { reason: 'notAfterCurrent' | 'afterCap'; date: string }
  | { reason: 'noForm'; phase: string }
  | { reason: 'cyclePublished' | 'blocScored' | 'ballotsCounted' | 'notReopenable' };

/** The field of the intervention's form each refusal is shown beside. */
const REFUSAL_FIELDS: Record<InterventionRefusal['reason'], string> = {
  notOpened: 'phase',
  phaseClosed: 'phase',
  cyclePublished: 'phase',
  blocScored: 'phase',
  ballotsCounted: 'phase',
  notReopenable: 'phase',
  notAfterCurrent: 'deadlineOn',
  afterCap: 'deadlineOn',
  notInFuture: 'deadlineOn',
  noForm: 'unitId',
  waitNotStarted: 'unitId',
  alreadyScored: 'unitId',
};

/** An intervention refused by the cycle's state; its message is for logs, the page says {@link refusal} in words. */
export class InterventionRefusedError extends CycleStateError {
  constructor(readonly refusal: InterventionRefusal, options?: { cause?: unknown }) {
    super(`intervention refused: ${JSON.stringify(refusal)}`, REFUSAL_FIELDS[refusal.reason], options);
    this.name = 'InterventionRefusedError';
  }
}

/**
 * Why a request a person made (a unit, a conference's secretary, the approver, the admin) does not fit the
 * cycle's state, as data the web layer phrases in the reader's language (state-phrases.ts): the reason, and
 * the phase it names. Never an id: the page names the phase by its name.
 */
type NamingPhase = 'roundNotOpen' | 'formNoDrafts' | 'alreadySubmitted';
export type StateRefusal = { reason: Extract<StateRefusalReason, NamingPhase>; phase: string } | { reason: Exclude<StateRefusalReason, NamingPhase> };

/** The field of the page each refusal is shown beside. */
const STATE_FIELDS: Record<StateRefusal['reason'], string> = {
  roundNotOpen: 'link',
  signInLink: 'link',
  alreadySubmitted: 'link',
  formNoDrafts: 'intent',
  ballotNoDrafts: 'intent',
  receiptTaken: 'receiptCode',
  onlyYearEndVotes: 'phase',
  notScored: 'name',
  documentNotReady: 'name',
  draftNotReady: 'name',
};

/** A request refused by the cycle's state; its message is for logs, the page says {@link refusal} in words. */
export class StateRefusedError extends CycleStateError {
  constructor(readonly refusal: StateRefusal, options?: { cause?: unknown; field?: string }) {
    super(`refused: ${JSON.stringify(refusal)}`, options?.field ?? STATE_FIELDS[refusal.reason], options);
    this.name = 'StateRefusedError';
  }
}
