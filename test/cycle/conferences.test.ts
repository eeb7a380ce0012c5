import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCycleDossier } from '../../functions/cycle/context.js';
import { listAuditEvents } from '../../functions/audit/trail.js';
import { AlreadyRecordedError, StateRefusedError } from '../../functions/cycle/errors.js';
import { buildDraft } from '../../functions/documents/index.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { getForm } from '../../functions/store/forms.js';
import { getUnitTask } from '../../functions/store/tasks.js';
import { docxText } from '../documents/read.js';
import { sittingRecord } from '../domain/meeting-fixture.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { SUBJECT, cycleConfig } from './fixtures.js';

const PLEDGE = { opensOn: '2026-01-05', deadlineOn: '2026-01-20', conference: { on: '2026-01-15', at: '14:00', place: 'Hội trường Ban Tổ chức Tỉnh ủy', hostUnitId: 'ban-to-chuc' } };
const MID_YEAR = { opensOn: '2026-06-15', deadlineOn: '2026-07-10', conference: {} };

/**
 * Two small blocs that meet. The first (4 units) signs its pledge at its conference and records its
 * mid-year review; the second (3 units) plans a mid-year conference its secretary never records.
 */
describe('the pledge and mid-year conferences as recorded steps of the cycle', () => {
  let h: CycleHarness;
  let met: CycleConfig;
  let missed: CycleConfig;
  let metId: string;
  let missedId: string;
  let pledgeLink: string;
  let refusals: unknown[];
  let afterRefusals: unknown;
  let early: { refusal: unknown; draft: unknown; stored: unknown; events: string[]; summaries: number };
  let secondRecord: unknown;
  let midYearForm: string;
  const leaderOf = (config: CycleConfig) => config.bloc.units[0]!;
  const text = async (cycleId: string, kind: 'midYearReport' | 'pledgeMinutes' | 'midYearMinutes') => docxText((await buildDraft(await loadCycleDossier(h.deps.store, cycleId), kind))!.content);

  beforeAll(async () => {
    h = await CycleHarness.start('2026-01-02T00:00:00Z');
    met = cycleConfig({ units: 4, timeline: { pledge: PLEDGE, midYear: MID_YEAR } });
    missed = cycleConfig({ units: 3, timeline: { midYear: MID_YEAR } });
    ({ cycleId: metId } = await h.startCycle(met));
    ({ cycleId: missedId } = await h.startCycle(missed));
    await h.advanceTo('2026-01-04T17:00:00Z');
    pledgeLink = await h.linkFor(leaderOf(met).email, SUBJECT.meetingRecord);
    const refused = (data: unknown, intent: 'draft' | 'submit' = 'submit') => h.act(pledgeLink, data, { intent }).then(() => undefined, (error: unknown) => error);
    // The phase is open, the sitting (15/01 at 14:00) still to come: a record sent now is refused.
    early = {
      refusal: await refused(sittingRecord(met.bloc, 'pledge')),
      draft: await refused(sittingRecord(met.bloc, 'pledge'), 'draft'),
      stored: await getForm(h.deps.store, { cycleId: metId, phase: 'pledge', round: 1, unitId: 'vp-tinh-uy' }),
      events: (await listAuditEvents(h.deps.store, metId)).map((e) => e.action),
      summaries: (await h.mailTo(leaderOf(met).email)).filter((m) => /Biên bản hội nghị|Đã nhận/.test(m.subject)).length,
    };
    await h.advanceTo('2026-01-15T07:00:00Z'); // 14:00 in Vietnam: the sitting has begun, the secretary may record it
    const outsider = { unitId: 'so-tai-chinh', name: 'Trần Văn Tài', title: 'Giám đốc Sở Tài chính' };
    refusals = [
      await refused(sittingRecord(met.bloc, 'pledge', { attendance: [...sittingRecord(met.bloc, 'pledge').attendance, outsider] })),
      await refused(sittingRecord(met.bloc, 'pledge', { pledgeSigners: ['vp-tinh-uy', 'ban-dan-van'] })), // ban-dan-van did not attend
    ];
    afterRefusals = (await getForm(h.deps.store, { cycleId: metId, phase: 'pledge', round: 1, unitId: 'vp-tinh-uy' }))?.submitted;
    await h.act(pledgeLink, sittingRecord(met.bloc, 'pledge'));
    secondRecord = await refused(sittingRecord(met.bloc, 'pledge', { place: 'Nơi khác' }));
    await h.advanceTo('2026-06-14T17:00:00Z');
    const midYearLink = await h.linkFor(leaderOf(met).email, SUBJECT.meetingRecord);
    midYearForm = await h.page(await h.linkFor(leaderOf(missed).email, SUBJECT.meetingRecord));
    await h.advanceTo('2026-07-07T02:00:00Z');
    await h.sweep(); // three days before the deadline: the secretaries of the conferences not yet recorded are reminded
    await h.advanceTo('2026-07-08T04:00:00Z'); // the mid-year conference sat at 08:00 that morning
    await h.act(midYearLink, sittingRecord(met.bloc, 'midYear'));
    await h.advanceTo('2026-07-10T17:05:00Z');
    await h.sweep(); // past the deadline: the unrecorded conference is missed
  }, 150_000);

  afterAll(() => h?.stop());

  it('invites every unit to the pledge conference once, with the calendar\'s day, time, place, host and agenda', async () => {
    for (const unit of met.bloc.units) {
      const invitations = (await h.mailTo(unit.email)).filter((m) => /Giấy mời hội nghị ký kết giao ước thi đua năm 2026/.test(m.subject));
      expect(invitations).toHaveLength(1);
      expect(invitations[0]!.body.text).toContain('Thời gian: 14 giờ 00 phút ngày 15/01/2026. Địa điểm: Hội trường Ban Tổ chức Tỉnh ủy.');
      expect(invitations[0]!.body.text).toContain('do Ban Tổ chức Tỉnh ủy đăng cai');
      expect(invitations[0]!.body.text).toContain('Kế hoạch hoạt động của khối thi đua năm 2026');
      expect(invitations[0]!.body.text).not.toMatch(/bỏ phiếu|Cờ thi đua/);
    }
  });

  it('asks the leader unit\'s secretary, and no unit, to act on the pledge', async () => {
    const [request] = (await h.mailTo(leaderOf(met).email)).filter((m) => SUBJECT.meetingRecord.test(m.subject));
    expect(request!.subject).toContain('Ghi biên bản hội nghị ký kết giao ước thi đua năm 2026');
    for (const unit of met.bloc.units) expect((await h.mailTo(unit.email)).filter((m) => /mở giai đoạn ký giao ước/.test(m.subject))).toEqual([]);
  });

  it('refuses the record of a sitting still to come beside its time, storing nothing, recording nothing, emailing nobody', () => {
    expect((early.refusal as { issues?: Array<{ path: unknown[]; message: string }> }).issues?.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['heldAt', 'the conference is recorded once it has been held: this time is still to come'],
    ]);
    expect(early.stored).toBeUndefined();
    expect(early.events).toContain('pledge.opened');
    expect(early.events).not.toContain('pledge.submitted');
    expect(early.summaries).toBe(0);
  });

  it('answers a draft sent before the sitting as a record without drafts, not as a meeting yet to be held', () => {
    expect(early.draft).toBeInstanceOf(StateRefusedError);
    expect((early.draft as StateRefusedError).refusal).toEqual({ reason: 'formNoDrafts', phase: 'pledge' });
  });

  it('takes the record once the sitting has begun, at its very time', async () => {
    const form = await getForm<{ heldAt: string }>(h.deps.store, { cycleId: metId, phase: 'pledge', round: 1, unitId: 'vp-tinh-uy' });
    expect(form!.submitted!.heldAt).toBe('2026-01-15T14:00:00+07:00');
    expect(form!.submittedAt).toBe('2026-01-15T07:00:00.000Z');
  });

  it('refuses a person of another bloc and a signer who did not attend, each beside its field, storing nothing', () => {
    const paths = refusals.map((e) => (e as { issues?: Array<{ path: unknown[] }> }).issues?.map((i) => i.path.join('.')));
    expect(paths).toEqual([expect.arrayContaining(['attendance.4.unitId']), ['pledgeSigners.1']]);
    expect(afterRefusals).toBeUndefined();
  });

  it('counts the pledges signed at the sitting as the units\' pledges: at the conference, that day, by the person present', async () => {
    const pledge = (await loadCycleDossier(h.deps.store, metId)).participation.find((p) => p.phase === 'pledge')!;
    expect(pledge.atConference).toEqual({ heldAt: '2026-01-15T14:00:00+07:00', place: 'Hội trường Ban Tổ chức Tỉnh ủy' });
    const head = (id: string) => met.bloc.units.find((u) => u.id === id)!.people!.head;
    expect(pledge.units.map((u) => [u.unitId, u.status, u.submittedAt, u.signer?.name])).toEqual([
      ['vp-tinh-uy', 'submitted', '2026-01-15T14:00:00+07:00', head('vp-tinh-uy').name],
      ['ban-to-chuc', 'submitted', '2026-01-15T14:00:00+07:00', head('ban-to-chuc').name],
      ['ban-tuyen-giao', 'submitted', '2026-01-15T14:00:00+07:00', head('ban-tuyen-giao').name],
      ['ban-dan-van', 'missed', undefined, undefined],
    ]);
    expect(await text(metId, 'midYearReport')).toContain('Ký giao ước thi đua tại hội nghị ngày 15/01/2026: 3/4 đơn vị ký giao ước; chưa ký: Ban Dân vận Tỉnh ủy.');
  });

  it('sends every unit the pledge conference\'s summary once', async () => {
    for (const unit of met.bloc.units) {
      const summaries = (await h.mailTo(unit.email)).filter((m) => /Biên bản hội nghị ký kết giao ước thi đua năm 2026/.test(m.subject));
      expect(summaries).toHaveLength(1);
      expect(summaries[0]!.body.text).toContain('tại Hội trường Ban Tổ chức Tỉnh ủy');
      expect(summaries[0]!.body.text).toContain('Văn phòng Tỉnh ủy, Ban Tổ chức Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy');
    }
  });

  it('refuses a second record of the same conference', async () => {
    expect(secondRecord).toBeInstanceOf(AlreadyRecordedError);
    const form = await getForm<{ place: string }>(h.deps.store, { cycleId: metId, phase: 'pledge', round: 1, unitId: 'vp-tinh-uy' });
    expect(form!.submitted!.place).toBe('Hội trường Ban Tổ chức Tỉnh ủy');
  });

  it('prints minutes of the pledge conference: who attended for each unit, the guest, the agenda adopted, the signers, and no vote', async () => {
    const minutes = await text(metId, 'pledgeMinutes');
    expect(minutes).toContain('Hội nghị ký kết giao ước thi đua năm 2026');
    expect(minutes).toContain('Địa điểm: Hội trường Ban Tổ chức Tỉnh ủy. Đơn vị đăng cai: Ban Tổ chức Tỉnh ủy.');
    for (const a of sittingRecord(met.bloc, 'pledge').attendance) expect(minutes).toContain(`${a.name}, ${a.title}`);
    expect(minutes).toContain('Ban Dân vận Tỉnh ủy\nVắng mặt\n');
    expect(minutes).toContain('Khách mời: Trương Văn Dũng');
    expect(minutes).toContain('1. Kế hoạch hoạt động của khối thi đua năm 2026: Hội nghị thống nhất thông qua.');
    expect(minutes).toContain('Ngày 15/01/2026, tại hội nghị, 3/4 đơn vị thành viên ký giao ước thi đua năm 2026');
    expect(minutes).toContain('Chưa ký tại hội nghị: Ban Dân vận Tỉnh ủy.');
    expect(minutes).not.toMatch(/biểu quyết|bỏ phiếu|kiểm phiếu|Cờ thi đua|Trưởng khối năm/);
  });

  it('tells the recorded mid-year conference in the mid-year report and its minutes: date, place, who attended, the report adopted, and nothing else', async () => {
    const report = await text(metId, 'midYearReport');
    expect(report).toContain('Ngày 08/07/2026, tại Phòng họp Văn phòng Tỉnh ủy, khối tổ chức hội nghị sơ kết 6 tháng đầu năm do Văn phòng Tỉnh ủy đăng cai');
    expect(report).toContain('Dự hội nghị có 3/4 đơn vị thành viên với 4 đại biểu');
    expect(report).toContain('1. Báo cáo sơ kết công tác thi đua 6 tháng đầu năm 2026: Hội nghị thống nhất thông qua.');
    expect(report).toContain('2. Điều chỉnh lịch kiểm tra chéo: Hội nghị chưa thông qua.');
    expect(report).not.toMatch(/tự đánh giá 6 tháng|gửi bản tự đánh giá/);
    const minutes = await text(metId, 'midYearMinutes');
    expect(minutes).toContain('Hội nghị sơ kết công tác thi đua 6 tháng đầu năm 2026');
    expect(minutes).not.toMatch(/giao ước|biểu quyết|bỏ phiếu/);
  });

  it('tells the mid-year conference\'s secretary what that record holds, and no tally', () => {
    expect(midYearForm).toContain('<p>Thư ký hội nghị ghi lại hội nghị sơ kết 6 tháng: thời gian, địa điểm, người dự, khách mời và nội dung hội nghị thông qua');
    expect(midYearForm).not.toMatch(/kiểm phiếu|giao ước/);
  });

  it('tells a secretary reminded before the sitting when the conference sits, not that its record is missing', async () => {
    const reminder = (await h.mailTo(leaderOf(missed).email)).filter((m) => SUBJECT.reminder.test(m.subject)).at(-1)!;
    expect(reminder.body.text).toMatch(/Hội nghị sơ kết 6 tháng họp lúc \d\d giờ \d\d phút ngày 10\/07\/2026\. Sau hội nghị, đề nghị thư ký ghi biên bản trước 23 giờ 59 phút ngày 10\/07\/2026 \(còn 3 ngày\)\./);
    expect(reminder.body.text).not.toContain('chưa nhận được');
  });

  it('reminds the secretary of a conference not yet recorded', async () => {
    const reminders = (await h.mailTo(leaderOf(missed).email)).filter((m) => SUBJECT.reminder.test(m.subject));
    expect(reminders.map((m) => m.subject)).toEqual([expect.stringContaining('Nhắc hạn: ghi biên bản hội nghị sơ kết 6 tháng (còn 3 ngày)')]);
  });

  it('records a mid-year conference missed by its deadline as not recorded, and its documents claim no meeting', async () => {
    expect(await getUnitTask(h.deps.store, { cycleId: missedId, phase: 'midYear', round: 1, unitId: 'vp-tinh-uy' })).toMatchObject({ status: 'missed' });
    const dossier = await loadCycleDossier(h.deps.store, missedId);
    expect(dossier.conferences.map((c) => [c.kind, c.status])).toEqual([['midYear', 'notRecorded']]);
    expect(await buildDraft(dossier, 'midYearMinutes')).toBeUndefined();
    const report = await text(missedId, 'midYearReport');
    expect(report).toContain('Hệ thống Thi đua không có số liệu sơ kết 6 tháng đầu năm 2026 của khối.');
    expect(report).not.toMatch(/hội nghị sơ kết|tự đánh giá 6 tháng/i);
    for (const unit of missed.bloc.units) expect((await h.mailTo(unit.email)).filter((m) => /Biên bản hội nghị/.test(m.subject))).toEqual([]);
  });
});
