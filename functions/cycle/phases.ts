/**
 * Waiting on the people in a phase: the "Await…" task step of every "Open… / Await… / Close…" group of the
 * state machine, and what ends a wait (opening is in open-phase.ts, closing in phase-close.ts). Each step is idempotent, since Step Functions
 * may run a task twice.
 */
import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { appendAuditEvent, type AuditInput } from '../audit/trail.js';
import { endsOnAnswer, type TaskPhase } from '../domain/index.js';
import { formNotSubmittedCheck, getForm } from '../store/forms.js';
import { execute, transact, type Bookkeeping } from '../store/items.js';
import { cycleKeys } from '../store/keys.js';
import { NotFoundError, StateConflictError, VersionConflictError } from '../store/errors.js';
import { closeUnitTaskOp, getTaskToken, getUnitTask, markTaskAnswered, markTaskAnsweredOp, openUnitTask, openUnitTaskOp, type TaskRef, type UnitTask } from '../store/tasks.js';
import { loadCycleConfig, loadWindow } from './context.js';
import type { CycleDeps } from '../shared/deps.js';
import { CycleStateError, DeadlinePassedError } from './errors.js';
import { ignoring } from '../shared/ignoring.js';

export interface StepInput {
  cycleId: string;
  phase: TaskPhase;
  round: number;
  at: Date;
}

export interface AwaitInput extends StepInput {
  unitId: string;
  taskToken: string;
}

/**
 * Registers the task token a unit's wait listens on. The unit may already have acted (its link reached it
 * before this wait started): then the wait completes at once where acting ends it ({@link endsOnAnswer}),
 * else it lasts to the deadline. Past the unit's deadline the wait fails with DeadlinePassedError, which
 * the state machine records (as done when the form was submitted, as missed otherwise).
 */
export async function awaitResponse(deps: CycleDeps, input: AwaitInput): Promise<void> {
  const { store } = deps;
  const ref: TaskRef = { cycleId: input.cycleId, phase: input.phase, round: input.round, unitId: input.unitId };
  // Read together: one BatchGetItem (store/reads.ts).
  const [window, prior] = await Promise.all([loadWindow(store, input.cycleId, input.phase, input.round), ignoring(NotFoundError, getUnitTask(store, ref))]);
  if (!window) throw new CycleStateError(`${input.phase} round ${input.round} is not open`, 'phase');
  const deadline = prior?.deadline ?? window.deadlineAt;
  if (prior && prior.status !== 'open') {
    // A retried wait after the unit's task closed: answer the new token the same way.
    if (prior.status === 'done') return answer(deps, input.taskToken, await outputOf(deps, ref));
    throw new DeadlinePassedError(deadline);
  }
  if (input.phase !== 'approval' && input.at.getTime() > Date.parse(deadline)) throw new DeadlinePassedError(deadline);
  const open = { ...ref, taskToken: input.taskToken, deadline, now: input.at };
  // The task opens on the condition that the form is not submitted, in one transaction: a submission committed
  // first (it found no open task to close) is seen here; one committed after finds the task open and answers.
  const submittedFirst = await transact(store, [openUnitTaskOp(store, open), formNotSubmittedCheck(store, ref)]).then(
    () => false,
    (error: unknown) => {
      if (error instanceof StateConflictError && cycleKeys.isForm(error.key)) return true;
      throw error;
    },
  );
  if (!submittedFirst) return;
  await openUnitTask(store, open);
  if (endsOnAnswer(input.phase, (await loadCycleConfig(store, input.cycleId)).config.rules)) await completeTask(deps, ref, input.at);
}

/**
 * Closes a unit's open task as done and tells Step Functions; used after a submission is stored. A task
 * that is already closed (a double click, a retried wait) is left as it is.
 */
export async function completeTask(deps: CycleDeps, ref: TaskRef, at: Date): Promise<void> {
  const [task, token] = await Promise.all([ignoring(NotFoundError, getUnitTask(deps.store, ref)), ignoring(NotFoundError, getTaskToken(deps.store, ref))]);
  if (!task || task.status !== 'open' || token === undefined) return;
  const closed = await ignoring(StateConflictError, execute(deps.store, closeUnitTaskOp(deps.store, ref, task.version, { status: 'done', now: at, answerPending: true })).then(() => true));
  if (!closed) return; // closed meanwhile by another request
  await answer(deps, token, await outputOf(deps, ref));
  await markTaskAnswered(deps.store, ref);
}

/**
 * Answers the wait of a task closed as done with `answerPending` (in the same transaction as its
 * submission), then takes it off the unanswered list. The sweep calls it again for a task whose closer
 * died in between; answering twice is harmless (the second finds the wait over).
 */
