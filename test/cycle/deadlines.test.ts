import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../functions/audit/trail.js';
import { PhaseClosedError } from '../../functions/cycle/errors.js';
import { extendDeadline } from '../../functions/cycle/admin.js';
import { RESULT_NAMES, readResult, type ScoresResult } from '../../functions/cycle/results.js';
import { getForm } from '../../functions/store/forms.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { submissionFor } from '../domain/fixtures.js';
import { crossCheck, selfAssess } from './drive.js';
import { OPENS, SUBJECT, cycleConfig } from './fixtures.js';

const admin = (h: CycleHarness) => ({ actor: 'admin:admin@thidua.test', at: h.now() });

describe('deadlines of the self-assessment and the cross-check (the default rules: a phase stays open to its deadline)', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let cycleId: string;
  let lateLink: string;
  let extended: { tasks: number };
  const unit = (id: string) => config.bloc.units.find((u) => u.id === id)!;
  const totals = { 'vp-tinh-uy': 995, 'ban-to-chuc': 990, 'ban-tuyen-giao': 985, 'ban-dan-van': 980, ubkt: 975, 'ban-noi-chinh': 970, 'bao-tinh': 965 };

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig({ rules: { closeEarly: false } });
    ({ cycleId } = await h.startCycle(config));
    await h.advanceTo(OPENS.selfAssessment);
    await selfAssess(h, config, totals);
    // Reminders go out 3 days and 1 day before the deadline; a second sweep the same day sends nothing more.
    for (const at of ['2026-11-17T02:00:00Z', '2026-11-19T02:00:00Z', '2026-11-19T03:00:00Z']) {
      await h.advanceTo(at);
      await h.sweep();
    }
    // Two units have not submitted by the deadline: the admin extends it by three days, for every unit.
    await h.advanceTo('2026-11-20T10:00:00Z');
    extended = await extendDeadline(h.deps, { cycleId, phase: 'selfAssessment', round: 1, deadlineOn: '2026-11-23' }, admin(h));
    await h.advanceTo('2026-11-21T01:00:00Z');
    await h.sweep();
    // One of them submits within the extension; the other never does.
    lateLink = await h.linkFor(unit('truong-chinh-tri').email, SUBJECT.selfAssessment);
    await h.act(lateLink, { scores: submissionFor(960) });
    // A unit that submitted on time corrects its self-assessment within the extension.
    await h.act(await h.linkFor(unit('bao-tinh').email, SUBJECT.selfAssessment), { scores: submissionFor(962) });
    await h.advanceTo('2026-11-22T02:00:00Z');
    await h.sweep();
    await h.advanceTo('2026-11-23T17:30:00Z');
    await h.sweep();
    await h.advanceTo(OPENS.crossCheck);
  }, 120_000);

  afterAll(() => h?.stop());

  it('keeps the phase open after the units submitted, and extends the deadline for every unit, those that submitted included', async () => {
    expect(extended.tasks).toBe(config.bloc.units.length);
    const closed = (await listAuditEvents(h.deps.store, cycleId)).find((e) => e.action === 'selfAssessment.closed');
    expect(Date.parse(closed!.at)).toBeGreaterThan(Date.parse('2026-11-23T16:59:59Z'));
  });

  it('accepts a submission made within an extended deadline', async () => {
    const form = await getForm(h.deps.store, { cycleId, phase: 'selfAssessment', round: 1, unitId: 'truong-chinh-tri' });
    expect(form?.status).toBe('submitted');
  });

  it('refuses a submission after the deadline and changes nothing', async () => {
    const link = await h.linkFor(unit('dang-uy-khoi').email, SUBJECT.selfAssessment);
    await expect(h.act(link, { scores: submissionFor(999) })).rejects.toBeInstanceOf(PhaseClosedError);
    expect(await getForm(h.deps.store, { cycleId, phase: 'selfAssessment', round: 1, unitId: 'dang-uy-khoi' })).toBeUndefined();
  });

  it('acknowledges, after the deadline, a repeat of exactly what a unit submitted, and refuses a change', async () => {
    const link = await h.linkFor(unit('vp-tinh-uy').email, SUBJECT.selfAssessment);
    expect(await h.act(link, { scores: submissionFor(totals['vp-tinh-uy']) })).toMatchObject({ kind: 'submitted', duplicate: true });
    await expect(h.act(link, { scores: submissionFor(990) })).rejects.toBeInstanceOf(PhaseClosedError);
  });

  it('records the unit that never submitted as not submitted, with zero points and not eligible', async () => {
    await crossCheck(h, config, ['ban-dan-van']);
    await h.advanceTo('2026-11-30T17:30:00Z');
    await h.sweep();
    const scores = await readResult<ScoresResult>(h.deps.store, cycleId, RESULT_NAMES.scores);
    expect(scores!.rows.find((r) => r.unitId === 'dang-uy-khoi')).toMatchObject({ submitted: false, total: 0, eligible: false, ineligibility: 'notSubmitted' });
  });

  it('keeps the self-assessed scores of a unit whose checker missed the cross-check, marked as not cross-checked', async () => {
    const scores = (await readResult<ScoresResult>(h.deps.store, cycleId, RESULT_NAMES.scores))!;
    const unchecked = Object.entries(scores.crossChecks).filter(([, c]) => !c.done).map(([id]) => id);
    const checkedByBdv = Object.entries(scores.crossChecks).find(([, c]) => c.checkerUnitId === 'ban-dan-van')![0];
    expect(unchecked).toContain(checkedByBdv);
    const row = scores.rows.find((r) => r.unitId === checkedByBdv)!;
    expect(row.crossChecked).toBe(false);
    expect(row.total).toBe(row.standard + row.bonus - row.penalty);
  });

  it('reminds a unit that has not acted 3 days and 1 day before its deadline, once each', async () => {
    const reminders = (await h.mailTo(unit('dang-uy-khoi').email)).filter((m) => SUBJECT.reminder.test(m.subject)).map((m) => m.subject);
    expect(reminders).toEqual([expect.stringMatching(/còn 3 ngày/), expect.stringMatching(/còn 1 ngày/), expect.stringMatching(/còn 1 ngày/)]);
  });

  it('does not remind a unit that has submitted', async () => {
    expect((await h.mailTo(unit('vp-tinh-uy').email)).filter((m) => SUBJECT.reminder.test(m.subject))).toEqual([]);
  });

  it('counts the correction a unit made before the deadline, and records the units that submitted as done', async () => {
    const scores = (await readResult<ScoresResult>(h.deps.store, cycleId, RESULT_NAMES.scores))!;
    expect(scores.rows.find((r) => r.unitId === 'bao-tinh')).toMatchObject({ submitted: true, total: 96200 });
    const done = (await listAuditEvents(h.deps.store, cycleId)).filter((e) => e.action === 'selfAssessment.done').map((e) => e.target);
    expect(done).toHaveLength(8);
  });
});
