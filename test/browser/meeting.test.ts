import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { criteriaOf, defaultCriteriaSheet, phaseInstants } from '../../functions/domain/index.js';
import { RESULT_NAMES, readResult, type Proposal, type VoteRound } from '../../functions/cycle/results.js';
import { demoBloc, demoTimeline } from '../../local/demo/index.js';
import { DemoClient } from '../../local/simulate/client.js';
import { startWebStack, type WebStack } from '../support/web.js';
import { chromiumMissing, launchChromium, screenshot } from '../support/chromium.js';
import { smallPdf } from '../support/files.js';
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

  it('offers written votes in the first round only: the runoff is voted by the members present', async () => {
    expect(await page.locator('input[name="rounds.0.writtenVoters"]').count()).toBe(UNITS.length);
    expect(await page.locator('input[name="rounds.1.writtenVoters"]').count()).toBe(0);
    expect(await page.locator('fieldset.round').nth(1).textContent()).toContain('Phiếu biểu quyết bằng văn bản của thành viên vắng mặt chỉ được tính ở vòng 1.');
  });

  it('refuses, through the JSON API, a written vote in the runoff beside its field in Vietnamese, storing nothing', async () => {
    const view = (await client.call('GET', `/api/links/${link}`)) as { window: { ballot: { certificateNominees: string[] } } };
    const present = UNITS.filter((id) => id !== 'bao-tinh');
    const person = (unitId: string, role: 'head' | 'officer') => ({ unitId, name: demoBloc.units.find((u) => u.id === unitId)!.people![role].name, title: demoBloc.units.find((u) => u.id === unitId)!.people![role].title });
    const record = {
      heldAt: '2026-12-18T08:00:00+07:00', place: 'Hội trường Văn phòng Tỉnh ủy', hostUnitId: 'vp-tinh-uy', chair: person('vp-tinh-uy', 'head'), secretary: person('vp-tinh-uy', 'officer'),
      attendance: [...present.map((id) => person(id, 'head')), person('vp-tinh-uy', 'officer')], agenda: [{ item: 'Báo cáo tổng kết', adopted: true }],
      countingCommittee: [{ unitId: 'ban-noi-chinh', name: person('ban-noi-chinh', 'head').name }],
      rounds: [{ flag: { 'vp-tinh-uy': 7 }, certificate: Object.fromEntries(view.window.ballot.certificateNominees.map((id) => [id, 8])) }, { flag: { 'vp-tinh-uy': 9 }, writtenVoters: ['bao-tinh'] }],
      nextLeaderUnitId: 'ban-to-chuc', nextDeputyUnitId: 'ban-tuyen-giao', pledgeSigned: true,
    };
    const response = await fetch(`${web.stack.url}/api/links/${link}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ intent: 'submit', data: record }) });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { fields: Array<{ path: string; message: string }> } };
    expect(error.fields).toContainEqual({ path: 'rounds.1.writtenVoters.0', message: 'phiếu biểu quyết bằng văn bản (gửi trước hội nghị) chỉ được tính ở vòng 1; vòng bỏ phiếu lại chỉ do các thành viên dự hội nghị biểu quyết' });
    expect(error.fields).toContainEqual({ path: 'rounds.1.flag.vp-tinh-uy', message: 'không được vượt quá 8: số thành viên dự hội nghị (8); phiếu bằng văn bản chỉ được tính ở vòng 1' });
    expect(await readResult(web.stack.store, cycleId, RESULT_NAMES.vote(1))).toBeUndefined();
  });

  it('takes the corrected record with a written vote in round 1, a runoff and the order of the two units placed third', async () => {
    await page.fill('[id="rounds.0.flag.vp-tinh-uy"]', '7');
    await page.check('[id="rounds.0.writtenVoters-bao-tinh"]');
    await page.fill('[id="rounds.1.flag.vp-tinh-uy"]', '8');
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

  it('takes the signed scan on the files page with its script, listing it with its check code folded away', async () => {
    const scan = { name: 'bien-ban-da-ky.pdf', mimeType: 'application/pdf', buffer: smallPdf('Bien ban hoi nghi tong ket (da ky)') };
    await page.goto(`${web.stack.url}/l/${link}/files`);
    await page.setInputFiles('#file-signedMinutes', scan);
    await page.locator('button[form="upload-signedMinutes"]').click();
    const code = page.locator('#files-signedMinutes details.fingerprint');
    await code.first().waitFor({ timeout: 20_000 }); // the upload goes to S3 and is checked there first: seconds on a busy machine
    expect(await code.count()).toBe(1);
    expect(await code.locator('summary').textContent()).toBe('Mã kiểm tra (SHA-256)');
    expect(await code.locator('code').textContent()).toBe(createHash('sha256').update(scan.buffer).digest('hex'));
    expect(await problemsAtBothWidths(page, 'files page with a check code')).toEqual([]);
  }, 60_000);

  it('moves the cycle on with what the room decided', async () => {
    await client.jumpTo(Date.parse(phaseInstants(timeline.approval).opensAt) + 60_000);
    const rounds = await Promise.all([1, 2].map((r) => readResult<VoteRound>(web.stack.store, cycleId, RESULT_NAMES.vote(r))));
    expect(rounds.map((r) => r?.outcome.kind)).toEqual(['runoff', 'decided']);
    expect(await readResult<Proposal>(web.stack.store, cycleId, RESULT_NAMES.proposal)).toMatchObject({ flag: ['vp-tinh-uy'], flagDecidedBy: 'vote' });
    expect(await client.links('ban-tdkt@thidua.local', /Đề nghị phê duyệt/)).toHaveLength(1);
  }, 60_000);
});
