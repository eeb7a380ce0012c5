import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBlocSettings, saveBlocSettings } from '../../functions/admin/settings.js';
import { awardingIn, formatLocalDate, formatPoints, type CycleConfig, type Timeline, type UnitYearResult } from '../../functions/domain/index.js';
import { getCycle, listCyclesOfBloc } from '../../functions/store/cycles.js';
import { recordYearResults } from '../../functions/store/history.js';
import { nextYearOf } from '../../functions/web/admin-forms.js';
import { demoTimeline } from '../../local/demo/index.js';
import { Browser, startWebStack, type WebStack } from '../support/web.js';

const BLOC = 'khoi-dang';
const unitEmail = (id: string) => `${id}@dangbo.thidua.local`;

/** The start form's fields for a timeline, as the admin would send them. */
const startFields = (t: Timeline, blocId = BLOC): Record<string, string> => ({
  blocId,
  year: String(t.year),
  ...Object.fromEntries((['selfAssessment', 'crossCheck', 'vote', 'approval'] as const).flatMap((p) => [[`${p}.opensOn`, t[p]!.opensOn], [`${p}.deadlineOn`, t[p]!.deadlineOn]])),
});

/** A timeline one year on, as the start form proposes it from last year's. */
const movedOn = (t: Timeline): Timeline => ({
  ...t,
  year: t.year + 1,
  ...Object.fromEntries((['selfAssessment', 'crossCheck', 'vote', 'approval'] as const).map((p) => [p, { opensOn: nextYearOf(t[p]!.opensOn), deadlineOn: nextYearOf(t[p]!.deadlineOn) }])),
});

/**
 * Issue 16, items 2 and 3 as the admin and the units see them: each unit's results of earlier years on its
 * pages and on the admin's bloc page, both cycles of a bloc while its years overlap, the start form's dates
 * from last year's calendar, and the refusals of a calendar, a second cycle and rules that cannot stand.
 */
