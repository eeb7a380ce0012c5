/**
 * What an admin does to a cycle (SPEC §2): start it, extend a phase's deadline, reopen one unit's form,
 * mark a unit ineligible. Every change is checked against the cycle's state, written with its audit event
 * in one transaction, and refused with an InterventionRefusedError (its reason, the field, the date it names)
 * when it cannot apply.
 */
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { isDeepStrictEqual } from 'node:util';
import { appendAuditEvent } from '../audit/trail.js';
import { localDeadline, planCycle, type CycleConfig, type Eligibility, type TaskPhase } from '../domain/index.js';
import { createCycle, getCycle } from '../store/cycles.js';
import { AlreadyExistsError, NotFoundError } from '../store/errors.js';
import { transact } from '../store/items.js';
import { getResult, saveResultOp } from '../store/results.js';
import { extendDeadlineOp, getTaskToken, getUnitTask, listOpenTasks, openUnitTask } from '../store/tasks.js';
import { PhaseWindowRecordSchema, loadCycleConfig, loadWindow, windowName } from './context.js';
import type { CycleDeps } from '../shared/deps.js';
import { CycleExistsError, CycleNotFoundError, InterventionRefusedError, TimelineRefusedError, type InterventionRefusal } from './errors.js';
import { ignoring } from '../shared/ignoring.js';
import { invite } from './invite.js';
import { RESULT_NAMES, readResult } from './results.js';
import { deadlineWakeUpOps } from './wake-ups.js';

export interface AdminContext {
  /** "admin:<email>" */
  actor: string;
  at: Date;
  sourceIp?: string | undefined;
  userAgent?: string | undefined;
}

const auditOf = (ctx: AdminContext, cycleId: string, action: string, target: string, before?: unknown, after?: unknown) => ({
  chainId: cycleId,
  actor: ctx.actor,
  action,
  target,
  at: ctx.at,
  before,
  after,
  ...(ctx.sourceIp ? { sourceIp: ctx.sourceIp } : {}),
  ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
});

/** The cycle id of a bloc's year: one cycle per bloc and year, and the execution's name. */
export const cycleIdOf = (blocId: string, year: number) => `${blocId}-${year}`;

/**
 * Starts a bloc's yearly cycle ("phát động"): stores it with its pinned configuration and starts its
 * execution, named after the cycle so a repeated start finds the running one.
 */
export async function startCycle(deps: CycleDeps, config: CycleConfig, ctx: AdminContext): Promise<{ cycleId: string; executionArn: string }> {
  const cycleId = cycleIdOf(config.bloc.id, config.timeline.year);
  const plan = planCycle(cycleId, config, ctx.at.getTime());
  if ('error' in plan) throw new TimelineRefusedError(plan.error);
  try {
    await createCycle(deps.store, { cycleId, blocId: config.bloc.id, year: config.timeline.year, phase: 'starting', config, now: ctx.at });
    await appendAuditEvent(deps.store, auditOf(ctx, cycleId, 'cycle.started', `cycle:${cycleId}`, undefined, { blocId: config.bloc.id, year: config.timeline.year }));
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    const existing = await getCycle(deps.store, cycleId);
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(existing.config)), JSON.parse(JSON.stringify(config)))) {
      throw new CycleExistsError(config.bloc.id, config.timeline.year);
    }
    // The same start again: its execution is started only if the first start stopped before (a crash); one
    // that has begun may since have handed over to its next execution, and the first name is taken.
    if (existing.phase !== 'starting' && existing.executionArn) return { cycleId, executionArn: existing.executionArn };
  }
  const { executionArn } = await deps.sfn.send(
    new StartExecutionCommand({ stateMachineArn: deps.stateMachineArn, name: cycleId, input: JSON.stringify({ cycleId }) }),
  );
  return { cycleId, executionArn: executionArn! };
}

/**
 * Extends the deadline of an open phase (gia hạn) for every unit that has not acted; the waiting tasks
 * follow, since deadlines are enforced from the table. The new deadline must stay before the next phase.
 */
export async function extendDeadline(
  deps: CycleDeps,
  input: { cycleId: string; phase: TaskPhase; round: number; deadlineOn: string },
  ctx: AdminContext,
): Promise<{ deadlineAt: string; tasks: number }> {
  const cycle = await loadCycleConfig(deps.store, input.cycleId);
  const stored = await getResult(deps.store, input.cycleId, windowName(input.phase, input.round), PhaseWindowRecordSchema);
  if (!stored) throw new InterventionRefusedError({ reason: 'notOpened', phase: input.phase, round: input.round });
  const window = stored.data;
  if (window.closedAt) throw new InterventionRefusedError({ reason: 'phaseClosed' });
  const deadlineAt = new Date(localDeadline(input.deadlineOn)).toISOString();
  if (deadlineAt <= window.deadlineAt) throw new InterventionRefusedError({ reason: 'notAfterCurrent', date: window.deadlineAt });
  if (deadlineAt > window.capAt) throw new InterventionRefusedError({ reason: 'afterCap', date: window.capAt });
  const tasks = (await listOpenTasks(deps.store, input.cycleId, input.phase)).filter((t) => t.round === input.round && t.deadline <= deadlineAt);
  await appendAuditEvent(deps.store, auditOf(ctx, input.cycleId, 'deadline.extended', `phase:${input.phase}:${input.round}`, { deadlineAt: window.deadlineAt }, { deadlineAt }), [
    saveResultOp(deps.store, input.cycleId, windowName(input.phase, input.round), { data: { ...window, deadlineAt }, expectedVersion: stored.version, now: ctx.at }),
    ...tasks.map((t) => extendDeadlineOp(deps.store, t, t.version, deadlineAt)),
    ...deadlineWakeUpOps(deps.store, cycle, deadlineAt, ctx.at),
  ]);
  return { deadlineAt, tasks: tasks.length };
}

