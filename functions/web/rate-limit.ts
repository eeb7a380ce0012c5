/**
 * Slows down link guessing: each source address may try a limited number of unknown links per window,
 * on every route that takes a link id. The link is looked up first and only an unknown one counts, so a
 * known link always opens, however many unknown ones the same address (an office behind one NAT) tried.
 * The counter is one conditional UpdateItem per address and window (store/rate-limits.ts): of 120
 * concurrent unknown links, exactly the limit get their 404, the rest 429.
 */
import { LinkUnknownError } from '../links/errors.js';
import type { Store } from '../store/client.js';
import { countAttempt, type RateLimit } from '../store/rate-limits.js';
import { clientOf, requestTime, type HttpEvent } from './http.js';

/** Unknown links one address may try in 10 minutes: far above a person mistyping, far below a scan. */
export const UNKNOWN_LINKS: RateLimit = { name: 'unknownLink', max: 20, windowMs: 10 * 60 * 1000 };

/** Runs what a link route does; an unknown link counts against the request's source address and, past the limit, is refused. */
export async function limitingUnknownLinks<T>(store: Store, event: HttpEvent, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const { ip } = clientOf(event);
    if (error instanceof LinkUnknownError && ip) await countAttempt(store, UNKNOWN_LINKS, ip, requestTime(event), { cause: error });
    throw error;
  }
}
