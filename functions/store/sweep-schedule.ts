/**
 * When the scheduled sweep must look at a cycle (docs/data-model.md, pattern 31), so that it takes a lease
 * only on cycles with something due instead of on every running cycle every five minutes. Two kinds of due
 * work, listed together on gsi1 under `SWEEPDUE#<shard>` by the instant they come due:
 * - a cycle's wake-ups: one small item per instant (`SWEEP#<cycleId>` / `AT#<instant>`), written by whoever
 *   sets a deadline (a phase opening, an extension, a reopened form), in the same transaction: each reminder
 *   day's start and the moment after the deadline. Items, not one "next due" attribute: writers only add,
 *   the sweep only deletes what it listed and handled, so no write can hide another's earlier instant;
 * - a unit's task closed as done whose wait may not have been answered (store/tasks.ts puts it there).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.js';
import { putOp, type Item, type WriteOp } from './items.js';
import { queryAll } from './reads.js';
import { SWEEP_SHARDS, sweepKeys } from './keys.js';
import { toTask, type UnitTask } from './tasks.js';

/** One instant at which the sweep looks at a cycle. */
export interface WakeUp {
  cycleId: string;
  at: string;
  /** When it was written: the sweep deletes only the write it listed, never a newer one of the same instant. */
  writtenAt: string;
}

/** What one cycle has due: the wake-ups that came round, and the waits perhaps left unanswered. */
export interface DueWork {
  cycleId: string;
  wakeUps: WakeUp[];
  unanswered: UnitTask[];
}

/** The writes that wake the sweep for a cycle at each of `instants` (ISO), for the transaction that set them. */
export function wakeUpOps(store: Store, cycleId: string, instants: readonly string[], now: Date): WriteOp[] {
  return [...new Set(instants)].map((at) => {
    const key = sweepKeys.wakeUp(cycleId, at);
    return putOp(store, { ...key, type: 'wakeUp', cycleId, at, writtenAt: now.toISOString(), gsi1pk: sweepKeys.due(cycleId), gsi1sk: sweepKeys.dueSort(at, key) });
  });
}

/**
 * Everything due by `at` (an ISO instant), grouped by cycle: every shard queried side by side. A quiet
 * sweep costs these SWEEP_SHARDS queries of empty partitions and nothing else.
 */
export async function listDueWork(store: Store, at: string): Promise<DueWork[]> {
  const shards = await Promise.all(
    Array.from({ length: SWEEP_SHARDS }, (_, shard) =>
      queryAll(store, {
        IndexName: 'gsi1',
        // Sort keys are "<instant>#<key>"; '~' sorts after '#', so "<= at~" keeps everything due by then.
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :at',
        ExpressionAttributeValues: { ':pk': sweepKeys.dueOnShard(shard), ':at': `${at}~` },
      }),
    ),
  );
  const byCycle = new Map<string, DueWork>();
  for (const item of shards.flat()) {
    const cycleId = item.cycleId as string;
    const work = byCycle.get(cycleId) ?? { cycleId, wakeUps: [], unanswered: [] };
    byCycle.set(cycleId, work);
    if (item.type === 'task') work.unanswered.push(toTask(item));
    else work.wakeUps.push(toWakeUp(item));
  }
  return [...byCycle.values()];
}

/** Deletes wake-ups the sweep handled, each only as it was listed (one rewritten since stays). */
export async function clearWakeUps(store: Store, wakeUps: readonly WakeUp[]): Promise<void> {
  await Promise.all(
    wakeUps.map(async (w) => {
      try {
        await store.doc.send(
          new DeleteCommand({
            TableName: store.tableName,
            Key: sweepKeys.wakeUp(w.cycleId, w.at),
            ConditionExpression: 'writtenAt = :writtenAt',
            ExpressionAttributeValues: { ':writtenAt': w.writtenAt },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }),
  );
}

function toWakeUp(item: Item): WakeUp {
  return { cycleId: item.cycleId as string, at: item.at as string, writtenAt: item.writtenAt as string };
}
