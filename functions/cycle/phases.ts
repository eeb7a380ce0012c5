/**
 * Opening a phase and waiting on the people in it: the task steps of every "Open… / Await… / Close…"
 * group of the state machine. Each step is idempotent, since Step Functions may run a task twice.
 */
import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { appendAuditEvent } from '../audit/trail.js';
import {
  APPROVER,
  assignCrossChecks,
  ballotQuestions,
  followUpInstants,
  type CycleConfig,
  type PhaseName,
  type TaskPhase,
  type VoteRound,
} from '../domain/index.js';
import { RESULT_NAMES, requireResult, type ScoresResult } from './results.js';
import { getForm } from '../store/forms.js';
import { execute } from '../store/items.js';
import { AlreadyExistsError, NotFoundError, StateConflictError, VersionConflictError } from '../store/errors.js';
import { openApprovalRoundOp } from '../store/approvals.js';
import { closeUnitTaskOp, getTaskToken, getUnitTask, openUnitTask, type TaskRef, type UnitTask } from '../store/tasks.js';
import { closeWindowOp, currentLeader, loadCycleConfig, loadPlan, loadWindow, openWindowOp, type PhaseWindowRecord } from './context.js';
import type { CycleDeps } from './deps.js';
import { CycleStateError, DeadlinePassedError } from './errors.js';
import { invite } from './notify.js';
import { ignoring } from './ignoring.js';

export interface StepInput {
  cycleId: string;
  phase: TaskPhase;
  round: number;
  at: Date;
}

/** What the state machine needs to wait on a phase. */
export interface OpenedPhase {
  unitIds: string[];
  round: number;
  deadlineAt: string;
  capAt: string;
}

/** The timeline phase a step's dates come from; follow-up steps get dates of their own. */
const timelinePhase = (phase: TaskPhase, round: number): PhaseName | undefined =>
  round === 1 && (phase === 'pledge' || phase === 'midYear' || phase === 'selfAssessment' || phase === 'crossCheck' || phase === 'vote' || phase === 'approval')
    ? phase
    : undefined;

/**
 * Opens a phase: fixes its window (dates and who must act), then sends each actor a link. A retried open
 * finds the stored window and re-sends only what was not sent.
 */
export async function openPhase(deps: CycleDeps, input: StepInput): Promise<OpenedPhase> {
  const { store } = deps;
  const cycle = await loadCycleConfig(store, input.cycleId);
  const window = (await loadWindow(store, input.cycleId, input.phase, input.round)) ?? (await createWindow(deps, cycle.config, input));
  if (input.phase === 'approval') await ignoring(AlreadyExistsError, execute(store, openApprovalRoundOp(store, input.cycleId, input.round, input.at)));
  for (const actor of window.actors) await invite(deps, cycle, window, actor, input.at);
  return { unitIds: window.actors, round: window.round, deadlineAt: window.deadlineAt, capAt: window.capAt };
}

/** Fixes a window and records the opening, together; a concurrent open that got there first wins. */
async function createWindow(deps: CycleDeps, config: CycleConfig, input: StepInput): Promise<PhaseWindowRecord> {
  const plan = await loadPlan(deps.store, input.cycleId);
  const window = await computeWindow(deps, config, plan, input);
  const audit = {
    chainId: input.cycleId,
    actor: 'workflow',
    action: `${input.phase}.opened`,
    target: `phase:${input.phase}:${input.round}`,
    at: input.at,
    after: { deadlineAt: window.deadlineAt, actors: window.actors },
  };
  const stored = await ignoring(AlreadyExistsError, appendAuditEvent(deps.store, audit, [openWindowOp(deps.store, input.cycleId, window, input.at)]));
  return stored ? window : (await loadWindow(deps.store, input.cycleId, input.phase, input.round))!;
}

