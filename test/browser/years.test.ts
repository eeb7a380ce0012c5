import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadBlocSettings } from '../../functions/admin/settings.js';
import { vietnamDateOf, type UnitYearResult } from '../../functions/domain/index.js';
import { recordYearResults } from '../../functions/store/history.js';
import { startWebStack, type WebStack } from '../support/web.js';
import { chromiumMissing, launchChromium } from '../support/chromium.js';
import { problemsAtBothWidths } from './page-checks.js';

const BLOC = 'khoi-dang';

/**
 * Issue 16's admin screens at 1280 px and 375 px: the bloc's results across the years, both cycles of the
 * overlapping years, the start form proposing last year's calendar, and its refusals beside the field.
 */
describe.skipIf(chromiumMissing)("the admin's screens of a bloc's years, on a desk and on a phone", () => {
  let web: WebStack;
  let browser: Browser;
  let page: Page;
  let year: number;
  const problems: string[] = [];
  const visit = async (path: string, name: string) => {
    await page.goto(`${web.stack.url}${path}`);
    problems.push(...(await problemsAtBothWidths(page, name)));
  };

  beforeAll(async () => {
    web = await startWebStack();
    const now = web.stack.clock.now();
    year = Number(vietnamDateOf(now).slice(0, 4));
    const { bloc } = await loadBlocSettings(web.stack.store, BLOC);
    const results: UnitYearResult[] = [1, 2, 3].flatMap((back) =>
      bloc.units.map((u, i) => ({
        blocId: BLOC, unitId: u.id, year: year - back, place: i + 1, total: 99_000 - i * 700, classification: 'tot' as const,
        ...(i === 0 ? { awardProposed: 'flag', awardDecided: 'flag', decisionNumber: `${50 + back}/QĐ-UBND`, decisionDate: `${year - back + 1}-03-01` } : {}),
      })),
    );
    for (let i = 0; i < results.length; i += 25) await recordYearResults(web.stack.store, results.slice(i, i + 25), new Date(now));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(web.stack.adminSignInUrl);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/admin$/);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it("shows the bloc's results across the years readably", async () => {
    await visit(`/admin/blocs/${BLOC}`, 'bloc page with its years');
    expect(await page.locator('table.history tbody tr').count()).toBeGreaterThanOrEqual(27);
    expect(problems).toEqual([]);
  });

  it("starts this year's cycle, then next year's from the form proposing this year's calendar, and shows both readably", async () => {
    await page.goto(`${web.stack.url}/admin`);
    await page.check(`#bloc-${BLOC}`);
    await page.getByRole('button', { name: 'Phát động' }).click();
    await page.waitForURL(/started=1/);
    await web.stack.idle();
    await visit(`/admin?year=${year + 1}&bloc=${BLOC}`, 'start form with last year\'s calendar');
    expect(await page.locator('#start ~ form .meta, form .meta').first().innerText()).toContain(`lịch năm ${year}`);
    await page.getByRole('button', { name: 'Phát động' }).click();
    await page.waitForURL(/started=1/);
    await web.stack.idle();
    await visit(`/admin?year=${year}`, 'dashboard with both cycles');
    await page.getByRole('link', { name: new RegExp(`Kỳ thi đua năm ${year + 1}$`) }).click();
    await page.waitForURL(new RegExp(`/admin/cycles/${BLOC}-${year + 1}$`));
    problems.push(...(await problemsAtBothWidths(page, "next year's cycle")));
    await page.getByRole('link', { name: `Kỳ thi đua năm ${year}`, exact: true }).click();
    await page.waitForURL(new RegExp(`/admin/cycles/${BLOC}-${year}$`));
    expect(problems).toEqual([]);
  });

  it('refuses a second cycle of the year and rules without an awarding body, each error linked to its field', async () => {
    await page.goto(`${web.stack.url}/admin?year=${year + 1}`);
    await page.check(`#bloc-${BLOC}`);
    await page.fill('#approval-deadline', await page.inputValue('#approval-opens'));
    await page.getByRole('button', { name: 'Phát động' }).click();
    await page.waitForLoadState();
    problems.push(...(await problemsAtBothWidths(page, 'second cycle refused')));
    expect(await page.locator('[role=alert]').innerText()).toContain(`Khối đã có kỳ thi đua năm ${year + 1}`);

    await page.goto(`${web.stack.url}/admin/blocs/${BLOC}`);
    await page.fill('#aw-body', '');
    await page.getByRole('button', { name: 'Lưu quy chế' }).click();
    await page.waitForLoadState();
    problems.push(...(await problemsAtBothWidths(page, 'rules without an awarding body')));
    expect(await page.locator('#err-awarding-body').innerText()).toContain('cần ghi cơ quan khen thưởng');
    expect(problems).toEqual([]);
  });
});
