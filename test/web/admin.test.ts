import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../functions/audit/trail.js';
import { listBlocSettings, listSheetVersions, loadBlocSettings } from '../../functions/admin/settings.js';
import { exportSheetXlsx, importSheetXlsx } from '../../functions/admin/sheet-xlsx.js';
import { CriteriaSheetSchema, sheetVersion } from '../../functions/domain/index.js';
import { DOCX_TYPE } from '../../functions/documents/index.js';
import { demoTimeline } from '../../local/demo/index.js';
import { docxText } from '../documents/read.js';
import { Browser, startWebStack, type WebStack } from '../support/web.js';

const ADMIN = 'admin@thidua.local';

describe('the admin console', () => {
  let web: WebStack;
  let admin: Browser;

  beforeAll(async () => {
    web = await startWebStack();
    admin = new Browser(web.stack.url);
  }, 60_000);

  afterAll(() => web?.stop());

  /** Posts the bloc page's upload form as the browser would: the token in the form's address. */
  const upload = (form: FormData) =>
    fetch(`${web.stack.url}/admin/blocs/khoi-dang/sheet?_csrf=${admin.csrf}`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: admin.cookieHeader() } });

  it('sends the admin to the sign-in page when not signed in', async () => {
    const response = await new Browser(web.stack.url).get('/admin');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/signin');
  });

  it('tells an admin whose session has expired so on the sign-in page', async () => {
    const response = await new Browser(web.stack.url).request('GET', '/admin', undefined, { authorization: 'Bearer expired-or-unknown' });
    expect(response.headers.get('location')).toBe('/signin?expired=1');
    expect(await (await new Browser(web.stack.url).get('/signin?expired=1')).text()).toContain('Phiên đăng nhập đã hết hạn');
  });

  it('emails a sign-in link to an allow-listed address only, saying the same to anyone', async () => {
    const stranger = new Browser(web.stack.url);
    await stranger.get('/signin');
    expect((await stranger.post('/signin', { email: 'someone@example.com' })).headers.get('location')).toBe('/signin?sent=1');
    expect(await web.mailTo('someone@example.com')).toEqual([]);
    await admin.get('/signin');
    expect((await admin.post('/signin', { email: ADMIN })).headers.get('location')).toBe('/signin?sent=1');
    expect((await web.mailTo(ADMIN)).map((m) => m.subject)).toContainEqual(expect.stringMatching(/đăng nhập/));
  });

  it('signs in only by a deliberate POST from the link\'s page', async () => {
    const id = await web.linkFor(ADMIN, /đăng nhập/);
    const page = await admin.get(`/signin/${id}`);
    expect(await page.text()).toContain(ADMIN);
    expect(admin.cookie('thidua_session')).toBeUndefined();
    const signedIn = await admin.post(`/signin/${id}`, {});
    expect(signedIn.headers.get('location')).toBe('/admin');
    expect(admin.cookie('thidua_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await admin.get('/admin')).status).toBe(200);
  });

  it('records each sign-in in the system\'s audit chain, written with the session it opens', async () => {
    const events = (await listAuditEvents(web.stack.store, 'system')).filter((e) => e.action === 'admin.signedIn');
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.at(-1)).toMatchObject({ actor: `admin:${ADMIN}`, target: `admin:${ADMIN}` });
  });

  it('refuses a used sign-in link', async () => {
    const id = await web.linkFor(ADMIN, /đăng nhập/);
    const again = new Browser(web.stack.url);
    const page = await again.get(`/signin/${id}`);
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('Liên kết này đã được sử dụng');
    expect(again.cookie('thidua_session')).toBeUndefined();
  });

  it('creates a bloc from the form, and shows a malformed unit email beside its field', async () => {
    await admin.get('/admin/blocs/new');
    const fields = { id: 'cum-so-nganh', name: 'Cụm thi đua các sở, ngành', province: 'Đồng Nai', headerStyle: 'state', approverEmail: 'ban-tdkt@dongnai.gov.vn' };
    const units = { 'units.0.id': 'so-tai-chinh', 'units.0.name': 'Sở Tài chính', 'units.0.shortName': 'STC', 'units.0.email': 'stc@dongnai.gov.vn', 'units.1.id': 'so-xay-dung', 'units.1.name': 'Sở Xây dựng', 'units.1.shortName': 'SXD' };
    const bad = await admin.post('/admin/blocs/new', { ...fields, ...units, 'units.1.email': 'sxd-at-dongnai' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="err-units-1-email"/);
    const good = await admin.post('/admin/blocs/new', { ...fields, ...units, 'units.1.email': 'sxd@dongnai.gov.vn' });
    expect(good.headers.get('location')).toBe('/admin/blocs/cum-so-nganh?saved=1');
    const { bloc } = await loadBlocSettings(web.stack.store, 'cum-so-nganh');
    expect(bloc.units.map((u) => u.name)).toEqual(['Sở Tài chính', 'Sở Xây dựng']);
  });

  it('rejects a new bloc whose id is not an id (a #, too long) beside the id field, in Vietnamese, storing nothing', async () => {
    await admin.get('/admin/blocs/new');
    const fields = { name: 'Khối mới', province: 'Đồng Nai', headerStyle: 'state', approverEmail: 'ban-tdkt@dongnai.gov.vn', 'units.0.id': 'a', 'units.0.name': 'A', 'units.0.shortName': 'A', 'units.0.email': 'a@x.vn', 'units.1.id': 'b', 'units.1.name': 'B', 'units.1.shortName': 'B', 'units.1.email': 'b@x.vn' };
    for (const id of ['khoi#moi', 'k'.repeat(3000)]) {
      const response = await admin.post('/admin/blocs/new', { ...fields, id });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('<p class="field-error" id="err-id">gồm 1–63 chữ thường không dấu, chữ số hoặc dấu gạch nối</p>');
    }
    expect((await listBlocSettings(web.stack.store)).map((b) => b.id)).not.toContain('khoi#moi');
  });

  it('rejects a new bloc refused for its other fields or for an id already taken, storing no criteria sheet for it', async () => {
    await admin.get('/admin/blocs/new');
    const taken = await listSheetVersions(web.stack.store, 'khoi-dang');
    expect((await admin.post('/admin/blocs/new', { id: 'khoi-thu', name: 'Khối thử', approverEmail: 'not-an-email', sheetTemplate: 'districts' })).status).toBe(400);
    expect(await listSheetVersions(web.stack.store, 'khoi-thu')).toEqual([]);
    const demo = (await loadBlocSettings(web.stack.store, 'khoi-dang')).bloc;
    const units = Object.fromEntries(demo.units.flatMap((u, i) => [[`units.${i}.id`, u.id], [`units.${i}.name`, u.name], [`units.${i}.shortName`, u.shortName], [`units.${i}.email`, u.email]]));
    const again = await admin.post('/admin/blocs/new', { id: 'khoi-dang', name: demo.name, province: demo.province, headerStyle: demo.headerStyle, approverEmail: demo.approverEmail, sheetTemplate: 'districts', ...units });
    expect(again.status).toBe(409);
    expect(await listSheetVersions(web.stack.store, 'khoi-dang')).toEqual(taken);
  });

  it('saves from the rules form, in words, whether a phase closes as soon as every unit has acted', async () => {
    const page = await (await admin.get('/admin/blocs/cum-so-nganh')).text();
    expect(page).toContain('Kết thúc giai đoạn ngay khi mọi đơn vị đã thực hiện');
    expect(page).not.toMatch(/name="closeEarly" checked/);
    const { version } = await loadBlocSettings(web.stack.store, 'cum-so-nganh');
    const rules = { version: String(version), flagQuota: '1', 'voteThresholds.flag': '80', 'certificateQuota.kind': 'halfOfMembers', 'voteThresholds.certificate': '50', 'bands.xuatSac': '95', 'bands.tot': '85', 'bands.hoanThanh': '70', flagVoteRounds: '2', approvalRounds: '3', followUpDays: '3', reminderDaysBefore: '3, 1', preferWomenLedOnTie: 'on', closeEarly: 'on', voteMode: 'showOfHands' };
    expect((await admin.post('/admin/blocs/cum-so-nganh/rules', rules)).status).toBe(303);
    expect((await loadBlocSettings(web.stack.store, 'cum-so-nganh')).bloc.rules).toMatchObject({ closeEarly: true, voteMode: 'showOfHands', writtenVotes: false });
    expect(await (await admin.get('/admin/blocs/cum-so-nganh')).text()).toMatch(/name="closeEarly" checked/);
  });

  it('keeps the signed scans the approver must find, and the rules the form does not show, when the rules form is saved', async () => {
    const saveRules = async (extra: Record<string, string | string[]>) => {
      await admin.get('/admin/blocs/khoi-dang');
      const { version } = await loadBlocSettings(web.stack.store, 'khoi-dang');
      const rules = { version: String(version), flagQuota: '1', 'voteThresholds.flag': '80', 'certificateQuota.kind': 'halfOfMembers', 'voteThresholds.certificate': '50', 'bands.xuatSac': '95', 'bands.tot': '85', 'bands.hoanThanh': '70', flagVoteRounds: '2', approvalRounds: '3', followUpDays: '3', reminderDaysBefore: '3, 1', preferWomenLedOnTie: 'on', writtenVotes: 'on', voteMode: 'secretBallot', ...extra };
      expect((await admin.post('/admin/blocs/khoi-dang/rules', rules)).status).toBe(303);
      return (await loadBlocSettings(web.stack.store, 'khoi-dang')).bloc.rules;
    };
    const before = (await loadBlocSettings(web.stack.store, 'khoi-dang')).bloc.rules;
    expect(await saveRules({ requiredScans: ['signedMinutes', 'signedProposal'] })).toMatchObject({ requiredScans: ['signedMinutes', 'signedProposal'], higherAwards: before.higherAwards, leadersTakeOver: before.leadersTakeOver });
    const page = await (await admin.get('/admin/blocs/khoi-dang')).text();
    expect(page).toContain('Bản quét có chữ ký, đóng dấu phải có trong hồ sơ trước khi phê duyệt');
    expect(page).toMatch(/value="signedMinutes" checked> Biên bản họp đã ký, đóng dấu \(bản quét\)/);
    expect(await saveRules({ requiredScans: 'signedProposal' })).toMatchObject({ requiredScans: ['signedProposal'] });
    expect(await saveRules({})).toMatchObject({ requiredScans: [] });
  });

  it('lists each save of the bloc\'s settings on its page: when, by whom, which parts, newest first', async () => {
    const page = await (await admin.get('/admin/blocs/cum-so-nganh')).text();
    const log = page.slice(page.indexOf('Nhật ký thay đổi'));
    expect(log).toMatch(new RegExp(`<td>${ADMIN}</td><td>Quy chế</td>[^]*<td>${ADMIN}</td><td>Tạo khối</td>`));
    expect(log).toMatch(/<td>\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}<\/td><td>/); // vi-VN: time, then date
  });

  it('records in the bloc\'s audit chain what a save changed, before and after, and nothing for a refused save', async () => {
    const events = await listAuditEvents(web.stack.store, 'bloc-cum-so-nganh');
    expect(events.map((e) => e.action)).toEqual(['bloc.created', 'bloc.changed']);
    const change = events[1]!;
    expect(change).toMatchObject({ actor: `admin:${ADMIN}`, target: 'bloc:cum-so-nganh' });
    expect(Object.keys(change.after as object)).toEqual(['rules']);
    expect(change).toMatchObject({ before: { rules: { closeEarly: false } }, after: { rules: { closeEarly: true, voteMode: 'showOfHands' } } });
    const { version } = await loadBlocSettings(web.stack.store, 'cum-so-nganh');
    expect((await admin.post('/admin/blocs/cum-so-nganh/rules', { version: String(version), flagQuota: 'không' })).status).toBe(400);
    expect(await listAuditEvents(web.stack.store, 'bloc-cum-so-nganh')).toHaveLength(2);
  });

  it('rejects a rules form whose hidden version is not a number with the reload message, saving nothing', async () => {
    await admin.get('/admin/blocs/cum-so-nganh');
    const before = await loadBlocSettings(web.stack.store, 'cum-so-nganh');
    const response = await admin.post('/admin/blocs/cum-so-nganh/rules', { version: 'NaN', flagQuota: '1', 'voteThresholds.flag': '80', 'certificateQuota.kind': 'halfOfMembers', 'voteThresholds.certificate': '50', 'bands.xuatSac': '95', 'bands.tot': '85', 'bands.hoanThanh': '70', flagVoteRounds: '2', approvalRounds: '3', followUpDays: '3', reminderDaysBefore: '3, 1', voteMode: 'showOfHands' });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('Nội dung đã được thay đổi ở nơi khác (một thẻ khác?). Vui lòng tải lại trang.');
    expect(await loadBlocSettings(web.stack.store, 'cum-so-nganh')).toEqual(before);
  });

  it('records each unit\'s head, deputies and officer and the guests, and shows a person without a title beside the field', async () => {
    await admin.get('/admin/blocs/new');
    const fields = { id: 'cum-nguoi', name: 'Cụm thi đua có người ký', province: 'Đồng Nai', headerStyle: 'state', approverEmail: 'ban-tdkt@dongnai.gov.vn' };
    const units = {
      'units.0.id': 'so-noi-vu', 'units.0.name': 'Sở Nội vụ', 'units.0.shortName': 'SNV', 'units.0.email': 'snv@dongnai.gov.vn',
      'units.0.people.head.name': 'Nguyễn Thị Lan', 'units.0.people.head.gender': 'female',
      'units.0.people.deputies.0.name': 'Trần Văn Bình', 'units.0.people.deputies.0.title': 'Phó Giám đốc Sở Nội vụ', 'units.0.people.deputies.0.gender': 'male',
      'units.0.people.officer.name': 'Lê Văn Cường', 'units.0.people.officer.title': 'Chuyên viên', 'units.0.people.officer.gender': 'male', 'units.0.people.officer.email': 'cuong@dongnai.gov.vn',
      'units.1.id': 'so-tu-phap', 'units.1.name': 'Sở Tư pháp', 'units.1.shortName': 'STP', 'units.1.email': 'stp@dongnai.gov.vn',
      'guests.0.name': 'Phạm Văn Dũng', 'guests.0.title': 'Trưởng Ban Thi đua - Khen thưởng', 'guests.0.gender': 'male', 'guests.0.organisation': 'Sở Nội vụ tỉnh Đồng Nai',
    };
    const bad = await admin.post('/admin/blocs/new', { ...fields, ...units });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="err-units-0-people-head-title"/);
    expect((await admin.post('/admin/blocs/new', { ...fields, ...units, 'units.0.people.head.title': 'Giám đốc Sở Nội vụ' })).status).toBe(303);
    const { bloc } = await loadBlocSettings(web.stack.store, 'cum-nguoi');
    expect(bloc.units[0]!.people).toEqual({
      head: { name: 'Nguyễn Thị Lan', title: 'Giám đốc Sở Nội vụ', gender: 'female' },
      deputies: [{ name: 'Trần Văn Bình', title: 'Phó Giám đốc Sở Nội vụ', gender: 'male' }],
      officer: { name: 'Lê Văn Cường', title: 'Chuyên viên', gender: 'male', email: 'cuong@dongnai.gov.vn' },
    });
    expect(bloc.units[1]!.people).toBeUndefined();
    expect(bloc.guests.map((g) => g.name)).toEqual(['Phạm Văn Dũng']);
    const page = await (await admin.get('/admin/blocs/cum-nguoi')).text();
    expect(page).toContain('value="Nguyễn Thị Lan"');
    expect(page).toContain('value="Sở Nội vụ tỉnh Đồng Nai"');
  });

  it('starts a cycle from the form and shows who has acted', async () => {
    await admin.get('/admin');
    const t = demoTimeline(web.stack.clock.now());
    const started = await admin.post('/admin/cycles', {
      blocId: 'khoi-dang',
      year: String(t.year),
      'selfAssessment.opensOn': t.selfAssessment.opensOn,
      'selfAssessment.deadlineOn': t.selfAssessment.deadlineOn,
      'crossCheck.opensOn': t.crossCheck.opensOn,
      'crossCheck.deadlineOn': t.crossCheck.deadlineOn,
      'vote.opensOn': t.vote.opensOn,
      'vote.deadlineOn': t.vote.deadlineOn,
      'approval.opensOn': t.approval.opensOn,
      'approval.deadlineOn': t.approval.deadlineOn,
    });
    expect(started.headers.get('location')).toMatch(/started=1/);
    await web.stack.idle();
    const page = await (await admin.get(`/admin/cycles/khoi-dang-${t.year}`)).text();
    expect(page).toContain('Tự chấm điểm cuối năm');
    expect(page.match(/chưa thực hiện/g)).toHaveLength(9);
  });

  it('offers the leader unit\'s mid-year report draft on the cycle page as a DOCX download, and the year report only once scored', async () => {
    const cycleId = `khoi-dang-${demoTimeline(web.stack.clock.now()).year}`;
    const page = await (await admin.get(`/admin/cycles/${cycleId}`)).text();
    expect(page).toContain('Dự thảo báo cáo của khối (tải về để chỉnh sửa)');
    expect(page).toContain(`href="/admin/cycles/${cycleId}/documents/midYearReport"`);
    expect(page).not.toContain('/documents/yearReport');
    const response = await admin.get(`/admin/cycles/${cycleId}/documents/midYearReport`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(DOCX_TYPE);
    expect(docxText(new Uint8Array(await response.arrayBuffer()))).toContain('Sơ kết công tác thi đua 6 tháng đầu năm');
    expect((await admin.get(`/admin/cycles/${cycleId}/documents/yearReport`)).status).toBe(409);
  });

  it('refuses a timeline whose phases overlap, naming the field', async () => {
    await admin.get('/admin');
    const t = demoTimeline(web.stack.clock.now());
    const response = await admin.post('/admin/cycles', {
      blocId: 'cum-so-nganh',
      year: String(t.year),
      'selfAssessment.opensOn': t.selfAssessment.opensOn,
      'selfAssessment.deadlineOn': t.vote.deadlineOn,
      'crossCheck.opensOn': t.crossCheck.opensOn,
      'crossCheck.deadlineOn': t.crossCheck.deadlineOn,
      'vote.opensOn': t.vote.opensOn,
      'vote.deadlineOn': t.vote.deadlineOn,
      'approval.opensOn': t.approval.opensOn,
      'approval.deadlineOn': t.approval.deadlineOn,
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toMatch(/<a href="#crossCheck-opens">Kiểm tra chéo – Ngày mở<\/a>: phải sau hạn chót của giai đoạn &quot;Tự chấm điểm cuối năm&quot;/);
    expect(page).toContain(`id="crossCheck-opens" name="crossCheck.opensOn" value="${t.crossCheck.opensOn}" class="invalid" aria-invalid="true" aria-describedby="err-timeline-crossCheck-opensOn"`);
    expect(page).not.toContain('timeline.crossCheck');
  });

  it('extends a deadline from the cycle page and records it in the audit trail', async () => {
    const t = demoTimeline(web.stack.clock.now());
    const cycleId = `khoi-dang-${t.year}`;
    await admin.get(`/admin/cycles/${cycleId}`);
    const later = new Date(Date.parse(t.selfAssessment.deadlineOn) + 2 * 86_400_000).toISOString().slice(0, 10);
    const response = await admin.post(`/admin/cycles/${cycleId}/deadline`, { phase: 'selfAssessment', round: '1', deadlineOn: later });
    expect(response.headers.get('location')).toBe(`/admin/cycles/${cycleId}?done=deadline`);
    const events = await listAuditEvents(web.stack.store, cycleId);
    expect(events.at(-1)).toMatchObject({ actor: `admin:${ADMIN}`, action: 'deadline.extended' });
    expect(await (await admin.get(`/admin/cycles/${cycleId}/audit`)).text()).toContain(`Quản trị viên ${ADMIN} gia hạn Tự chấm điểm cuối năm đến ngày ${later.split('-').reverse().join('/')}`);
  });

  it('refuses an admin action without the CSRF token', async () => {
    const t = demoTimeline(web.stack.clock.now());
    const response = await admin.request('POST', `/admin/cycles/khoi-dang-${t.year}/deadline`, new URLSearchParams({ phase: 'selfAssessment', deadlineOn: t.crossCheck.deadlineOn }));
    expect(response.status).toBe(403);
  });

  it('leaves the checking of the bloc\'s settings, rules and sheet upload to the server, whose messages are in the admin\'s language', async () => {
    const forms = (await (await admin.get('/admin/blocs/khoi-dang')).text()).match(/<form method="post"[^>]*>/g)!;
    for (const action of ['/admin/blocs/khoi-dang"', '/admin/blocs/khoi-dang/rules"', '/admin/blocs/khoi-dang/sheet?']) expect(forms.find((f) => f.includes(action))).toContain('novalidate');
  });

  it('exports the criteria sheet as XLSX and imports an edited version, which the bloc then uses', async () => {
    await admin.get('/admin/blocs/khoi-dang');
    const exported = await admin.get('/admin/blocs/khoi-dang/sheet.xlsx');
    expect(exported.headers.get('content-disposition')).toMatch(/bang-tieu-chi-khoi-dang\.xlsx/);
    const edited = structuredClone(await importSheetXlsx(new Uint8Array(await exported.arrayBuffer())));
    edited.title = 'Bảng tiêu chí năm 2027';
    const form = new FormData();
    form.set('sheet', new Blob([Buffer.from(await exportSheetXlsx(edited))]), 'bang-tieu-chi.xlsx');
    const response = await upload(form);
    expect(response.status).toBe(303);
    const { bloc } = await loadBlocSettings(web.stack.store, 'khoi-dang');
    expect(bloc.sheet.sheetVersion).toBe(sheetVersion(CriteriaSheetSchema.parse(edited)));
  });

  it('refuses a file that is not an Excel workbook, saying so', async () => {
    await admin.get('/admin/blocs/khoi-dang');
    const form = new FormData();
    form.set('sheet', new Blob(['Mã,Nội dung\nI.1,x']), 'bang.csv');
    const response = await upload(form);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Tệp không phải là bảng tính Excel');
  });
});
