/**
 * Per-unit phase state: a unit's piece of work in one phase (and round) of a cycle, e.g. its
 * self-assessment ("tự chấm điểm") or its ballot. The item holds the Step Functions task token the
 * workflow waits on. The token never leaves the server: {@link UnitTask} has no token field, and only
 * {@link getTaskToken} and {@link getTaskTokens} (for the code that answers Step Functions) read it.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Store } from './client.js';
import { NotFoundError, StateConflictError } from './errors.js';
import { conditionalUpdateOp, execute, updateIf, updateVersionedOp } from './items.js';
import { getItem, getItems, queryIndex } from './reads.js';
import type { Item, WriteOp } from './items.js';
import { cycleKeys, legacyKeys, sweepKeys } from './keys.js';
import type { TaskRef } from './keys.js';

export type { TaskRef } from './keys.js';
export type TaskStatus = 'open' | 'done' | 'missed' | 'cancelled';

export interface UnitTask {
  cycleId: string;
  phase: string;
  round: number;
  unitId: string;
  status: TaskStatus;
  /** ISO instant of the deadline (23:59:59 Vietnam time of the deadline day). */
  deadline: string;
  version: number;
  openedAt: string;
  closedAt?: string;
  /**
   * When the unit last submitted its form while the wait goes on to the deadline (it may still correct it):
   * who has acted is read from the tasks alone, without the forms, as the province's pages read them.
   */
  submittedAt?: string;
}

// An open task is listed per cycle only (OPENTASKS#<cycleId>): an index key shared by every task due on a
// date would take a province's whole phase opening on one partition. The sweep finds the cycles to look at
// by their wake-ups (store/sweep-schedule.ts), each written once per deadline, not once per task.
const openIndexes = (ref: TaskRef) => ({
  gsi1pk: cycleKeys.openTasks(ref.cycleId),
  gsi1sk: cycleKeys.openTaskSort(ref),
});

type OpenTaskInput = TaskRef & { taskToken: string; deadline: string; now: Date; reopen?: boolean };

/**
 * Opens (or re-arms) a unit's task with the token the workflow waits on. Idempotent for a retried
 * workflow step: an open task just takes the new token. A closed task is only opened again with
 * `reopen` (an admin reopening one unit's form); otherwise StateConflictError.
 */
export async function openUnitTask(store: Store, input: OpenTaskInput): Promise<UnitTask> {
  const { key, write } = openUnitTaskOp(store, input);
  try {
    const { Attributes } = await store.doc.send(new UpdateCommand({ ...write.Update!, ReturnValues: 'ALL_NEW' }));
    return toTask(Attributes as Item);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new StateConflictError(key, 'open', { cause: error });
    throw error;
  }
}

/** The write of {@link openUnitTask}, for a transaction with a condition on something else (the form not yet submitted). */
export function openUnitTaskOp(store: Store, input: OpenTaskInput): WriteOp {
  const key = cycleKeys.task(input);
  const indexes = openIndexes(input);
  return {
    key,
    write: {
      Update: {
        TableName: store.tableName,
        Key: key,
        UpdateExpression:
          'SET #type = :type, cycleId = :cycleId, phase = :phase, round = :round, unitId = :unitId, #status = :open, ' +
          'taskToken = :token, deadline = :deadline, openedAt = :at, gsi1pk = :g1pk, gsi1sk = :g1sk, ' +
          '#version = if_not_exists(#version, :zero) + :one REMOVE closedAt, gsi2pk, gsi2sk',
        ...(input.reopen ? {} : { ConditionExpression: 'attribute_not_exists(pk) OR #status = :open' }),
        ExpressionAttributeNames: { '#type': 'type', '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: {
          ':type': 'task',
          ':cycleId': input.cycleId,
          ':phase': input.phase,
          ':round': input.round ?? 1,
          ':unitId': input.unitId,
          ':open': 'open',
          ':token': input.taskToken,
          ':deadline': input.deadline,
          ':at': input.now.toISOString(),
          ':zero': 0,
          ':one': 1,
          ':g1pk': indexes.gsi1pk,
          ':g1sk': indexes.gsi1sk,
        },
      },
    },
    onConditionFailed: () => new StateConflictError(key, 'open'),
  };
}

export async function getUnitTask(store: Store, ref: TaskRef): Promise<UnitTask> {
  const key = cycleKeys.task(ref);
  const item = await getItem(store, key);
  if (!item) throw new NotFoundError(key);
  return toTask(item);
}

/** The task token, for the code that reports to Step Functions. Never put it in a link, email or response. */
export async function getTaskToken(store: Store, ref: TaskRef): Promise<string> {
  const key = cycleKeys.task(ref);
  const item = await getItem(store, key);
  if (!item) throw new NotFoundError(key);
  return item.taskToken as string;
}

/**
 * The task tokens of many tasks, read together (store/reads.ts {@link getItems}: BatchGetItems of 100), in
 * the order of `refs`; undefined for a task that is not there. For the sweep, which answers or fails every
 * due wait of a cycle at once. Never put a token in a link, email or response.
 */
export async function getTaskTokens(store: Store, refs: readonly TaskRef[]): Promise<(string | undefined)[]> {
  return (await getItems(store, refs.map((ref) => cycleKeys.task(ref)))).map((item) => item?.taskToken as string | undefined);
}

/**
 * Closes an open task (done: the unit acted; missed: the deadline passed; cancelled) if it is still at
 * `expectedVersion`. Put it in the same transaction as the submission that completes it. With
 * `answerPending`, the task stays listed as unanswered until {@link markTaskAnswered}, among the sweep's due
 * work from the moment it closed: if the caller dies before it answers the workflow's wait, the sweep finds
 * it and answers instead.
 */
