import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startWebStack, type WebStack } from '../support/web.js';
import { chromiumMissing, launchChromium } from '../support/chromium.js';

const ADMIN = 'admin@thidua.local';

/**
 * A double click in a real browser: the second click's request is the one whose answer the browser shows.
 * The sign-in link is used once, and its session id is in the first answer only.
 */
describe.skipIf(chromiumMissing)('a double click on the sign-in button', () => {
  let web: WebStack;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebStack();
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
});
