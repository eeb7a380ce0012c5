/** The admin's session on a request: the cookie (pages) or a Bearer header (scripts). */
import { sessionOf, type AdminSession } from '../admin/sessions.js';
import type { AdminContext } from '../cycle/admin.js';
import type { CycleDeps } from '../shared/deps.js';
import { clientOf, cookieOnce, hostCookieName, requestTime, type HttpEvent } from './http.js';

/** The session cookie's name: `__Host-thidua_session` on HTTPS, `thidua_session` on plain-HTTP localhost. */
export const sessionCookieName = () => hostCookieName('thidua_session');

/** The session id of the Bearer header, else of the session cookie (a cookie sent twice is no session). */
export function sessionIdOf(event: HttpEvent): string | undefined {
  const bearer = event.headers?.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? cookieOnce(event, sessionCookieName());
}

/** Whether the request authenticates with a Bearer header (no cookie, so no CSRF exposure). */
export const usesBearer = (event: HttpEvent) => /^Bearer\s/i.test(event.headers?.authorization ?? '');

/** The signed-in admin, or NotSignedInError. */
export async function requireAdmin(deps: CycleDeps, event: HttpEvent): Promise<AdminSession> {
  const session = await sessionOf(deps, sessionIdOf(event), requestTime(event));
  if (!session) throw new NotSignedInError();
  return session;
}

/** Who, when and from where, for the admin's actions and their audit events. */
export function adminContext(session: AdminSession, event: HttpEvent): AdminContext {
  const client = clientOf(event);
  return { actor: `admin:${session.email}`, at: requestTime(event), sourceIp: client.ip, userAgent: client.userAgent };
}

/** Raised by the pages that need an admin session. */
export class NotSignedInError extends Error {
  constructor() {
    super('sign in first');
    this.name = 'NotSignedInError';
  }
}
