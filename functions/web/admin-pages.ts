/**
 * The admin console (SPEC §2), server-rendered: sign-in by emailed link, the year's cycles, starting
 * cycles, the dossier's documents, the audit trail and its verification (the cycle page and its
 * interventions are in admin-cycle.ts). Every POST carries its CSRF
 * token and redirects (303) to the page that shows its effect.
 */
import { auditOf } from '../admin/progress.js';
import { dashboardContext } from './dashboard.js';
import { checkSignInLink, requestSignIn, signIn, signOut } from '../admin/sessions.js';
import { listBlocSettings } from '../admin/settings.js';
import { startCycles } from '../admin/start.js';
import { loadCycleConfig } from '../cycle/context.js';
import { AUDIT_KINDS, auditLines } from './audit-trail.js';
import type { CycleDeps } from '../shared/deps.js';
import { YearSchema, vietnamDateOf } from '../domain/index.js';
import { NotSignedInError, adminContext, requireAdmin, sessionCookieName, sessionIdOf } from './admin-auth.js';
import { SignInRequestSchema, StartCyclesSchema, notStartedSummary, startFormFields, timelineFromFields } from './admin-forms.js';
import { CSRF_FIELD, checkCsrf, csrfToken } from './csrf.js';
import { documentDownload } from './documents.js';
import { clientOf, cookie, formFields, langOf, requestTime, seeOther, type HttpEvent, type HttpResult } from './http.js';
import { page, problemPage } from './link-pages.js';
import { problemOf, type Problem } from './problems.js';
import { limitingUnknownLinks } from './rate-limit.js';
import { PHRASES } from '../shared/phrases.js';

type Route = (deps: CycleDeps, event: HttpEvent) => Promise<HttpResult>;

/** Runs a page, turning "not signed in" into the sign-in page and any other error into its page. */
export function guarded(route: Route): Route {
  return async (deps, event) => {
    const lang = langOf(event);
    try {
      return await route(deps, event);
    } catch (error) {
      // A session cookie that no longer signs in is an expired session: say so on the sign-in page.
      if (error instanceof NotSignedInError) return seeOther(sessionIdOf(event) ? '/signin?expired=1' : '/signin');
      return problemPage(problemOf(error, lang), lang, { admin: true });
    }
  };
}

export const render = (event: HttpEvent, status: number, template: string, context: Record<string, unknown>) => {
  const csrf = csrfToken(event);
  return page(status, template, { ...context, csrf: csrf.token }, langOf(event), csrf.setCookie);
};

export const signInForm = guarded(async (_deps, event) => render(event, 200, 'admin/signin.njk', { sent: event.queryStringParameters?.sent, expired: event.queryStringParameters?.expired }));

/**
 * Asks for a sign-in link. An address that is not one (what the browser's own check lets through when a
 * script posts, or 3,000 letters) comes back beside its field; any address that is one is answered alike.
 */
export const signInRequest = guarded(async (deps, event) => {
  const fields = formFields(event);
  checkCsrf(event, fields.get(CSRF_FIELD));
  const parsed = SignInRequestSchema.safeParse({ email: fields.get('email') ?? '' });
  if (!parsed.success) {
    const lang = langOf(event);
    const problem = problemOf(parsed.error, lang);
    const labelled = { ...problem, fields: problem.fields.map((f) => ({ ...f, label: PHRASES[lang].admin.emailAddress, anchor: 'email' })) };
    return render(event, 400, 'admin/signin.njk', { problem: labelled, errors: Object.fromEntries(problem.fields.map((f) => [f.path, f.message])), email: fields.get('email') });
  }
  await requestSignIn(deps, parsed.data.email, requestTime(event), clientOf(event));
  return seeOther('/signin?sent=1');
});

export const signInLink = guarded(async (deps, event) => {
  const email = await limitingUnknownLinks(deps.store, event, () => checkSignInLink(deps, event.pathParameters?.id ?? '', requestTime(event)));
  return render(event, 200, 'admin/signin-link.njk', { email, linkId: event.pathParameters?.id });
});

export const signInConfirm = guarded(async (deps, event) => {
  checkCsrf(event, formFields(event).get(CSRF_FIELD));
  const { sessionId } = await limitingUnknownLinks(deps.store, event, () => signIn(deps, event.pathParameters?.id ?? '', requestTime(event), clientOf(event)));
  return seeOther('/admin', [cookie(sessionCookieName(), sessionId, { maxAge: 12 * 3600, sameSite: 'Lax' })]);
});

export const signOutAction = guarded(async (deps, event) => {
  checkCsrf(event, formFields(event).get(CSRF_FIELD));
  const id = sessionIdOf(event);
  if (id) await signOut(deps, id);
  return seeOther('/signin', [cookie(sessionCookieName(), '', { maxAge: 0, sameSite: 'Lax' })]);
});

