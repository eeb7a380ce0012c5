/**
 * Results of a cycle, by name: the bloc scoring ("kết quả chấm điểm"), each vote round's tally, the final
 * published result. Versioned payloads in the cycle's partition.
 */
import type { Store } from './client.js';
import { execute, updateVersionedOp } from './items.js';
import { getItem, queryPrefix } from './reads.js';
import type { WriteOp } from './items.js';
import { cycleKeys } from './keys.js';
import { envelope, toVersioned } from './records.js';
import type { Parser, Versioned } from './records.js';

/** Creates (expectedVersion 0) or replaces a named result of a cycle. */
export function saveResultOp<T>(
  store: Store,
  cycleId: string,
  name: string,
  change: { data: T; expectedVersion: number; now: Date },
): WriteOp {
  return updateVersionedOp(store, cycleKeys.result(cycleId, name), change.expectedVersion, {
    set: { ...envelope(change.data, change.expectedVersion, change.now), type: 'result', cycleId, name },
  });
}

export async function saveResult<T>(
  store: Store,
  cycleId: string,
  name: string,
  change: { data: T; expectedVersion: number; now: Date },
): Promise<number> {
  await execute(store, saveResultOp(store, cycleId, name, change));
  return change.expectedVersion + 1;
}

export async function getResult<T = unknown>(
  store: Store,
  cycleId: string,
  name: string,
  parser?: Parser<T>,
): Promise<Versioned<T> | undefined> {
  const item = await getItem(store, cycleKeys.result(cycleId, name));
  return item && toVersioned(item, parser);
}

export async function listResults(store: Store, cycleId: string): Promise<(Versioned<unknown> & { name: string })[]> {
  const items = await queryPrefix(store, cycleKeys.partition(cycleId), 'RESULT#');
  return items.map((item) => ({ ...toVersioned(item), name: item.name as string }));
}
