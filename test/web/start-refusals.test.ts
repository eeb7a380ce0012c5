import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBlocSettings } from '../../functions/admin/settings.js';
import { formatLocalDate, type CycleConfig, type Timeline } from '../../functions/domain/index.js';
import { getCycle, listCyclesOfBloc } from '../../functions/store/cycles.js';
import { nextYearOf } from '../../functions/web/admin-forms.js';
import { demoTimeline } from '../../local/demo/index.js';
import { Browser, startWebStack, type WebStack } from '../support/web.js';

const BLOC = 'khoi-dang';

/** The start form's fields for a timeline, as the admin would send them. */
const startFields = (t: Timeline, blocId = BLOC): Record<string, string> => ({
  blocId,
  year: String(t.year),
  ...Object.fromEntries((['selfAssessment', 'crossCheck', 'vote', 'approval'] as const).flatMap((p) => [[`${p}.opensOn`, t[p]!.opensOn], [`${p}.deadlineOn`, t[p]!.deadlineOn]])),
});

/**
 * Issue 16's bad input: a calendar whose phases go backwards or run past the awarding body's deadline, a
 * second cycle of the same bloc and year, rules that name no awarding body. Each is refused beside its
 * field, on the admin's forms and through the JSON API, and nothing is stored.
 */
describe('the start form and the rules form, given what cannot stand', () => {
  let web: WebStack;
  let admin: Browser;
  let bearer: Record<string, string>;
  let t: Timeline;
  const cycles = async () => (await listCyclesOfBloc(web.stack.store, BLOC)).map((c) => c.year);
  /** The bloc's rules switched to vote online, as an admin saves them. */
  const voteOnline = async () => {
    const { bloc, version } = await loadBlocSettings(web.stack.store, BLOC);
    if (bloc.rules.voteMode === 'online') return;
    expect((await admin.request('PUT', `/api/admin/blocs/${BLOC}`, { bloc: { ...bloc, rules: { ...bloc.rules, voteMode: 'online' } }, version }, bearer)).status).toBe(200);
  };
  /** {@link t} as the calendar of another year (a label: the dates stay ahead), so that each start below is a cycle of its own. */
  const ofYear = (year: number): Timeline => ({ ...t, year });
  const HALL = 'Hội trường Văn phòng Tỉnh ủy';
  const NO_CONFERENCE = 'quy chế của khối bỏ phiếu trực tuyến: không tổ chức hội nghị bình xét trong lịch này';

  beforeAll(async () => {
    web = await startWebStack();
    admin = new Browser(web.stack.url);
    const signInPath = new URL(web.stack.adminSignInUrl).pathname;
    await admin.get(signInPath);
    await admin.post(signInPath, {});
    bearer = { authorization: `Bearer ${admin.cookie('thidua_session')}` };
    t = demoTimeline(web.stack.clock.now());
  }, 60_000);

  afterAll(() => web?.stop());

  it('refuses a phase whose deadline comes before its opening, beside the field, and starts nothing', async () => {
    await admin.get('/admin');
    const response = await admin.post('/admin/cycles', { ...startFields(t), 'vote.deadlineOn': t.crossCheck.opensOn });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toMatch(/id="err-timeline-vote-deadlineOn">không được trước ngày mở</);
    expect(page).toContain('aria-describedby="err-timeline-vote-deadlineOn"');
    expect(await cycles()).toEqual([]);
  });

  it('refuses a phase whose deadline is after the approval deadline, beside the field, and starts nothing', async () => {
    await admin.get('/admin');
    const late = nextYearOf(t.approval.deadlineOn);
    const response = await admin.post('/admin/cycles', { ...startFields(t), 'crossCheck.deadlineOn': late });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain(`id="err-timeline-crossCheck-deadlineOn">không được sau hạn phê duyệt của cơ quan khen thưởng (${formatLocalDate(t.approval.deadlineOn)})</p>`);
    expect(page).toContain('<a href="#crossCheck-deadline">Kiểm tra chéo – Hạn chót</a>');
    expect(await cycles()).toEqual([]);
  });

  it('rejects a deadline that is not a date beside its own field only, in Vietnamese, and starts nothing', async () => {
    await admin.get('/admin');
    const response = await admin.post('/admin/cycles', { ...startFields(t), 'selfAssessment.deadlineOn': 'abc' });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('id="err-timeline-selfAssessment-deadlineOn">phải là một ngày (ngày/tháng/năm)</p>');
    // The next phase's opening is not blamed for a date that is not one, nor in English with the phase's id.
    expect(page).not.toContain('err-timeline-crossCheck-opensOn');
    expect(page).not.toMatch(/must be after|selfAssessment deadline/);
    expect(await cycles()).toEqual([]);
  });

  it('refuses the same calendar faults through the JSON API, naming each field, and starts nothing', async () => {
    const late = nextYearOf(t.approval.deadlineOn);
    const response = await admin.request('POST', '/api/admin/cycles', { blocIds: [BLOC], timeline: { ...t, vote: { opensOn: t.crossCheck.deadlineOn, deadlineOn: late } } }, bearer);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { fields: { path: string; message: string }[] } };
    expect(error.fields.map((f) => f.path)).toEqual(expect.arrayContaining(['timeline.vote.opensOn', 'timeline.vote.deadlineOn']));
    expect(error.fields.find((f) => f.path === 'timeline.vote.deadlineOn')?.message).toMatch(/không được sau hạn phê duyệt/);
    expect(await cycles()).toEqual([]);
  });

  it('refuses a second cycle of the same bloc and year beside the bloc, leaving the first as it was', async () => {
    await admin.get('/admin');
    expect((await admin.post('/admin/cycles', startFields(t))).status).toBe(303);
    await web.stack.idle();
    // The same start again (a double click) is no second cycle.
    expect((await admin.post('/admin/cycles', startFields(t))).status).toBe(303);
    const other = { ...startFields(t), 'approval.deadlineOn': t.approval.opensOn };
    const response = await admin.post('/admin/cycles', other);
    expect(response.status).toBe(409);
    const page = await response.text();
    expect(page).toMatch(new RegExp(`id="err-blocId-${BLOC}">Khối đã có kỳ thi đua năm ${t.year}`));
    expect(page).toContain(`<a href="#bloc-${BLOC}">`);
    const viaApi = await admin.request('POST', '/api/admin/cycles', { blocIds: [BLOC], timeline: { ...t, approval: { ...t.approval, deadlineOn: t.approval.opensOn } } }, bearer);
    const { cycles: outcomes } = (await viaApi.json()) as { cycles: { error?: { code: string; fields: { path: string }[] } }[] };
    expect(outcomes[0]!.error).toMatchObject({ code: 'cycleExists', fields: [{ path: 'blocId' }] });
    expect(await cycles()).toEqual([t.year]);
    expect((await getCycle<CycleConfig>(web.stack.store, `${BLOC}-${t.year}`)).config.timeline.approval).toEqual(t.approval);
  });

  it('names the one bloc that could not start in the summary, and speaks of one bloc in the singular', async () => {
    await admin.get('/admin');
    const response = await admin.post('/admin/cycles', { ...startFields(t), 'approval.deadlineOn': t.approval.opensOn });
    const page = await response.text();
    expect(page).toContain('<div class="alert" role="alert"><p><strong>Không phát động được kỳ thi đua của Khối thi đua các cơ quan Đảng tỉnh.</strong></p>');
    expect(page).toContain('<fieldset><legend>Khối</legend>');
    expect(page).not.toMatch(/Một số kỳ thi đua|các khối/i);
  });

  it('refuses rules that name no awarding body, beside the field, and keeps the rules saved before', async () => {
    const page = await (await admin.get(`/admin/blocs/${BLOC}`)).text();
    const { bloc, version } = await loadBlocSettings(web.stack.store, BLOC);
    const r = bloc.rules;
    expect(page).toContain(`name="awarding.body" value="${r.awarding.body}"`);
    const rules = {
      version: String(version), flagQuota: String(r.flagQuota), 'voteThresholds.flag': String(r.voteThresholds.flag), 'certificateQuota.kind': 'halfOfMembers', 'voteThresholds.certificate': String(r.voteThresholds.certificate),
      'bands.xuatSac': String(r.bands.xuatSac), 'bands.tot': String(r.bands.tot), 'bands.hoanThanh': String(r.bands.hoanThanh), flagVoteRounds: String(r.flagVoteRounds), approvalRounds: String(r.approvalRounds),
      followUpDays: String(r.followUpDays), reminderDaysBefore: r.reminderDaysBefore.join(', '), voteMode: r.voteMode,
      'awarding.kind': 'cum', 'awarding.body': '  ', 'awarding.addressee': r.awarding.addressee, 'awarding.recipients': r.awarding.recipients.join('\n'), 'awarding.awards.flag': r.awarding.awards.flag, 'awarding.awards.certificate': r.awarding.awards.certificate,
    };
    const response = await admin.post(`/admin/blocs/${BLOC}/rules`, rules);
    expect(response.status).toBe(400);
    const refused = await response.text();
    expect(refused).toContain('id="err-awarding-body">cần ghi cơ quan khen thưởng');
    expect(refused).toContain('<a href="#aw-body">');
    expect(refused).toContain('<option value="cum" selected>');
    expect(await loadBlocSettings(web.stack.store, BLOC)).toMatchObject({ version, bloc: { rules: { awarding: r.awarding } } });

    expect((await admin.post(`/admin/blocs/${BLOC}/rules`, { ...rules, 'awarding.body': 'Ủy ban nhân dân tỉnh {tỉnh}' })).status).toBe(303);
    expect((await loadBlocSettings(web.stack.store, BLOC)).bloc.rules.awarding).toMatchObject({ kind: 'cum', body: 'Ủy ban nhân dân tỉnh {tỉnh}' });
  });

  it('refuses, through the JSON API, a bloc whose rules name no awarding body, and stores nothing', async () => {
    const { bloc, version } = await loadBlocSettings(web.stack.store, BLOC);
    const response = await admin.request('PUT', `/api/admin/blocs/${BLOC}`, { bloc: { ...bloc, rules: { ...bloc.rules, awarding: { ...bloc.rules.awarding, body: '' } } }, version }, bearer);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { fields: { path: string; message: string }[] } };
    expect(error.fields).toContainEqual({ path: 'rules.awarding.body', message: expect.stringMatching(/cần ghi cơ quan khen thưởng/) });
    expect((await loadBlocSettings(web.stack.store, BLOC)).version).toBe(version);
  });

  it("proposes last year's calendar without its year-end conference once the bloc votes online", async () => {
    const last = t.year + 10;
    const met = { ...ofYear(last), vote: { ...t.vote, conference: { at: '14:00', place: HALL } } };
    const started = await admin.request('POST', '/api/admin/cycles', { blocIds: [BLOC], timeline: met }, bearer);
    expect(((await started.json()) as { cycles: Array<{ error?: unknown }> }).cycles[0]!.error).toBeUndefined();
    await web.stack.idle();
    expect(await (await admin.get(`/admin?year=${last + 1}&bloc=${BLOC}`)).text()).toContain(`name="vote.conference.place" value="${HALL}"`);
    await voteOnline();
    const page = await (await admin.get(`/admin?year=${last + 1}&bloc=${BLOC}`)).text();
    expect(page).toContain(`lịch năm ${last}`);
    expect(page).toContain('name="vote.conference.place" value=""');
    expect(page).toContain('name="vote.conference.at" value="08:00"');
    expect(page).not.toContain(HALL);
  });

  it('starts a bloc that votes online from the start form as shown, its conference time left at 08:00, planning no conference', async () => {
    await voteOnline();
    const year = t.year + 20;
    await admin.get('/admin');
    const conference = { 'vote.conference.on': '', 'vote.conference.at': '08:00', 'vote.conference.place': '', 'vote.conference.hostUnitId': '' };
    expect((await admin.post('/admin/cycles', { ...startFields(ofYear(year)), ...conference })).status).toBe(303);
    expect((await getCycle<CycleConfig>(web.stack.store, `${BLOC}-${year}`)).config.timeline.vote).toEqual(t.vote);
    await web.stack.idle();
  });

  it('refuses, through the JSON API, a year-end conference in the calendar of a bloc that votes online, beside the field, starting nothing', async () => {
    await voteOnline();
    const year = t.year + 30;
    const calendar = { ...ofYear(year), vote: { ...t.vote, conference: { place: HALL } } };
    const response = await admin.request('POST', '/api/admin/cycles', { blocIds: [BLOC], timeline: calendar }, bearer);
    const { cycles: outcomes } = (await response.json()) as { cycles: Array<{ error?: { fields: Array<{ path: string; message: string }> } }> };
    expect(outcomes[0]!.error!.fields).toEqual([{ path: 'timeline.vote.conference', message: NO_CONFERENCE }]);
    expect(await cycles()).not.toContain(year);
  });

  it('refuses it on the start form beside the conference, naming the bloc and keeping what was typed, starting nothing', async () => {
    await voteOnline();
    const year = t.year + 31;
    await admin.get('/admin');
    const response = await admin.post('/admin/cycles', { ...startFields(ofYear(year)), 'vote.conference.at': '08:00', 'vote.conference.place': HALL });
    expect(response.status).toBe(409);
    const page = await response.text();
    expect(page).toContain(`<p class="field-error" id="err-timeline-vote-conference">Khối thi đua các cơ quan Đảng tỉnh: ${NO_CONFERENCE}</p>`);
    expect(page).toContain('<a href="#vote-conference-on">Bình xét, suy tôn – Hội nghị</a>');
    expect(page).toMatch(new RegExp(`name="vote.conference.place" value="${HALL}" class="invalid" aria-invalid="true" aria-describedby="[^"]*err-timeline-vote-conference"`));
    expect(await cycles()).not.toContain(year);
  });

  const YEAR_REFUSED = '<p class="field-error" id="err-timeline-year">phải là một năm từ 2020 đến 2100</p>';

  it.each(['1', '10000', '2020.5', '-1'])('shows the start form with year=%s in the address refused beside the year, not a server error', async (year) => {
    const response = await admin.get(`/admin?year=${year}`);
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain(YEAR_REFUSED);
    expect(page).toContain(`id="year" name="year" value="${year}"`);
  });

  it.each(['10000', '1', '-5', '2020.5', 'abc'])('refuses year=%s on the start form beside the year, naming it, starting nothing', async (year) => {
    await admin.get('/admin');
    const before = await cycles();
    const response = await admin.post('/admin/cycles', { ...startFields(t), year });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain(YEAR_REFUSED);
    expect(page).toContain('<a href="#year">Năm</a>: phải là một năm từ 2020 đến 2100');
    expect(await cycles()).toEqual(before);
  });
});
