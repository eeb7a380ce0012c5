import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_NAMES, readResult } from '../../functions/cycle/results.js';
import { formatLocalDate, type Eligibility, type Timeline } from '../../functions/domain/index.js';
import { getUnitTask } from '../../functions/store/tasks.js';
import { demoTimeline } from '../../local/demo/index.js';
import { Browser, signedInAdmin, startWebStack, type WebStack } from '../support/web.js';

const DAY_MS = 86_400_000;
const dayAfter = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The admin's interventions on a running cycle (SPEC §2, §3): refused in the admin's words beside the
 * field on the cycle page, nothing changed; done, and the page says so.
 */
describe('the cycle page\'s interventions', () => {
  let web: WebStack;
  let admin: Browser;
  let t: Timeline;
  let cycleId: string;
  const page = (query = '') => admin.get(`/admin/cycles/${cycleId}${query}`);
  const selfAssessmentTask = (unitId: string) => getUnitTask(web.stack.store, { cycleId, phase: 'selfAssessment', round: 1, unitId });

  beforeAll(async () => {
    web = await startWebStack();
    ({ admin } = await signedInAdmin(web));
    t = demoTimeline(web.stack.clock.now());
    cycleId = `khoi-dang-${t.year}`;
    await admin.get('/admin');
    const started = await admin.post('/admin/cycles', {
      blocId: 'khoi-dang',
      year: String(t.year),
      ...Object.fromEntries((['selfAssessment', 'crossCheck', 'vote', 'approval'] as const).flatMap((p) => [[`${p}.opensOn`, t[p]!.opensOn], [`${p}.deadlineOn`, t[p]!.deadlineOn]])),
    });
    expect(started.status).toBe(303);
    await web.stack.idle();
    await page();
  }, 120_000);

  afterAll(() => web?.stop());

  it('refuses an extension before the current deadline in Vietnamese, with the deadline as dd/mm/yyyy beside the date field', async () => {
    const response = await admin.post(`/admin/cycles/${cycleId}/deadline`, { phase: 'selfAssessment', round: '1', deadlineOn: dayAfter(t.selfAssessment.deadlineOn, -2) });
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain(`<p class="field-error" id="err-deadline-deadlineOn">Hạn chót mới phải sau hạn chót hiện tại (${formatLocalDate(t.selfAssessment.deadlineOn)}).</p>`);
    expect(html).toMatch(/id="ext-date" name="deadlineOn" value="[\d-]+" required class="invalid" aria-invalid="true"/);
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  });

  it('refuses an extension past the next phase\'s room, naming the latest day the admin can pick', async () => {
    const response = await admin.post(`/admin/cycles/${cycleId}/deadline`, { phase: 'selfAssessment', round: '1', deadlineOn: t.approval.deadlineOn });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain(`muộn nhất là ngày ${formatLocalDate(dayAfter(t.crossCheck.deadlineOn, -1))}.`);
  });

  it('offers to reopen only the phases the cycle has', async () => {
    const html = await (await page()).text();
    const select = html.match(/<select id="re-phase"[\s\S]*?<\/select>/)![0];
    expect(select).toContain('value="selfAssessment"');
    expect(select).not.toContain('value="pledge"');
    expect(select).not.toContain('value="midYear"');
  });

  it('leaves the checking of its forms to the server, whose message is in the admin\'s language, not to the browser\'s own bubble', async () => {
    const forms = (await (await page()).text()).match(/<form method="post" action="[^"]*\/(deadline|reopen|eligibility)" class="card"[^>]*>/g)!;
    expect(forms.length).toBeGreaterThan(1);
    for (const form of forms) expect(form).toContain('novalidate');
  });

  it('names a phase that has not opened by its Vietnamese name', async () => {
    const response = await admin.post(`/admin/cycles/${cycleId}/reopen`, { phase: 'crossCheck', round: '1', unitId: 'ubkt', deadlineOn: t.crossCheck.deadlineOn });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('id="err-reopen-phase">Giai đoạn &quot;Kiểm tra chéo&quot; chưa mở.</p>');
  });

  it('refuses to reopen a form with a deadline earlier than the unit\'s own, and changes nothing', async () => {
    const before = await selfAssessmentTask('ubkt');
    const mails = (await web.mailTo('ubkt@dangbo.thidua.local')).length;
    const response = await admin.post(`/admin/cycles/${cycleId}/reopen`, { phase: 'selfAssessment', round: '1', unitId: 'ubkt', deadlineOn: dayAfter(t.selfAssessment.deadlineOn, -2) });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain(`id="err-reopen-deadlineOn">Hạn chót mới phải sau hạn chót hiện tại (${formatLocalDate(t.selfAssessment.deadlineOn)}).</p>`);
    expect((await selfAssessmentTask('ubkt')).deadline).toBe(before.deadline);
    expect((await web.mailTo('ubkt@dangbo.thidua.local')).length).toBe(mails);
  });

  it('shows the ineligibility form again with a missing note named beside its field, in Vietnamese', async () => {
    const response = await admin.post(`/admin/cycles/${cycleId}/eligibility`, { unitId: 'vp-tinh-uy', reason: 'discipline', note: '', eligible: 'false' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<a href="#el-note">Ghi chú, minh chứng</a>: cần ghi chú giải thích lý do');
    expect(html).toContain('id="err-eligibility-note">cần ghi chú giải thích lý do</p>');
    expect(html).toMatch(/<option value="discipline" selected>/);
  });

  it('says in Vietnamese which field is missing when no unit and no reason are chosen, without raw values', async () => {
    const html = await (await admin.post(`/admin/cycles/${cycleId}/eligibility`, { unitId: '', note: 'x', eligible: 'false' })).text();
    expect(html).toContain('<a href="#el-unit">Đơn vị</a>: cần chọn một đơn vị');
    expect(html).toMatch(/<a href="#el-reason">[^<]+<\/a>: hãy chọn một trong các mục có sẵn/);
    expect(html).not.toContain('Invalid option');
  });

  it('rejects a note longer than its limit in Vietnamese words, not zod\'s "Too big: expected string", marking nothing', async () => {
    const html = await (await admin.post(`/admin/cycles/${cycleId}/eligibility`, { unitId: 'vp-tinh-uy', reason: 'discipline', note: 'x'.repeat(2001), eligible: 'false' })).text();
    expect(html).toContain('id="err-eligibility-note">tối đa 2000 ký tự</p>');
    expect(html).not.toMatch(/Too big|expected string/);
    expect(await readResult(web.stack.store, cycleId, RESULT_NAMES.eligibility)).toBeUndefined();
  });

  it('names the empty date field of an extension', async () => {
    const html = await (await admin.post(`/admin/cycles/${cycleId}/deadline`, { phase: 'selfAssessment', round: '1', deadlineOn: '' })).text();
    expect(html).toContain('<a href="#ext-date">Hạn mới</a>: phải là một ngày (ngày/tháng/năm)');
  });

  it('confirms an extension once done', async () => {
    const response = await admin.post(`/admin/cycles/${cycleId}/deadline`, { phase: 'selfAssessment', round: '1', deadlineOn: dayAfter(t.selfAssessment.deadlineOn, 1) });
    expect(response.headers.get('location')).toBe(`/admin/cycles/${cycleId}?done=deadline`);
    expect(await (await page('?done=deadline')).text()).toContain('Đã gia hạn. Các đơn vị chưa gửi được nhắc theo hạn chót mới.');
  });

  it('lists the recent actions on the cycle page, the extension among them in words', async () => {
    const html = await (await page()).text();
    const recent = html.match(/<details class="card"><summary>Thao tác gần đây<\/summary>[\s\S]*?<\/details>/)![0];
    expect(recent).toContain(`gia hạn Tự chấm điểm cuối năm đến ngày ${formatLocalDate(dayAfter(t.selfAssessment.deadlineOn, 1))}`);
  });

  it('confirms a reopened form by naming the form, the unit and its new deadline, not only that "a form" was reopened', async () => {
    const until = dayAfter(t.selfAssessment.deadlineOn, 2);
    const response = await admin.post(`/admin/cycles/${cycleId}/reopen`, { phase: 'selfAssessment', round: '1', unitId: 'truong-chinh-tri', deadlineOn: until });
    expect(response.headers.get('location')).toBe(`/admin/cycles/${cycleId}?done=reopen`);
    const notice = (await (await page('?done=reopen')).text()).match(/<div class="notice" role="status">[\s\S]*?<\/div>/)![0];
    expect(notice).toContain('Đã mở lại biểu mẫu; đơn vị nhận được liên kết mới qua thư.');
    expect(notice).toContain(`mở lại Tự chấm điểm cuối năm của Trường Chính trị tỉnh đến ngày ${formatLocalDate(until)}`);
  });

  it('lists a unit marked ineligible with its reason, and lets the admin take the mark back', async () => {
    const marked = await admin.post(`/admin/cycles/${cycleId}/eligibility`, { unitId: 'bao-tinh', reason: 'inspection', note: 'Thanh tra theo QĐ 15', eligible: 'false' });
    expect(marked.headers.get('location')).toBe(`/admin/cycles/${cycleId}?done=ineligible`);
    const html = await (await page()).text();
    expect(html).toContain('Báo tỉnh: đang thanh tra, kiểm tra — Thanh tra theo QĐ 15');
    const undone = await admin.post(`/admin/cycles/${cycleId}/eligibility`, { unitId: 'bao-tinh', eligible: 'true' });
    expect(undone.headers.get('location')).toBe(`/admin/cycles/${cycleId}?done=eligible`);
    const stored = await readResult<Record<string, Eligibility>>(web.stack.store, cycleId, RESULT_NAMES.eligibility);
    expect(stored?.['bao-tinh']).toEqual({ eligible: true });
    expect(await (await page('?done=eligible')).text()).toContain('Đã bỏ đánh dấu: đơn vị đủ điều kiện khen thưởng trở lại.');
  });

  it('refuses in English, with the date as dd/mm/yyyy, for an admin reading English', async () => {
    const response = await admin.post(`/admin/cycles/${cycleId}/deadline?lang=en`, { phase: 'selfAssessment', round: '1', deadlineOn: dayAfter(t.selfAssessment.deadlineOn, -2) });
    expect(await response.text()).toContain(`id="err-deadline-deadlineOn">The new deadline must be after the current one (${formatLocalDate(dayAfter(t.selfAssessment.deadlineOn, 1))}).</p>`);
  });

  it('rejects a form without its unit in English words, not zod\'s "expected string, received null"', async () => {
    const html = await (await admin.post(`/admin/cycles/${cycleId}/eligibility?lang=en`, { reason: 'discipline', note: 'x', eligible: 'false' })).text();
    expect(html).toMatch(/<a href="#el-unit">Unit<\/a>: this field is required/);
    expect(html).not.toMatch(/Invalid input|received null/);
  });
});
