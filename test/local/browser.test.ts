import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTimeline } from '../../local/demo/index.js';
import { readMail } from '../../local/services/ses.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';

/** What a newcomer does after `npm start`, in Debian's Chromium: sign in, start a cycle, act as a unit from its email, jump to the next phase. */
let dataDir: string;
let stack: LocalStack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'thidua-browser-'));
  [stack, browser] = await Promise.all([startLocalStack({ dataDir, port: 0, inMemory: true, demoTools: true, log: () => {} }), chromium.launch({ executablePath: '/usr/bin/chromium' })]);
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the local stack in a browser', { timeout: 60_000 }, () => {
  it('signs the admin in with the printed link', async () => {
    await page.goto(stack.adminSignInUrl);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${stack.url}/admin`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Các kỳ thi đua');
  });

  it('starts a cycle of the demo bloc from the admin console', async () => {
    const timeline = demoTimeline(stack.clock.now());
    await page.locator('input[name="blocId"][value="khoi-dang"]').check();
    for (const phase of ['selfAssessment', 'crossCheck', 'vote', 'approval'] as const) {
      await page.locator(`input[name="${phase}.opensOn"]`).fill(timeline[phase].opensOn);
      await page.locator(`input[name="${phase}.deadlineOn"]`).fill(timeline[phase].deadlineOn);
    }
    await page.getByRole('button', { name: 'Phát động' }).click();
    await page.waitForURL(/started=1/);
    await stack.idle();
  });

  it('shows the phase emails in the mail viewer', async () => {
    const viewer = await browser.newPage();
    await viewer.goto(stack.mailViewerUrl);
    await expect.poll(() => viewer.getByText(/mở giai đoạn tự chấm điểm/).count()).toBeGreaterThanOrEqual(9);
    await viewer.close();
  });

  it('lets a unit submit its self-assessment through the link in its email', async () => {
    const [mail] = await readMail(stack.endpoints.ses, { recipient: 'vp-tinh-uy@dangbo.thidua.local' });
    const link = mail!.body.text!.match(/http:\/\/\S+\/l\/[A-Za-z0-9_-]{43}/)![0];
    await page.goto(link);
    for (const input of await page.locator('input[name^="points."]').all()) {
      const bonusOrPenalty = /points\.(V|VI)\./.test((await input.getAttribute('name')) ?? '');
      await input.fill(bonusOrPenalty ? '0' : ((await input.getAttribute('max')) ?? '0'));
    }
    await page.locator('button[name="intent"][value="submit"]').click();
    await page.waitForURL(/done=submitted/);
    await expect.poll(() => page.getByText(/Đã nhận/).count()).toBeGreaterThan(0);
  });

  it('jumps to the next phase with the demo tools, which sends the cross-check assignments', async () => {
    await page.goto(`${stack.url}/_local`);
    await page.getByRole('button', { name: /^Nhảy tới/ }).click();
    await page.waitForURL(`${stack.url}/_local`);
    await stack.idle();
    const assignments = (await readMail(stack.endpoints.ses)).filter((m) => /Phân công kiểm tra chéo/.test(m.subject));
    expect(assignments.length).toBeGreaterThan(0);
  });
});
