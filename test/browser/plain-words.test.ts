import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { criteriaOf, defaultCriteriaSheet, phaseInstants, vietnamDateOf, type Timeline } from '../../functions/domain/index.js';
import { demoBloc } from '../../local/demo/index.js';
import { DemoClient } from '../../local/simulate/client.js';
import { startWebStack, type WebStack } from '../support/web.js';
import { chromiumMissing, launchChromium, screenshot } from '../support/chromium.js';
import { problemsAtBothWidths } from './page-checks.js';

const email = (unitId: string) => demoBloc.units.find((u) => u.id === unitId)!.email;
const UNITS = demoBloc.units.map((u) => u.id);
const APPROVER = 'ban-tdkt@thidua.local';
const DAY_MS = 86_400_000;

/**
 * Issue 18's acceptance: a whole cycle played through the pages only (the admin, 9 units, the approver),
 * every page checked at 1280 px and 375 px for words a reader understands and controls they can reach.
 */
describe.skipIf(chromiumMissing)('every page of a cycle, in words an officer understands', () => {
  let web: WebStack;
  let client: DemoClient;
  let browser: Browser;
  let page: Page;
  let timeline: Timeline;
  const problems: string[] = [];
  /** Opens a page and checks it at both widths. */
  const visit = async (path: string, name: string) => {
    await page.goto(`${web.stack.url}${path}`);
    await check(name);
  };
  const check = async (name: string) => problems.push(...(await problemsAtBothWidths(page, name)));
  const submit = async (label: string, done = /done=/) => {
    await page.getByRole('button', { name: label, exact: true }).click();
    await page.waitForURL(done);
  };
  const jumpTo = async (phase: 'crossCheck' | 'vote' | 'approval') => {
    await client.jumpTo(Date.parse(phaseInstants(timeline[phase]).opensAt) + 60_000);
    await web.stack.idle();
  };
  const linkOf = async (to: string, subject: RegExp) => (await client.links(to, subject)).at(-1)!;

  beforeAll(async () => {
    web = await startWebStack();
    client = new DemoClient(web.stack.url, web.stack.endpoints.ses);
    const now = await client.now();
    const day = (n: number) => vietnamDateOf(now + n * DAY_MS);
    timeline = {
      year: Number(day(0).slice(0, 4)),
      pledge: { opensOn: day(0), deadlineOn: day(1) },
      selfAssessment: { opensOn: day(2), deadlineOn: day(6) },
      crossCheck: { opensOn: day(7), deadlineOn: day(10) },
      vote: { opensOn: day(11), deadlineOn: day(14) },
      approval: { opensOn: day(15), deadlineOn: day(21) },
    };
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('lets the admin sign in and start the cycle, with each date error beside its field', async () => {
    await visit('/signin', 'sign-in');
    await page.fill('#email', 'admin@thidua.local');
    await submit('Gửi liên kết đăng nhập', /sent=1/);
    await check('sign-in sent');
    const mail = (await client.mail('admin@thidua.local')).filter((m) => /đăng nhập/i.test(m.subject)).at(-1)!;
    expect(mail.body.text).toContain('Kính gửi Quản trị viên hệ thống Thi đua');
    await page.goto(mail.body.text!.match(/https?:\/\/\S+\/signin\/[A-Za-z0-9_-]{43}/)![0]);
    await check('sign-in link');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/admin$/);
    await check('dashboard');
    expect(await page.inputValue('#selfAssessment-opens')).not.toBe('');
    await page.check('input[name=blocId][value=khoi-dang]');
    await page.fill('#year', String(timeline.year));
    for (const phase of ['pledge', 'selfAssessment', 'crossCheck', 'vote', 'approval'] as const) {
      await page.fill(`#${phase}-opens`, timeline[phase]!.opensOn);
      await page.fill(`#${phase}-deadline`, timeline[phase]!.deadlineOn);
    }
    await page.fill('#midYear-opens', '');
    await page.fill('#midYear-deadline', '');
    await page.fill('#crossCheck-opens', timeline.selfAssessment.opensOn);
    await page.getByRole('button', { name: 'Phát động' }).click();
    await page.waitForLoadState();
    await page.getByRole('link', { name: 'Kiểm tra chéo – Ngày mở' }).click();
    expect(await page.evaluate(() => document.activeElement?.id ?? location.hash)).toMatch(/crossCheck-opens/);
    await check('start form with an error');
    await screenshot(page, 'start-form-error');
    await page.fill('#crossCheck-opens', timeline.crossCheck.opensOn);
    await page.getByRole('button', { name: 'Phát động' }).click();
    await page.waitForURL(/started=1/);
    await web.stack.idle();
  }, 120_000);

  it('takes every unit through the pledge and the self-assessment, keeping what was typed on an error', async () => {
    for (const unit of UNITS) {
      await page.goto(`${web.stack.url}/l/${await linkOf(email(unit), /ký giao ước/i)}`);
      if (unit === UNITS[0]) {
        expect(await page.locator('.card').first().innerText()).toContain(`giao ước thi đua năm ${timeline.year}, cam kết`);
        await page.getByRole('button', { name: 'Nộp' }).click();
        await page.waitForLoadState();
        await check('pledge with errors');
        await page.getByRole('link', { name: 'Đơn vị đồng ý và cam kết thực hiện giao ước thi đua' }).isVisible();
      }
      await page.check('#accepted');
      await page.fill('#signerName', 'Nguyễn Văn A');
      await page.fill('#signerTitle', 'Chánh Văn phòng');
      await submit('Nộp');
      if (unit === UNITS[0]) {
        await check('pledge receipt');
        expect(await page.locator('table').innerText()).toMatch(/Họ và tên người ký\s+Nguyễn Văn A/);
      }
    }
    await client.jumpTo(Date.parse(phaseInstants(timeline.selfAssessment).opensAt) + 60_000);
    await web.stack.idle();
    for (const [i, unit] of UNITS.entries()) {
      await page.goto(`${web.stack.url}/l/${await linkOf(email(unit), /mở giai đoạn tự chấm điểm/)}`);
      for (const c of criteriaOf(defaultCriteriaSheet)) await page.fill(`[id="points-${c.code}"]`, c.kind === 'standard' ? String(c.maxPoints - (c.code === 'I.2' ? i : 0)) : '0');
      if (i === 0) {
        await check('self-assessment');
        await screenshot(page, 'self-assessment');
        await page.fill('[id="points-I.1"]', '');
        await page.fill('[id="note-I.1"]', 'Ghi chú giữ lại');
        await page.getByRole('button', { name: 'Nộp' }).click();
        await page.waitForLoadState();
        expect(await page.inputValue('[id="note-I.1"]')).toBe('Ghi chú giữ lại');
        expect(await page.getAttribute('[id="points-I.1"]', 'aria-invalid')).toBe('true');
        await check('self-assessment with an error');
        await page.setViewportSize({ width: 375, height: 812 });
        await screenshot(page, 'self-assessment-phone');
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.fill('[id="points-I.1"]', '99,25');
      }
      await submit('Nộp');
      if (i === 0) {
        await check('self-assessment receipt');
        const receipt = await page.locator('table').innerText();
        expect(receipt).toContain('99,25/100 — Ghi chú giữ lại');
        expect(receipt).toMatch(/Tổng điểm\s+999,25/);
        // A second submission, changed, is the unit's "lần 2" in the audit trail.
        await page.getByRole('link', { name: 'Sửa và nộp lại: tự chấm điểm cuối năm' }).click();
        await page.fill('[id="note-I.1"]', 'Ghi chú đã bổ sung');
        await submit('Nộp');
      }
    }
    // Every unit has submitted, and the phase stays open to its deadline: the admin can still extend it.
    await visit(`/admin/cycles/khoi-dang-${timeline.year}`, 'cycle page, self-assessment open');
    expect(await page.locator('#ext-phase').innerText()).toContain('Tự chấm điểm cuối năm');
  }, 300_000);

  it('takes every unit through the cross-check, and the secretary through the record of the conference', async () => {
    await jumpTo('crossCheck');
    for (const [i, unit] of UNITS.entries()) {
      await page.goto(`${web.stack.url}/l/${await linkOf(email(unit), /Phân công kiểm tra chéo/)}`);
      if (i === 0) {
        expect(await page.locator('h1').innerText()).toMatch(/^Kiểm tra chéo kết quả tự chấm điểm của /);
        expect(await page.locator('[id="points-I.1"]').isVisible()).toBe(false);
        await check('cross-check');
        await page.locator('input[name="verdict.I.1"][value=correct]').check();
        await page.fill('[id="points-I.1"]', '69,5');
        await page.fill('[id="reason-I.1"]', 'Thiếu minh chứng');
        await screenshot(page, 'cross-check');
      }
      await submit('Nộp');
      if (i === 0) await check('cross-check receipt');
    }
    await jumpTo('vote');
    // The bloc votes at its year-end conference (the default): the leader unit's officer records it.
    const secretaryLink = await linkOf(email('vp-tinh-uy'), /Ghi biên bản hội nghị/);
    // It is recorded once it has sat: the form holds the planned time, 08:00 on the vote's last day.
    const { window } = await client.call<{ window: { meeting: { planned: { heldAt: string } } } }>('GET', `/api/links/${secretaryLink}`);
    await client.jumpTo(Date.parse(window.meeting.planned.heldAt) + 3 * 3_600_000);
    await web.stack.idle();
    await page.goto(`${web.stack.url}/l/${secretaryLink}`);
    await check('meeting record');
    await page.getByRole('button', { name: 'Gửi biên bản' }).click();
    await page.waitForLoadState();
    await check('meeting record with errors');
    await page.fill('#place', 'Hội trường Văn phòng Tỉnh ủy');
    await page.check('#cc-ban-noi-chinh-0');
    await page.check('#cc-truong-chinh-tri-0');
    // The room settles the flag on its first candidate and approves every certificate.
    for (const [i, input] of (await page.locator('input[name^="rounds.0.flag."]').all()).entries()) await input.fill(i === 0 ? String(UNITS.length) : '0');
    for (const input of await page.locator('input[name^="rounds.0.certificate."]').all()) await input.fill(String(UNITS.length));
    await page.check('#pledgeSigned');
    await submit('Gửi biên bản');
    await check('meeting record receipt');
  }, 300_000);

  it('lets the approver return the dossier, the leader revise it, and the approver approve it', async () => {
    await jumpTo('approval');
    await page.goto(`${web.stack.url}/l/${await linkOf(APPROVER, /Đề nghị phê duyệt/)}`);
    await check('approval');
    await page.fill('#reason', 'Bổ sung biên bản họp');
    await submit('Trả lại để hoàn thiện');
    await check('approval receipt (returned)');
    await web.stack.idle();
    await page.goto(`${web.stack.url}/l/${await linkOf(email('vp-tinh-uy'), /trả lại để hoàn thiện/)}`);
    await check('revision');
    await page.fill('#response', 'Đã bổ sung biên bản họp');
    await submit('Nộp');
    await check('revision receipt');
    await web.stack.idle();
    await page.goto(`${web.stack.url}/l/${await linkOf(APPROVER, /Đề nghị phê duyệt.*lần 2/)}`);
    await page.fill('#decisionNumber', '2150/QĐ-UBND');
    // Dated the day the approval opened: a decision is not dated after the day it is recorded.
    await page.fill('#decisionDate', timeline.approval.opensOn);
    await screenshot(page, 'approval-dossier');
    await submit('Phê duyệt');
    await check('approval receipt');
    const [y, m, d] = timeline.approval.opensOn.split('-');
    expect(await page.locator('table').innerText()).toMatch(new RegExp(`Ngày quyết định\\s+${d}/${m}/${y}`));
    await web.stack.idle();
    const results = (await client.mail(email('ubkt'))).find((m) => /Kết quả thi đua/.test(m.subject))!;
    expect(results.body.text).toContain('đã được phê duyệt theo Quyết định số 2150/QĐ-UBND');
    expect(results.body.text).toContain('Trưởng khối: Văn phòng Tỉnh ủy');
  }, 300_000);

  it('shows the admin the outcome, the decision and the audit trail in sentences', async () => {
    // Three weeks of clock jumps in the demo tools have not ended the admin's session.
    await visit(`/admin?year=${timeline.year}`, 'dashboard after approval');
    expect(page.url()).toMatch(/\/admin\?year=/);
    expect(await page.locator('table').first().innerText()).toContain('Đã được phê duyệt');
    const cycleId = `khoi-dang-${timeline.year}`;
    await visit(`/admin/cycles/${cycleId}`, 'cycle page');
    expect(await page.locator('main').innerText()).toContain('Số quyết định: 2150/QĐ-UBND');
    expect(await page.locator('table', { hasText: 'Xếp thứ' }).first().innerText()).toMatch(/Khen thưởng/);
    await screenshot(page, 'admin-cycle');
    await visit(`/admin/cycles/${cycleId}/audit`, 'audit trail');
    const trail = await page.locator('ol.audit').innerText();
    expect(trail).toMatch(/Văn phòng Tỉnh ủy nộp bản tự chấm điểm lần 2, \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    expect(trail).toContain('Ban Thi đua – Khen thưởng trả lại hồ sơ để hoàn thiện');
    expect(trail).toContain('Ban Thi đua – Khen thưởng phê duyệt hồ sơ của khối theo Quyết định số 2150/QĐ-UBND');
    await screenshot(page, 'audit-trail');
    await visit(`/admin/cycles/${cycleId}/audit?unit=ubkt&kind=submissions`, 'audit trail filtered');
    expect(await page.locator('ol.audit li').count()).toBeGreaterThan(0);
    await visit('/l/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'unknown link');
    expect(problems).toEqual([]);
  }, 120_000);
});
