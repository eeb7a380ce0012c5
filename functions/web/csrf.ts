/**
 * CSRF protection for every POST: a random token in an HttpOnly, SameSite=Strict cookie and the same
 * token in the form (or the X-CSRF-Token header for scripts). A cross-site form cannot read the cookie to
 * copy it, and with SameSite=Strict the browser does not even send it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { cookie, cookiesOf, type HttpEvent } from './http.js';

export const CSRF_COOKIE = 'thidua_csrf';
export const CSRF_FIELD = '_csrf';

/** The request's token, or a fresh one with the cookie that carries it. */
export function csrfToken(event: HttpEvent): { token: string; setCookie: string[] } {
  const existing = cookiesOf(event)[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return { token: existing, setCookie: [] };
  const token = randomBytes(32).toString('base64url');
  return { token, setCookie: [cookie(CSRF_COOKIE, token, { maxAge: 8 * 3600 })] };
}

/** Raised when a POST lacks the token or it does not match. */
export class CsrfError extends Error {
  constructor() {
    super('the form has expired or did not come from this site; reload the page and try again');
    this.name = 'CsrfError';
  }
}

/** Checks the token of a POST against its cookie, in constant time. */
export function checkCsrf(event: HttpEvent, submitted: string | null | undefined): void {
  const expected = cookiesOf(event)[CSRF_COOKIE];
  const given = submitted ?? event.headers?.['x-csrf-token'];
  if (!expected || !given) throw new CsrfError();
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new CsrfError();
}