/** The year a form or address names, checked as a timeline's year is; this year when it names none. */
const thisYear = (event: HttpEvent) => Number(vietnamDateOf(requestTime(event).getTime()).slice(0, 4));
const yearOf = (typed: string | null | undefined) => (typed ? YearSchema.safeParse(Number(typed)) : undefined);

export const dashboard = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  const lang = langOf(event);
  const typed = event.queryStringParameters?.year;
  const year = yearOf(typed);
  const blocId = event.queryStringParameters?.bloc || undefined;
  // A year out of range in the address: this year's page, the year field marked with what is wrong.
  const context = await dashboardContext(deps, year?.data ?? thisYear(event), requestTime(event), lang, blocId);
  if (year && !year.success) {
    const problem = problemOf(year.error, lang);
    const fields = problem.fields.map((f) => ({ ...f, path: 'timeline.year' }));
    return render(event, 400, 'admin/dashboard.njk', { session, ...context, problem: { ...problem, fields: startFormFields(fields, lang) }, errors: { 'timeline.year': fields[0]?.message }, refusedYear: typed, chosen: blocId ? [blocId] : undefined });
  }
  return render(event, 200, 'admin/dashboard.njk', { session, ...context, started: event.queryStringParameters?.started, chosen: blocId ? [blocId] : undefined });
});

export const startAction = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  const fields = formFields(event);
  checkCsrf(event, fields.get(CSRF_FIELD));
  const lang = langOf(event);
  // The start form comes back with what was typed and each error beside its field (a bloc's beside its box).
  const again = async (status: number, problem: Problem) => {
    const errors = Object.fromEntries(problem.fields.map((f) => [f.path, f.message]));
    // A year the form refuses proposes this year's dates; the field keeps what was typed, marked.
    const year = yearOf(fields.get('year'))?.data ?? thisYear(event);
    const context = await dashboardContext(deps, year, requestTime(event), lang);
    const blocNames = Object.fromEntries(context.blocs.map((b) => [b.id, b.name]));
    return render(event, status, 'admin/dashboard.njk', { session, ...context, problem: { ...problem, fields: startFormFields(problem.fields, lang, blocNames) }, errors, typed: Object.fromEntries(fields), chosen: fields.getAll('blocId') });
  };
  const parsed = StartCyclesSchema.safeParse({ blocIds: fields.getAll('blocId'), timeline: timelineFromFields(fields) });
  if (!parsed.success) return again(400, problemOf(parsed.error, lang));
  const input = parsed.data;
  const outcomes = await startCycles(deps, input.blocIds, input.timeline, adminContext(session, event));
  const failed = outcomes.filter((o) => 'error' in o);
  if (failed.length > 0) {
    // A field of the calendar that does not fit a bloc (a conference's host that is not its member) is refused beside that field.
    const blocNames = Object.fromEntries((await listBlocSettings(deps.store)).map((b) => [b.id, b.name]));
    const fieldsAtFault = failed.flatMap((o) => {
      const problem = problemOf((o as { error: unknown }).error, lang);
      const timeline = problem.fields.filter((f) => f.path.startsWith('timeline.'));
      if (timeline.length > 0) return timeline.map((f) => ({ path: f.path, message: `${blocNames[o.blocId] ?? o.blocId}: ${f.message}` }));
      return [{ path: `blocId.${o.blocId}`, message: problem.message }];
    });
    const message = notStartedSummary(failed.map((o) => blocNames[o.blocId] ?? o.blocId), outcomes.length - failed.length, lang);
    return again(409, { status: 409, code: 'start', message, fields: fieldsAtFault });
  }
  return seeOther(`/admin?year=${input.timeline.year}&started=${outcomes.length}`);
});

export const cycleDocument = guarded(async (deps, event) => {
  await requireAdmin(deps, event);
  return documentDownload(deps, event.pathParameters?.cycleId ?? '', event.pathParameters?.name ?? '', { drafts: true });
});

export const auditPage = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  const cycleId = event.pathParameters?.cycleId ?? '';
  const [audit, cycle] = await Promise.all([auditOf(deps, cycleId), loadCycleConfig(deps.store, cycleId)]);
  const filter = { unitId: event.queryStringParameters?.unit || undefined, kind: event.queryStringParameters?.kind || undefined };
  const lines = auditLines(cycle.config, audit.events, langOf(event), filter);
  return render(event, 200, 'admin/audit.njk', { session, cycleId, cycle, lines, filter, kinds: AUDIT_KINDS, verification: audit.verification });
});
