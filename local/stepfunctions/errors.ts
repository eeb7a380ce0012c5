/** Errors of the local Step Functions runtime, and the AWS rules for matching error names. */

/** Base class of every error this module throws. */
export class StepFunctionsError extends Error {
  override name = 'StepFunctionsError';
}

/** The diagnostic codes of AWS's ValidateStateMachineDefinition that the parser reports. */
export type ProblemCode = 'INVALID_JSON_DESCRIPTION' | 'SCHEMA_VALIDATION_FAILED' | 'INVALID_RESOURCE' | 'INVALID_STATE_NAME' | 'MISSING_TRANSITION_TARGET';

/** One problem found in a definition: where (state path and field, and as a JSON pointer) and what. */
export interface DefinitionProblem {
  /** The state path (`Outer/Inner`), or empty for the top level. */
  state: string;
  field: string;
  message: string;
  code: ProblemCode;
  /** `/States/Outer/ItemProcessor/States/Inner/Next`. */
  location: string;
}

/**
 * A definition that cannot run; lists every problem found, not just the first, in AWS's form:
 * `MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/Start/Next, ...`.
 */
export class DefinitionError extends StepFunctionsError {
  override name = 'DefinitionError';
  constructor(readonly problems: DefinitionProblem[]) {
    super(problems.map(formatProblem).join(', '));
  }
}

export function formatProblem(p: DefinitionProblem): string {
  return `${p.code}: ${p.message} at ${p.location}`;
}

/**
 * An error raised inside an execution, as the States Language sees it: a name (`States.Timeout`,
 * a Lambda's `errorType`, a Fail state's `Error`) and a cause string.
 */
export class StatesError extends StepFunctionsError {
  constructor(
    readonly error: string,
    readonly causeText: string,
  ) {
    super(`${error}: ${causeText}`);
    this.name = 'StatesError';
  }
}

/** Error names the runtime itself raises. */
export const States = {
  ALL: 'States.ALL',
  TaskFailed: 'States.TaskFailed',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  QueryEvaluationError: 'States.QueryEvaluationError',
  Runtime: 'States.Runtime',
  NoChoiceMatched: 'States.NoChoiceMatched',
  BranchFailed: 'States.BranchFailed',
  DataLimitExceeded: 'States.DataLimitExceeded',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
} as const;

const timeouts: ReadonlySet<string> = new Set([States.Timeout, States.HeartbeatTimeout]);
/** Terminal errors: no Retry or Catch may handle them. */
const terminal: ReadonlySet<string> = new Set([States.Runtime, States.DataLimitExceeded]);

/**
 * Whether a retrier's or catcher's `ErrorEquals` matches an error, with the AWS rules: `States.ALL`
 * matches every error but the terminal ones, `States.TaskFailed` every error but the timeouts,
 * `States.Timeout` also a heartbeat timeout.
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (terminal.has(error)) return false;
  return errorEquals.some(
    (name) =>
      name === error ||
      name === States.ALL ||
      (name === States.TaskFailed && !timeouts.has(error)) ||
      (name === States.Timeout && error === States.HeartbeatTimeout),
  );
}

/** A failure of a Step Functions API call, with its AWS error code (`ExecutionDoesNotExist`, ...). */
export class ApiError extends StepFunctionsError {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}