async function computeWindow(
  deps: CycleDeps,
  config: CycleConfig,
  plan: Awaited<ReturnType<typeof loadPlan>>,
  input: StepInput,
): Promise<PhaseWindowRecord> {
  const fromTimeline = timelinePhase(input.phase, input.round);
  const dates = fromTimeline
    ? plan.phases[fromTimeline]
    : { opensAt: input.at.toISOString(), ...followUpInstants(input.at.getTime(), config.rules, plan.lastCapAt) };
  if (!dates) throw new CycleStateError(`the timeline has no ${input.phase} phase`, 'phase');
  const unitIds = [...config.bloc.units].sort((a, b) => a.rotationOrder - b.rotationOrder).map((u) => u.id);
  const base = { phase: input.phase, round: input.round, ...dates, assignments: [] };
  switch (input.phase) {
    case 'crossCheck': {
      // Everyone is assigned, so the assignment is the same whoever submitted; only checkers of a submitted form act.
      const assignments = assignCrossChecks(unitIds, input.cycleId);
      const submitted = await Promise.all(
        assignments.map(async (a) => (await getForm(deps.store, { cycleId: input.cycleId, phase: 'selfAssessment', round: 1, unitId: a.checkedUnitId }))?.submitted !== undefined),
      );
      return { ...base, assignments, actors: assignments.filter((_, i) => submitted[i]).map((a) => a.checkerUnitId) };
    }
    case 'vote': {
      const scores = await requireResult<ScoresResult>(deps.store, input.cycleId, RESULT_NAMES.scores);
      const previous = input.round > 1 ? await requireResult<VoteRound>(deps.store, input.cycleId, RESULT_NAMES.vote(input.round - 1)) : undefined;
      const q = ballotQuestions(unitIds, scores.nominations, previous);
      const ballot = { flagCandidates: [...q.flagCandidates], certificateNominees: [...q.certificateNominees], electLeaders: q.electLeaders };
      return { ...base, actors: unitIds, ballot };
    }
    case 'leaderDecision': {
      const last = await requireResult<VoteRound>(deps.store, input.cycleId, RESULT_NAMES.vote(input.round));
      const candidates = last.outcome.kind === 'decided' ? [] : last.outcome.candidates;
      return { ...base, actors: [currentLeader(config)], candidates };
    }
    case 'revision':
      return { ...base, actors: [currentLeader(config)] };
    case 'approval':
      return { ...base, actors: [APPROVER] };
    default:
      return { ...base, actors: unitIds };
  }
}

export interface AwaitInput extends StepInput {
  unitId: string;
  taskToken: string;
}

/**
 * Registers the task token a unit's wait listens on. The unit may already have acted (its link reached it
 * before this wait started): then the wait completes at once. Past the unit's deadline the wait fails
 * with DeadlinePassedError, which the state machine records as missed.
 */
export async function awaitResponse(deps: CycleDeps, input: AwaitInput): Promise<void> {
  const { store } = deps;
  const window = await loadWindow(store, input.cycleId, input.phase, input.round);
  if (!window) throw new CycleStateError(`${input.phase} round ${input.round} is not open`, 'phase');
  const ref: TaskRef = { cycleId: input.cycleId, phase: input.phase, round: input.round, unitId: input.unitId };
  const prior = await ignoring(NotFoundError, getUnitTask(store, ref));
  const deadline = prior?.deadline ?? window.deadlineAt;
  if (prior && prior.status !== 'open') {
    // A retried wait after the unit's task closed: answer the new token the same way.
    if (prior.status === 'done') return answer(deps, input.taskToken, await outputOf(deps, ref));
    throw new DeadlinePassedError(deadline);
  }
  if (input.phase !== 'approval' && input.at.getTime() > Date.parse(deadline)) throw new DeadlinePassedError(deadline);
  await openUnitTask(store, { ...ref, taskToken: input.taskToken, deadline, now: input.at });
  const form = await getForm(store, ref);
  if (form?.submitted !== undefined) await completeTask(deps, ref, input.at);
}

