/**
 * The sweep's wake-ups of a cycle (store/sweep-schedule.ts): the instants at which the scheduled sweep must
 * look at it, written by whoever sets a deadline, in the same transaction (a phase opening, an extension, a
 * reopened form), and once by the data migrations (migrate.ts) for data written before wake-ups existed.
 */
import { CycleConfigSchema, localStart, vietnamDateOf, type CycleConfig } from '../domain/index.js';
import type { Store } from '../store/client.js';
import { getCycle, listCycleHeadsOfYear, type Cycle } from '../store/cycles.js';
import { transact, type WriteOp } from '../store/items.js';
import { wakeUpOps } from '../store/sweep-schedule.js';
import { listOpenTasks } from '../store/tasks.js';
import { inPool } from '../shared/in-pool.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instants at which the sweep must look at the tasks of a deadline: the start of each reminder day
 * (Vietnam time) still ahead of `after` (a reminder is never sent on the day its task opened), and the
 * moment after the deadline, even if it is past already (an approval opened late: its wait goes on, and
 * the admins are alerted at the next sweep).
 */
export function sweepInstants(deadline: string, reminderDaysBefore: readonly number[], after: Date): string[] {
  const deadlineDay = localStart(vietnamDateOf(Date.parse(deadline)));
  const reminders = reminderDaysBefore.map((days) => deadlineDay - days * DAY_MS).filter((t) => t > after.getTime());
  return [...reminders, Date.parse(deadline) + 1].map((t) => new Date(t).toISOString());
}

/** The writes that wake the sweep for a deadline of a cycle's tasks (see {@link sweepInstants}), for the transaction that sets it. */
export function deadlineWakeUpOps(store: Store, cycle: Cycle<CycleConfig>, deadline: string, at: Date): WriteOp[] {
  return wakeUpOps(store, cycle.cycleId, sweepInstants(deadline, cycle.config.rules.reminderDaysBefore, at), at);
}

/** The cycles running at `at` (their heads, without the configuration): those of the years whose cycles may run then. */
export async function listRunningCycles(store: Store, at: Date): Promise<Omit<Cycle, 'config'>[]> {
  const year = Number(vietnamDateOf(at.getTime()).slice(0, 4));
  // A calendar of up to 18 months, and next year's pledge signed this year.
  return (await Promise.all([year - 1, year, year + 1].map((y) => listCycleHeadsOfYear(store, y)))).flat().filter((c) => c.status === 'running');
}

/**
 * Writes the wake-ups of every running cycle's open tasks from their deadlines (the reminders of today
 * included), as if each deadline were set again: for cycles whose deadlines were set before wake-ups
 * existed, which the sweep would otherwise never look at. Idempotent; returns the cycles woken.
 */
export async function wakeRunningCycles(store: Store, at: Date): Promise<number> {
  const heads = await listRunningCycles(store, at);
  const startOfToday = new Date(localStart(vietnamDateOf(at.getTime())) - 1);
  let woken = 0;
  await inPool(heads, 8, async ({ cycleId }) => {
    const [cycle, tasks] = await Promise.all([getCycle(store, cycleId, CycleConfigSchema), listOpenTasks(store, cycleId)]);
    const instants = [...new Set(tasks.map((t) => t.deadline))].flatMap((deadline) => sweepInstants(deadline, cycle.config.rules.reminderDaysBefore, startOfToday));
    const ops = wakeUpOps(store, cycleId, instants, at);
    // A transaction holds at most 100 writes; each put stands alone, so more go in several.
    for (let i = 0; i < ops.length; i += 100) await transact(store, ops.slice(i, i + 100));
    if (ops.length > 0) woken++;
  });
  return woken;
}
