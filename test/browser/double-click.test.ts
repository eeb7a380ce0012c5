import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { criteriaOf, defaultCriteriaSheet } from '../../functions/domain/index.js';
import { demoBloc, demoTimeline } from '../../local/demo/index.js';
import { DemoClient } from '../../local/simulate/client.js';
import { startWebStack, type WebStack } from '../support/web.js';
import { chromiumMissing, launchChromium } from '../support/chromium.js';

const ADMIN = 'admin@thidua.local';

/**
 * A double click in a real browser: the second click's request is the one whose answer the browser shows.
 * The sign-in link is used once, and its session id is in the first answer only.
 */
describe.skipIf(chromiumMissing)('a double click on a form\'s button', () => {
  let web: WebStack;
  let browser: Browser;
  let client: DemoClient;

  beforeAll(async () => {
    web = await startWebStack();
    // Signed in before the sign-in test asks for new links, which revoke the stack's own.
    client = new DemoClient(web.stack.url, web.stack.endpoints.ses);
    await client.signIn(web.stack.adminSignInUrl);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('rejects the second click of a double click: the admin lands in the console signed in, not on "this link has already been used"', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${web.stack.url}/signin`);
      await page.fill('#email', ADMIN);
      await page.click('form[action="/signin"] button');
      await page.goto(`${web.stack.url}/signin/${await web.linkFor(ADMIN, /đăng nhập/)}`);
      const posts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST') posts.push(request.url());
      });
      // Two clicks of the mouse as a person's double click sends them, the second while the first one's answer is on its way.
      const button = (await page.locator('form[action^="/signin/"] button').boundingBox())!;
      await page.mouse.click(button.x + 5, button.y + 5);
      await page.waitForTimeout(60);
      await page.mouse.click(button.x + 5, button.y + 5);
      await page.waitForURL(`${web.stack.url}/admin`, { timeout: 5_000 }).catch(() => undefined);
      expect(await page.textContent('h1')).not.toContain('đã được sử dụng');
      expect(page.url()).toBe(`${web.stack.url}/admin`);
      expect((await context.cookies()).map((c) => c.name)).toContain('thidua_session');
      expect(posts).toHaveLength(1); // the link was used by one request, the one whose answer the browser shows
      await context.close();
    }
  }, 60_000);

  it('sends a unit\'s self-assessment once on a double click of "Nộp": the unit sees "Đã nhận", not "changed elsewhere"', async () => {
    await client.call('POST', '/api/admin/cycles', { blocIds: ['khoi-dang'], timeline: demoTimeline(await client.now()) });
    await web.stack.idle();
    const unit = demoBloc.units[0]!;
    const [link] = await client.links(unit.email, /mở giai đoạn tự chấm điểm/);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${web.stack.url}/l/${link}`);
    for (const c of criteriaOf(defaultCriteriaSheet)) await page.fill(`[id="points-${c.code}"]`, String(c.kind === 'standard' ? c.maxPoints : 0));
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await page.getByRole('button', { name: 'Nộp' }).dblclick();
    await page.waitForURL(/done=submitted/, { timeout: 10_000 });
    expect(await page.locator('[role=status]').textContent()).toContain('Đã nhận');
    expect(posts).toHaveLength(1);
    await context.close();
  }, 60_000);
});