/** What must not have happened yet for a unit's form of `phase` to be reopened. */
async function consumedBy(deps: CycleDeps, cycleId: string, phase: TaskPhase, round: number): Promise<InterventionRefusal | undefined> {
  switch (phase) {
    case 'pledge':
    case 'midYear':
      return (await readResult(deps.store, cycleId, RESULT_NAMES.final)) ? { reason: 'cyclePublished' } : undefined;
    // A self-assessment reopened after the cross-check opened counts, marked "not cross-checked".
    case 'selfAssessment':
    case 'crossCheck':
      return (await readResult(deps.store, cycleId, RESULT_NAMES.scores)) ? { reason: 'blocScored' } : undefined;
    case 'vote':
      return (await readResult(deps.store, cycleId, RESULT_NAMES.vote(round))) ? { reason: 'ballotsCounted' } : undefined;
    default:
      return { reason: 'notReopenable' };
  }
}

/** Reopens one unit's form until a new deadline (mở lại), with a new link emailed to the unit. */
export async function reopenForm(
  deps: CycleDeps,
  input: { cycleId: string; phase: TaskPhase; round: number; unitId: string; deadlineOn: string },
  ctx: AdminContext,
): Promise<{ deadlineAt: string }> {
  const cycle = await loadCycleConfig(deps.store, input.cycleId);
  const window = await loadWindow(deps.store, input.cycleId, input.phase, input.round);
  if (!window) throw new InterventionRefusedError({ reason: 'notOpened', phase: input.phase, round: input.round });
  if (!window.actors.includes(input.unitId)) throw new InterventionRefusedError({ reason: 'noForm', phase: input.phase });
  const blocked = await consumedBy(deps, input.cycleId, input.phase, input.round);
  if (blocked) throw new InterventionRefusedError(blocked);
  const deadlineAt = new Date(localDeadline(input.deadlineOn)).toISOString();
  if (deadlineAt <= ctx.at.toISOString()) throw new InterventionRefusedError({ reason: 'notInFuture' });
  if (deadlineAt > window.capAt) throw new InterventionRefusedError({ reason: 'afterCap', date: window.capAt });
  const ref = { cycleId: input.cycleId, phase: input.phase, round: input.round, unitId: input.unitId };
  const task = await ignoring(NotFoundError, getUnitTask(deps.store, ref));
  if (!task) throw new InterventionRefusedError({ reason: 'waitNotStarted' });
  // A form still open is given more time, never less: as an extension, the date must be after its deadline.
  if (task.status === 'open' && deadlineAt <= task.deadline) throw new InterventionRefusedError({ reason: 'notAfterCurrent', date: task.deadline });
  if (task.status === 'open') {
    await appendAuditEvent(deps.store, auditOf(ctx, input.cycleId, 'form.reopened', `form:${input.phase}:${input.round}:${input.unitId}`, { deadline: task.deadline }, { deadline: deadlineAt }), [
      extendDeadlineOp(deps.store, ref, task.version, deadlineAt),
      ...deadlineWakeUpOps(deps.store, cycle, deadlineAt, ctx.at),
    ]);
  } else {
    // The wait ended; the old token can no longer be answered, which completing a reopened task tolerates.
    // The sweep's wake-ups first: a task open without them would never be reminded nor closed.
    const taskToken = await getTaskToken(deps.store, ref);
    await transact(deps.store, deadlineWakeUpOps(deps.store, cycle, deadlineAt, ctx.at));
    await openUnitTask(deps.store, { ...ref, taskToken, deadline: deadlineAt, now: ctx.at, reopen: true });
    await appendAuditEvent(deps.store, auditOf(ctx, input.cycleId, 'form.reopened', `form:${input.phase}:${input.round}:${input.unitId}`, { status: task.status }, { deadline: deadlineAt }));
  }
  await invite(deps, cycle, { ...window, deadlineAt }, input.unitId, ctx.at, `reopen-${input.deadlineOn}`);
  return { deadlineAt };
}

/** Marks a unit ineligible for awards this cycle (NĐ 152/2025 art. 4), before the bloc is scored. */
export async function markIneligible(
  deps: CycleDeps,
  input: { cycleId: string; unitId: string; eligibility: Eligibility },
  ctx: AdminContext,
): Promise<void> {
  const cycle = await loadCycleConfig(deps.store, input.cycleId);
  if (!cycle.config.bloc.units.some((u) => u.id === input.unitId)) throw new CycleNotFoundError('unit', input.unitId, 'unitId');
  if (await readResult(deps.store, input.cycleId, RESULT_NAMES.scores)) {
    throw new InterventionRefusedError({ reason: 'alreadyScored' });
  }
  const stored = await getResult<Record<string, Eligibility>>(deps.store, input.cycleId, RESULT_NAMES.eligibility);
  const overrides = { ...(stored?.data ?? {}), [input.unitId]: input.eligibility };
  await appendAuditEvent(deps.store, auditOf(ctx, input.cycleId, 'unit.eligibility', `unit:${input.unitId}`, stored?.data?.[input.unitId], input.eligibility), [
    saveResultOp(deps.store, input.cycleId, RESULT_NAMES.eligibility, { data: overrides, expectedVersion: stored?.version ?? 0, now: ctx.at }),
  ]);
}
