/**
 * The pages behind emailed links (SPEC §4): GET shows the form and changes nothing (mail scanners open
 * links); POST, with its CSRF token, saves a draft or submits, then redirects to a receipt page. Invalid
 * input re-renders the form with each error beside its field; every refusal is a page that says why.
 */
import { actOnLink, type ActResult } from '../cycle/actions.js';
import { receiptEntries } from '../cycle/receipt.js';
import { loadCycleConfig } from '../cycle/context.js';
import { checkReceipt, isOnlineBallot, type ReceiptCheck } from '../cycle/secret-ballot.js';
import type { CycleDeps } from '../shared/deps.js';
import { newReceiptCode, pledgeTextOf, type TaskPhase } from '../domain/index.js';
import { FilesLinkError, LinkMismatchError } from '../links/errors.js';
import { documentDownload, documentsOf, draftsOf } from './documents.js';
import { CSRF_FIELD, checkCsrf, csrfToken } from './csrf.js';
import { labelFields, sectionsWithErrors } from './field-labels.js';
import { dataFromFields, typedFromFields } from './form-fields.js';
import { clientOf, formFields, html, langOf, requestTime, seeOther, type HttpEvent, type HttpResult, type Lang } from './http.js';
import { viewLink, type LinkView } from './link-views.js';
import { historyRows } from './history-view.js';
import { nextStepOnLink, problemOf, type NextStep, type Problem } from './problems.js';
import { limitingUnknownLinks } from './rate-limit.js';
import { renderPage } from './render.js';
import { storageOrigin } from '../files/storage.js';
import { isMeeting, meetingDefaults, meetingFromFields, meetingModel, valuesOf } from './meeting-form.js';

const TEMPLATE: Record<TaskPhase, string> = {
  pledge: 'pledge.njk',
  midYear: 'assessment.njk',
  selfAssessment: 'assessment.njk',
  crossCheck: 'crossCheck.njk',
  vote: 'vote.njk',
  leaderDecision: 'leaderDecision.njk',
  approval: 'approval.njk',
  revision: 'revision.njk',
};

/** A rendered page with its CSP and the cookies it sets. */
export function page(status: number, template: string, context: Record<string, unknown>, lang: Lang, cookies: string[] = [], connectTo: readonly string[] = []): HttpResult {
  const { body, csp } = renderPage(template, context, lang, connectTo);
  const result = html(status, body, [...cookies, `thidua_lang=${lang}; Path=/; SameSite=Lax; Max-Age=31536000`]);
  result.headers = { ...result.headers, 'content-security-policy': csp };
  return result;
}

/** The page for an error: its status, its message in the page's language, and where to go next, if anywhere. */
export function problemPage(problem: Problem, lang: Lang, options: { admin?: boolean; next?: NextStep | undefined } = {}): HttpResult {
  return page(problem.status, 'problem.njk', { problem, admin: options.admin ?? false, next: options.next }, lang);
}

/** The forms that take evidence files: their script uploads straight to storage. */
const UPLOAD_PHASES: readonly TaskPhase[] = ['midYear', 'selfAssessment'];

/** Where a link's page may send files (storage's origin), for its Content-Security-Policy. */
export async function uploadOrigins(deps: CycleDeps, view: LinkView): Promise<string[]> {
  return UPLOAD_PHASES.includes(view.phase) && !isMeeting(view) && view.open ? [await storageOrigin(deps.files)] : [];
}

interface FormExtra {
  values?: unknown;
  /** The secret ballot's receipt code the page carries (kept when the form comes back with an error). */
  receiptCode?: string | undefined;
  problem?: Problem;
  result?: ActResult;
  /** A file was just added through the plain form (`?file=added`). */
  fileAdded?: boolean;
  connectTo?: string[];
}

