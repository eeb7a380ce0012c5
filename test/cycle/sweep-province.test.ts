/**
 * The sweep over more small blocs than it works on at once (20 × 3 units against 16 cycles at a time;
 * `npm run bench:sweep` runs 400 and records the times): on a quiet day it looks at no cycle; on a reminder
 * day and on the day after the deadline one sweep does the day's work for every cycle, and the next sweep
 * of the same day finds no cycle with anything left to do. 20, not a province's 40, because each bloc's
 * start costs seconds of CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../functions/cycle/scheduler.js';
import { BlocSchema, pinConfig, type CycleConfig } from '../../functions/domain/index.js';
import { wakeRunningCycles } from '../../functions/cycle/wake-ups.js';
import { getOutboxEntry } from '../../functions/mail/outbox.js';
import { queryPrefix } from '../../functions/store/reads.js';
import { clearWakeUps, type WakeUp } from '../../functions/store/sweep-schedule.js';
import { getUnitTask, listOpenTasks } from '../../functions/store/tasks.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { SUBJECT, cycleConfig } from './fixtures.js';

const BLOCS = 20;

/** The test cycle's configuration with its first three units only, and the phases kept open to their deadlines. */
function smallBloc(): CycleConfig {
  const base = cycleConfig({ rules: { closeEarly: false } });
  return pinConfig({ ...base, bloc: BlocSchema.parse({ ...base.bloc, units: base.bloc.units.slice(0, 3) }) });
}

describe('the sweep over 20 blocs', () => {
  let h: CycleHarness;
  const cycles: CycleConfig[] = [];
  const cycleIds: string[] = [];
  const units = () => cycles.flatMap((c) => c.bloc.units);

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    for (let i = 0; i < BLOCS; i++) {
      const config = smallBloc();
      cycles.push(config);
      cycleIds.push((await h.startCycle(config)).cycleId);
    }
    await h.advanceTo('2026-11-01T02:00:00Z'); // the self-assessment opens in every bloc
  }, 600_000);

  afterAll(() => h?.stop());

  it('looks at no cycle on a day with no reminder and no deadline', async () => {
    await h.advanceTo('2026-11-10T02:00:00Z');
    expect(await sweep(h.deps, h.now())).toMatchObject({ cycles: 0, failed: 0, reminders: 0, closedOverdue: 0 });
  }, 600_000);

  it('writes the wake-ups again from the open tasks, for cycles whose deadlines were set before wake-ups existed', async () => {
    const wakeUpsOf = async (cycleId: string) => (await queryPrefix(h.deps.store, `SWEEP#${cycleId}`, 'AT#')) as unknown as WakeUp[];
    const before = await Promise.all(cycleIds.map(wakeUpsOf));
    await Promise.all(before.map((w) => clearWakeUps(h.deps.store, w))); // as data written before them
    expect(await sweep(h.deps, h.now())).toMatchObject({ cycles: 0 });
    expect(await wakeRunningCycles(h.deps.store, h.now())).toBe(BLOCS);
    const instants = (wakeUps: WakeUp[]) => wakeUps.map((w) => w.at);
    expect((await Promise.all(cycleIds.map(wakeUpsOf))).map(instants)).toEqual(before.map(instants));
    expect(before[0]).toHaveLength(3); // the 3-day and 1-day reminders and the deadline
  }, 600_000);

  it('reminds every unit once on a reminder day, and the next sweep that day reminds no one', async () => {
    await h.advanceTo('2026-11-17T02:00:00Z'); // 3 days before the deadline
    const first = await sweep(h.deps, h.now());
    await h.idle();
    const again = await sweep(h.deps, h.now());
    await h.idle();
    expect(first).toMatchObject({ cycles: BLOCS, deferred: 0, leasedElsewhere: 0, failed: 0, reminders: units().length });
    // Each cycle's reminder day was cleared by the first sweep: the next looks at no cycle (no lease taken).
    expect(again).toMatchObject({ cycles: 0, failed: 0, reminders: 0 });
    // Queued once per unit (the outbox keys each reminder by its unit, day and deadline)...
    const round = 'selfAssessment.1.remind-3.2026-11-20';
    const queued = cycles.flatMap((config, i) => config.bloc.units.map((u) => getOutboxEntry(h.deps.store, { cycleId: cycleIds[i]!, kind: 'reminder', recipient: u.email, round })));
    expect((await Promise.all(queued)).filter((entry) => entry === undefined)).toEqual([]);
    // ...and none delivered twice (on a loaded machine a send may fail and wait for its retry: at most one).
    while ((await h.drain()).unfinished);
    for (const unit of units()) expect((await h.mailTo(unit.email)).filter((m) => SUBJECT.reminder.test(m.subject)).length).toBeLessThanOrEqual(1);
  }, 600_000);

  it('closes every wait once on the day after the deadline, and the next sweep closes none', async () => {
    await h.advanceTo('2026-11-20T17:30:00Z');
    const first = await sweep(h.deps, h.now());
    await h.idle();
    const again = await sweep(h.deps, h.now());
    await h.idle();
    expect(first).toMatchObject({ cycles: BLOCS, deferred: 0, leasedElsewhere: 0, failed: 0, closedOverdue: units().length });
    expect(again).toMatchObject({ cycles: 0, failed: 0, closedOverdue: 0 });
    for (const cycleId of cycleIds) expect(await listOpenTasks(h.deps.store, cycleId, 'selfAssessment')).toEqual([]);
    const tasks = cycles.flatMap((config, i) => config.bloc.units.map((u) => getUnitTask(h.deps.store, { cycleId: cycleIds[i]!, phase: 'selfAssessment', round: 1, unitId: u.id })));
    expect(new Set((await Promise.all(tasks)).map((t) => t.status))).toEqual(new Set(['missed']));
  }, 600_000);
});
