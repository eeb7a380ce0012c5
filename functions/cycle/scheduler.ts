/**
 * The scheduled sweep (every few minutes: an EventBridge schedule on AWS, a timer in the local stack).
 * Deadlines live in the table, not in the state machine, so an admin can extend them after a wait began:
 * the sweep fails each overdue wait with Thidua.DeadlinePassed (the state machine records it as missed),
 * reminds units that have not acted a few days before their deadline, alerts the admins about an approver
 * who has not answered, and answers the waits of submissions whose request died before it could. It looks
 * only at cycles with something due (store/sweep-schedule.ts): whoever sets a deadline writes the instants
 * of its reminders and of its passing as the cycle's wake-ups (wake-ups.ts). Its emails are queued; the outbox's drainer
 * (mail/drain.ts) sends them and retries those that failed.
 */
import { randomUUID } from 'node:crypto';
import { formatVietnamDate, vietnamDateOf, type CycleConfig, type TaskPhase } from '../domain/index.js';
import { getOutboxEntry } from '../mail/outbox.js';
import type { Store } from '../store/client.js';
import type { Cycle } from '../store/cycles.js';
import { getForm } from '../store/forms.js';
import { dropLease, releaseLease, takeLease } from '../store/leases.js';
import { inPool } from '../shared/in-pool.js';
import { clearWakeUps, listDueWork, type DueWork } from '../store/sweep-schedule.js';
import { getTaskTokens, listOpenTasks, type UnitTask } from '../store/tasks.js';
import { loadCycleConfig, loadPlan, loadWindow } from './context.js';
import { CycleNotFoundError } from './errors.js';
import { ignoring } from '../shared/ignoring.js';
import type { CycleDeps } from '../shared/deps.js';
import { areaLogger } from '../shared/logger.js';
import { alertAdmins, issueLink, queue, recipientOf, unitName } from './notify.js';
import { answerClosedTask, failOverdueTask } from './phases.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const sweepLogger = areaLogger('sweep');

export interface SweepReport {
  /** Cycles with something due (a reminder day, a deadline passed, a wait perhaps unanswered). */
  cycles: number;
  /** Cycles another sweep was working on (their lease held): left to it. */
  leasedElsewhere: number;
  /** Cycles not begun before the time budget ran out: the next sweep takes them. */
  deferred: number;
  closedOverdue: number;
  reminders: number;
  alerts: number;
  /** Waits of completed tasks answered by the sweep, their submitter having died before answering. */
  answeredLate: number;
  /** Tasks whose sweep failed this time (logged; the next sweep tries again). */
  failed: number;
}

/** Days from `at` to the deadline, counted in Vietnam calendar days (0 on the deadline day). */
export function daysLeft(deadline: string, at: Date): number {
  return Math.round((Date.parse(vietnamDateOf(Date.parse(deadline))) - Date.parse(vietnamDateOf(at.getTime()))) / DAY_MS);
}

export interface SweepOptions {
  /** Cycles swept at once. */
  concurrency?: number;
  /** Tasks of one cycle handled at once. */
  taskConcurrency?: number;
  /** Real time after which no further cycle is begun (the function's timeout less a margin). */
  budgetMs?: number;
}

/** How long a cycle's lease lasts: longer than any sweep runs (its timeout is 5 minutes). */
const LEASE_MS = 10 * 60_000;

/**
 * One sweep over the cycles with something due by `at`, fanned out: cycles side by side (16 at once), each
 * under a lease so that two overlapping sweeps never work on the same cycle at once, and its tasks side by
 * side too. A cycle's wake-ups are cleared only once everything due in it went through; after a failure
 * they stay, and the next sweep tries again. Every step is idempotent (a reminder is keyed, an overdue
 * wait fails once), so a cycle swept twice in a row changes nothing more.
 */
