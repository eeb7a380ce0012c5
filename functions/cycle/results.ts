/**
 * Reading and writing the cycle's stored results: the scoring, each ballot round, the bloc's proposal and
 * the published outcome (their names and shapes are in domain/records.ts). Results are written once by the
 * step that computes them, so a retried step reads what it wrote before instead of computing again.
 */
import type { Store } from '../store/client.js';
import { AlreadyExistsError } from '../store/errors.js';
import { getResult, saveResultOp } from '../store/results.js';
import type { WriteOp } from '../store/items.js';
import { CycleStateError } from './errors.js';

export async function readResult<T>(store: Store, cycleId: string, name: string): Promise<T | undefined> {
  return (await getResult<T>(store, cycleId, name))?.data;
}

export async function requireResult<T>(store: Store, cycleId: string, name: string): Promise<T> {
  return required(await readResult<T>(store, cycleId, name), cycleId, name);
}

/** A result the step cannot do without; a missing one is a CycleStateError naming `cycleId`. */
export function required<T>(data: T | undefined, cycleId: string, name: string): T {
  if (data === undefined) throw new CycleStateError(`cycle "${cycleId}" has no ${name} yet`, 'cycleId');
  return data;
}

/** The write that stores a result for the first time. */
export function firstResultOp<T>(store: Store, cycleId: string, name: string, data: T, now: Date): WriteOp {
  return saveResultOp(store, cycleId, name, { data, expectedVersion: 0, now });
}

/**
 * Runs `write` (which stores result `name` with {@link firstResultOp}) unless the result exists; either
 * way returns the stored result, so concurrent or retried steps agree on one value.
 */
export async function once<T>(store: Store, cycleId: string, name: string, write: () => Promise<T>): Promise<T> {
  const existing = await readResult<T>(store, cycleId, name);
  if (existing !== undefined) return existing;
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    return (await readResult<T>(store, cycleId, name))!;
  }
}

// The results' names and shapes are domain types; re-exported for the steps that write them.
export { RESULT_NAMES, type FinalResult, type Proposal, type ScoresResult, type VoteRound } from '../domain/index.js';