describe('the years of a bloc', () => {
  let web: WebStack;
  let admin: Browser;
  let bearer: Record<string, string>;
  let year: number;
  let thisYear: Timeline;
  let units: { id: string; name: string }[];
  let flagName: string;
  const text = async (path: string) => {
    const response = await admin.get(path);
    expect(response.status, path).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    web = await startWebStack();
    admin = new Browser(web.stack.url);
    const signInPath = new URL(web.stack.adminSignInUrl).pathname;
    await admin.get(signInPath);
    await admin.post(signInPath, {});
    bearer = { authorization: `Bearer ${admin.cookie('thidua_session')}` };
    const now = web.stack.clock.now();
    thisYear = demoTimeline(now);
    year = thisYear.year;
    const { bloc } = await loadBlocSettings(web.stack.store, BLOC);
    units = bloc.units.map((u) => ({ id: u.id, name: u.name }));
    flagName = awardingIn(bloc.rules.awarding, bloc.province).awards.flag;
    // Three published years before this one: the first unit won the flag each year, the second a certificate.
    const results: UnitYearResult[] = [1, 2, 3].flatMap((back) =>
      units.map((u, i) => ({
        blocId: BLOC,
        unitId: u.id,
        year: year - back,
        place: i + 1,
        total: 99_500 - i * 875 - back * 10,
        classification: i < 3 ? 'xuatSac' : 'tot',
        ...(i === 0 ? { awardProposed: 'flag', awardDecided: 'flag', decisionNumber: `${100 + back}/QĐ-UBND`, decisionDate: `${year - back + 1}-02-15` } : {}),
        ...(i === 1 ? { awardProposed: 'certificate' } : {}),
      })),
    );
    for (let i = 0; i < results.length; i += 25) await recordYearResults(web.stack.store, results.slice(i, i + 25), new Date(now));
    const started = await admin.request('POST', '/api/admin/cycles', { blocIds: [BLOC], timeline: thisYear }, bearer);
    expect(started.status).toBe(200);
    await web.stack.idle();
  }, 90_000);

  afterAll(() => web?.stop());

  it("shows a unit, on the page of its emailed link, its place, total, classification and awards of every earlier year", async () => {
    const [first] = units;
    const id = await web.linkFor(unitEmail(first!.id), /mở giai đoạn tự chấm điểm/);
    const page = await (await new Browser(web.stack.url).get(`/l/${id}`)).text();
    expect(page).toContain('Kết quả các năm');
    const history = page.slice(page.indexOf('id="history-title"'));
    for (const back of [3, 2, 1]) {
      expect(history).toContain(`<td class="num">${year - back}</td><td class="num">1</td><td class="num">${formatPoints(99_500 - back * 10)}</td><td>Hoàn thành xuất sắc nhiệm vụ</td>`);
      expect(history).toContain(`${flagName} (Quyết định số ${100 + back}/QĐ-UBND ngày ${formatLocalDate(`${year - back + 1}-02-15`)})`);
    }
    // Its own years only, oldest first.
    expect(history.match(/<tr><td class="num">/g)).toHaveLength(3);
    expect(history.indexOf(`>${year - 3}<`)).toBeLessThan(history.indexOf(`>${year - 1}<`));
  });

  it("shows the admin every unit's results across the years in one table on the bloc's page", async () => {
    const page = await text(`/admin/blocs/${BLOC}`);
    const history = page.slice(page.indexOf('id="history-title"'), page.indexOf('</section>', page.indexOf('id="history-title"')));
    expect(history.match(/<tr><td>/g)).toHaveLength(units.length * 3);
    for (const u of units) expect(history).toContain(`<td>${u.name}</td><td class="num">${year - 2}</td>`);
    expect(history).toContain(`(Quyết định số 101/QĐ-UBND ngày ${formatLocalDate(`${year}-02-15`)})`);
    expect(history).toContain('Bằng khen');
    expect(history).not.toMatch(/xuatSac|certificate|"flag"/);
  });

  it("proposes next year's dates from the bloc's calendar of this year, moved on a year, and says so", async () => {
    const page = await text(`/admin?year=${year + 1}&bloc=${BLOC}`);
    const next = movedOn(thisYear);
    for (const phase of ['selfAssessment', 'crossCheck', 'vote', 'approval'] as const) {
      expect(page).toContain(`id="${phase}-opens" name="${phase}.opensOn" value="${next[phase]!.opensOn}"`);
      expect(page).toContain(`id="${phase}-deadline" name="${phase}.deadlineOn" value="${next[phase]!.deadlineOn}"`);
    }
    expect(page).toContain(`theo lịch năm ${year} của Khối thi đua`);
    expect(page).toMatch(new RegExp(`value="${BLOC}" checked`));
  });

  it('proposes the usual calendar for a year after one without a cycle', async () => {
    const page = await text(`/admin?year=${year + 2}&bloc=${BLOC}`);
    expect(page).toContain('theo lịch thường lệ của khối');
    expect(page).toContain(`id="approval-deadline" name="approval.deadlineOn" value="${year + 2}-12-28"`);
  });

  it("shows both cycles of the bloc while the years overlap, each with its year, phase and leader, one click from each other", async () => {
    // The year-end conference elected another leader; next year's cycle is started under them.
    const { bloc, version } = await loadBlocSettings(web.stack.store, BLOC);
    const pinned = (await getCycle<CycleConfig>(web.stack.store, `${BLOC}-${year}`)).config.bloc.leaderUnitId ?? bloc.units[0]!.id;
    const before = bloc.units.find((u) => u.id === pinned)!;
    const elected = bloc.units.find((u) => u.id !== pinned && u.id !== bloc.deputyUnitId)!;
    await saveBlocSettings(web.stack.store, { ...bloc, leaderUnitId: elected.id }, version, { actor: 'admin:test@tinh.gov.vn', at: new Date(web.stack.clock.now()) });
    await admin.get(`/admin?year=${year + 1}&bloc=${BLOC}`);
    const started = await admin.post('/admin/cycles', startFields(movedOn(thisYear)));
    expect(started.headers.get('location')).toBe(`/admin?year=${year + 1}&started=1`);
    await web.stack.idle();

    const dashboard = await text(`/admin?year=${year}`);
    const rows = dashboard.slice(dashboard.indexOf('<tbody>'), dashboard.indexOf('</tbody>'));
    expect(rows).toContain(`<a href="/admin/cycles/${BLOC}-${year}">${bloc.name} – Kỳ thi đua năm ${year}</a>`);
    expect(rows).toContain(`<a href="/admin/cycles/${BLOC}-${year + 1}">${bloc.name} – Kỳ thi đua năm ${year + 1}</a>`);
    const [thisRow, nextRow] = rows.split('</tr>');
    expect(thisRow).toContain(`<td>${before.name}</td>`);
    expect(nextRow).toContain(`<td>${elected.name}</td>`);
    expect(thisRow).toContain('Tự chấm điểm cuối năm');

    expect(await text(`/admin/cycles/${BLOC}-${year}`)).toContain(`<a href="/admin/cycles/${BLOC}-${year + 1}">Kỳ thi đua năm ${year + 1}</a>`);
    const nextPage = await text(`/admin/cycles/${BLOC}-${year + 1}`);
    expect(nextPage).toContain(`<a href="/admin/cycles/${BLOC}-${year}">Kỳ thi đua năm ${year}</a>`);
    expect(nextPage).toContain(`Trưởng khối: ${elected.name}`);
  });
});
