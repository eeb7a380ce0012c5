import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { criteriaOf, defaultCriteriaSheet, phaseInstants } from '../../functions/domain/index.js';
import { RESULT_NAMES, readResult, type Proposal, type VoteRound } from '../../functions/cycle/results.js';
import { demoBloc, demoTimeline } from '../../local/demo/index.js';
import { DemoClient } from '../../local/simulate/client.js';
import { startWebStack, type WebStack } from '../support/web.js';
import { chromiumMissing, launchChromium, screenshot } from '../support/chromium.js';
import { problemsAtBothWidths } from './page-checks.js';

const email = (unitId: string) => demoBloc.units.find((u) => u.id === unitId)!.email;
const UNITS = demoBloc.units.map((u) => u.id);
/** Points short of the maximum per unit: Ban Tuyên giáo and Ban Dân vận share the third place. */
const SHORT: Record<string, number> = { 'vp-tinh-uy': 0, 'ban-to-chuc': 1, 'ban-tuyen-giao': 2, 'ban-dan-van': 2, ubkt: 4, 'ban-noi-chinh': 5, 'bao-tinh': 6, 'truong-chinh-tri': 7, 'dang-uy-khoi': 8 };
const full = (short: number) => Object.fromEntries(criteriaOf(defaultCriteriaSheet).map((c) => [c.code, { points: c.kind === 'standard' ? c.maxPoints - (c.code === 'I.2' ? short : 0) : 0, note: '' }]));

describe.skipIf(chromiumMissing)('the secretary records the year-end conference in Chromium', () => {
  let web: WebStack;
  let client: DemoClient;
  let browser: Browser;
  let page: Page;
  let timeline: ReturnType<typeof demoTimeline>;
  let cycleId: string;
  let link: string;

  beforeAll(async () => {
    web = await startWebStack();
    client = new DemoClient(web.stack.url, web.stack.endpoints.ses);
    await client.signIn(web.stack.adminSignInUrl);
    // The demo bloc votes at its conference by secret paper ballot (the default), written votes of absent members counted in.
    timeline = demoTimeline(await client.now());
    ({ cycles: [{ cycleId }] } = (await client.call('POST', '/api/admin/cycles', { blocIds: ['khoi-dang'], timeline })) as { cycles: [{ cycleId: string }] });
    await client.jumpTo(Date.parse(phaseInstants(timeline.selfAssessment).opensAt) + 60_000);
    for (const unit of UNITS) {
      const [self] = await client.links(email(unit), /mở giai đoạn tự chấm điểm/);
      await client.call('POST', `/api/links/${self}`, { data: { scores: full(SHORT[unit]!) } });
    }
    await client.jumpTo(Date.parse(phaseInstants(timeline.crossCheck).opensAt) + 60_000);
    for (const unit of UNITS) {
      const [check] = await client.links(email(unit), /Phân công kiểm tra chéo/);
      await client.call('POST', `/api/links/${check}`, { data: { items: Object.fromEntries(criteriaOf(defaultCriteriaSheet).map((c) => [c.code, { verdict: 'confirm' }])) } });
    }
    await client.jumpTo(Date.parse(phaseInstants(timeline.vote).opensAt) + 60_000);
    link = (await client.links(email('vp-tinh-uy'), /Ghi biên bản hội nghị/))[0]!;
    // The secretary records the conference once it has sat (the form holds the planned time, 08:00 on the vote's last day).
    const { window } = await client.call<{ window: { meeting: { planned: { heldAt: string } } } }>('GET', `/api/links/${link}`);
    await client.jumpTo(Date.parse(window.meeting.planned.heldAt) + 3 * 3_600_000);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('shows a tally larger than the members present beside its field, storing nothing, at 1280 and 375 px', async () => {
    await page.goto(`${web.stack.url}/l/${link}`);
    expect(await page.locator('h1').textContent()).toContain('Biên bản hội nghị tổng kết');
    await page.fill('#place', 'Hội trường Văn phòng Tỉnh ủy');
    await page.uncheck('#attendance-bao-tinh-0'); // the newspaper is absent
    await page.check('#cc-ban-noi-chinh-0');
    await page.check('#cc-truong-chinh-tri-0');
    for (const input of await page.locator('input[name^="rounds.0.certificate."]').all()) await input.fill('8');
    await page.fill('[id="rounds.0.flag.vp-tinh-uy"]', '12');
    await page.check('#pledgeSigned');
    await page.getByRole('button', { name: 'Gửi biên bản' }).click();
    await expect.poll(() => page.locator('#err-rounds-0-flag-vp-tinh-uy').textContent()).toContain('không được vượt quá 8');
    expect(await page.inputValue('#place')).toBe('Hội trường Văn phòng Tỉnh ủy');
    expect(await page.isChecked('#cc-ban-noi-chinh-0')).toBe(true);
    expect(await problemsAtBothWidths(page, 'meeting record with an error')).toEqual([]);
    await page.setViewportSize({ width: 375, height: 812 });
    await screenshot(page, 'meeting-record-error-375');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await readResult(web.stack.store, cycleId, RESULT_NAMES.vote(1))).toBeUndefined();
  }, 60_000);

  it('takes the corrected record with a runoff, a written vote and the order of the two units placed third', async () => {
    await page.fill('[id="rounds.0.flag.vp-tinh-uy"]', '7');
    await page.fill('[id="rounds.1.flag.vp-tinh-uy"]', '9');
    await page.check('[id="rounds.1.writtenVoters-bao-tinh"]');
    await page.selectOption('[id="equalOrder.0.unitIds.0"]', 'ban-dan-van');
    await page.selectOption('[id="equalOrder.0.unitIds.1"]', 'ban-tuyen-giao');
    await page.fill('[id="equalOrder.0.reason"]', 'Ban Dân vận có mô hình "Dân vận khéo" được nhân rộng');
    await screenshot(page, 'meeting-record');
    await page.getByRole('button', { name: 'Gửi biên bản' }).click();
    await page.waitForURL(/done=submitted/);
    expect(await page.locator('[role=status]').textContent()).toContain('Đã nhận');
    expect(await page.locator('table').last().textContent()).toContain('Ban Dân vận Tỉnh ủy → Ban Tuyên giáo Tỉnh ủy');
  }, 60_000);

  it('refuses a second record of the same conference', async () => {
    await page.goto(`${web.stack.url}/l/${link}`);
    expect(await page.locator('[role=status]').textContent()).toContain('đã được ghi trước đó');
    expect(await page.locator('form[method=post]').count()).toBe(0);
  });

  it('moves the cycle on with what the room decided', async () => {
    await client.jumpTo(Date.parse(phaseInstants(timeline.approval).opensAt) + 60_000);
    const rounds = await Promise.all([1, 2].map((r) => readResult<VoteRound>(web.stack.store, cycleId, RESULT_NAMES.vote(r))));
    expect(rounds.map((r) => r?.outcome.kind)).toEqual(['runoff', 'decided']);
    expect(await readResult<Proposal>(web.stack.store, cycleId, RESULT_NAMES.proposal)).toMatchObject({ flag: ['vp-tinh-uy'], flagDecidedBy: 'vote' });
    expect(await client.links('ban-tdkt@thidua.local', /Đề nghị phê duyệt/)).toHaveLength(1);
  }, 60_000);
});
