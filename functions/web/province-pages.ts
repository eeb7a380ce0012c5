/**
 * The province's pages of the admin console (issue 22): every bloc of a year at once with its charts, the
 * approver's queue, the choice of the Government flag, and the province's documents and exports. The
 * view is read once per request (admin/province.ts); filters and charts are computed from it here.
 */
import { HISTORY_YEARS } from '../admin/province-history.js';
import { loadBoardPeople } from '../admin/settings.js';
import { chooseGovernmentFlag, provinceYear, type ProvinceYear } from '../admin/province.js';
import { DOCX_TYPE, XLSX_TYPE } from '../documents/index.js';
import { BLOC_STAGES, type BlocLine } from '../dossier/index.js';
import { GOVERNMENT_FLAG_SOURCES, GovernmentFlagRefusedError, defaultGovernmentFlagRules, governmentFlagQuota, vietnamDateOf, type Refusal } from '../domain/index.js';
import { loadCycleConfig } from '../cycle/context.js';
import { PHRASES } from '../shared/phrases.js';
import { listFiles } from '../store/files.js';
import { adminContext, requireAdmin } from './admin-auth.js';
import { guarded, render } from './admin-pages.js';
import { CSRF_FIELD, checkCsrf } from './csrf.js';
import { BadRequestError, download, formFields, langOf, requestTime, seeOther, type HttpEvent, type Lang } from './http.js';
import { awardsChart, progressChart, totalsChart } from './province-charts.js';

const DAY_MS = 86_400_000;

export const yearOf = (event: HttpEvent) => Number(event.queryStringParameters?.year) || Number(vietnamDateOf(requestTime(event).getTime()).slice(0, 4));

/** The blocs the filters keep: by kind (Party or state) and by stage. */
function filtered(blocs: readonly BlocLine[], kind: string | undefined, stage: string | undefined): BlocLine[] {
  return blocs.filter((b) => (!kind || b.kind === kind) && (!stage || b.stage === stage));
}

/** Deadlines of open phases in the next seven days, soonest first. */
function deadlinesThisWeek(blocs: readonly BlocLine[], now: Date): BlocLine[] {
  const until = now.getTime() + 7 * DAY_MS;
  return blocs.filter((b) => b.deadlineAt && Date.parse(b.deadlineAt) >= now.getTime() && Date.parse(b.deadlineAt) <= until).sort((a, b) => a.deadlineAt!.localeCompare(b.deadlineAt!));
}

/** Dossiers waiting on the approver, oldest request first. */
export const waiting = (blocs: readonly BlocLine[]) => blocs.filter((b) => b.waiting).sort((a, b) => a.waiting!.requestedAt.localeCompare(b.waiting!.requestedAt));

export const daysSince = (iso: string, now: Date) => Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);

export const provincePage = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  const now = requestTime(event);
  const lang = langOf(event);
  const year = yearOf(event);
  const kind = event.queryStringParameters?.kind || undefined;
  const stage = event.queryStringParameters?.stage || undefined;
  const view = await provinceYear(deps, year, now);
  const blocs = filtered(view.blocs, kind, stage);
  const stageName = (s: string) => (PHRASES[lang].province.stages as Record<string, string>)[s] ?? s;
  const charts = { progress: progressChart(blocs, stageName), totals: totalsChart(blocs, lang), awards: awardsChart(blocs, view.past, year, HISTORY_YEARS) };
  const late = blocs.filter((b) => b.notActed.length > 0 && b.stage !== 'approval' && b.stage !== 'revision');
  const decisions = blocs.flatMap((b) => b.decisions.map((d) => ({ ...d, bloc: b }))).sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''));
  return render(event, 200, 'admin/province.njk', {
    session, year, view, blocs, kind, stage, stages: BLOC_STAGES.filter((s) => view.blocs.some((b) => b.stage === s)), charts, late,
    waiting: waiting(blocs).map((b) => ({ bloc: b, days: daysSince(b.waiting!.requestedAt, now) })), deadlines: deadlinesThisWeek(blocs, now), decisions,
  });
});

/** The flag page's context: the winners side by side, the quota with its source, the recorded choice. */
function flagContext(view: ProvinceYear, sharePercent: number) {
  const flags = view.winners.filter((w) => w.approved).length;
  const rules = view.choice?.rules ?? { ...defaultGovernmentFlagRules, sharePercent };
  return { view, flags, rules, quota: governmentFlagQuota(rules, flags), sources: GOVERNMENT_FLAG_SOURCES, pending: view.blocs.filter((b) => b.stage !== 'approved') };
}

export const governmentFlagPage = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  const year = yearOf(event);
  const view = await provinceYear(deps, year, requestTime(event));
  const chosen = Object.fromEntries((view.choice?.nominees ?? []).map((n) => [`${n.blocId}/${n.unitId}`, n.reason]));
  return render(event, 200, 'admin/government-flag.njk', { session, year, ...flagContext(view, defaultGovernmentFlagRules.sharePercent), chosen, exceptionReason: view.choice?.exceptionReason ?? '', recorded: event.queryStringParameters?.recorded });
});

