import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBlocSettings } from '../../functions/admin/settings.js';
import { criteriaOf, departmentsCriteriaSheet, sheetVersion } from '../../functions/domain/index.js';
import { getForm } from '../../functions/store/forms.js';
import { demoTimeline } from '../../local/demo/index.js';
import { Browser, startWebStack, type WebStack } from '../support/web.js';

const ADMIN = 'admin@thidua.local';
const OPENED = /mở giai đoạn tự chấm điểm/;
const unitEmail = (id: string) => `${id}@dangbo.thidua.local`;
/** The departments' sheet filled as a unit would: every standard criterion at its maximum, bonus and penalty rows blank. */
const fullMarks = (overrides: Record<string, string> = {}) => ({
  ...Object.fromEntries(criteriaOf(departmentsCriteriaSheet).filter((c) => c.kind === 'standard').map((c) => [`points.${c.code}`, String(c.maxPoints)])),
  ...overrides,
});

describe('a bloc scored on the departments\' template', () => {
  let web: WebStack;
  let admin: Browser;
  let cycleId: string;
  let bearer: { authorization: string };
  const unitLink = (unitId: string) => web.linkFor(unitEmail(unitId), OPENED);
  const formOf = (unitId: string) => getForm(web.stack.store, { cycleId, phase: 'selfAssessment', round: 1, unitId });
  const call = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${web.stack.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    web = await startWebStack();
    // The stack's own sign-in link first: the console's sign-in below sends a newer link, which replaces it.
    const signIn = await call('POST', `/api/signin/${web.stack.adminSignInUrl.split('/').at(-1)}`, {});
    bearer = { authorization: `Bearer ${((await signIn.json()) as { sessionId: string }).sessionId}` };
    admin = new Browser(web.stack.url);
    await admin.get('/signin');
    await admin.post('/signin', { email: ADMIN });
    await admin.post(`/signin/${await web.linkFor(ADMIN, /đăng nhập/)}`, {});
  }, 60_000);

  afterAll(() => web?.stop());

  it('refuses a template that does not exist, naming the field, and keeps the sheet in force', async () => {
    const before = (await loadBlocSettings(web.stack.store, 'khoi-dang')).bloc.sheet;
    await admin.get('/admin/blocs/khoi-dang');
    const response = await admin.post('/admin/blocs/khoi-dang/sheet-template', { sheetTemplate: 'cum-xa', version: '1' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('id="err-sheetTemplate">chọn một trong các mẫu bảng tiêu chí');
    expect((await loadBlocSettings(web.stack.store, 'khoi-dang')).bloc.sheet).toEqual(before);
  });

  it('refuses a template choice without the CSRF token and keeps the sheet in force', async () => {
    const before = (await loadBlocSettings(web.stack.store, 'khoi-dang')).bloc.sheet;
    const body = new URLSearchParams({ sheetTemplate: 'districts', version: '1' });
    const response = await fetch(`${web.stack.url}/admin/blocs/khoi-dang/sheet-template`, { method: 'POST', body, redirect: 'manual', headers: { cookie: admin.cookieHeader() } });
    expect(response.status).toBe(403);
    expect((await loadBlocSettings(web.stack.store, 'khoi-dang')).bloc.sheet).toEqual(before);
  });

  it('puts the template the admin picks in force, and the bloc page lists its all-or-nothing and per-occurrence criteria', async () => {
    const page = await (await admin.get('/admin/blocs/khoi-dang')).text();
    expect(page).toContain('<option value="departments">Khối các sở, ban, ngành tỉnh</option>');
    const { version } = await loadBlocSettings(web.stack.store, 'khoi-dang');
    const response = await admin.post('/admin/blocs/khoi-dang/sheet-template', { sheetTemplate: 'departments', version: String(version) });
    expect(response.headers.get('location')).toBe('/admin/blocs/khoi-dang?saved=1');
    expect((await loadBlocSettings(web.stack.store, 'khoi-dang')).bloc.sheet).toEqual({ sheetId: 'mau-departments', sheetVersion: sheetVersion(departmentsCriteriaSheet) });
    const shown = await (await admin.get('/admin/blocs/khoi-dang')).text();
    expect(shown).toContain('VI.1. Được tặng Cờ thi đua của UBND tỉnh năm trước — 10 (ghi 0 hoặc 10)');
    expect(shown).toContain('VII.2. Chậm gửi báo cáo định kỳ, báo cáo thi đua của khối — 20 (mỗi lần trừ 2 điểm, tối đa 20)');
  });

  it('tells the sheet in force and the earlier one by number, title and date, never by id or hash', async () => {
    const page = await (await admin.get('/admin/blocs/khoi-dang')).text();
    expect(page).toMatch(/<p class="meta">Phiên bản 2, lưu lúc \d\d:\d\d \d\d\/\d\d\/\d{4} · Thang điểm/);
    expect(page).toMatch(new RegExp(`<li>Phiên bản 2: ${departmentsCriteriaSheet.title} · lưu lúc [^<]+ \\(đang áp dụng\\)</li>`));
    expect(page).toMatch(/<li>Phiên bản 1: Bảng [^<(]+ · lưu lúc [^<(]+<\/li>/);
    expect(page).not.toMatch(/sha256-|mau-departments|mac-dinh/);
  });

  describe('its self-assessment form', () => {
    beforeAll(async () => {
      const started = await call('POST', '/api/admin/cycles', { blocIds: ['khoi-dang'], timeline: demoTimeline(web.stack.clock.now()) }, bearer);
      ({ cycleId } = ((await started.json()) as { cycles: [{ cycleId: string }] }).cycles[0]);
      await web.stack.idle();
    }, 60_000);

    it('asks for the count of a per-occurrence deduction, with its rule, instead of its points', async () => {
      const page = await (await new Browser(web.stack.url).get(`/l/${await unitLink('vp-tinh-uy')}`)).text();
      expect(page).toContain('<label for="count-VII.2">Số lần (mỗi lần trừ 2 điểm, tối đa 20)</label>');
      expect(page).toMatch(/name="count\.VII\.2"/);
      expect(page).not.toMatch(/name="points\.VII\.2"/);
      expect(page).toContain('Điểm (ghi 0 hoặc 10)');
    });

    it('refuses 5 on an all-or-nothing criterion, beside its field, and stores nothing', async () => {
      const browser = new Browser(web.stack.url);
      const id = await unitLink('ban-to-chuc');
      await browser.get(`/l/${id}`);
      const response = await browser.post(`/l/${id}`, { intent: 'submit', formVersion: '0', ...fullMarks({ 'points.VI.1': '5', 'note.VI.1': 'Giấy khen' }) });
      const page = await response.text();
      expect(response.status).toBe(400);
      expect(page).toMatch(/id="err-scores-VI-1-points">chỉ được ghi 0 hoặc 10 \(đạt thì được đủ điểm, không đạt thì 0\)/);
      expect(page).toMatch(/id="points-VI.1"[^>]*value="5"[^>]*class="invalid"/);
      expect(await formOf('ban-to-chuc')).toBeUndefined();
    });

    it('refuses 5 on an all-or-nothing criterion through the JSON API, naming the field, and stores nothing', async () => {
      const id = await unitLink('ban-tuyen-giao');
      const scores = Object.fromEntries(criteriaOf(departmentsCriteriaSheet).filter((c) => c.kind === 'standard').map((c) => [c.code, { points: c.maxPoints }]));
      const response = await call('POST', `/api/links/${id}`, { intent: 'submit', data: { scores: { ...scores, 'VI.1': { points: 5, note: 'Giấy khen' } } } });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path)).toEqual(['scores.VI.1.points']);
      expect(await formOf('ban-tuyen-giao')).toBeUndefined();
    });

    it('refuses a count that is not a whole number, beside the count field, and stores nothing', async () => {
      const browser = new Browser(web.stack.url);
      const id = await unitLink('ban-dan-van');
      await browser.get(`/l/${id}`);
      const response = await browser.post(`/l/${id}`, { intent: 'submit', formVersion: '0', ...fullMarks({ 'count.VII.2': '1,5' }) });
      const page = await response.text();
      expect(response.status).toBe(400);
      expect(page).toMatch(/id="err-scores-VII-2-count">số lần phải là số nguyên/);
      expect(page).toMatch(/id="count-VII.2"[^>]*value="1,5"[^>]*class="invalid"/);
      expect(await formOf('ban-dan-van')).toBeUndefined();
    });

    it('takes the count and stores the points it costs; the receipt shows both', async () => {
      const browser = new Browser(web.stack.url);
      const id = await unitLink('ubkt');
      await browser.get(`/l/${id}`);
      const response = await browser.post(`/l/${id}`, { intent: 'submit', formVersion: '0', ...fullMarks({ 'count.VII.2': '3', 'points.VII.3': '10' }) });
      expect(response.status).toBe(303);
      expect((await formOf('ubkt'))?.submitted).toMatchObject({ scores: { 'VII.2': { count: 3, points: 6 }, 'VII.3': { points: 10 } } });
      const receipt = await (await browser.get(response.headers.get('location')!)).text();
      expect(receipt).toContain('3 lần: 6/20');
      expect(receipt).toContain('984');
    });

    it('counts a total above the scale as the scale, and the receipt says what it added up to', async () => {
      const browser = new Browser(web.stack.url);
      const id = await unitLink('ban-noi-chinh');
      await browser.get(`/l/${id}`);
      const response = await browser.post(`/l/${id}`, { intent: 'submit', formVersion: '0', ...fullMarks({ 'points.VI.1': '10', 'note.VI.1': 'QĐ 15/QĐ-UBND', 'points.VI.3': '10', 'note.VI.3': 'Hai sáng kiến', 'count.VII.2': '1' }) });
      expect(response.status).toBe(303);
      const receipt = await (await browser.get(response.headers.get('location')!)).text();
      expect(receipt).toContain('1.000 (cộng được 1.018, tính tối đa bằng thang điểm 1.000)');
    });
  });
});
