import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeline } from '../../functions/domain/index.js';
import { listAuditEvents } from '../../functions/audit/trail.js';
import { listFiles } from '../../functions/store/files.js';
import { getForm } from '../../functions/store/forms.js';
import { listCyclesOfBloc } from '../../functions/store/cycles.js';
import { demoBloc } from '../../local/demo/index.js';
import { smallPdf } from '../support/files.js';
import { pledgeCalendar, recordFields, sittingOf } from '../support/conference.js';
import { Browser, signedInAdmin, startWebStack, type WebStack } from '../support/web.js';

const SECRETARY = 'vp-tinh-uy@dangbo.thidua.local';

describe('the secretary\'s link to the pledge conference', () => {
  let web: WebStack;
  let cycleId: string;
  let link: string;
  let secretary: Browser;
  let bearer: Record<string, string>;
  let admin: Browser;
  let calendar: Timeline;
  /** The planned sitting, as the form's control holds it. */
  let sitting: string;
  const record = () => getForm<{ place: string; pledgeSigners: string[] }>(web.stack.store, { cycleId, phase: 'pledge', round: 1, unitId: 'vp-tinh-uy' });
  const fields = (overrides: Record<string, string | string[]> = {}) => recordFields(sitting, overrides);
  const person = (role: 'head' | 'officer') => demoBloc.units.find((u) => u.id === 'vp-tinh-uy')!.people![role];

  beforeAll(async () => {
    web = await startWebStack();
    ({ admin, bearer } = await signedInAdmin(web));
    calendar = pledgeCalendar(web.stack.clock.now());
    sitting = sittingOf(calendar);
    const started = await admin.request('POST', '/api/admin/cycles', { blocIds: ['khoi-dang'], timeline: calendar }, bearer);
    ({ cycleId } = ((await started.json()) as { cycles: [{ cycleId: string }] }).cycles[0]);
    await web.stack.idle();
    link = await web.linkFor(SECRETARY, /Ghi biên bản hội nghị ký kết giao ước/);
    secretary = new Browser(web.stack.url);
  }, 60_000);

  afterAll(() => web?.stop());

  it('opens the pledge conference\'s form saying what it records, with the calendar\'s place and host filled in, the guests named once, the units to sign, and no vote', async () => {
    const page = await (await secretary.get(`/l/${link}`)).text();
    expect(page).toContain('Biên bản hội nghị ký kết giao ước thi đua');
    expect(page).toContain('<p>Thư ký hội nghị ghi lại hội nghị ký kết giao ước thi đua: thời gian, địa điểm, người dự, khách mời, nội dung hội nghị thông qua (kế hoạch hoạt động của khối) và các đơn vị ký giao ước tại hội nghị.');
    expect(page).not.toContain('kiểm phiếu');
    expect(page).toContain('value="Hội trường Ban Tổ chức Tỉnh ủy"');
    expect(page).toMatch(/T14:00"/);
    expect(page).toContain('<option value="ban-to-chuc" selected>');
    expect(page).toContain('id="pledgeSigners-bao-tinh"');
    expect(page).toContain('value="0"> Trương Văn Dũng, Phó Trưởng Ban Thi đua - Khen thưởng tỉnh</label>');
    expect(page).not.toMatch(/name="rounds\.|name="countingCommittee"|name="nextLeaderUnitId"|upload-/);
    expect(page).not.toMatch(/id="heldAt"[^>]* min=/); // a pledge conference may have sat before the cycle started
  });

  it('refuses a person of another bloc beside the attendance, keeping what was typed and storing nothing', async () => {
    const response = await secretary.post(`/l/${link}`, fields({ attendance: [...(fields().attendance as string[]), 'so-tai-chinh/head'] }));
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('<legend>Những người dự</legend>\n<p class="meta">Đánh dấu từng người có mặt; đơn vị không có ai dự được tính là vắng mặt.</p>\n<p class="field-error" id="err-attendance">phải là đơn vị thành viên của khối</p>');
    expect(page).toContain('value="Hội trường Ban Tổ chức Tỉnh ủy"');
    expect(await record()).toBeUndefined();
  });

  it('refuses the record of a sitting still to come beside its time, in Vietnamese, storing nothing and emailing nobody', async () => {
    const response = await secretary.post(`/l/${link}`, fields());
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('<label for="heldAt">Thời gian khai mạc</label><p class="field-error" id="err-heldAt">chỉ ghi biên bản khi hội nghị đã họp: thời gian này chưa đến</p>');
    expect(page).toContain(`value="${sitting}"`);
    expect(await record()).toBeUndefined();
    expect((await listAuditEvents(web.stack.store, cycleId)).map((e) => e.action)).not.toContain('pledge.submitted');
    for (const unit of demoBloc.units) expect((await web.mailTo(unit.email)).filter((m) => /Biên bản hội nghị|Đã nhận/.test(m.subject))).toEqual([]);
  });

  it('refuses it in English on a page read in English', async () => {
    const reader = new Browser(web.stack.url);
    await reader.get(`/l/${link}?lang=en`);
    const response = await reader.post(`/l/${link}`, fields());
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<label for="heldAt">Opened at</label><p class="field-error" id="err-heldAt">the conference is recorded once it has been held: this time is still to come</p>');
    expect(await record()).toBeUndefined();
  });

  it('asks to choose a person beside a chair and a secretary left unchosen, storing nothing', async () => {
    const response = await secretary.post(`/l/${link}`, fields({ chair: '', secretary: '' }));
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('<label for="chair">Chủ trì hội nghị</label><p class="field-error" id="err-chair">cần chọn một người</p>');
    expect(page).toContain('<label for="secretary">Thư ký hội nghị</label><p class="field-error" id="err-secretary">cần chọn một người</p>');
    expect(page).not.toContain('phải là đơn vị thành viên');
    expect(await record()).toBeUndefined();
  });

  it('says on the files page, before the record, that the signed scan is taken once the record is sent, with no way to upload it', async () => {
    const response = await secretary.get(`/l/${link}/files`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<p>Bản quét biên bản đã ký được nhận sau khi biên bản hội nghị đã được gửi. <a href="/l/${link}">Ghi biên bản hội nghị</a></p>`);
    expect(html).not.toMatch(/<form id="upload-signedMinutes"|type="file"/);
  });

  it('refuses the signed scan sent before the record, through the plain form and the JSON API, saying why and storing nothing', async () => {
    await secretary.get(`/l/${link}`); // the record's form: its CSRF token
    const form = new FormData();
    form.append('purpose', 'signedMinutes');
    form.append('file', new Blob([new Uint8Array(smallPdf('Bien ban chua hop'))]), 'Biên bản.pdf');
    const sent = await fetch(`${web.stack.url}/l/${link}/files?_csrf=${secretary.csrf}`, { method: 'POST', body: form, headers: { cookie: secretary.cookieHeader() }, redirect: 'manual' });
    expect(sent.status).toBe(409);
    const page = await sent.text();
    expect(page).toContain('Bản quét biên bản đã ký chỉ được nhận sau khi biên bản hội nghị đã được gửi. Hãy ghi và gửi biên bản hội nghị trước, rồi gửi bản quét.');
    expect(page).toContain(`<a href="/l/${link}">Ghi biên bản hội nghị</a>`);
    const asked = await secretary.request('POST', `/api/links/${link}/files`, { purpose: 'signedMinutes', fileName: 'Biên bản.pdf', contentType: 'application/pdf', size: 2048 });
    expect(asked.status).toBe(409);
    expect(((await asked.json()) as { error: { code: string } }).error.code).toBe('conferenceNotRecorded');
    expect(await listFiles(web.stack.store, cycleId)).toEqual([]);
    expect((await listAuditEvents(web.stack.store, cycleId)).map((e) => e.action)).not.toContain('file.added');
  });

  it('takes the record, then shows what was recorded with the way to upload the signed scan, and no form to record again', async () => {
    await web.stack.advanceClock(Date.parse(`${sitting}:00+07:00`)); // the sitting opens: the secretary may record it
    const guests = { guests: '0', 'guests.extra.0.name': 'Lê Thị Hoa', 'guests.extra.0.title': 'Chuyên viên', 'guests.extra.0.organisation': 'Sở Nội vụ' };
    const sent = await secretary.post(`/l/${link}`, fields(guests));
    expect(sent.status).toBe(303);
    expect((await record())?.submitted?.pledgeSigners).toHaveLength(8);
    const again = await secretary.get(`/l/${link}`);
    const page = await again.text();
    expect(again.status).toBe(200);
    expect(page).toContain('Biên bản hội nghị này đã được ghi trước đó');
    expect(page).toContain(`<a href="/l/${link}/files">Gửi bản quét biên bản đã ký</a>`);
    expect(page).not.toContain('method="post"');
  });

  it('heads what was recorded with the conference, and lists its host, chair and secretary by name and title', async () => {
    const page = await (await secretary.get(`/l/${link}`)).text();
    expect(page).toContain('<h1>Biên bản hội nghị ký kết giao ước thi đua</h1>');
    expect(page).not.toMatch(/<h1>Ký giao ước thi đua/);
    expect(page).toContain('<th scope="row">Đơn vị đăng cai</th><td>Ban Tổ chức Tỉnh ủy</td>');
    expect(page).toContain(`<th scope="row">Chủ trì hội nghị</th><td>${person('head').name}, ${person('head').title}</td>`);
    expect(page).toContain(`<th scope="row">Thư ký hội nghị</th><td>${person('officer').name}, ${person('officer').title}</td>`);
  });

  it('sends the secretary a receipt naming each guest as the form does: the organisation once, and never dropped', async () => {
    const receipt = (await web.mailTo(SECRETARY)).filter((m) => /Đã nhận/.test(m.subject)).at(-1)!;
    expect(receipt.body.text).toContain('Khách mời: Trương Văn Dũng, Phó Trưởng Ban Thi đua - Khen thưởng tỉnh; Lê Thị Hoa, Chuyên viên, Sở Nội vụ');
  });

  it('takes the signed scan on the files page the link opens after the record, without JavaScript', async () => {
    const html = await (await secretary.get(`/l/${link}/files`)).text();
    const action = html.match(/<form id="upload-signedMinutes"[^>]*action="([^"]+)"/)![1]!.replaceAll('&amp;', '&');
    const form = new FormData();
    form.append('purpose', 'signedMinutes');
    form.append('file', new Blob([new Uint8Array(smallPdf('Bien ban ky ket'))]), 'Biên bản ký kết đã ký.pdf');
    const sent = await fetch(`${web.stack.url}${action}`, { method: 'POST', body: form, headers: { cookie: secretary.cookieHeader() }, redirect: 'manual' });
    expect(sent.headers.get('location')).toBe(`/l/${link}/files?file=added`);
    const files = (await listFiles(web.stack.store, cycleId)).filter((f) => f.purpose === 'signedMinutes');
    expect(files.map((f) => [f.unitId, f.fileName])).toEqual([['vp-tinh-uy', 'Biên bản ký kết đã ký.pdf']]);
  });

  it('shows the scan on the files page with its check code folded away, in words an official reads', async () => {
    const html = await (await secretary.get(`/l/${link}/files`)).text();
    const [scan] = (await listFiles(web.stack.store, cycleId)).filter((f) => f.purpose === 'signedMinutes');
    expect(html).toContain('ghi nhận cùng mã kiểm tra (SHA-256) của tệp: khi cần, đối chiếu mã này');
    expect(html).toContain(`<details class="fingerprint"><summary>Mã kiểm tra (SHA-256)</summary><code>${scan!.sha256}</code></details>`);
    expect(html).not.toContain('mã SHA-256');
  });

  it('refuses a second record through the same link, changing nothing, with the link to the files page', async () => {
    const response = await secretary.post(`/l/${link}`, fields({ place: 'Nơi khác' }));
    expect(response.status).toBe(409);
    const page = await response.text();
    expect(page).toContain('Biên bản hội nghị này đã được ghi trước đó; không ghi lần thứ hai.');
    expect(page).toContain(`<a href="/l/${link}/files">Gửi bản quét biên bản đã ký</a>`);
    expect((await record())?.submitted?.place).toBe('Hội trường Ban Tổ chức Tỉnh ủy');
  });

  it('refuses a second record through the JSON API too, naming the files page as the way on', async () => {
    const recorded = (await record())!.submitted!;
    const response = await fetch(`${web.stack.url}/api/links/${link}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: { ...recorded, place: 'Nơi khác' } }) });
    expect(response.status).toBe(409);
    const { error } = (await response.json()) as { error: { message: string; next?: { href: string; label: string } } };
    expect(error.message).toContain('Biên bản hội nghị này đã được ghi trước đó; không ghi lần thứ hai.');
    expect(error.next).toEqual({ href: `/l/${link}/files`, label: 'Gửi bản quét biên bản đã ký' });
    expect((await record())?.submitted?.place).toBe('Hội trường Ban Tổ chức Tỉnh ủy');
  });

  it('keeps the link to the files page after the pledge phase and the next, while the record form stays closed', async () => {
    // Noon of the cross-check's first day: the pledge phase's own links lapsed two days before (a day before the self-assessment's deadline).
    await web.stack.advanceClock(Date.parse(`${calendar.crossCheck.opensOn}T12:00:00+07:00`));
    const html = await (await secretary.get(`/l/${link}/files`)).text();
    const action = html.match(/<form id="upload-signedMinutes"[^>]*action="([^"]+)"/)![1]!.replaceAll('&amp;', '&');
    const form = new FormData();
    form.append('purpose', 'signedMinutes');
    form.append('file', new Blob([new Uint8Array(smallPdf('Bien ban ky ket, ban dong dau'))]), 'Biên bản ký kết đã đóng dấu.pdf');
    const sent = await fetch(`${web.stack.url}${action}`, { method: 'POST', body: form, headers: { cookie: secretary.cookieHeader() }, redirect: 'manual' });
    expect(sent.headers.get('location')).toBe(`/l/${link}/files?file=added`);
    expect((await listFiles(web.stack.store, cycleId)).filter((f) => f.purpose === 'signedMinutes').map((f) => f.fileName)).toContain('Biên bản ký kết đã đóng dấu.pdf');
    const page = await (await secretary.get(`/l/${link}`)).text();
    expect(page).toContain('Biên bản hội nghị này đã được ghi trước đó');
    expect(page).not.toContain('method="post"');
    const again = await secretary.post(`/l/${link}`, fields({ place: 'Nơi khác' }));
    expect(again.status).toBe(410);
    // The refusal speaks to whoever holds the link (here the secretary), not to "your unit".
    expect(await again.text()).toContain('Thời hạn gửi của giai đoạn này đã kết thúc; không thể gửi thêm.');
    expect((await record())?.submitted?.place).toBe('Hội trường Ban Tổ chức Tỉnh ủy');
  });

  it('refuses, through the JSON API, a calendar whose conference is hosted by a unit of no bloc member, beside the field, starting nothing', async () => {
    const calendar = { ...pledgeCalendar(web.stack.clock.now(), 'so-tai-chinh'), year: 2031 };
    const raw = await admin.request('POST', '/api/admin/cycles', { blocIds: ['khoi-dang'], timeline: calendar }, bearer);
    const answer = (await raw.json()) as { cycles: Array<{ error?: { fields: Array<{ path: string; message: string }> } }> };
    expect(answer.cycles[0]!.error!.fields).toEqual([{ path: 'timeline.pledge.conference.hostUnitId', message: 'đơn vị đăng cai phải là đơn vị thành viên của khối' }]);
    expect((await listCyclesOfBloc(web.stack.store, 'khoi-dang')).map((c) => c.year)).not.toContain(2031);
  });

  it('refuses, on the start form, a conference hosted by a unit that is not the bloc\'s, beside the host, starting nothing', async () => {
    const t = { ...pledgeCalendar(web.stack.clock.now()), year: 2032 };
    const phases = (['pledge', 'selfAssessment', 'crossCheck', 'vote', 'approval'] as const).flatMap((p) => [[`${p}.opensOn`, t[p]!.opensOn], [`${p}.deadlineOn`, t[p]!.deadlineOn]]);
    await admin.get('/admin');
    const response = await admin.post('/admin/cycles', { blocId: 'khoi-dang', year: '2032', ...Object.fromEntries(phases), 'pledge.conference': 'yes', 'pledge.conference.at': '14:00', 'pledge.conference.hostUnitId': 'so-tai-chinh' });
    expect(response.status).toBe(409);
    const page = await response.text();
    expect(page).toContain('id="err-timeline-pledge-conference-hostUnitId">Khối thi đua các cơ quan Đảng tỉnh: đơn vị đăng cai phải là đơn vị thành viên của khối</p>');
    expect(page).toContain('<a href="#pledge-conference-hostUnitId">Ký giao ước thi đua – Hội nghị – Đơn vị đăng cai</a>');
    expect((await listCyclesOfBloc(web.stack.store, 'khoi-dang')).map((c) => c.year)).not.toContain(2032);
  });
});
