/**
 * CSRF protection for every POST: a random nonce in an HttpOnly, SameSite=Strict cookie (`__Host-` on
 * HTTPS), and in the form (or the X-CSRF-Token header for scripts) a token derived from that nonce and
 * the admin's session. A cross-site form cannot read the cookie; a planted cookie (a sibling subdomain,
 * a plain-HTTP page) gives a nonce the attacker knows, but not the victim's session, so the token the
 * attacker can compute is refused; a cookie sent twice is refused outright.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sessionIdOf } from './admin-auth.js';
import { cookie, cookieOnce, hostCookieName, type HttpEvent } from './http.js';

export const CSRF_FIELD = '_csrf';
/** The cookie's name: `__Host-thidua_csrf` on HTTPS, `thidua_csrf` on plain-HTTP localhost. */
export const csrfCookieName = () => hostCookieName('thidua_csrf');

const NONCE = /^[A-Za-z0-9_-]{43}$/;

/** The token for the request's cookie and session; `setCookie` carries a fresh nonce when it had none. */
export function csrfToken(event: HttpEvent): { token: string; setCookie: string[] } {
  const existing = cookieOnce(event, csrfCookieName());
  if (existing && NONCE.test(existing)) return { token: bind(existing, event), setCookie: [] };
  const nonce = randomBytes(32).toString('base64url');
  return { token: bind(nonce, event), setCookie: [cookie(csrfCookieName(), nonce, { maxAge: 8 * 3600 })] };
}

/** Raised when a POST lacks the token or it does not match. */
export class CsrfError extends Error {
  constructor() {
    super('the form has expired or did not come from this site; reload the page and try again');
    this.name = 'CsrfError';
  }
}

/** Checks the token of a POST (the form field, else the X-CSRF-Token header) in constant time. */
export function checkCsrf(event: HttpEvent, submitted: string | null | undefined): void {
  const nonce = cookieOnce(event, csrfCookieName());
  const given = submitted ?? event.headers?.['x-csrf-token'];
  if (!nonce || !NONCE.test(nonce) || !given) throw new CsrfError();
  const a = Buffer.from(bind(nonce, event));
  const b = Buffer.from(given);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new CsrfError();
}

/** HMAC of the session id (empty before sign-in) keyed by the nonce: a new session needs a new token. */
function bind(nonce: string, event: HttpEvent): string {
  return createHmac('sha256', nonce).update(`csrf:${sessionIdOf(event) ?? ''}`).digest('base64url');
}
