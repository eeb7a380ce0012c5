/**
 * How a JSON endpoint answers (functions/web/api.ts, the files' endpoints of files.ts): its value as 200 JSON,
 * any error as its problem `{ error: { status, code, message, fields } }`; a POST must be `application/json`,
 * which a cross-site form cannot send; an admin endpoint needs a session (and, with a cookie, the CSRF header).
 * Apart from api.ts so that a function serving only files' endpoints bundles none of the admin's actions.
 */
import type { CycleDeps } from '../shared/deps.js';
import { adminContext, requireAdmin, usesBearer } from './admin-auth.js';
import { checkCsrf } from './csrf.js';
import { BadRequestError, json, langOf, type HttpEvent, type HttpResult } from './http.js';
import { nextStepOnLink, problemOf } from './problems.js';

type Route = (deps: CycleDeps, event: HttpEvent) => Promise<unknown>;

/** Runs an endpoint: its value as 200 JSON, any error as its problem. */
export function endpoint(run: Route): (deps: CycleDeps, event: HttpEvent) => Promise<HttpResult> {
  return async (deps, event) => {
    try {
      if (event.requestContext.http.method !== 'GET' && !/^application\/json\b/i.test(event.headers?.['content-type'] ?? '')) {
        throw new BadRequestError('content-type', { reason: 'notJsonType' });
      }
      return json(200, await run(deps, event));
    } catch (error) {
      const lang = langOf(event);
      const problem = problemOf(error, lang);
      // A refusal met through an emailed link says where to go on, as its page does (nextStepOnLink).
      const linkId = event.rawPath?.startsWith('/api/links/') ? event.pathParameters?.id : undefined;
      const next = linkId ? nextStepOnLink(error, linkId, lang) : undefined;
      return json(problem.status, { error: next ? { ...problem, next } : problem });
    }
  };
}

/** An admin endpoint; with a session cookie (not a Bearer header) it also needs the CSRF header. */
export const admin = (run: (deps: CycleDeps, event: HttpEvent, ctx: ReturnType<typeof adminContext>) => Promise<unknown>) =>
  endpoint(async (deps, event) => {
    const session = await requireAdmin(deps, event);
    if (event.requestContext.http.method !== 'GET' && !usesBearer(event)) checkCsrf(event, undefined);
    return run(deps, event, adminContext(session, event));
  });