function formPage(status: number, view: LinkView, lang: Lang, csrf: { token: string; setCookie: string[] }, extra: FormExtra = {}): HttpResult {
  const errors = Object.fromEntries((extra.problem?.fields ?? []).map((f) => [f.path, f.message]));
  const openSections = sectionsWithErrors(view, extra.problem?.fields ?? []);
  if (extra.problem) extra.problem = { ...extra.problem, fields: labelFields(view, extra.problem.fields, lang) };
  const meeting = isMeeting(view);
  const values = extra.values ?? (meeting ? meetingDefaults(view, lang) : view.form?.data);
  const template = extra.result ? 'done.njk' : meeting ? 'meeting.njk' : TEMPLATE[view.phase];
  const documents = DOCUMENT_PHASES.includes(view.phase) ? documentsOf(view.dossier) : [];
  const drafts = view.phase === DRAFTS_PHASE ? draftsOf(view.dossier) : [];
  const submitted = extra.result && view.form?.submitted ? receiptEntries(view.phase, view.config, view.form.submitted as Record<string, unknown>, lang) : [];
  // A secret ballot's page carries a fresh receipt code: nothing is stored until the ballot is cast.
  const receiptCode = view.phase === 'vote' && view.open && isOnlineBallot(view.config, view.window) ? (extra.receiptCode ?? newReceiptCode()) : undefined;
  const unitHistory = view.history?.length ? historyRows(view.history, { units: view.config.bloc.units, province: view.config.bloc.province, rules: view.config.rules }, lang) : undefined;
  const context = { view, unitHistory, csrf: csrf.token, values, receiptCode, errors, problem: extra.problem, result: extra.result, pledgeLines: pledgeTextOf(view.config).split('\n'), documents, drafts, submitted, sectionsWithErrors: openSections, fileAdded: extra.fileAdded ?? false, meeting: meeting ? meetingModel(view) : undefined };
  return page(status, template, context, lang, csrf.setCookie, extra.connectTo);
}

/** Opens a link: rate-limited for unknown ids, read-only. */
function openLink(deps: CycleDeps, event: HttpEvent, id: string, at: Date, options: { allowUsed?: boolean } = {}): Promise<LinkView> {
  return limitingUnknownLinks(deps.store, event, () => viewLink(deps, id, at, options));
}

export async function showLink(deps: CycleDeps, event: HttpEvent): Promise<HttpResult> {
  const lang = langOf(event);
  const at = requestTime(event);
  const id = event.pathParameters?.id ?? '';
  try {
    const view = await openLink(deps, event, id, at, { allowUsed: true });
    // A conference's record is sent once: its secretary's link then shows what was recorded, and leads to the signed scan's upload.
    const recorded = isMeeting(view) && view.form?.submitted !== undefined;
    const done = doneShown(view, event.queryStringParameters?.done) ?? (view.used || recorded ? 'used' : undefined);
    const result: ActResult | undefined = done ? ({ kind: done === 'draft' ? 'draftSaved' : 'submitted', phase: view.phase, formVersion: view.form?.version ?? 0, duplicate: done === 'again' || done === 'used' } as ActResult) : undefined;
    return formPage(200, view, lang, csrfToken(event), { ...(result ? { result } : {}), fileAdded: event.queryStringParameters?.file === 'added', connectTo: await uploadOrigins(deps, view) });
  } catch (error) {
    // The files request's link opened at the address of a form (a pasted or shortened link): its page.
    if (error instanceof FilesLinkError) return seeOther(`/l/${encodeURIComponent(id)}/files`);
    return problemPage(problemOf(error, lang), lang);
  }
}

/**
 * What the redirect after a POST says was done (`?done=`), believed only as far as the stored form bears it
 * out: a hand-made or bookmarked address never tells a unit that something was received which was not.
 */
function doneShown(view: LinkView, asked: string | undefined): string | undefined {
  const submitted = view.used || view.form?.submitted !== undefined;
  if (asked === 'draft') return view.form?.status === 'draft' ? asked : undefined;
  return (asked === 'submitted' || asked === 'again') && submitted ? asked : undefined;
}

/** Problems answered by showing the form again with the message beside the field, not by an error page. */
const FORM_PROBLEMS = ['invalid', 'missingScans'];

