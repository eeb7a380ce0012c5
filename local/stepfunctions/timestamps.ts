/**
 * Wait timestamps as AWS reads them: an ISO-8601 extended offset date-time (`2016-03-14T01:59:00Z`,
 * `2016-03-14T01:59:00.123+07:00`), with the `T` and an offset; a date-time without either is refused.
 */

/** Date, `T`, time with optional seconds and fraction, then `Z` or `±hh:mm`. */
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether a value is a valid ISO-8601 extended offset date-time string. */
export function isIsoOffsetDateTime(value: unknown): value is string {
  return typeof value === 'string' && parseTimestamp(value) !== undefined;
}

/** Epoch milliseconds of an ISO-8601 extended offset date-time, or undefined when it is not one. */
export function parseTimestamp(value: string): number | undefined {
  if (!OFFSET_DATE_TIME.test(value)) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2016-02-30 over into March; the calendar date must be the one written.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day ? ms : undefined;
}
