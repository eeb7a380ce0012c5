/**
 * Request checks and response shapes shared by the operations: names, ARNs, pagination, validation
 * diagnostics and history events as the API returns them.
 */
import { ApiError, type DefinitionProblem } from './errors.js';
import type { HistoryEvent } from './history.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

/** AWS names: 1 to 80 characters, none of them whitespace, brackets, wildcards, control characters or one of " # % \ ^ | ~ ` $ & , ; : / */
export const NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/u;
export const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

/** A required ARN of the given kind, or InvalidArn / ValidationException as AWS answers. */
export function checkArn(arn: unknown, kind: 'stateMachine' | 'execution'): string {
  if (typeof arn !== 'string') throw new ApiError('ValidationException', `${kind}Arn is required`);
  if (!new RegExp(`^arn:aws[\\w-]*:states:[^:]*:[^:]*:${kind}:`).test(arn)) throw new ApiError('InvalidArn', `Invalid Arn: '${arn}'`);
  return arn;
}

/** What DescribeStateMachine says of logging and tracing, which the local runtime does not do. */
export const MONITORING_OFF = {
  loggingConfiguration: { level: 'OFF', includeExecutionData: false },
  tracingConfiguration: { enabled: false },
} as const;

/** The output of SendTaskSuccess, which must be JSON. */
export function taskOutput(output: unknown): unknown {
  try {
    return JSON.parse(String(output)) as unknown;
  } catch {
    throw new ApiError('InvalidOutput', 'Invalid Output: the output is not valid JSON');
  }
}

/** Epoch milliseconds as the API's epoch seconds. */
export const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

/** `maxResults` as AWS checks it: 0 to 1000, 0 or absent meaning the default page. */
function pageSize(maxResults: unknown): number {
  if (maxResults === undefined || maxResults === 0) return DEFAULT_PAGE;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults)) throw new ApiError('ValidationException', 'maxResults must be an integer');
  if (maxResults > MAX_PAGE || maxResults < 0) {
    const bound = maxResults > MAX_PAGE ? `less than or equal to ${MAX_PAGE}` : 'greater than or equal to 0';
    throw new ApiError('ValidationException', `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value ${bound}`);
  }
  return maxResults;
}

/** The answer of ValidateStateMachineDefinition: `OK` or `FAIL` with one ERROR diagnostic per problem. */
export function validationReport(problems: DefinitionProblem[], p: Record<string, unknown>): Record<string, unknown> {
  const limit = typeof p.maxResults === 'number' && p.maxResults > 0 ? p.maxResults : 100;
  const diagnostics = problems.map(({ code, message, location }) => ({ severity: 'ERROR', code, message, location }));
  return { result: problems.length === 0 ? 'OK' : 'FAIL', diagnostics: diagnostics.slice(0, limit), truncated: diagnostics.length > limit };
}

/** One page of `items` after `nextToken`, with the token of the next page. */
export function page<T>(items: readonly T[], p: Record<string, unknown>): { items: T[]; nextToken?: string } {
  const size = pageSize(p.maxResults);
  let start = 0;
  if (p.nextToken !== undefined) {
    start = Number(Buffer.from(String(p.nextToken), 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw new ApiError('InvalidToken', 'Invalid Token: the nextToken is not valid');
  }
  const end = start + size;
  return {
    items: items.slice(start, end),
    ...(end < items.length && { nextToken: Buffer.from(String(end)).toString('base64url') }),
  };
}

/** The field of a history event that holds its details, as AWS names it. */
function detailsField(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`;
}

const DATA_FIELDS = ['input', 'output', 'parameters'];
/** Documents are never truncated here; their `…Details` are added on the way out, not stored per event. */
const TRUNCATION_FIELDS: Array<[string, string]> = [
  ['input', 'inputDetails'],
  ['output', 'outputDetails'],
  ['assignedVariables', 'assignedVariablesDetails'],
];
const NOT_TRUNCATED = Object.freeze({ truncated: false });

/** A stored event as GetExecutionHistory returns it (timestamps in epoch seconds). */
export function apiEvent(event: HistoryEvent, includeData: boolean): Record<string, unknown> {
  // Documents are kept as JSON values and turned into the strings AWS returns here.
  const details =
    event.details &&
    Object.fromEntries(
      Object.entries(withTruncation(event.details))
        .filter(([k]) => includeData || !DATA_FIELDS.includes(k))
        .map(([k, v]) => [k, DATA_FIELDS.includes(k) ? (JSON.stringify(v) ?? 'null') : v]),
    );
  return {
    timestamp: event.timestamp / 1000,
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
    ...(details && { [detailsField(event.type)]: details }),
  };
}

/** The details with `inputDetails`, `outputDetails` and `assignedVariablesDetails` where AWS has them. */
function withTruncation(details: Record<string, unknown>): Record<string, unknown> {
  const out = { ...details };
  for (const [field, about] of TRUNCATION_FIELDS) if (field in details && !(about in details)) out[about] = NOT_TRUNCATED;
  return out;
}