export async function postLink(deps: CycleDeps, event: HttpEvent): Promise<HttpResult> {
  const lang = langOf(event);
  const at = requestTime(event);
  const id = event.pathParameters?.id ?? '';
  const fields = formFields(event);
  try {
    checkCsrf(event, fields.get(CSRF_FIELD));
    const view = await openLink(deps, event, id, at);
    const fromMeeting = isMeeting(view) ? meetingFromFields(view, fields) : undefined;
    const values = fromMeeting?.data ?? dataFromFields(view.phase, fields);
    const intent = fields.get('intent') === 'draft' ? 'draft' : 'submit';
    const formVersion = fields.has('formVersion') ? Number(fields.get('formVersion')) : undefined;
    try {
      const client = clientOf(event);
      const receiptCode = fields.get('receiptCode') ?? undefined;
      const result = await actOnLink(deps, { linkId: id, intent, data: values, formVersion, receiptCode, at, source: { ip: client.ip, userAgent: client.userAgent } });
      // The receipt code is shown once, on this answer: a redirect would put it in a URL, and nothing stores it.
      if (result.kind === 'submitted' && result.receiptCode) return formPage(200, view, lang, csrfToken(event), { result });
      const done = result.kind === 'draftSaved' ? 'draft' : result.duplicate ? 'again' : 'submitted';
      return seeOther(`/l/${encodeURIComponent(id)}?done=${done}`);
    } catch (error) {
      const problem = problemOf(error, lang);
      if (problem.status >= 500 || !FORM_PROBLEMS.includes(problem.code)) throw error;
      if (fromMeeting) {
        // The record's paths ("attendance.3.unitId") read as the form's fields ("attendance.ubkt"), each message beside its control.
        // One message a field: the first said (a person of another bloc is refused for their unit, not also for their name left blank).
        const placed = problem.fields.map((f) => ({ ...f, path: fromMeeting.fieldOf(f.path) })).filter((f, i, all) => all.findIndex((g) => g.path === f.path) === i);
        return formPage(400, view, lang, csrfToken(event), { values: valuesOf(fields), problem: { ...problem, fields: placed }, connectTo: await uploadOrigins(deps, view) });
      }
      return formPage(400, view, lang, csrfToken(event), { values: typedFromFields(view.phase, fields), receiptCode: fields.get('receiptCode') ?? undefined, problem, connectTo: await uploadOrigins(deps, view) });
    }
  } catch (error) {
    return problemPage(problemOf(error, lang), lang, { next: nextStepOnLink(error, id, lang) });
  }
}

/** The approver and the bloc leader (revising) may download the bloc's documents through their link. */
const DOCUMENT_PHASES: readonly TaskPhase[] = ['approval', 'revision'];
/** The bloc leader (revising) may also download the report drafts, which are the leader unit's to edit; the approver may not. */
const DRAFTS_PHASE: TaskPhase = 'revision';

export async function linkDocument(deps: CycleDeps, event: HttpEvent): Promise<HttpResult> {
  const lang = langOf(event);
  try {
    const view = await openLink(deps, event, event.pathParameters?.id ?? '', requestTime(event));
    if (!DOCUMENT_PHASES.includes(view.phase)) throw new LinkMismatchError('purpose');
    return await documentDownload(deps, view.cycleId, event.pathParameters?.name ?? '', { drafts: view.phase === DRAFTS_PHASE });
  } catch (error) {
    return problemPage(problemOf(error, lang), lang);
  }
}

/** The page where a receipt code's holder checks that their secret ballot is in the count (GET shows the form only). */
export async function showReceiptCheck(deps: CycleDeps, event: HttpEvent): Promise<HttpResult> {
  return receiptCheckPage(deps, event, 200, {});
}

/** Checks a receipt code (POST, CSRF-protected: the check may finish a ballot its voter's request left pending). */
export async function postReceiptCheck(deps: CycleDeps, event: HttpEvent): Promise<HttpResult> {
  const lang = langOf(event);
  const fields = formFields(event);
  try {
    checkCsrf(event, fields.get(CSRF_FIELD));
    const cycleId = event.pathParameters?.cycleId ?? '';
    await loadCycleConfig(deps.store, cycleId);
    try {
      return await receiptCheckPage(deps, event, 200, { check: await checkReceipt(deps, cycleId, fields.get('receiptCode') ?? '') });
    } catch (error) {
      const problem = problemOf(error, lang);
      if (problem.code !== 'invalid') throw error;
      return await receiptCheckPage(deps, event, 400, { error: problem.fields?.[0]?.message ?? problem.message });
    }
  } catch (error) {
    return problemPage(problemOf(error, lang), lang);
  }
}

async function receiptCheckPage(deps: CycleDeps, event: HttpEvent, status: number, extra: { check?: ReceiptCheck; error?: string }): Promise<HttpResult> {
  const lang = langOf(event);
  try {
    const cycle = await loadCycleConfig(deps.store, event.pathParameters?.cycleId ?? '');
    const entries = extra.check?.found ? receiptEntries('vote', cycle.config, extra.check.choices, lang) : [];
    const csrf = csrfToken(event);
    const context = { cycleId: cycle.cycleId, blocName: cycle.config.bloc.name, year: cycle.year, csrf: csrf.token, entries, ...extra };
    return page(status, 'receiptCheck.njk', context, lang, csrf.setCookie);
  } catch (error) {
    return problemPage(problemOf(error, lang), lang);
  }
}

export function landing(event: HttpEvent): HttpResult {
  return page(200, 'landing.njk', {}, langOf(event));
}
