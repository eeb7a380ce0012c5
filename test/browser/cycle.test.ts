import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { criteriaOf, defaultCriteriaSheet, phaseInstants } from '../../functions/domain/index.js';
import { demoBloc, demoTimeline } from '../../local/demo/index.js';
import { DemoClient } from '../../local/simulate/client.js';
import { smallPdf } from '../support/files.js';
import { startWebStack, type WebStack } from '../support/web.js';
import { readFile } from 'node:fs/promises';
import { chromiumMissing, launchChromium, screenshot } from '../support/chromium.js';

const email = (unitId: string) => demoBloc.units.find((u) => u.id === unitId)!.email;
const UNITS = demoBloc.units.map((u) => u.id);
/** A complete self-assessment, `short` points below the maximum (so the units rank apart). */
/** The evidence the first unit attaches to criterion I.1 in the browser, and the approver opens. */
const evidence = { name: 'Minh chứng I.1.pdf', mimeType: 'application/pdf', buffer: smallPdf('Minh chung tieu chi I.1') };
const full = (short: number) => Object.fromEntries(criteriaOf(defaultCriteriaSheet).map((c) => [c.code, { points: c.kind === 'standard' ? c.maxPoints - (c.code === 'I.2' ? short : 0) : 0, note: '' }]));

