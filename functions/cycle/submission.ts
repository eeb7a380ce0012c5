/**
 * A submission's writes and what follows their commit, whichever door it came through: a unit's or the
 * approver's emailed link (actions.ts), or the board deciding for the approver from its queue
 * (on-behalf.ts). The door commits the writes with its own guard and audit event (the link's use, or the
 * admin's session); the rest is one path, so both keep the same guarantees.
 */
import { endsOnAnswer, type CycleConfig, type TaskPhase } from '../domain/index.js';
import { missingScansOf } from '../dossier/index.js';
import { sendQueuedUnrecorded, type QueuedEmail } from '../mail/mailer.js';
import type { CycleDeps } from '../shared/deps.js';
import { decideApprovalRoundOp, type getApprovalRound } from '../store/approvals.js';
import type { Form } from '../store/forms.js';
import { listFiles } from '../store/files.js';
import { submitFormOps } from '../store/forms.js';
import { writeTogether, type WriteOp } from '../store/items.js';
import { closeUnitTaskOp, markSubmittedOp, type TaskRef, type UnitTask } from '../store/tasks.js';
import type { PinnedCycle } from './context.js';
import { MissingScansError, PhaseClosedError } from './errors.js';
import { answerOwnClosedTask, completeTask } from './phases.js';
import { receiptEmail } from './receipt.js';

type Ref = TaskRef & { phase: TaskPhase; round: number };

export interface Submission {
  ref: Ref;
  cycle: PinnedCycle;
  task: UnitTask | undefined;
  form: Form | undefined;
  /** The form, parsed by its phase's schema. */
  data: Record<string, unknown>;
  /** The approval round the decision is for (approval only). */
  approvalRound?: Awaited<ReturnType<typeof getApprovalRound>>;
  actor: string;
  expectedVersion: number;
  /** Until when the unit may still change what it sent, for its receipt (phases that reopen). */
  changeableUntil: string | undefined;
  /** The unit whose self-assessment a cross-check checked, named in its receipt. */
  checkedUnitId?: string;
  at: Date;
}

/**
 * The writes of a submission, for the door's one transaction: the form and its snapshot, its receipt
 * (queued claimed by this request: once the form is stored its receipt is sent, by this request or, if it
 * dies first, by the drainer when the claim's lease runs out), the task closed when the phase ends on this
 * answer, the approval round's decision.
 */
export async function submissionWrites(deps: CycleDeps, s: Submission): Promise<{ ops: WriteOp[]; receipt: QueuedEmail; endsWait: boolean }> {
  const submissionNumber = (s.form?.submissions ?? 0) + 1;
  const receipt = receiptEmail(deps, s.cycle, s.ref, s.data, { submissionNumber, changeableUntil: s.changeableUntil, checkedUnitId: s.checkedUnitId }, s.at);
  const ops: WriteOp[] = [...submitFormOps(deps.store, s.ref, { data: s.data, expectedVersion: s.expectedVersion, now: s.at, actor: s.actor, submissionNumber }), receipt.op];
  // Unless it ends on this answer, the wait goes on to the deadline: the unit may still correct, the admin extend.
  const endsWait = endsOnAnswer(s.ref.phase, s.cycle.config.rules);
  if (endsWait && s.task?.status === 'open') ops.push(closeUnitTaskOp(deps.store, s.ref, s.task.version, { status: 'done', now: s.at, answerPending: true }));
  // Otherwise the task says the unit has acted: who has, is read from the tasks alone (the province's pages).
  else if (s.task?.status === 'open') ops.push(markSubmittedOp(deps.store, s.ref, s.at.toISOString(), () => new PhaseClosedError(s.ref.phase)));
  if (s.ref.phase === 'approval') ops.push(await approvalDecisionOp(deps, s.ref, s.approvalRound, s.data, s.cycle.config, s.at));
  return { ops, receipt, endsWait };
}

/**
 * After the commit: answers the wait (the task closed by the writes, or registered meanwhile: then it is
 * still open) and sends the receipt side by side; one transaction records both. Should the workflow be out
 * of reach, the receipt still goes and is recorded (the sweep answers the wait later), then this fails.
 */
export async function settleSubmission(
  deps: CycleDeps,
  s: Pick<Submission, 'ref' | 'task' | 'data' | 'at'> & { taskToken: string | undefined; endsWait: boolean; receipt: QueuedEmail },
): Promise<void> {
  const [answered, sent] = await Promise.allSettled([
    s.endsWait && s.task?.status === 'open' ? answerOwnClosedTask(deps, s.ref, s.taskToken, s.data) : s.endsWait ? completeTask(deps, s.ref, s.at) : undefined,
    sendQueuedUnrecorded(deps.mailer, s.receipt, s.at),
  ]);
  const settled = [answered.status === 'fulfilled' ? answered.value : undefined, sent.status === 'fulfilled' ? sent.value.sent : undefined];
  await writeTogether(deps.store, settled.filter((write) => write !== undefined));
  for (const outcome of [answered, sent]) if (outcome.status === 'rejected') throw outcome.reason;
}

/** The approval round's decision, refused when approving a dossier without the signed scans its rules require. */
export async function approvalDecisionOp(
  deps: CycleDeps,
  ref: TaskRef,
  round: Awaited<ReturnType<typeof getApprovalRound>>,
  data: Record<string, unknown>,
  config: Pick<CycleConfig, 'approverEmail' | 'rules'>,
  at: Date,
): Promise<WriteOp> {
  if (!round) throw new PhaseClosedError('approval');
  // The province files the signed scans with the decision: approving without those the rules name is refused.
  // Only the cycle's files are read for it (a small query), not the whole dossier (its partition: 1 MB and
  // more at 25 units, which made the approver's decision the slowest submission of the drill by far).
  const required = config.rules.requiredScans;
  const missing = data.decision === 'approve' && required.length > 0 ? missingScansOf(required, await listFiles(deps.store, ref.cycleId)) : [];
  if (missing.length) throw new MissingScansError(missing);
  const decision =
    data.decision === 'approve'
      ? { status: 'approved' as const, decisionNumber: data.decisionNumber as string | undefined, decisionDate: data.decisionDate as string | undefined }
      : { status: 'returned' as const, reason: String(data.reason) };
  return decideApprovalRoundOp(deps.store, ref.cycleId, ref.round ?? 1, round.version, { ...decision, now: at, decidedBy: config.approverEmail });
}
