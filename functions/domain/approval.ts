/**
 * From the bloc's proposal to the published outcome (SPEC §3.7): the nominees the bloc leader withdraws
 * while revising a returned dossier ("hoàn thiện hồ sơ"), the province's decision, and the award each unit
 * ends up with.
 */
import type { ApprovalDecision, Revision } from './forms.js';
import type { Proposal } from './outcome.js';
import type { FinalResult } from './records.js';

/** An award of the province: the emulation flag (Cờ thi đua) or the certificate of merit (Bằng khen). */
export type Award = 'flag' | 'certificate';

/** The units that win each award. */
export interface AwardWinners {
  flag: string[];
  certificate: string[];
}

/** Nominees withdrawn on revision: every revision's withdrawals, each unit once, in the order first withdrawn. */
export function withdrawnUnits(revisions: readonly Pick<Revision, 'withdraw'>[]): string[] {
  return [...new Set(revisions.flatMap((r) => r.withdraw))];
}

/** What the bloc still asks the province for: its proposal less the withdrawn nominees. */
export function lessWithdrawn(proposal: AwardWinners, withdrawn: readonly string[]): AwardWinners {
  const keep = (ids: readonly string[]) => ids.filter((id) => !withdrawn.includes(id));
  return { flag: keep(proposal.flag), certificate: keep(proposal.certificate) };
}

/** Each winner's award; a unit listed for both has the flag. */
export function awardsOf(winners: AwardWinners): Record<string, Award> {
  const awards: Record<string, Award> = {};
  for (const id of winners.certificate) awards[id] = 'certificate';
  for (const id of winners.flag) awards[id] = 'flag';
  return awards;
}

/**
 * The published outcome: the proposal less withdrawals once the last approval round approved it, nothing
 * when the province returned it last (rejected) or never decided; next year's leaders as the bloc elected
 * them; the number and date of the first approving decision, when the approver gave them.
 */
export function finalOutcome(input: {
  proposal: Proposal;
  withdrawn: readonly string[];
  /** The status of the last approval round; undefined when the dossier never went to the province. */
  lastRoundStatus: 'pending' | 'approved' | 'returned' | undefined;
  /** The approver's decisions, in round order. */
  decisions: readonly ApprovalDecision[];
  at: Date;
}): FinalResult {
  const { proposal, lastRoundStatus } = input;
  const status = lastRoundStatus === 'approved' ? 'approved' : lastRoundStatus === 'returned' ? 'rejected' : 'noDecision';
  const granted = status === 'approved' ? lessWithdrawn(proposal, input.withdrawn) : { flag: [], certificate: [] };
  const approval = input.decisions.find((d): d is Extract<ApprovalDecision, { decision: 'approve' }> => d.decision === 'approve');
  return {
    status,
    ...granted,
    withdrawn: [...input.withdrawn],
    leaderUnitId: proposal.leaders.leaderUnitId,
    deputyUnitId: proposal.leaders.deputyUnitId,
    decisionNumber: approval?.decisionNumber,
    decisionDate: approval?.decisionDate,
    publishedAt: input.at.toISOString(),
  };
}
