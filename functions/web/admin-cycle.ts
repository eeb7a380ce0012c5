/**
 * The admin's cycle page and its interventions (SPEC §2, §3): extend a phase's deadline, reopen one
 * unit's form, mark a unit ineligible or take the mark back. An intervention that succeeds redirects to
 * the cycle page, which says what was done; one that is refused (bad input, or the cycle's state) shows
 * the cycle page again, with the form as typed and each error in words beside its field (SPEC §7).
 */
import type { AdminSession } from '../admin/sessions.js';
import { cycleProgressAndDossier, auditOf } from '../admin/progress.js';
import { extendDeadline, markIneligible, reopenForm } from '../cycle/admin.js';
import { unitName } from '../cycle/notify.js';
import { RESULT_NAMES, readResult, type FinalResult } from '../cycle/results.js';
import { currentLeader, kindWords, type Eligibility } from '../domain/index.js';
import type { CycleDeps } from '../shared/deps.js';
import { PHRASES } from '../shared/phrases.js';
import { listBlocHistory } from '../store/history.js';
import { listCyclesOfBloc } from '../store/cycles.js';
import { adminContext, requireAdmin } from './admin-auth.js';
import { EligibilityFormSchema, ExtendDeadlineSchema, ReopenFormSchema } from './admin-forms.js';
import { guarded, render } from './admin-pages.js';
import { auditLines } from './audit-trail.js';
import { CSRF_FIELD, checkCsrf } from './csrf.js';
import { documentsOf, draftsOf } from './documents.js';
import { formFields, langOf, seeOther, type HttpEvent, type Lang } from './http.js';
import { problemOf, type Problem } from './problems.js';

/** The intervention forms of the cycle page, and what the page says once one is done. */
type Form = 'deadline' | 'reopen' | 'eligibility';
const DONE = ['deadline', 'reopen', 'ineligible', 'eligible'] as const;
type Done = (typeof DONE)[number];

/** The phases whose one unit's form can be reopened, in the order they run. */
const REOPENABLE = ['pledge', 'midYear', 'selfAssessment', 'crossCheck', 'vote'] as const;

/** A refused intervention, to show again: its form, its problem, the fields as typed. */
interface Refused {
  form: Form;
  problem: Problem;
  typed: Record<string, string>;
}

/** Each field of the forms by its label and the id of its input, so that an error names it and links to it. */
function placeOf(form: Form, field: string, lang: Lang): { label: string; anchor?: string } {
  const t = PHRASES[lang];
  const prefix = { deadline: 'ext', reopen: 're', eligibility: 'el' }[form];
  const fields: Record<string, [string, string]> = { phase: [t.admin.phase, 'phase'], deadlineOn: [t.admin.newDeadline, 'date'], unitId: [t.unit, 'unit'], reason: [t.reason, 'reason'], note: [t.note, 'note'] };
  const found = fields[field];
  return found ? { label: found[0], anchor: `${prefix}-${found[1]}` } : { label: t.formField };
}

/** The refused form's errors keyed "<form>.<field>" for the template, and listed with their labels for the summary. */
function refusalView(refused: Refused, lang: Lang) {
  // The eligibility form's reason and note are parsed as `eligibility.reason`, `eligibility.note`.
  const fields = refused.problem.fields.map((f) => ({ ...f, path: f.path.replace(/^eligibility\./, '') }));
  const errors = Object.fromEntries(fields.map((f) => [`${refused.form}.${f.path}`, f.message]));
  // A refusal that names no field (changed elsewhere meanwhile) says its own sentence, not "see the marked fields".
  const summary = { message: fields.length ? PHRASES[lang].intervention.refusedSummary : refused.problem.message, fields: fields.map((f) => ({ ...f, ...placeOf(refused.form, f.path, lang) })) };
  return { problem: summary, errors, typed: { [refused.form]: refused.typed } };
}