/**
 * Closes a unit's open task as done and tells Step Functions; used after a submission is stored. A task
 * that is already closed (a double click, a retried wait) is left as it is.
 */
export async function completeTask(deps: CycleDeps, ref: TaskRef, at: Date): Promise<void> {
  const task = await ignoring(NotFoundError, getUnitTask(deps.store, ref));
  if (!task || task.status !== 'open') return;
  const token = await getTaskToken(deps.store, ref);
  const closed = await ignoring(StateConflictError, execute(deps.store, closeUnitTaskOp(deps.store, ref, task.version, { status: 'done', now: at })).then(() => true));
  if (!closed) return; // closed meanwhile by another request
  await answer(deps, token, await outputOf(deps, ref));
}

/** Answers the wait of a task the caller has just closed as done (in the same transaction as its submission). */
export async function answerClosedTask(deps: CycleDeps, ref: TaskRef): Promise<void> {
  await answer(deps, await getTaskToken(deps.store, ref), await outputOf(deps, ref));
}

/**
 * Fails an overdue wait with the error the state machine catches as "missed" (used by the scheduler).
 * A task nobody waits on any more (a reopened form whose wait ended long ago) is closed here instead.
 */
export async function failOverdueTask(deps: CycleDeps, task: UnitTask, at: Date): Promise<void> {
  const token = await getTaskToken(deps.store, task);
  try {
    await deps.sfn.send(new SendTaskFailureCommand({ taskToken: token, error: DeadlinePassedError.errorName, cause: `deadline ${task.deadline}` }));
  } catch (error) {
    if (!isTokenGone(error)) throw error;
    const form = await getForm(deps.store, task);
    const status = form?.submitted !== undefined ? 'done' : 'missed';
    // A task that moved meanwhile (answered, extended, closed by a parallel sweep) is someone else's to handle.
    await ignoring([StateConflictError, VersionConflictError], execute(deps.store, closeUnitTaskOp(deps.store, task, task.version, { status, now: at })));
  }
}

/** What the wait returns to the state machine: the approver's decision, or that the unit acted. */
async function outputOf(deps: CycleDeps, ref: TaskRef): Promise<unknown> {
  if (ref.phase !== 'approval') return { unitId: ref.unitId, acted: true };
  const form = await getForm<{ decision: string }>(deps.store, ref);
  return { decision: form?.submitted?.decision ?? 'approve' };
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

/** Records a unit that did not act by its deadline (or, if it did act in a race with the deadline, that it did). */
export async function recordMissed(deps: CycleDeps, input: StepInput & { unitId: string; reason: string }): Promise<{ status: 'missed' | 'done' }> {
  const { store } = deps;
  const ref: TaskRef = { cycleId: input.cycleId, phase: input.phase, round: input.round, unitId: input.unitId };
  const form = await getForm(store, ref);
  const status = form?.submitted !== undefined ? 'done' : 'missed';
  const task = await ignoring(NotFoundError, getUnitTask(store, ref));
  if (task?.status === 'open') {
    const audit = { chainId: input.cycleId, actor: 'workflow', action: `${input.phase}.${status}`, target: `task:${input.phase}:${input.round}:${input.unitId}`, at: input.at, after: { reason: input.reason } };
    await ignoring(StateConflictError, appendAuditEvent(store, audit, [closeUnitTaskOp(store, ref, task.version, { status, now: input.at })]));
  }
  return { status };
}

/** Closes a phase once every wait has ended, recording it in the audit trail once. */
export async function closePhase(deps: CycleDeps, input: StepInput): Promise<{ closed: true }> {
  const op = await closeWindowOp(deps.store, input.cycleId, input.phase, input.round, input.at);
  if (op) {
    const audit = { chainId: input.cycleId, actor: 'workflow', action: `${input.phase}.closed`, target: `phase:${input.phase}:${input.round}`, at: input.at };
    await ignoring(VersionConflictError, appendAuditEvent(deps.store, audit, [op]));
  }
  return { closed: true };
}
