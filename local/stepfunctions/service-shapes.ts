/** Response shapes shared by the operations: pagination and history events as the API returns them. */
import { ApiError } from './errors.js';
import type { HistoryEvent } from './history.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

/** One page of `items` after `nextToken`, with the token of the next page. */
export function page<T>(items: readonly T[], p: Record<string, unknown>): { items: T[]; nextToken?: string } {
  const size = typeof p.maxResults === 'number' && p.maxResults > 0 ? Math.min(p.maxResults, MAX_PAGE) : DEFAULT_PAGE;
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
