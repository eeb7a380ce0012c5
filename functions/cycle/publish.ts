/**
 * The end of a cycle: publishing the results (recording why it failed is in failure.ts). Publishing stores
 * the final result, hands the bloc to next year's leader and deputy, and emails every unit and the admins.
 */
import { appendAuditEvent } from '../audit/trail.js';
import { dossierDocuments } from '../documents/index.js';
import { CLASSIFICATION_LABELS, formatLocalDate, formatPoints, type ApprovalDecision, type Bloc, type Proposal, type Revision } from '../domain/index.js';
import { listApprovalRounds } from '../store/approvals.js';
import { getBloc, saveBloc } from '../store/blocs.js';
import { updateCycleOp } from '../store/cycles.js';
import { listForms } from '../store/forms.js';
import { NotFoundError, VersionConflictError } from '../store/errors.js';
import { loadCycleConfig } from './context.js';
import type { CycleDeps } from '../shared/deps.js';
import { ignoring } from '../shared/ignoring.js';
import { adminTitle, send, unitName } from './notify.js';
import { RESULT_NAMES, firstResultOp, once, requireResult, type FinalResult, type ScoresResult } from './results.js';

/** Units the bloc leader withdrew from the proposal while revising returned dossiers. */
export async function withdrawnUnits(deps: CycleDeps, cycleId: string): Promise<string[]> {
  const revisions = await listForms<Revision>(deps.store, cycleId, 'revision');
  return [...new Set(revisions.flatMap((f) => f.submitted?.withdraw ?? []))];
}

/** The final outcome from the last approval round: approved, rejected after the last return, or undecided. */
async function finalOutcome(deps: CycleDeps, cycleId: string, proposal: Proposal, at: Date): Promise<FinalResult> {
  const rounds = await listApprovalRounds(deps.store, cycleId);
  const last = rounds.at(-1);
  const status = last?.status === 'approved' ? 'approved' : last?.status === 'returned' ? 'rejected' : 'noDecision';
  const withdrawn = await withdrawnUnits(deps, cycleId);
  const keep = (ids: string[]) => (status === 'approved' ? ids.filter((id) => !withdrawn.includes(id)) : []);
  const decisions = await listForms<ApprovalDecision>(deps.store, cycleId, 'approval');
  const approval = decisions.map((f) => f.submitted).find((d) => d?.decision === 'approve');
  return {
    status,
    flag: keep(proposal.flag),
    certificate: keep(proposal.certificate),
    withdrawn,
    leaderUnitId: proposal.leaders.leaderUnitId,
    deputyUnitId: proposal.leaders.deputyUnitId,
    decisionNumber: approval?.decision === 'approve' ? approval.decisionNumber : undefined,
    decisionDate: approval?.decision === 'approve' ? approval.decisionDate : undefined,
    publishedAt: at.toISOString(),
  };
}

/** Công bố kết quả: stores the final result once, records next year's leaders, emails everyone, closes the cycle. */
export async function publishCycle(deps: CycleDeps, input: { cycleId: string; at: Date }): Promise<FinalResult> {
  const { store } = deps;
  const cycle = await loadCycleConfig(store, input.cycleId);
  const scores = await requireResult<ScoresResult>(store, input.cycleId, RESULT_NAMES.scores);
  const proposal = await requireResult<Proposal>(store, input.cycleId, RESULT_NAMES.proposal);
  const final = await once<FinalResult>(store, input.cycleId, RESULT_NAMES.final, async () => {
    const result = await finalOutcome(deps, input.cycleId, proposal, input.at);
    await appendAuditEvent(
      store,
      { chainId: input.cycleId, actor: 'workflow', action: 'cycle.published', target: `cycle:${input.cycleId}`, at: input.at, after: result },
      [firstResultOp(store, input.cycleId, RESULT_NAMES.final, result, input.at), updateCycleOp(store, input.cycleId, cycle.version, { phase: 'published', status: 'closed' }, input.at)],
    );
    return result;
  });
  await handOverLeadership(deps, cycle.config.bloc.id, final, input.at);
  const lang = cycle.config.language;
  const award = (unitId: string) =>
    final.flag.includes(unitId) ? (lang === 'en' ? 'Emulation flag' : 'Cờ thi đua') : final.certificate.includes(unitId) ? (lang === 'en' ? 'Certificate of Merit' : 'Bằng khen') : undefined;
  const rows = scores.rows.map((r) => ({
    place: r.place,
    unitName: unitName(cycle.config, r.unitId),
    total: formatPoints(r.total, lang),
    classification: CLASSIFICATION_LABELS[r.classification][lang],
    ...(award(r.unitId) ? { award: award(r.unitId) } : {}),
  }));
  const data = {
    blocName: cycle.config.bloc.name,
    year: cycle.year,
    status: final.status,
    ...(final.decisionNumber ? { decisionNumber: final.decisionNumber } : {}),
    ...(final.decisionDate ? { decisionDate: formatLocalDate(final.decisionDate) } : {}),
    rows,
    leaderName: unitName(cycle.config, final.leaderUnitId),
    deputyName: unitName(cycle.config, final.deputyUnitId),
  };
  const attachments = await dossierDocuments(store, input.cycleId, ['scoreSummary']);
  const recipients = [...cycle.config.bloc.units.map((u) => ({ email: u.email, name: u.name })), ...cycle.config.adminEmails.map((email) => ({ email, name: adminTitle(cycle.config) }))];
  for (const { email, name } of recipients) {
    await send(deps, cycle, 'results', email, 'final', { ...data, recipientName: name }, input.at, attachments);
  }
  return final;
}

/** Next year's leader and deputy take over the bloc (luân phiên); a concurrent admin edit is retried. */
async function handOverLeadership(deps: CycleDeps, blocId: string, final: FinalResult, at: Date): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await ignoring(NotFoundError, getBloc<Bloc>(deps.store, blocId));
    if (!stored) return; // a cycle started from a configuration only (no stored bloc): nothing to hand over
    if (stored.data.leaderUnitId === final.leaderUnitId && stored.data.deputyUnitId === final.deputyUnitId) return;
    const data = { ...stored.data, leaderUnitId: final.leaderUnitId, deputyUnitId: final.deputyUnitId };
    const saved = await ignoring(VersionConflictError, saveBloc(deps.store, blocId, { data, expectedVersion: stored.version, now: at }));
    if (saved !== undefined) return;
  }
}