export async function answerClosedTask(deps: CycleDeps, ref: TaskRef, known?: { token: string | undefined }): Promise<void> {
  // The sweep reads the tokens of a cycle's tasks together and hands each on (`known`).
  const token = known ? known.token : await ignoring(NotFoundError, getTaskToken(deps.store, ref));
  if (token) await answer(deps, token, await outputOf(deps, ref));
  await markTaskAnswered(deps.store, ref);
}

/**
 * {@link answerClosedTask} for the request that closed the task, which read its token with the task and
 * knows what was submitted: answers the wait and hands back the write that takes the task off the
 * unanswered list, for the request's other bookkeeping (`writeTogether` of store/items.ts).
 */
export async function answerOwnClosedTask(deps: CycleDeps, ref: TaskRef, token: string | undefined, submitted: Record<string, unknown>): Promise<Bookkeeping> {
  if (token) await answer(deps, token, outputOfSubmitted(ref, submitted));
  return { op: markTaskAnsweredOp(deps.store, ref), alone: () => markTaskAnswered(deps.store, ref) };
}

/**
 * Fails an overdue wait with the error the state machine catches as "missed" (used by the scheduler, which
 * reads the tokens of a cycle's overdue tasks together: `token`, undefined for a task that is not there).
 * A task nobody waits on any more (a reopened form whose wait ended long ago) is closed here instead.
 */
export async function failOverdueTask(deps: CycleDeps, task: UnitTask, token: string | undefined, at: Date): Promise<void> {
  if (token === undefined) throw new NotFoundError(cycleKeys.task(task));
  try {
    await deps.sfn.send(new SendTaskFailureCommand({ taskToken: token, error: DeadlinePassedError.errorName, cause: `deadline ${task.deadline}` }));
  } catch (error) {
    if (!isTokenGone(error)) throw error;
    const form = await getForm(deps.store, task);
    const status = form?.submitted !== undefined ? 'done' : 'missed';
    // Recorded as the phase's Close step records an ended wait (a wait may end before its phase closes).
    const audit = endedWaitAudit({ ...task, phase: task.phase as TaskPhase, at }, status, DeadlinePassedError.errorName);
    // A task that moved meanwhile (answered, extended, closed by a parallel sweep) is someone else's to handle.
    await ignoring([StateConflictError, VersionConflictError], appendAuditEvent(deps.store, audit, [closeUnitTaskOp(deps.store, task, task.version, { status, now: at })]));
  }
}

/** What the wait returns to the state machine: the approver's decision, or that the unit acted. */
async function outputOf(deps: CycleDeps, ref: TaskRef): Promise<unknown> {
  if (ref.phase !== 'approval') return outputOfSubmitted(ref, {});
  return outputOfSubmitted(ref, (await getForm<Record<string, unknown>>(deps.store, ref))?.submitted ?? {});
}

function outputOfSubmitted(ref: TaskRef, submitted: Record<string, unknown>): unknown {
  if (ref.phase !== 'approval') return { unitId: ref.unitId, acted: true };
  return { decision: (submitted.decision as string | undefined) ?? 'approve' };
}

async function answer(deps: CycleDeps, taskToken: string, output: unknown): Promise<void> {
  try {
    await deps.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
  } catch (error) {
    // The wait already ended (answered before, or timed out): nothing is waiting for this answer any more.
    if (!isTokenGone(error)) throw error;
  }
}

export function isTokenGone(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'TaskTimedOut' || name === 'InvalidToken' || name === 'TaskDoesNotExist';
}

/** Records a unit that did not act by its deadline (or, if it did act in a race with the deadline, that it did): one party's wait. */
export async function recordMissed(deps: CycleDeps, input: StepInput & { unitId: string; reason: string }): Promise<{ status: 'missed' | 'done' }> {
  const { store } = deps;
  const ref: TaskRef = { cycleId: input.cycleId, phase: input.phase, round: input.round, unitId: input.unitId };
  const form = await getForm(store, ref);
  const status = form?.submitted !== undefined ? 'done' : 'missed';
  const task = await ignoring(NotFoundError, getUnitTask(store, ref));
  if (task?.status === 'open') {
    await ignoring(StateConflictError, appendAuditEvent(store, endedWaitAudit(input, status, input.reason), [closeUnitTaskOp(store, ref, task.version, { status, now: input.at })]));
  }
  return { status };
}

/** The audit event of a unit's wait that ended without an answer. */
export function endedWaitAudit(input: StepInput & { unitId: string }, status: 'done' | 'missed', reason: string): AuditInput {
  return { chainId: input.cycleId, actor: 'workflow', action: `${input.phase}.${status}`, target: `task:${input.phase}:${input.round}:${input.unitId}`, at: input.at, after: { reason } };
}
