/**
 * The approver's queue on the province's pages (issue 22): the dossiers waiting on the approver, oldest
 * request first, each with what changed since a return; and, where the bloc's rules let the board act for
 * the approver, the approver's own decision form (CSRF-protected POST). A refused decision comes back on
 * the queue with its errors beside the fields of that dossier's form and what was typed; nothing is stored.
 */
import { provinceYear } from '../admin/province.js';
import { decideForApprover } from '../cycle/on-behalf.js';
import { FILE_PHRASES } from '../shared/file-phrases.js';
import type { CycleDeps } from '../shared/deps.js';
import type { AdminSession } from '../admin/sessions.js';
import { adminContext, requireAdmin } from './admin-auth.js';
import { guarded, render } from './admin-pages.js';
import { CSRF_FIELD, checkCsrf } from './csrf.js';
import { dataFromFields } from './form-fields.js';
import { formFields, langOf, requestTime, seeOther, type HttpEvent } from './http.js';
import { problemOf, type Problem } from './problems.js';
import { daysSince, waiting, yearOf } from './province-pages.js';

/** What the board typed into one dossier's form, and what was wrong with it, to show it again. */
interface Refused {
  cycleId: string;
  problem: Problem;
  errors: Record<string, string>;
  values: Record<string, string>;
}

async function queuePage(deps: CycleDeps, event: HttpEvent, session: AdminSession, year: number, status = 200, refused?: Refused) {
  const now = requestTime(event);
  const view = await provinceYear(deps, year, now, { history: false });
  const queue = waiting(view.blocs).map((b) => ({ bloc: b, days: daysSince(b.waiting!.requestedAt, now) }));
  return render(event, status, 'admin/province-queue.njk', { session, year, queue, purposes: FILE_PHRASES[langOf(event)].purposes, decided: event.queryStringParameters?.decided, refused });
}

export const approvalQueue = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  return queuePage(deps, event, session, yearOf(event));
});

/** The board's decision for the approver on one dossier of the queue. */
export const decideAction = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  const fields = formFields(event);
  checkCsrf(event, fields.get(CSRF_FIELD));
  const cycleId = event.pathParameters?.cycleId ?? '';
  const year = Number(fields.get('year')) || yearOf(event);
  try {
    await decideForApprover(deps, { cycleId, round: Number(fields.get('round')), data: dataFromFields('approval', fields) }, adminContext(session, event));
    return seeOther(`/admin/province/queue?year=${year}&decided=${encodeURIComponent(cycleId)}`);
  } catch (error) {
    const problem = problemOf(error, langOf(event));
    if (problem.status >= 500) throw error;
    const errors = Object.fromEntries(problem.fields.map((f) => [f.path, f.message]));
    const values = { decisionNumber: fields.get('decisionNumber') ?? '', decisionDate: fields.get('decisionDate') ?? '', reason: fields.get('reason') ?? '' };
    return queuePage(deps, event, session, year, problem.status, { cycleId, problem, errors, values });
  }
});