export function closeUnitTaskOp(
  store: Store,
  ref: TaskRef,
  expectedVersion: number,
  outcome: { status: Exclude<TaskStatus, 'open'>; now: Date; answerPending?: boolean },
): WriteOp {
  const key = cycleKeys.task(ref);
  const unanswered = { gsi1pk: sweepKeys.due(ref.cycleId), gsi1sk: sweepKeys.dueSort(outcome.now.toISOString(), key) };
  return updateVersionedOp(store, key, expectedVersion, {
    set: { status: outcome.status, closedAt: outcome.now.toISOString(), ...(outcome.answerPending ? unanswered : {}) },
    remove: outcome.answerPending ? ['gsi2pk', 'gsi2sk'] : ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'],
    guard: { expression: '#status = :open', names: { '#status': 'status' }, values: { ':open': 'open' } },
    onGuardFailed: () => new StateConflictError(key, 'open'),
  });
}

/**
 * Records on an open task that its unit submitted at `at` (the wait goes on to the deadline). No version:
 * an admin's extension at the same moment must not refuse the unit's submission; `onClosed` when the task
 * closed meanwhile (its deadline passed).
 */
export function markSubmittedOp(store: Store, ref: TaskRef, at: string, onClosed: WriteOp['onConditionFailed']): WriteOp {
  return conditionalUpdateOp(store, cycleKeys.task(ref), submittedWhileOpen(at), onClosed);
}

/** The same, outside a transaction: false when the task is no longer open (a data migration's work). */
export function markSubmitted(store: Store, ref: TaskRef, at: string): Promise<boolean> {
  return updateIf(store, cycleKeys.task(ref), submittedWhileOpen(at));
}

const submittedWhileOpen = (at: string) => ({ update: 'SET submittedAt = :at', condition: '#status = :open', names: { '#status': 'status' }, values: { ':at': at, ':open': 'open' } });

/** Moves an open task's deadline (an admin extension). */
export function extendDeadlineOp(store: Store, ref: TaskRef, expectedVersion: number, deadline: string): WriteOp {
  const key = cycleKeys.task(ref);
  return updateVersionedOp(store, key, expectedVersion, {
    set: { deadline, ...openIndexes(ref) },
    guard: { expression: '#status = :open', names: { '#status': 'status' }, values: { ':open': 'open' } },
    onGuardFailed: () => new StateConflictError(key, 'open'),
  });
}

/** The open tasks of a cycle, optionally of one phase, ordered by phase, round and unit. */
export async function listOpenTasks(store: Store, cycleId: string, phase?: string): Promise<UnitTask[]> {
  const items = await queryIndex(store, 'gsi1', cycleKeys.openTasks(cycleId), phase ? `${phase}#` : '');
  return items.map(toTask);
}

/** Takes a task off the unanswered list once its wait was answered (or nothing waits any more). */
export async function markTaskAnswered(store: Store, ref: TaskRef): Promise<void> {
  try {
    await execute(store, markTaskAnsweredOp(store, ref));
  } catch (error) {
    if (!(error instanceof StateConflictError)) throw error;
  }
}

/**
 * The write of {@link markTaskAnswered}, for a transaction with other bookkeeping of the same request (see
 * `writeTogether`); StateConflictError when the task is not on the unanswered list (answered already, reopened).
 */
export function markTaskAnsweredOp(store: Store, ref: TaskRef): WriteOp {
  const key = cycleKeys.task(ref);
  return conditionalUpdateOp(
    store,
    key,
    {
      update: 'SET #version = #version + :one REMOVE gsi1pk, gsi1sk',
      condition: 'gsi1pk = :unanswered',
      names: { '#version': 'version' },
      values: { ':one': 1, ':unanswered': sweepKeys.due(ref.cycleId) },
    },
    () => new StateConflictError(key, 'unanswered'),
  );
}

/**
 * Moves a cycle's tasks still listed as unanswered under the key of earlier releases (`ANSWERDUE#<cycleId>`
 * on gsi1, which the sweep no longer reads) to the sweep's due work, due since they closed, as
 * {@link closeUnitTaskOp} lists them now; returns how many moved. Only the listing changes (not the
 * version: nothing the task says changed); a task answered or reopened meanwhile is left as it is.
 */
export async function moveLegacyUnansweredTasks(store: Store, cycleId: string): Promise<number> {
  let moved = 0;
  for (const item of await queryIndex(store, 'gsi1', legacyKeys.unansweredTasks(cycleId))) {
    const key = { pk: item.pk, sk: item.sk };
    const since = (item.closedAt ?? item.openedAt) as string;
    const changed = await updateIf(store, key, {
      update: 'SET gsi1pk = :due, gsi1sk = :dueSort',
      condition: 'gsi1pk = :legacy',
      values: { ':due': sweepKeys.due(cycleId), ':dueSort': sweepKeys.dueSort(since, key), ':legacy': legacyKeys.unansweredTasks(cycleId) },
    });
    if (changed) moved++;
  }
  return moved;
}

/** A task item as the UnitTask every read returns (without its token). */
export function toTask(item: Item): UnitTask {
  return {
    cycleId: item.cycleId as string,
    phase: item.phase as string,
    round: item.round as number,
    unitId: item.unitId as string,
    status: item.status as TaskStatus,
    deadline: item.deadline as string,
    version: item.version as number,
    openedAt: item.openedAt as string,
    ...(item.closedAt ? { closedAt: item.closedAt as string } : {}),
    ...(item.submittedAt ? { submittedAt: item.submittedAt as string } : {}),
  };
}
