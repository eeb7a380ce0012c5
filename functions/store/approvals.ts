/**
 * Approval rounds ("trình phê duyệt"): the bloc's dossier goes to the province, which approves it or
 * returns it for revision; each return opens a new round (at most the bloc rule `approvalRounds`, 3 by default). A round is
 * decided once: the decision is guarded on the round still being pending.
 */
import type { Store } from './client.js';
import { StateConflictError } from './errors.js';
import { putNewOp, updateVersionedOp } from './items.js';
import { getItem, queryPrefix } from './reads.js';
import type { Item, WriteOp } from './items.js';
import { cycleKeys } from './keys.js';

export type ApprovalStatus = 'pending' | 'approved' | 'returned';

export interface ApprovalRound {
  cycleId: string;
  round: number;
  status: ApprovalStatus;
  requestedAt: string;
  /** Return reason ("lý do trả lại"), required for a return. */
  reason?: string;
  /** Number and date of the approval decision ("số, ngày quyết định"), when the approver gives them. */
  decisionNumber?: string;
  decisionDate?: string;
  decidedAt?: string;
  decidedBy?: string;
  version: number;
}

/** Opens a round; opening the same round twice raises AlreadyExistsError. */
export function openApprovalRoundOp(store: Store, cycleId: string, round: number, now: Date): WriteOp {
  return putNewOp(store, {
    ...cycleKeys.approval(cycleId, round),
    type: 'approval',
    cycleId,
    round,
    status: 'pending',
    requestedAt: now.toISOString(),
    version: 1,
  });
}

export type ApprovalDecisionInput =
  | { status: 'approved'; decisionNumber?: string; decisionDate?: string }
  | { status: 'returned'; reason: string };

/** Decides a pending round; a round already decided raises StateConflictError. */
export function decideApprovalRoundOp(
  store: Store,
  cycleId: string,
  round: number,
  expectedVersion: number,
  decision: ApprovalDecisionInput & { now: Date; decidedBy: string },
): WriteOp {
  const key = cycleKeys.approval(cycleId, round);
  const { now, ...fields } = decision;
  return updateVersionedOp(store, key, expectedVersion, {
    set: { ...fields, decidedAt: now.toISOString() },
    guard: { expression: '#status = :pending', names: { '#status': 'status' }, values: { ':pending': 'pending' } },
    onGuardFailed: () => new StateConflictError(key, 'pending'),
  });
}

export async function getApprovalRound(store: Store, cycleId: string, round: number): Promise<ApprovalRound | undefined> {
  const item = await getItem(store, cycleKeys.approval(cycleId, round));
  return item && toApprovalRound(item);
}

export async function listApprovalRounds(store: Store, cycleId: string): Promise<ApprovalRound[]> {
  return (await queryPrefix(store, cycleKeys.partition(cycleId), 'APPROVAL#')).map(toApprovalRound);
}

export function toApprovalRound(item: Item): ApprovalRound {
  const { pk: _pk, sk: _sk, type: _type, ...round } = item;
  return round as unknown as ApprovalRound;
}
