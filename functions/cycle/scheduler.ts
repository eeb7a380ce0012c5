/**
 * The scheduled sweep (every few minutes: an EventBridge schedule on AWS, a timer in the local stack).
 * Deadlines live in the table, not in the state machine, so an admin can extend them after a wait began:
 * the sweep fails each overdue wait with Thidua.DeadlinePassed (the state machine records it as missed),
 * reminds units that have not acted a few days before their deadline, alerts the admins about an approver
 * who has not answered, answers the waits of submissions whose request died before it could, and retries
 * emails that could not be sent.
 */
import { vietnamDateOf, type CycleConfig, type TaskPhase } from '../domain/index.js';
import { retryDueEmails } from '../mail/mailer.js';
import { getOutboxEntry } from '../mail/outbox.js';
import { listCyclesOfYear, type Cycle } from '../store/cycles.js';
import { getForm } from '../store/forms.js';
import { listOpenTasks, listUnansweredTasks, type UnitTask } from '../store/tasks.js';
import { loadCycleConfig, loadWindow } from './context.js';
import type { CycleDeps } from '../shared/deps.js';
import { areaLogger } from '../shared/logger.js';
import { alertAdmins, issueLink, recipientOf, send, unitName } from './notify.js';
import { answerClosedTask, failOverdueTask } from './phases.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const sweepLogger = areaLogger('sweep');

export interface SweepReport {
  cycles: number;
  closedOverdue: number;
  reminders: number;
  alerts: number;
  emailsRetried: number;
  /** Waits of completed tasks answered by the sweep, their submitter having died before answering. */
  answeredLate: number;
  /** Tasks whose sweep failed this time (logged; the next sweep tries again). */
  failed: number;
}

/** Days from `at` to the deadline, counted in Vietnam calendar days (0 on the deadline day). */
export function daysLeft(deadline: string, at: Date): number {
  return Math.round((Date.parse(vietnamDateOf(Date.parse(deadline))) - Date.parse(vietnamDateOf(at.getTime()))) / DAY_MS);
}

/**
 * One sweep over every running cycle of this year, the last (a calendar of up to 18 months ends in the
 * next year) and the next (its pledge signed at this year's year-end conference).
 */
export async function sweep(deps: CycleDeps, at: Date): Promise<SweepReport> {
  const year = Number(vietnamDateOf(at.getTime()).slice(0, 4));
  const cycles = (await Promise.all([year - 1, year, year + 1].map((y) => listCyclesOfYear(deps.store, y)))).flat().filter((c) => c.status === 'running');
  const report: SweepReport = { cycles: cycles.length, closedOverdue: 0, reminders: 0, alerts: 0, emailsRetried: 0, answeredLate: 0, failed: 0 };
  for (const { cycleId } of cycles) {
    // A submission stored whose wait was not answered (its request died in between): answer it now.
    for (const task of await listUnansweredTasks(deps.store, cycleId)) {
      try {
        await answerClosedTask(deps, task);
        report.answeredLate++;
      } catch (error) {
        report.failed++;
        sweepLogger.error('answering a completed task failed', { cycleId, phase: task.phase, round: task.round, unitId: task.unitId, error: error as Error });
      }
    }
    const cycle = await loadCycleConfig(deps.store, cycleId);
    for (const task of await listOpenTasks(deps.store, cycleId)) {
      // One task's trouble must not hold up the others: it is logged and tried again at the next sweep.
      try {
        await sweepTask(deps, cycle, task, at, report);
      } catch (error) {
        report.failed++;
        sweepLogger.error('sweeping a task failed', { cycleId, phase: task.phase, round: task.round, unitId: task.unitId, error: error as Error });
      }
    }
  }
  report.emailsRetried = (await retryDueEmails(deps.mailer, at)).length;
  return report;
}

async function sweepTask(deps: CycleDeps, cycle: Cycle<CycleConfig>, task: UnitTask, at: Date, report: SweepReport): Promise<void> {
  const overdue = at.getTime() > Date.parse(task.deadline);
  if (overdue && task.phase === 'approval') {
    // SPEC §3.7: an approver who does not answer is reminded and the admin alerted; the wait goes on.
    const vi = cycle.config.language !== 'en';
    const title = vi ? `Hồ sơ của ${cycle.config.bloc.name} chưa được phê duyệt đúng hạn` : `The ${cycle.config.bloc.name} dossier was not decided in time`;
    await alertAdmins(deps, cycle, `approval-overdue.${task.round}`, title, vi ? `Hạn phê duyệt: ${task.deadline}` : `Deadline: ${task.deadline}`, at);
    await remind(deps, cycle, task, 0, at);
    report.alerts++;
    return;
  }
  if (overdue) {
    await failOverdueTask(deps, task, at);
    report.closedOverdue++;
    return;
  }
  const days = daysLeft(task.deadline, at);
  // Not on the day the task opened: the opening email with its link went that day (a phase of 3 days
  // would otherwise send "3 days left" right behind "the phase is open").
  const openedToday = vietnamDateOf(Date.parse(task.openedAt)) === vietnamDateOf(at.getTime());
  if (!openedToday && cycle.config.rules.reminderDaysBefore.includes(days) && (await remind(deps, cycle, task, days, at))) report.reminders++;
}

/** Sends the reminder for `days` before the deadline once, with a fresh link; false when it went before or the unit has submitted. */
async function remind(deps: CycleDeps, cycle: Cycle<CycleConfig>, task: UnitTask, days: number, at: Date): Promise<boolean> {
  const phase = task.phase as TaskPhase;
  const window = await loadWindow(deps.store, cycle.cycleId, phase, task.round);
  if (!window || phase === 'leaderDecision') return false;
  // A unit that has submitted keeps its task open to the deadline (it may correct): it is not reminded.
  if (phase !== 'approval' && (await getForm(deps.store, task))?.submitted !== undefined) return false;
  const recipient = recipientOf(cycle.config, task.unitId);
  // Keyed by the deadline too: after an extension, the reminders of the new deadline go out again.
  const round = `${phase}.${task.round}.remind-${days}.${vietnamDateOf(Date.parse(task.deadline))}`;
  if (await getOutboxEntry(deps.store, { cycleId: cycle.cycleId, kind: 'reminder', recipient, round })) return false;
  const link = await issueLink(deps, cycle, window, task.unitId, at);
  const data = { recipientName: unitName(cycle.config, task.unitId), blocName: cycle.config.bloc.name, year: cycle.year, phase, link, deadline: task.deadline, daysLeft: days };
  const outcome = await send(deps, cycle, 'reminder', recipient, round, data, at);
  return outcome.status === 'sent';
}
