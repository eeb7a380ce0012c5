import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markIneligible, reopenForm } from '../../functions/cycle/admin.js';
import { CycleStateError } from '../../functions/cycle/errors.js';
import { RESULT_NAMES, readResult, type FinalResult, type ScoresResult } from '../../functions/cycle/results.js';
import { getForm } from '../../functions/store/forms.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { loadScoredDossier } from '../../functions/cycle/context.js';
import { buildDocuments } from '../../functions/documents/index.js';
import { readXlsx, rowValues } from '../documents/read.js';
import { problemOf } from '../../functions/web/problems.js';
import { submissionFor } from '../domain/fixtures.js';
import { crossCheck, selfAssess, vote } from './drive.js';
import { OPENS, SUBJECT, cycleConfig } from './fixtures.js';

const TOTALS = { 'vp-tinh-uy': 995, 'ban-to-chuc': 990, 'ban-tuyen-giao': 985, 'ban-dan-van': 980, ubkt: 975, 'ban-noi-chinh': 970, 'bao-tinh': 965, 'truong-chinh-tri': 960 };

describe('admin interventions and a late approver', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let cycleId: string;
  let executionArn: string;
  let refusedLateIneligibility: unknown;
  let crossCheckReceiptPage: string;
  let englishReceiptPage: string;
  const admin = () => ({ actor: 'admin:admin@thidua.test', at: h.now() });
  const unit = (id: string) => config.bloc.units.find((u) => u.id === id)!;

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig();
    ({ cycleId, executionArn } = await h.startCycle(config));
    await h.advanceTo(OPENS.selfAssessment);
    await selfAssess(h, config, TOTALS);
    // Đảng ủy Khối misses the deadline; the admin reopens its form for two more days.
    await h.advanceTo('2026-11-20T17:05:00Z');
    await h.sweep();
    await reopenForm(h.deps, { cycleId, phase: 'selfAssessment', round: 1, unitId: 'dang-uy-khoi', deadlineOn: '2026-11-21' }, admin());
    await h.act(await h.linkFor(unit('dang-uy-khoi').email, SUBJECT.reopenedSelfAssessment), { scores: submissionFor(999) });
    // The leading unit comes under inspection before the bloc is scored.
    await markIneligible(h.deps, { cycleId, unitId: 'dang-uy-khoi', eligibility: { eligible: false, reason: 'inspection', note: 'Đang thanh tra theo Quyết định 15/QĐ-TTr' } }, admin());
    await h.advanceTo(OPENS.crossCheck);
    await crossCheck(h, config);
    crossCheckReceiptPage = await h.page(await h.linkFor(unit('ubkt').email, SUBJECT.crossCheck), { done: 'submitted' });
    englishReceiptPage = await h.page(await h.linkFor(unit('ubkt').email, SUBJECT.crossCheck), { done: 'submitted', lang: 'en' });
    await h.advanceTo('2026-11-30T17:05:00Z');
    await h.sweep();
    refusedLateIneligibility = await markIneligible(h.deps, { cycleId, unitId: 'vp-tinh-uy', eligibility: { eligible: false, reason: 'complaint', note: 'x' } }, admin()).catch((e: unknown) => e);
    await h.advanceTo(OPENS.vote);
    await vote(h, config, () => ({
      flag: { 'vp-tinh-uy': true },
      certificate: { 'ban-to-chuc': true, 'ban-tuyen-giao': true, 'ban-dan-van': true, ubkt: true },
      leaderUnitId: 'ban-to-chuc',
      deputyUnitId: 'ban-tuyen-giao',
    }));
    // The approver lets the deadline pass: the admin is alerted, the approver reminded, the wait goes on.
    await h.advanceTo('2026-12-25T18:00:00Z');
    await h.sweep();
    await h.sweep();
  }, 120_000);

  afterAll(() => h?.stop());

  it('lets a unit whose form was reopened submit after the original deadline', async () => {
    const form = await getForm(h.deps.store, { cycleId, phase: 'selfAssessment', round: 1, unitId: 'dang-uy-khoi' });
    expect(form?.status).toBe('submitted');
  });

  it('tells the unit its own form was reopened until the new deadline, not that the phase opens', async () => {
    const mail = (await h.mailTo(unit('dang-uy-khoi').email)).filter((m) => SUBJECT.reopenedSelfAssessment.test(m.subject));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain('Thi đua năm 2026: mở lại biểu mẫu tự chấm điểm cuối năm của đơn vị');
    expect(mail[0]!.body.text).toContain('Biểu mẫu Tự chấm điểm cuối năm của đơn vị (kỳ thi đua năm 2026 của');
    expect(mail[0]!.body.text).toContain('hạn mới: 23 giờ 59 phút ngày 21/11/2026');
    expect(mail[0]!.body.text).not.toContain('mở giai đoạn');
  });

  it('names, in a cross-check\'s receipt and on its receipt page, the unit whose self-assessment was checked', async () => {
    const mail = await h.mailTo(unit('ubkt').email);
    const checked = mail.find((m) => SUBJECT.crossCheck.test(m.subject))!.subject.split(': ').at(-1)!;
    const receipt = mail.filter((m) => /Đã nhận kiểm tra chéo/.test(m.subject)).at(-1)!;
    expect(receipt.body.text).toContain(`Hệ thống đã nhận kiểm tra chéo (thi đua năm 2026) của đơn vị đối với kết quả tự chấm điểm của ${checked} lúc`);
    expect(crossCheckReceiptPage).toContain(`<h1>Kiểm tra chéo kết quả tự chấm điểm của ${checked}</h1>`);
  });

  it('says in an English receipt what the checker did, "Confirmed", not the button\'s "Confirm"', () => {
    expect(englishReceiptPage).toMatch(/<th scope="row">I\.1\. [^<]*<\/th><td>Confirmed<\/td>/);
    expect(englishReceiptPage).not.toContain('<td>Confirm</td>');
  });

  it('scores the reopened unit, not cross-checked, and does not nominate it while it is under inspection', async () => {
    const scores = (await readResult<ScoresResult>(h.deps.store, cycleId, RESULT_NAMES.scores))!;
    expect(scores.rows[0]).toMatchObject({ unitId: 'dang-uy-khoi', place: 1, eligible: false, ineligibility: 'inspection', crossChecked: false });
    expect(scores.nominations.flag.chosen).toEqual(['vp-tinh-uy']);
  });

  it('names no checker in the score summary for the unit whose self-assessment came after the cross-check opened: nobody was asked to check it', async () => {
    const [summary] = await buildDocuments(await loadScoredDossier(h.deps.store, cycleId), ['scoreSummary']);
    const sheet = (await readXlsx(summary!.content)).getWorksheet('Kiểm tra chéo')!;
    const rows = Array.from({ length: sheet.rowCount - 5 }, (_, i) => rowValues(sheet, i + 6));
    const late = rows.find((r) => r[0] === unit('dang-uy-khoi').name)!;
    expect(late[1] ?? '').toBe('');
    expect(late[2]).toBe('Chưa được kiểm tra chéo (nộp bản tự chấm sau khi mở kiểm tra chéo)');
  });

  it('refuses to mark a unit ineligible once the bloc is scored, saying how instead', () => {
    expect(refusedLateIneligibility).toBeInstanceOf(CycleStateError);
    expect(refusedLateIneligibility).toMatchObject({ refusal: { reason: 'alreadyScored' }, field: 'unitId' });
    expect(problemOf(refusedLateIneligibility, 'vi').message).toMatch(/Trưởng khối có thể rút đơn vị khỏi danh sách đề nghị khi hoàn thiện hồ sơ/);
  });

  it('alerts the admin once and reminds the approver when the approval is late, and keeps waiting', async () => {
    const alerts = (await h.mailTo(config.adminEmails[0]!)).filter((m) => /chưa được phê duyệt đúng hạn/.test(m.subject));
    expect(alerts).toHaveLength(1);
    expect((await h.mailTo(config.approverEmail)).filter((m) => SUBJECT.reminder.test(m.subject))).toHaveLength(1);
    expect((await h.execution(executionArn)).status).toBe('RUNNING');
  });

  it('tells the late approver that the deadline has passed, not that it is today', async () => {
    const [reminder] = (await h.mailTo(config.approverEmail)).filter((m) => SUBJECT.reminder.test(m.subject));
    expect(reminder!.subject).toContain('(đã quá hạn)');
    expect(reminder!.body.text).toContain('Hạn cuối là 23 giờ 59 phút ngày 25/12/2026 đã qua; hồ sơ vẫn chờ quyết định.');
    expect(reminder!.body.text).not.toMatch(/hôm nay|của đơn vị/);
  });

  it('dates the admin\'s alert of a late approval as the approver saw it, in Vietnam time', async () => {
    const [alert] = (await h.mailTo(config.adminEmails[0]!)).filter((m) => /chưa được phê duyệt đúng hạn/.test(m.subject));
    expect(alert!.body.text).toContain('Hạn phê duyệt: 23 giờ 59 phút ngày 25/12/2026');
    expect(alert!.body.text).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('still takes the late approval and publishes', async () => {
    await h.act(await h.linkFor(config.approverEmail, SUBJECT.approval), { decision: 'approve' });
    expect(await readResult<FinalResult>(h.deps.store, cycleId, RESULT_NAMES.final)).toMatchObject({ status: 'approved', flag: ['vp-tinh-uy'] });
    expect((await h.execution(executionArn)).status).toBe('SUCCEEDED');
  });
});
