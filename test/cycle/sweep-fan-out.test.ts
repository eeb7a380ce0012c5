/**
 * The sweep fanned out over many cycles: cycles side by side, each under a lease, so that two sweeps
 * started together (a slow one and the next schedule) never work on the same cycle at once, and a cycle
 * swept twice changes nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep, type SweepReport } from '../../functions/cycle/scheduler.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { releaseLease, takeLease } from '../../functions/store/leases.js';
import { getUnitTask, listOpenTasks } from '../../functions/store/tasks.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { SUBJECT, cycleConfig } from './fixtures.js';

const BLOCS = 8;

describe('the sweep over many cycles', () => {
  let h: CycleHarness;
  const cycles: { cycleId: string; config: CycleConfig }[] = [];
  const units = () => cycles.flatMap((c) => c.config.bloc.units);
  const total = (reports: SweepReport[], field: keyof SweepReport) => reports.reduce((sum, r) => sum + r[field], 0);
  /** Two sweeps started at the same moment, as an overlapping schedule would. */
  const twoSweeps = async () => {
    const reports = await Promise.all([sweep(h.deps, h.now(), { concurrency: 3 }), sweep(h.deps, h.now(), { concurrency: 5 })]);
    await h.idle();
    return reports;
  };

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    for (let i = 0; i < BLOCS; i++) {
      const config = cycleConfig();
      cycles.push({ cycleId: (await h.startCycle(config)).cycleId, config });
    }
    await h.advanceTo('2026-11-01T02:00:00Z'); // the self-assessment opens in every bloc
  }, 300_000);

  afterAll(() => h?.stop());

  it('reminds every unit of every bloc once, however many sweeps overlap', async () => {
    await h.advanceTo('2026-11-17T02:00:00Z'); // 3 days before the deadline
    const reports = await twoSweeps();
    expect(total(reports, 'cycles')).toBe(2 * BLOCS);
    expect(total(reports, 'failed')).toBe(0);
    expect(total(reports, 'reminders')).toBe(units().length);
    for (const unit of units()) expect((await h.mailTo(unit.email)).filter((m) => SUBJECT.reminder.test(m.subject))).toHaveLength(1);
  }, 300_000);

  it('closes every overdue wait once when the deadline has passed', async () => {
    await h.advanceTo('2026-11-20T17:30:00Z');
    const reports = await twoSweeps();
    expect(total(reports, 'failed')).toBe(0);
    // A cycle swept again right after (its lease released) finds the waits it failed still open until the
    // workflow records them: failing them again changes nothing, so a wait may be counted twice.
    expect(total(reports, 'closedOverdue')).toBeGreaterThanOrEqual(units().length);
    for (const { cycleId } of cycles) expect(await listOpenTasks(h.deps.store, cycleId, 'selfAssessment')).toEqual([]);
    const tasks = cycles.flatMap(({ cycleId, config }) => config.bloc.units.map((u) => getUnitTask(h.deps.store, { cycleId, phase: 'selfAssessment', round: 1, unitId: u.id })));
    expect(new Set((await Promise.all(tasks)).map((t) => t.status))).toEqual(new Set(['missed']));
  }, 300_000);
});

describe('a lease on scheduled work', () => {
  let h: CycleHarness;
  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
  });
  afterAll(() => h?.stop());

  it('is held by one sweep until released or run out, and only its holder releases it', async () => {
    const store = h.deps.store;
    expect(await takeLease(store, 'sweep.a', 'one', '2026-11-01T00:00:00Z', '2026-11-01T00:10:00Z')).toBe(true);
    expect(await takeLease(store, 'sweep.a', 'two', '2026-11-01T00:05:00Z', '2026-11-01T00:15:00Z')).toBe(false);
    await releaseLease(store, 'sweep.a', 'two');
    expect(await takeLease(store, 'sweep.a', 'two', '2026-11-01T00:06:00Z', '2026-11-01T00:16:00Z')).toBe(false);
    expect(await takeLease(store, 'sweep.a', 'two', '2026-11-01T00:10:00Z', '2026-11-01T00:20:00Z')).toBe(true);
    await releaseLease(store, 'sweep.a', 'two');
    expect(await takeLease(store, 'sweep.a', 'three', '2026-11-01T00:11:00Z', '2026-11-01T00:21:00Z')).toBe(true);
  });
});
