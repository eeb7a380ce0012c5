/** The admin's session on a request: the cookie (pages) or a Bearer header (scripts). */
import { sessionOf, type AdminSession } from '../admin/sessions.js';
import type { AdminContext } from '../cycle/admin.js';
import type { CycleDeps } from '../shared/deps.js';
import { clientOf, cookiesOf, requestTime, type HttpEvent } from './http.js';
import { NotSignedInError } from './problems.js';

export const SESSION_COOKIE = 'thidua_session';

export function sessionIdOf(event: HttpEvent): string | undefined {
  const bearer = event.headers?.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? cookiesOf(event)[SESSION_COOKIE];
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