export async function sweep(deps: CycleDeps, at: Date, options: SweepOptions = {}): Promise<SweepReport> {
  const began = performance.now();
  const due = await listDueWork(deps.store, at.toISOString());
  const report: SweepReport = { cycles: due.length, leasedElsewhere: 0, deferred: 0, closedOverdue: 0, reminders: 0, alerts: 0, answeredLate: 0, failed: 0 };
  const holder = randomUUID();
  await inPool(due, options.concurrency ?? 16, async (work) => {
    if (performance.now() - began > (options.budgetMs ?? 240_000)) {
      report.deferred++;
      return;
    }
    const lease = sweepLease(work.cycleId);
    if (!(await takeLease(deps.store, lease, holder, at.toISOString(), new Date(at.getTime() + LEASE_MS).toISOString()))) {
      report.leasedElsewhere++;
      return;
    }
    try {
      const failed = await sweepCycle(deps, work, at, report, options.taskConcurrency ?? 4);
      if (failed === 0) await clearWakeUps(deps.store, work.wakeUps);
    } catch (error) {
      report.failed++;
      sweepLogger.error('sweeping a cycle failed', { cycleId: work.cycleId, error: error as Error });
    } finally {
      await releaseLease(deps.store, lease, holder);
    }
  });
  return report;
}

/** The lease a sweep holds on a cycle while it works on it. */
const sweepLease = (cycleId: string) => `sweep.${cycleId}`;

/**
 * Gives back the sweeps' leases on every cycle with something due by `at`, whoever holds them. Only for a
 * caller that knows no sweep is alive: the local stack at start, which holds its data directory's lock.
 * Without it, a cycle whose sweep was killed would wait out the lease (10 minutes of the clock) before its
 * deadlines pass: a demo moving the clock on meanwhile would open the next phase a day late. Returns how
 * many cycles it looked at.
 */
export async function releaseSweepLeases(store: Store, at: Date): Promise<number> {
  const due = await listDueWork(store, at.toISOString());
  await inPool(due, 8, (work) => dropLease(store, sweepLease(work.cycleId)));
  return due.length;
}

/** One cycle's sweep: the waits left unanswered, then, when it woke the cycle, each open task; returns its failures. */
async function sweepCycle(deps: CycleDeps, work: DueWork, at: Date, report: SweepReport, concurrency: number): Promise<number> {
  const { cycleId } = work;
  let failed = 0;
  const fail = () => {
    failed++;
    report.failed++;
  };
  // A submission stored whose wait was not answered (its request died in between): answer it now. The
  // tokens are read together (BatchGetItem), as are those of the overdue waits below, not one per task.
  const unansweredTokens = await tokensOf(deps, work.unanswered);
  await inPool(work.unanswered, concurrency, async (task) => {
    try {
      await answerClosedTask(deps, task, { token: unansweredTokens.get(task) });
      report.answeredLate++;
    } catch (error) {
      fail();
      sweepLogger.error('answering a completed task failed', { cycleId, phase: task.phase, round: task.round, unitId: task.unitId, error: error as Error });
    }
  });
  if (work.wakeUps.length === 0) return failed;
  const cycle = await ignoring(CycleNotFoundError, loadCycleConfig(deps.store, cycleId)); // gone: nothing to wake for
  if (cycle?.status !== 'running') return failed;
  const open = await listOpenTasks(deps.store, cycleId);
  const tokens = await tokensOf(deps, open.filter((task) => mustFail(task, at)));
  await inPool(open, concurrency, async (task) => {
    // One task's trouble must not hold up the others: it is logged and tried again at the next sweep.
    try {
      await sweepTask(deps, cycle, task, tokens.get(task), at, report);
    } catch (error) {
      fail();
      sweepLogger.error('sweeping a task failed', { cycleId, phase: task.phase, round: task.round, unitId: task.unitId, error: error as Error });
    }
  });
  return failed;
}

/** The task tokens of `tasks`, read in one request per 100 (none for no task). */
async function tokensOf(deps: CycleDeps, tasks: readonly UnitTask[]): Promise<Map<UnitTask, string | undefined>> {
  if (tasks.length === 0) return new Map();
  const tokens = await getTaskTokens(deps.store, tasks);
  return new Map(tasks.map((task, i) => [task, tokens[i]]));
}

/** Whether the sweep fails the task's wait: its deadline passed, and it is not an approval (whose wait goes on). */
const mustFail = (task: UnitTask, at: Date) => at.getTime() > Date.parse(task.deadline) && task.phase !== 'approval';

