import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getForm } from '../../functions/store/forms.js';
import { UNKNOWN_LINKS } from '../../functions/web/rate-limit.js';
import { demoTimeline } from '../../local/demo/index.js';
import { Browser, startWebStack, type WebStack } from '../support/web.js';

const OPENED = /mở giai đoạn tự chấm điểm/;
const unitEmail = (id: string) => `${id}@dangbo.thidua.local`;
const completeScores = (overrides: Record<string, string> = {}) => {
  const fields: Record<string, string> = {};
  const maxima: Record<string, number> = { 'I.1': 100, 'I.2': 150, 'I.3': 80, 'I.4': 70, 'II.1': 70, 'II.2': 70, 'II.3': 50, 'II.4': 60, 'III.1': 40, 'III.2': 40, 'III.3': 40, 'III.4': 30, 'IV.1': 50, 'IV.2': 60, 'IV.3': 50, 'IV.4': 40 };
  for (const [code, max] of Object.entries(maxima)) fields[`points.${code}`] = String(max);
  for (const code of ['V.1', 'V.2', 'V.3', 'V.4', 'VI.1', 'VI.2', 'VI.3']) fields[`points.${code}`] = '0';
  return { ...fields, ...overrides };
};

describe('the pages behind emailed links', () => {
  let web: WebStack;
  let cycleId: string;
  const unitLink = (unitId: string) => web.linkFor(unitEmail(unitId), OPENED);
  const formOf = (unitId: string) => getForm(web.stack.store, { cycleId, phase: 'selfAssessment', round: 1, unitId });

  beforeAll(async () => {
    web = await startWebStack();
    const admin = new Browser(web.stack.url);
    const signInId = web.stack.adminSignInUrl.split('/').at(-1)!;
    const { sessionId } = (await (await admin.request('POST', `/api/signin/${signInId}`, {})).json()) as { sessionId: string };
    const started = await admin.request('POST', '/api/admin/cycles', { blocIds: ['khoi-dang'], timeline: demoTimeline(web.stack.clock.now()) }, { authorization: `Bearer ${sessionId}` });
    ({ cycleId } = ((await started.json()) as { cycles: [{ cycleId: string }] }).cycles[0]);
    await web.stack.idle();
  }, 60_000);

  afterAll(() => web?.stop());

  it('shows the self-assessment form with every criterion and changes nothing', async () => {
    const browser = new Browser(web.stack.url);
    const response = await browser.get(`/l/${await unitLink('vp-tinh-uy')}`);
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('Tự chấm điểm cuối năm: Văn phòng Tỉnh ủy');
    expect(page.match(/name="points\./g)).toHaveLength(23);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'nonce-/);
    expect(await formOf('vp-tinh-uy')).toBeUndefined();
  });

  it('refuses a post without the CSRF token and stores nothing', async () => {
    const id = await unitLink('ban-to-chuc');
    const response = await fetch(`${web.stack.url}/l/${id}`, { method: 'POST', body: new URLSearchParams({ intent: 'submit', ...completeScores() }), redirect: 'manual' });
    expect(response.status).toBe(403);
    expect(await formOf('ban-to-chuc')).toBeUndefined();
  });

  it('shows a score above the maximum next to its field, in Vietnamese, and stores nothing', async () => {
    const browser = new Browser(web.stack.url);
    const id = await unitLink('ban-tuyen-giao');
    await browser.get(`/l/${id}`);
    const response = await browser.post(`/l/${id}`, { intent: 'submit', formVersion: '0', ...completeScores({ 'points.I.1': '120' }) });
    const page = await response.text();
    expect(response.status).toBe(400);
    expect(page).toMatch(/id="err-scores-I-1-points">không được vượt quá 100 \(điểm tối đa của tiêu chí\)/);
    expect(page).toMatch(/id="points-I.1"[^>]*value="120"[^>]*class="invalid" aria-invalid="true"/);
    expect(await formOf('ban-tuyen-giao')).toBeUndefined();
  });

  it('submits a complete form, redirects to a receipt page and emails a receipt', async () => {
    const browser = new Browser(web.stack.url);
    const id = await unitLink('ban-dan-van');
    await browser.get(`/l/${id}`);
    const response = await browser.post(`/l/${id}`, { intent: 'submit', formVersion: '0', ...completeScores({ 'points.I.2': '140,5' }) });
    expect(response.status).toBe(303);
    const receipt = await browser.get(response.headers.get('location')!);
    expect(await receipt.text()).toContain('Đã nhận');
    expect((await formOf('ban-dan-van'))?.submitted).toMatchObject({ scores: { 'I.2': { points: 140.5 } } });
    await web.stack.idle();
    expect((await web.mailTo(unitEmail('ban-dan-van'))).map((m) => m.subject)).toContainEqual(expect.stringMatching(/Đã nhận tự chấm điểm cuối năm/));
  });

  it('heads the bonus section with the cap that counts (50), not only its criteria\'s sum (60), and other sections with their maximum', async () => {
    const form = await (await new Browser(web.stack.url).get(`/l/${await unitLink('ban-tuyen-giao')}`)).text();
    expect(form).toContain('V. Điểm thưởng</span> <span class="meta">(Tính tối đa 50; tổng các tiêu chí 60)');
    expect(form).toContain('I. Thực hiện nhiệm vụ chính trị, chuyên môn</span> <span class="meta">(Tối đa 400)');
    expect(form).not.toContain('V. Điểm thưởng</span> <span class="meta">(Tối đa 60)');
  });

  it('leads from the receipt back to the form with a link that says it is for changing and resubmitting', async () => {
    const browser = new Browser(web.stack.url);
    const id = await unitLink('dang-uy-khoi');
    await browser.get(`/l/${id}`);
    const response = await browser.post(`/l/${id}`, { intent: 'submit', formVersion: '0', ...completeScores() });
    const receipt = await (await browser.get(response.headers.get('location')!)).text();
    expect(receipt).toContain(`<a href="/l/${id}">Sửa và nộp lại: tự chấm điểm cuối năm</a>`);
  });

  it('takes bonus and penalty rows left blank as 0, as the default sheet says, and shows 0 for them in the receipt', async () => {
    const browser = new Browser(web.stack.url);
    const id = await unitLink('truong-chinh-tri');
    const form = await (await browser.get(`/l/${id}`)).text();
    expect(form).toMatch(/id="points-V.1"[^>]*placeholder="0"/);
    const blanks = Object.fromEntries(['V.1', 'V.2', 'V.3', 'V.4', 'VI.1', 'VI.2', 'VI.3'].map((code) => [`points.${code}`, '']));
    const response = await browser.post(`/l/${id}`, { intent: 'submit', formVersion: '0', ...completeScores(blanks) });
    expect(response.status).toBe(303);
    const receipt = await (await browser.get(response.headers.get('location')!)).text();
    expect(receipt).toMatch(/<th scope="row">V\.1\. [^<]*<\/th><td>0\/\d+<\/td>/);
    expect(receipt).toMatch(/<th scope="row">VI\.3\. [^<]*<\/th><td>0\/\d+<\/td>/);
    expect((await formOf('truong-chinh-tri'))?.submitted).not.toHaveProperty('scores.V.1');
  });

  it('says nothing was received when the receipt page\'s address is typed for a form never sent', async () => {
    const id = await unitLink('ban-noi-chinh');
    for (const done of ['submitted', 'again', 'draft']) {
      const page = await (await new Browser(web.stack.url).get(`/l/${id}?done=${done}`)).text();
      expect(page).not.toMatch(/Đã nhận|Đã lưu nháp/);
      expect(page).toContain('name="points.I.1"');
    }
  });

  it('saves a draft that the page shows again', async () => {
    const browser = new Browser(web.stack.url);
    const id = await unitLink('ubkt');
    await browser.get(`/l/${id}`);
    expect((await browser.post(`/l/${id}`, { intent: 'draft', formVersion: '0', 'points.I.1': '75,25' })).status).toBe(303);
    expect(await (await browser.get(`/l/${id}`)).text()).toMatch(/id="points-I.1"[^>]*value="75.25"/);
    expect((await formOf('ubkt'))?.status).toBe('draft');
  });

  it('refuses a stale form from a second tab without losing the first', async () => {
    const [tab1, tab2] = [new Browser(web.stack.url), new Browser(web.stack.url)];
    const id = await unitLink('ban-noi-chinh');
    await tab1.get(`/l/${id}`);
    await tab2.get(`/l/${id}`);
    expect((await tab1.post(`/l/${id}`, { intent: 'draft', formVersion: '0', 'points.I.1': '90' })).status).toBe(303);
    const stale = await tab2.post(`/l/${id}`, { intent: 'draft', formVersion: '0', 'points.I.1': '10' });
    expect(stale.status).toBe(409);
    expect((await formOf('ban-noi-chinh'))?.data).toMatchObject({ scores: { 'I.1': { points: 90 } } });
  });

  it('rejects a form whose hidden version is not a number (cut short or tampered with) with the reload message, storing nothing', async () => {
    const browser = new Browser(web.stack.url);
    // A unit whose form no other test sends: an identical resubmission is answered as the one before it.
    const id = await unitLink('bao-tinh');
    await browser.get(`/l/${id}`);
    for (const formVersion of ['abc', '1e309', 'NaN', '-1']) {
      for (const intent of ['draft', 'submit']) {
        const response = await browser.post(`/l/${id}`, { intent, formVersion, ...completeScores() });
        expect(response.status).toBe(409);
        expect(await response.text()).toContain('Nội dung đã được thay đổi ở nơi khác (một thẻ khác?). Vui lòng tải lại trang.');
      }
    }
    expect(await formOf('bao-tinh')).toBeUndefined();
  });

  it('answers a forged link with a page saying so', async () => {
    const response = await new Browser(web.stack.url).get(`/l/${'A'.repeat(43)}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Liên kết không tồn tại');
  });

  it('shows the page in English on request', async () => {
    const response = await new Browser(web.stack.url).get(`/l/${await unitLink('bao-tinh')}?lang=en`);
    expect(await response.text()).toContain('Year-end self-assessment: Báo tỉnh');
  });

  describe('the unknown-link limiter', () => {
    const unknown = () => randomBytes(32).toString('base64url');
    /** Every route that takes a link id, as a client would call it with an unknown one. */
    const routes = (client: Browser): Array<() => Promise<Response>> => [
      () => client.get(`/l/${unknown()}`),
      () => client.post(`/l/${unknown()}`, { intent: 'submit' }),
      () => client.request('GET', `/api/links/${unknown()}`),
      () => client.request('POST', `/api/links/${unknown()}`, { intent: 'submit', data: {} }),
      () => client.get(`/signin/${unknown()}`),
      () => client.post(`/signin/${unknown()}`, {}),
      () => client.request('POST', `/api/signin/${unknown()}`, {}),
    ];

    it('lets exactly the limit of 120 concurrent unknown links from one address through', async () => {
      const client = new Browser(web.stack.url, '127.0.0.2');
      const statuses = await Promise.all(Array.from({ length: 120 }, async () => (await client.get(`/l/${unknown()}`)).status));
      expect(statuses.filter((s) => s === 404)).toHaveLength(UNKNOWN_LINKS.max);
      expect(statuses.filter((s) => s === 429)).toHaveLength(120 - UNKNOWN_LINKS.max);
    });

    it('still opens a known link from an address that used up its unknown links', async () => {
      const client = new Browser(web.stack.url, '127.0.0.3');
      for (let i = 0; i <= UNKNOWN_LINKS.max; i++) await client.get(`/l/${unknown()}`);
      expect((await client.get(`/l/${unknown()}`)).status).toBe(429);
      const known = await unitLink('bao-tinh');
      expect((await client.get(`/l/${known}`)).status).toBe(200);
      expect((await client.request('GET', `/api/links/${known}`)).status).toBe(200);
    });

    it('counts and refuses unknown links on every route that takes a link', async () => {
      const client = new Browser(web.stack.url, '127.0.0.4');
      await client.get('/signin'); // the CSRF cookie, so that the form posts reach the link
      const all = routes(client);
      const counted = [];
      for (let i = 0; i < UNKNOWN_LINKS.max; i++) counted.push((await all[i % all.length]!()).status);
      expect(counted).toEqual(counted.map(() => 404));
      const refused = [];
      for (const route of all) refused.push((await route()).status);
      expect(refused).toEqual(all.map(() => 429));
    });
  });
});
