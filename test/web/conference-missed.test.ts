import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDateOf, type Timeline } from '../../functions/domain/index.js';
import { Browser, signedInAdmin, startWebStack, type WebStack } from '../support/web.js';

const DAY_MS = 86_400_000;
const SECRETARY = 'vp-tinh-uy@dangbo.thidua.local';

describe('the secretary\'s files page of a pledge conference never recorded', () => {
  let web: WebStack;
  let link: string;
  let calendar: Timeline;

  beforeAll(async () => {
    web = await startWebStack();
    const { bearer, admin } = await signedInAdmin(web);
    const day = (n: number) => vietnamDateOf(web.stack.clock.now() + n * DAY_MS);
    calendar = {
      year: Number(day(0).slice(0, 4)),
      pledge: { opensOn: day(0), deadlineOn: day(1), conference: { at: '14:00', place: 'Hội trường Ban Tổ chức Tỉnh ủy', hostUnitId: 'ban-to-chuc' } },
      selfAssessment: { opensOn: day(2), deadlineOn: day(8) },
      crossCheck: { opensOn: day(9), deadlineOn: day(12) },
      vote: { opensOn: day(13), deadlineOn: day(16) },
      approval: { opensOn: day(17), deadlineOn: day(23) },
    } as Timeline;
    expect((await admin.request('POST', '/api/admin/cycles', { blocIds: ['khoi-dang'], timeline: calendar }, bearer)).status).toBe(200);
    await web.stack.idle();
    link = await web.linkFor(SECRETARY, /Ghi biên bản hội nghị ký kết giao ước/);
    // Noon of the self-assessment's first day: the pledge phase closed at its deadline without the record.
    await web.stack.advanceClock(Date.parse(`${calendar.selfAssessment.opensOn}T12:00:00+07:00`));
  }, 90_000);

  afterAll(() => web?.stop());

  it('says that no scan is taken any more, without a link to the closed record form or a way to upload', async () => {
    const response = await new Browser(web.stack.url).get(`/l/${link}/files`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<p>Hội nghị này không được ghi biên bản trong thời hạn; không còn nhận bản quét biên bản đã ký.</p>');
    expect(html).not.toContain('Ghi biên bản hội nghị</a>');
    expect(html).not.toMatch(/<form id="upload-signedMinutes"|type="file"/);
  });
});