/** One open task: its overdue wait failed (`token` read with the cycle's others), its approver alerted, or its unit reminded. */
async function sweepTask(deps: CycleDeps, cycle: Cycle<CycleConfig>, task: UnitTask, token: string | undefined, at: Date, report: SweepReport): Promise<void> {
  const overdue = at.getTime() > Date.parse(task.deadline);
  if (overdue && task.phase === 'approval') {
    // SPEC §3.7: an approver who does not answer is reminded and the admin alerted; the wait goes on.
    const vi = cycle.config.language !== 'en';
    const title = vi ? `Hồ sơ của ${cycle.config.bloc.name} chưa được phê duyệt đúng hạn` : `The ${cycle.config.bloc.name} dossier was not decided in time`;
    const due = formatVietnamDate(task.deadline);
    await alertAdmins(deps, cycle, `approval-overdue.${task.round}`, title, vi ? `Hạn phê duyệt: 23 giờ 59 phút ngày ${due}` : `Deadline: 23:59 on ${due} (Vietnam time)`, at);
    await remind(deps, cycle, task, 'overdue', at);
    report.alerts++;
    return;
  }
  if (mustFail(task, at)) {
    await failOverdueTask(deps, task, token, at);
    report.closedOverdue++;
    return;
  }
  const days = daysLeft(task.deadline, at);
  // Not on the day the task opened: the opening email with its link went that day (a phase of 3 days
  // would otherwise send "3 days left" right behind "the phase is open").
  const openedToday = vietnamDateOf(Date.parse(task.openedAt)) === vietnamDateOf(at.getTime());
  if (!openedToday && cycle.config.rules.reminderDaysBefore.includes(days) && (await remind(deps, cycle, task, days, at))) report.reminders++;
}

/**
 * Queues the reminder for `days` before the deadline (or, for an approval whose wait goes on, once it is
 * overdue) once, with a fresh link; false when it went before or the unit has submitted.
 */
async function remind(deps: CycleDeps, cycle: Cycle<CycleConfig>, task: UnitTask, days: number | 'overdue', at: Date): Promise<boolean> {
  const phase = task.phase as TaskPhase;
  // A unit that has submitted keeps its task open to the deadline (it may correct): it is not reminded; its
  // task says so without a read (the form is still read for tasks written before they did).
  if (task.submittedAt) return false;
  const recipient = recipientOf(cycle.config, task.unitId);
  // Keyed by the deadline too: after an extension, the reminders of the new deadline go out again.
  const round = `${phase}.${task.round}.remind-${days}.${vietnamDateOf(Date.parse(task.deadline))}`;
  // Read together: one BatchGetItem (store/items.ts) instead of three requests, on a day of a province's reminders.
  const [window, plan, form, queued] = await Promise.all([
    loadWindow(deps.store, cycle.cycleId, phase, task.round),
    loadPlan(deps.store, cycle.cycleId),
    phase === 'approval' ? undefined : getForm(deps.store, task),
    getOutboxEntry(deps.store, { cycleId: cycle.cycleId, kind: 'reminder', recipient, round }),
  ]);
  if (!window || form?.submitted !== undefined || queued) return false;
  const link = await issueLink(deps, cycle, window, plan, task.unitId, at);
  // A conference still to sit cannot be recorded yet: its secretary is told when it sits, not that the record is missing.
  const sitsAt = window.meeting?.planned?.heldAt;
  const sitting = sitsAt !== undefined && Date.parse(sitsAt) > at.getTime() ? { sitsAt } : {};
  const data = { recipientName: unitName(cycle.config, task.unitId), blocName: cycle.config.bloc.name, year: cycle.year, phase, link, deadline: task.deadline, ...(days === 'overdue' ? { daysLeft: 0, overdue: true } : { daysLeft: days }), ...(window.meeting ? { conference: window.meeting.kind, ...sitting } : {}) };
  const outcome = await queue(deps, cycle, 'reminder', recipient, round, data, at);
  return outcome.status === 'queued';
}