/** The cycle page: progress, interventions, the dossier; `refused` shows a refused intervention again. */
async function showCycle(deps: CycleDeps, event: HttpEvent, session: AdminSession, status: number, refused?: Refused) {
  const lang = langOf(event);
  const { progress, dossier } = await cycleProgressAndDossier(deps, event.pathParameters?.cycleId ?? '');
  const { cycle } = progress;
  const [audit, others, history, eligibility] = await Promise.all([
    auditOf(deps, cycle.cycleId),
    listCyclesOfBloc(deps.store, cycle.blocId),
    listBlocHistory(deps.store, cycle.blocId),
    readResult<Record<string, Eligibility>>(deps.store, cycle.cycleId, RESULT_NAMES.eligibility),
  ]);
  // The phases whose deadline can still be extended: those not closed (a phase stays open to its deadline unless the rules close early).
  const openPhases = progress.phases.filter((p) => !p.window.closedAt);
  // Only the phases this cycle's calendar holds can have a form to reopen.
  const reopenable = REOPENABLE.filter((phase) => cycle.config.timeline[phase]);
  // The units marked ineligible, which the admin can take back until the bloc is scored.
  const marked = Object.entries(eligibility ?? {}).flatMap(([unitId, e]) => (e.eligible ? [] : [{ unitId, name: unitName(cycle.config, unitId), reason: e.reason, note: e.note }]));
  // Who each row is: a member unit, or the province's board for the approval (never its actor id).
  // Every member too: a cross-check's row names the unit checked, who may have no task of its own.
  const actorNames = Object.fromEntries([...cycle.config.bloc.units.map((u) => u.id), ...progress.phases.flatMap((p) => p.actors.map((a) => a.unitId))].map((id) => [id, unitName(cycle.config, id)]));
  // Overlapping years: one click to the bloc's other cycles (last year's awaiting approval, next year's started).
  const otherCycles = await Promise.all(
    others.filter((c) => c.cycleId !== cycle.cycleId).sort((a, b) => a.year - b.year).map(async (c) => ({ cycleId: c.cycleId, year: c.year, status: c.status, phase: c.phase, outcome: (await readResult<FinalResult>(deps.store, c.cycleId, RESULT_NAMES.final))?.status })),
  );
  const leaderName = unitName(cycle.config, currentLeader(cycle.config.bloc));
  // "Trưởng khối" or "Cụm trưởng", as the bloc's rules name its kind; English keeps the generic word.
  const leaderTitle = lang === 'vi' ? kindWords(cycle.config.rules.awarding).leader : PHRASES.en.history.leader;
  const done = DONE.find((d) => d === event.queryStringParameters?.done);
  return render(event, status, 'admin/cycle.njk', {
    session, progress, openPhases, reopenable, marked, actorNames, otherCycles, leaderName, leaderTitle, history, dossier, done,
    view: { dossier }, documents: documentsOf(dossier), drafts: draftsOf(dossier), verification: audit.verification,
    recent: auditLines(cycle.config, audit.events, lang).slice(-10).reverse(),
    // The confirmation says what was done, to which unit and form, until when: the trail's newest admin line.
    doneLine: done ? auditLines(cycle.config, audit.events, lang, { kind: 'admin' }).at(-1)?.sentence : undefined,
    ...(refused ? refusalView(refused, lang) : { errors: {}, typed: {} }),
  });
}

export const cyclePage = guarded(async (deps, event) => showCycle(deps, event, await requireAdmin(deps, event), 200));

/**
 * An intervention: parses its form, acts, and returns to the cycle page saying what was done. A refusal
 * the admin can mend (400, 409) comes back on the cycle page beside the form's fields; any other (an
 * unknown cycle, the session) goes to its own page.
 */
const intervention = (form: Form, run: (deps: CycleDeps, cycleId: string, fields: URLSearchParams, event: HttpEvent) => Promise<Done>) =>
  guarded(async (deps, event) => {
    const session = await requireAdmin(deps, event);
    const fields = formFields(event);
    checkCsrf(event, fields.get(CSRF_FIELD));
    const cycleId = event.pathParameters?.cycleId ?? '';
    try {
      const done = await run(deps, cycleId, fields, event);
      return seeOther(`/admin/cycles/${encodeURIComponent(cycleId)}?done=${done}`);
    } catch (error) {
      const problem = problemOf(error, langOf(event));
      if (problem.status !== 400 && problem.status !== 409) throw error;
      const { [CSRF_FIELD]: _, ...typed } = Object.fromEntries(fields);
      return showCycle(deps, event, session, problem.status, { form, problem, typed });
    }
  });

const ctxOf = async (deps: CycleDeps, event: HttpEvent) => adminContext(await requireAdmin(deps, event), event);

export const extendAction = intervention('deadline', async (deps, cycleId, fields, event) => {
  await extendDeadline(deps, { cycleId, ...ExtendDeadlineSchema.parse(Object.fromEntries(fields)) }, await ctxOf(deps, event));
  return 'deadline';
});

export const reopenAction = intervention('reopen', async (deps, cycleId, fields, event) => {
  await reopenForm(deps, { cycleId, ...ReopenFormSchema.parse(Object.fromEntries(fields)) }, await ctxOf(deps, event));
  return 'reopen';
});

export const eligibilityAction = intervention('eligibility', async (deps, cycleId, fields, event) => {
  const eligible = fields.get('eligible') === 'true';
  const input = EligibilityFormSchema.parse({
    unitId: fields.get('unitId'),
    eligibility: eligible ? { eligible: true } : { eligible: false, reason: fields.get('reason') ?? undefined, note: fields.get('note') ?? '' },
  });
  await markIneligible(deps, { cycleId, ...input }, await ctxOf(deps, event));
  return eligible ? 'eligible' : 'ineligible';
});