describe.skipIf(chromiumMissing)('a cycle played in Chromium', () => {
  let web: WebStack;
  let client: DemoClient;
  let browser: Browser;
  let page: Page;
  let timeline: ReturnType<typeof demoTimeline>;
  let cycleId: string;

  beforeAll(async () => {
    web = await startWebStack();
    client = new DemoClient(web.stack.url, web.stack.endpoints.ses);
    await client.signIn(web.stack.adminSignInUrl);
    // This bloc votes online (its rules' choice; the secretary's record of a conference is test/browser/meeting.test.ts).
    const { blocs } = await client.call<{ blocs: Array<{ id: string; version: number; rules: object }> }>('GET', '/api/admin/blocs');
    const bloc = blocs.find((b) => b.id === 'khoi-dang')!;
    await client.call('PUT', '/api/admin/blocs/khoi-dang', { bloc: { ...bloc, rules: { ...bloc.rules, voteMode: 'online' } }, version: bloc.version });
    timeline = demoTimeline(await client.now());
    ({ cycles: [{ cycleId }] } = (await client.call('POST', '/api/admin/cycles', { blocIds: ['khoi-dang'], timeline })) as { cycles: [{ cycleId: string }] });
    await web.stack.idle();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('shows a wrong value next to its field, then takes the corrected form and emails a receipt', async () => {
    const [link] = await client.links(email('vp-tinh-uy'), /mở giai đoạn tự chấm điểm/);
    await page.goto(`${web.stack.url}/l/${link}`);
    for (const c of criteriaOf(defaultCriteriaSheet)) await page.getByLabel(`${c.code}.`, { exact: false }).first().isVisible();
    for (const c of criteriaOf(defaultCriteriaSheet)) await page.fill(`[id="points-${c.code}"]`, String(c.kind === 'standard' ? c.maxPoints : 0));
    await page.fill('[id="points-I.1"]', '120');
    // Over the sheet's scale, the running total says it counts up to the scale.
    await expect.poll(() => page.locator('#running-total').textContent()).toBe('1.020');
    await page.getByRole('button', { name: 'Nộp' }).click();
    await expect.poll(() => page.locator('#err-scores-I-1-points').textContent()).toContain('không được vượt quá 100');
    await screenshot(page, 'self-assessment-error');
    await page.fill('[id="points-I.1"]', '95,5');
    // Evidence for I.1: the page's script sends it straight to storage and lists it, keeping what was typed.
    await page.setInputFiles('#file-ev-I-1', evidence);
    await page.locator('button[form="upload-ev-I-1"]').click();
    await expect.poll(() => page.locator('#files-ev-I-1').textContent()).toContain(evidence.name);
    expect(await page.inputValue('[id="points-I.1"]')).toBe('95,5');
    await screenshot(page, 'self-assessment-evidence');
    await page.getByRole('button', { name: 'Nộp' }).click();
    await page.waitForURL(/done=submitted/);
    expect(await page.locator('[role=status]').textContent()).toContain('Đã nhận');
    await web.stack.idle();
    expect((await client.mail(email('vp-tinh-uy'))).map((m) => m.subject)).toContainEqual(expect.stringMatching(/Đã nhận tự chấm điểm/));
  }, 60_000);

  it('lets the approver read the dossier and approve it', async () => {
    for (const [i, unit] of UNITS.slice(1).entries()) {
      const [link] = await client.links(email(unit), /mở giai đoạn tự chấm điểm/);
      await client.call('POST', `/api/links/${link}`, { data: { scores: full(i + 1) } });
    }
    await client.jumpTo(Date.parse(phaseInstants(timeline.crossCheck).opensAt) + 60_000);
    for (const unit of UNITS) {
      const [link] = await client.links(email(unit), /Phân công kiểm tra chéo/);
      await client.call('POST', `/api/links/${link}`, { data: { items: Object.fromEntries(criteriaOf(defaultCriteriaSheet).map((c) => [c.code, { verdict: 'confirm' }])) } });
    }
    await client.jumpTo(Date.parse(phaseInstants(timeline.vote).opensAt) + 60_000);
    // The first unit casts its secret ballot on the page: the answer shows its receipt code once, and the
    // code then finds the ballot in the count.
    const [ballot] = await client.links(email(UNITS[0]!), /Phiếu bình xét/);
    await page.goto(`${web.stack.url}/l/${ballot}`);
    for (const radio of await page.locator('input[type=radio][value=yes]').all()) await radio.check();
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    const code = (await page.locator('.receipt-code').textContent())!.trim();
    expect(code.replaceAll('-', '')).toHaveLength(24);
    expect(page.url()).not.toContain(code);
    await page.getByRole('link', { name: 'Kiểm tra phiếu bầu bằng mã biên nhận' }).click();
    await page.fill('#receiptCode', code);
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    expect(await page.locator('[role=status]').textContent()).toContain('có trong số phiếu được kiểm');
    for (const unit of UNITS.slice(1)) {
      const [link] = await client.links(email(unit), /Phiếu bình xét/);
      const view = (await client.call('GET', `/api/links/${link}`)) as { window: { ballot: { flagCandidates: string[]; certificateNominees: string[] } }; rotation: object };
      const yes = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, true]));
      await client.call('POST', `/api/links/${link}`, { data: { flag: yes(view.window.ballot.flagCandidates), certificate: yes(view.window.ballot.certificateNominees), ...view.rotation } });
    }
    await client.jumpTo(Date.parse(phaseInstants(timeline.approval).opensAt) + 60_000);
    const [approval] = await client.links('ban-tdkt@thidua.local', /Đề nghị phê duyệt/);
    await page.goto(`${web.stack.url}/l/${approval}`);
    expect(await page.getByRole('table').first().textContent()).toContain('Văn phòng Tỉnh ủy');
    await screenshot(page, 'approval-dossier');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Bảng tổng hợp kết quả chấm điểm' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^bang-tong-hop-ket-qua-khoi-dang-\d{4}\.xlsx$/);
    // The evidence is listed with its unit, and opens through a short-lived presigned GET.
    expect(await page.locator('table.files').textContent()).toMatch(/Minh chứng · Tiêu chí I\.1.*Minh chứng I\.1\.pdf.*Văn phòng Tỉnh ủy/);
    const [opened] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: evidence.name }).click()]);
    expect(opened.suggestedFilename()).toBe(evidence.name);
    expect(await readFile((await opened.path())!)).toEqual(evidence.buffer);
    await page.fill('#decisionNumber', '2150/QĐ-UBND');
    await page.getByRole('button', { name: 'Phê duyệt' }).click();
    await page.waitForURL(/done=submitted/);
    await web.stack.idle();
  }, 120_000);

  it('shows the admin the final ranking after signing in by emailed link', async () => {
    await page.goto(`${web.stack.url}/signin`);
    await page.fill('#email', 'admin@thidua.local');
    await page.getByRole('button').last().click();
    await page.waitForURL(/sent=1/);
    const mail = (await client.mail('admin@thidua.local')).filter((m) => /đăng nhập/i.test(m.subject)).at(-1)!;
    await page.goto(mail.body.text!.match(/https?:\/\/\S+\/signin\/[A-Za-z0-9_-]{43}/)![0]);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/admin$/);
    await page.goto(`${web.stack.url}/admin/cycles/${cycleId}`);
    const ranking = await page.locator('table', { hasText: 'Xếp thứ' }).first().textContent();
    expect(ranking).toMatch(/Văn phòng Tỉnh ủy/);
    expect(ranking).toMatch(/Cờ thi đua/);
    await screenshot(page, 'admin-cycle');
  }, 60_000);

  it('names on the cycle page whom each unit cross-checked, as its assignment email did', async () => {
    const assigned = (await client.mail(email(UNITS[0]!))).find((m) => /Phân công kiểm tra chéo/.test(m.subject))!.subject.split(': ').at(-1)!;
    const table = page.locator('table', { hasText: 'Đơn vị kiểm tra → đơn vị được kiểm tra' });
    expect(await table.locator('tbody tr td:first-child').allTextContents()).toContain(`${demoBloc.units[0]!.name} → ${assigned}`);
  }, 30_000);
});
