import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeline } from '../../functions/domain/index.js';
import { demoTimeline } from '../../local/demo/index.js';
import { pledgeCalendar, recordFields, sittingOf } from '../support/conference.js';
import { Browser, signedInAdmin, startWebStack, type WebStack } from '../support/web.js';

const DAY_MS = 86_400_000;
const ADMIN = 'admin@thidua.local';
const SECRETARY = 'vp-tinh-uy@dangbo.thidua.local';

/**
 * A request that does not fit the cycle's state (SPEC §7), met through the pages and the JSON API: the
 * person reads why in Vietnamese, never the English message the log keeps.
 */
describe('refusals by the cycle\'s state, in words', () => {
  let web: WebStack;
  let admin: Browser;
  let bearer: Record<string, string>;
  let cycleId: string;
  let calendar: Timeline;
  const english = /not available|not open|has not been|refused:|\{"reason"/;

  beforeAll(async () => {
    web = await startWebStack();
    ({ admin, bearer } = await signedInAdmin(web));
    const started = await admin.request('POST', '/api/admin/cycles', { blocIds: ['khoi-dang'], timeline: (calendar = pledgeCalendar(web.stack.clock.now())) }, bearer);
    ({ cycleId } = ((await started.json()) as { cycles: [{ cycleId: string }] }).cycles[0]);
    await web.stack.idle();
  }, 120_000);

  afterAll(() => web?.stop());

  /** A page refused with 409 that says `sentence` and none of the log's English. */
  async function expectRefusedPage(request: Promise<Response>, sentence: string): Promise<void> {
    const response = await request;
    const html = await response.text();
    expect(response.status).toBe(409);
    expect(html).toContain(sentence);
    expect(html).not.toMatch(english);
  }

  /** A sign-in link emailed to the admin and not used yet. */
  async function freshSignInLink(): Promise<string> {
    const stranger = new Browser(web.stack.url);
    await stranger.get('/signin');
    await stranger.post('/signin', { email: ADMIN });
    await web.stack.idle();
    return web.linkFor(ADMIN, /đăng nhập/);
  }

  it('tells the admin a document waits for the scoring, in Vietnamese', async () => {
    await expectRefusedPage(admin.get(`/admin/cycles/${cycleId}/documents/scoreSummary`), 'Văn bản này chưa có: khối chưa được tính điểm, xếp hạng.');
  });

  it('tells the admin a report draft is not drawn up yet, in Vietnamese', async () => {
    await expectRefusedPage(admin.get(`/admin/cycles/${cycleId}/documents/yearReport`), 'Bản dự thảo này chưa có: dự thảo được lập khi giai đoạn tương ứng đã có kết quả.');
  });

  it('tells whoever opens an admin\'s sign-in link as a form that it is a sign-in link, in Vietnamese', async () => {
    await expectRefusedPage(new Browser(web.stack.url).get(`/l/${await freshSignInLink()}`), 'Đây là liên kết đăng nhập của quản trị viên, không phải biểu mẫu.');
  });

  it('tells the pledge conference\'s secretary the record has no drafts, naming the phase in Vietnamese', async () => {
    const secretary = new Browser(web.stack.url);
    const link = await web.linkFor(SECRETARY, /Ghi biên bản hội nghị ký kết giao ước/);
    await secretary.get(`/l/${link}`);
    const response = await secretary.post(`/l/${link}`, recordFields(sittingOf(calendar), { intent: 'draft' }));
    const html = await response.text();
    expect(response.status).toBe(409);
    expect(html).toContain('Biểu mẫu &quot;Ký giao ước thi đua&quot; không lưu nháp được: hãy điền đủ rồi gửi một lần.');
  });

  it('answers the JSON API\'s refusal of a sign-in link with the code "state" and the Vietnamese sentence beside the link', async () => {
    const response = await new Browser(web.stack.url).request('POST', `/api/links/${await freshSignInLink()}`, { intent: 'draft', data: {} });
    const sentence = 'Đây là liên kết đăng nhập của quản trị viên, không phải biểu mẫu.';
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { status: 409, code: 'state', message: sentence, fields: [{ path: 'link', message: sentence }] } });
  });

  it('tells the admin a timeline whose deadlines have all passed cannot start, in Vietnamese', async () => {
    const past = demoTimeline(web.stack.clock.now() - 40 * DAY_MS);
    const response = await admin.request('POST', '/api/admin/cycles', { blocIds: ['khoi-dang'], timeline: { ...past, year: past.year + 1 } }, bearer);
    const { cycles } = (await response.json()) as { cycles: { error?: { code: string; message: string } }[] };
    expect(cycles[0]!.error).toMatchObject({ code: 'timeline', message: 'Mốc thời gian không hợp lệ: mọi hạn chót của lịch này đã qua. Vui lòng chọn các ngày sắp tới.' });
  });
});
