import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUnitTask } from '../../functions/store/tasks.js';
import { getForm } from '../../functions/store/forms.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { submissionFor } from '../domain/fixtures.js';
import { OPENS, SUBJECT, cycleConfig } from './fixtures.js';

describe('the optional pledge and mid-year review', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let cycleId: string;
  const unit = (id: string) => config.bloc.units.find((u) => u.id === id)!;

  beforeAll(async () => {
    h = await CycleHarness.start('2026-01-02T00:00:00Z');
    config = cycleConfig({
      timeline: {
        pledge: { opensOn: '2026-01-05', deadlineOn: '2026-01-20' },
        midYear: { opensOn: '2026-06-15', deadlineOn: '2026-07-10' },
      },
    });
    ({ cycleId } = await h.startCycle(config));
    await h.advanceTo('2026-01-04T17:00:00Z');
    for (const u of config.bloc.units.filter((x) => x.id !== 'bao-tinh')) {
      await h.act(await h.linkFor(u.email, /mở giai đoạn ký giao ước/), { accepted: true, signerName: 'Nguyễn Văn A', signerTitle: 'Chánh Văn phòng' });
    }
    await h.advanceTo('2026-01-20T17:05:00Z');
    await h.sweep();
    await h.advanceTo('2026-06-14T17:00:00Z');
    await h.act(await h.linkFor(unit('vp-tinh-uy').email, /mở giai đoạn sơ kết 6 tháng/), { scores: { 'I.1': { points: 50 } } }, { intent: 'draft' });
    await h.act(await h.linkFor(unit('ban-to-chuc').email, /mở giai đoạn sơ kết 6 tháng/), { scores: submissionFor(600 + 400) });
    await h.advanceTo('2026-07-10T17:05:00Z');
    await h.sweep();
    await h.advanceTo(OPENS.selfAssessment);
  }, 120_000);

  afterAll(() => h?.stop());

  it('records the pledges signed and the unit that did not sign', async () => {
    expect((await getForm(h.deps.store, { cycleId, phase: 'pledge', round: 1, unitId: 'vp-tinh-uy' }))?.submitted).toMatchObject({ accepted: true });
    expect(await getUnitTask(h.deps.store, { cycleId, phase: 'pledge', round: 1, unitId: 'bao-tinh' })).toMatchObject({ status: 'missed' });
  });

  it('keeps a mid-year draft and a submission, for information only', async () => {
    expect((await getForm(h.deps.store, { cycleId, phase: 'midYear', round: 1, unitId: 'vp-tinh-uy' }))?.status).toBe('draft');
    expect((await getForm(h.deps.store, { cycleId, phase: 'midYear', round: 1, unitId: 'ban-to-chuc' }))?.status).toBe('submitted');
  });

  it('goes on to the year-end self-assessment', async () => {
    expect((await h.mailTo(unit('bao-tinh').email)).filter((m) => SUBJECT.selfAssessment.test(m.subject))).toHaveLength(1);
  });
});
