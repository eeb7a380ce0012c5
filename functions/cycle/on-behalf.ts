/**
 * The province's emulation board deciding a dossier for the approver, from its queue (issue 22), where the
 * bloc's rules allow it (`boardActsForApprover`). It takes the approver's own path: the same form schema,
 * the same refusal of an approval without the required signed scans, the same writes in one transaction
 * (the approver's form, its task, the approval round's decision, the receipt to the approver) and the same
 * answer to the workflow's wait. Only the door differs: an admin session instead of the emailed link, so
 * the audit event names the board's officer as actor, acting on behalf of the approver. A double click, or
 * the approver deciding the same at the same moment, is acknowledged as a repeat; anything else after the
 * decision is PhaseClosedError.
 */
import { isDeepStrictEqual } from 'node:util';
import { appendAuditEvent } from '../audit/trail.js';
import { APPROVER } from '../domain/index.js';
import type { CycleDeps } from '../shared/deps.js';
import { ignoring } from '../shared/ignoring.js';
import { getApprovalRound } from '../store/approvals.js';
import { NotFoundError, StoreError } from '../store/errors.js';
import { getForm } from '../store/forms.js';
import { getTaskToken, getUnitTask } from '../store/tasks.js';
import type { ActResult } from './actions.js';
import type { AdminContext } from './admin.js';
import { loadCycleConfig, loadWindow } from './context.js';
import { BoardMayNotActError, PhaseClosedError, StateRefusedError } from './errors.js';
import { formSchema } from './forms.js';
import { settleSubmission, submissionWrites } from './submission.js';

export interface BoardDecisionInput {
  cycleId: string;
  /** The approval round the queue showed: a decision meant for an earlier round is not applied to a later one. */
  round: number;
  /** The approver's form: approve (with the decision's number and date) or return with a reason. */
  data: unknown;
}

/** Approves or returns the dossier for the approver, as the board; see the module's comment for the guarantees. */
export async function decideForApprover(deps: CycleDeps, input: BoardDecisionInput, ctx: AdminContext): Promise<ActResult> {
  const { store } = deps;
  const ref = { cycleId: input.cycleId, phase: 'approval' as const, round: input.round, unitId: APPROVER };
  const [cycle, window, task, form, round, taskToken] = await Promise.all([
    loadCycleConfig(store, ref.cycleId),
    loadWindow(store, ref.cycleId, 'approval', ref.round),
    ignoring(NotFoundError, getUnitTask(store, ref)),
    getForm(store, ref),
    getApprovalRound(store, ref.cycleId, ref.round),
    ignoring(NotFoundError, getTaskToken(store, ref)),
  ]);
  if (!cycle.config.rules.boardActsForApprover) throw new BoardMayNotActError();
  if (!window || !round) throw new StateRefusedError({ reason: 'roundNotOpen', phase: 'approval' }, { field: 'round' });
  const data = formSchema('approval', cycle.config, window, 'submission', undefined, ctx.at).parse(input.data) as Record<string, unknown>;
  const repeat = () => (form?.submitted !== undefined && isDeepStrictEqual(form.submitted, data) ? { kind: 'submitted' as const, phase: 'approval' as const, formVersion: form.version, duplicate: true } : undefined);
  if (round.status !== 'pending' || task?.status === 'missed' || task?.status === 'cancelled') return repeat() ?? thrown(new PhaseClosedError('approval'));

  const approver = cycle.config.approverEmail;
  const { ops, receipt, endsWait } = await submissionWrites(deps, { ref, cycle, task, form, data, approvalRound: round, actor: ctx.actor, expectedVersion: form?.version ?? 0, changeableUntil: undefined, at: ctx.at });
  try {
    await appendAuditEvent(
      store,
      {
        chainId: ref.cycleId,
        actor: ctx.actor,
        onBehalfOf: `approver:${approver}`,
        action: 'approval.submitted',
        target: `form:approval:${ref.round}:${APPROVER}`,
        at: ctx.at,
        before: form?.submitted,
        after: data,
        ...(ctx.sourceIp ? { sourceIp: ctx.sourceIp } : {}),
        ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
      },
      ops,
    );
  } catch (error) {
    // Another click (or the approver) stored a decision first: the same one is a repeat, another is too late.
    if (!(error instanceof StoreError)) throw error;
    const stored = await getForm(store, ref);
    if (stored?.submitted !== undefined && isDeepStrictEqual(stored.submitted, data)) return { kind: 'submitted', phase: 'approval', formVersion: stored.version, duplicate: true };
    throw new PhaseClosedError('approval', { cause: error });
  }
  await settleSubmission(deps, { ref, task, taskToken, data, endsWait, receipt, at: ctx.at });
  return { kind: 'submitted', phase: 'approval', formVersion: (form?.version ?? 0) + 1, duplicate: false };
}

const thrown = (error: Error): never => {
  throw error;
};
