/**
 * The province's decisions of a year ("Ban Thi đua – Khen thưởng tỉnh"): its choice of the units it
 * proposes for the Government's flag, one versioned record per year, changed only from the version read;
 * and the board's persons who sign its documents, one versioned record.
 */
import type { Store } from './client.js';
import { updateVersionedOp, type WriteOp } from './items.js';
import { getItem } from './reads.js';
import { provinceKeys } from './keys.js';
import { envelope, toVersioned, type Parser, type Versioned } from './records.js';

/** Creates (expectedVersion 0) or replaces the year's choice. */
export function saveGovernmentFlagOp<T>(store: Store, year: number, change: { data: T; expectedVersion: number; now: Date }): WriteOp {
  return updateVersionedOp(store, provinceKeys.governmentFlag(year), change.expectedVersion, {
    set: { ...envelope(change.data, change.expectedVersion, change.now), type: 'governmentFlag', year },
  });
}

export async function getGovernmentFlag<T = unknown>(store: Store, year: number, parser?: Parser<T>): Promise<Versioned<T> | undefined> {
  const item = await getItem(store, provinceKeys.governmentFlag(year));
  return item && toVersioned(item, parser);
}

/** Creates (expectedVersion 0) or replaces the board's persons. */
export function saveBoardPeopleOp<T>(store: Store, change: { data: T; expectedVersion: number; now: Date }): WriteOp {
  return updateVersionedOp(store, provinceKeys.board(), change.expectedVersion, { set: { ...envelope(change.data, change.expectedVersion, change.now), type: 'board' } });
}

export async function getBoardPeople<T = unknown>(store: Store, parser?: Parser<T>): Promise<Versioned<T> | undefined> {
  const item = await getItem(store, provinceKeys.board());
  return item && toVersioned(item, parser);
}

/** The audit chain of the province's decisions of `year`. */
export const provinceAuditChain = (year: number): string => provinceKeys.auditChain(year);