/** A refusal as the board reads it, from the phrase book, naming the units (or blocs) at fault. */
function refusalText(r: Refusal, view: ProvinceYear, lang: Lang): string {
  const names = r.units.map((key) => {
    const [blocId, unitId] = key.split('/');
    const bloc = view.blocs.find((b) => b.blocId === blocId);
    return unitId ? `${view.results.find((x) => x.blocId === blocId && x.unitId === unitId)?.unitName ?? unitId} (${bloc?.blocName ?? blocId})` : (bloc?.blocName ?? key);
  });
  const shown = names.length > 5 ? [...names.slice(0, 5), `+${names.length - 5}`] : names;
  return PHRASES[lang].province.refusals[r.code].replace('{units}', shown.join(', ')).replace('{quota}', String(r.quota ?? '')).replace('{chosen}', String(r.chosen ?? ''));
}

/** Records the choice; a refused one comes back on the page with every refusal and what was ticked and typed. */
export const governmentFlagAction = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  const fields = formFields(event);
  checkCsrf(event, fields.get(CSRF_FIELD));
  const year = Number(fields.get('year'));
  const share = Number((fields.get('sharePercent') ?? '').replace(',', '.'));
  if (!Number.isFinite(share) || fields.get('sharePercent') === '') throw new BadRequestError('sharePercent', { reason: 'notANumber' });
  const nominees = fields.getAll('nominee').map((key) => {
    const [blocId = '', unitId = ''] = key.split('/');
    return { blocId, unitId, reason: fields.get(`reason.${key}`) ?? '' };
  });
  const input = { year, nominees, exceptionReason: fields.get('exceptionReason') ?? '', rules: { ...defaultGovernmentFlagRules, sharePercent: share } };
  try {
    await chooseGovernmentFlag(deps, input, Number(fields.get('version') ?? 0), adminContext(session, event));
    return seeOther(`/admin/province/flag?year=${year}&recorded=1`);
  } catch (error) {
    if (!(error instanceof GovernmentFlagRefusedError)) throw error;
    const lang = langOf(event);
    const view = await provinceYear(deps, year, requestTime(event));
    const refusals = error.refusals.map((r) => refusalText(r, view, lang));
    const chosen = Object.fromEntries(nominees.map((n) => [`${n.blocId}/${n.unitId}`, n.reason]));
    return render(event, 409, 'admin/government-flag.njk', { session, year, ...flagContext({ ...view, choice: undefined }, share), chosen, exceptionReason: input.exceptionReason, refusals });
  }
});

/** The province's documents of a year: the Tờ trình (once a choice is recorded), the summary XLSX, JSON and CSV. */
export const provinceDocument = guarded(async (deps, event) => {
  await requireAdmin(deps, event);
  const year = yearOf(event);
  const name = event.pathParameters?.name ?? '';
  const view = await provinceYear(deps, year, requestTime(event));
  const results = await import('../documents/province-results.js');
  const stageName = (s: string) => (PHRASES.vi.province.stages as Record<string, string>)[s] ?? s;
  if (name === 'tong-hop-ket-qua.xlsx') return download(`tong-hop-ket-qua-toan-tinh-${year}.xlsx`, XLSX_TYPE, await results.provinceResultsXlsx(view, stageName));
  if (name === 'ket-qua.json') return download(`ket-qua-toan-tinh-${year}.json`, 'application/json; charset=utf-8', results.resultsJson(view));
  if (name === 'ket-qua.csv') return download(`ket-qua-toan-tinh-${year}.csv`, 'text/csv; charset=utf-8', results.resultsCsv(view));
  if (name === 'to-trinh-co-chinh-phu.docx' && view.choice) {
    const reports: Record<string, string[]> = {};
    for (const n of view.choice.nominees) {
      const cycleId = view.blocs.find((b) => b.blocId === n.blocId)?.cycleId;
      const files = cycleId ? await listFiles(deps.store, cycleId) : [];
      reports[`${n.blocId}/${n.unitId}`] = files.filter((f) => f.purpose === 'achievementReport' && f.unitId === n.unitId).map((f) => f.fileName);
    }
    const province = view.blocs[0] ? (await loadCycleConfig(deps.store, view.blocs[0].cycleId)).config.bloc.province : '';
    const { people: board } = await loadBoardPeople(deps.store);
    const { provinceProposalDocx } = await import('../documents/province-proposal.js');
    return download(`to-trinh-co-thi-dua-chinh-phu-${year}.docx`, DOCX_TYPE, await provinceProposalDocx({ view, choice: view.choice, province, reports, board }));
  }
  throw new BadRequestError('name', { reason: 'noSuchDocument' });
});
