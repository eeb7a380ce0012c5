/**
 * The bloc's dossier ("hồ sơ"): everything the documents print, read from the stored cycle once. The
 * builders take this plain data, so they are tested without a database; `loadDossier` does the reading.
 */
import type { CycleConfig, Proposal, RankedUnit, Revision, VoteRound } from '../domain/index.js';
import { listApprovalRounds } from '../store/approvals.js';
import type { Store } from '../store/client.js';
import { listForms } from '../store/forms.js';
import { getResult } from '../store/results.js';
import { currentLeader, loadCycleConfig, loadWindow } from '../cycle/context.js';
import { CycleStateError } from '../cycle/errors.js';
import { RESULT_NAMES, type FinalResult, type ScoresResult } from '../cycle/results.js';

export interface BallotWindow {
  opensAt: string;
  deadlineAt: string;
  closedAt?: string | undefined;
}

export interface Dossier {
  cycleId: string;
  year: number;
  config: CycleConfig;
  scores: ScoresResult;
  /** Each ballot round with the dates it was open; empty before the vote. */
  rounds: Array<{ round: VoteRound; window: BallotWindow | undefined }>;
  /** The bloc's proposal after the vote, and when it was made (the meeting's date); absent before. */
  proposal?: { data: Proposal; at: string } | undefined;
  /** Nominees the bloc leader withdrew while revising a returned dossier. */
  withdrawn: string[];
  /** The latest request to the province: its round and when it was sent. */
  request?: { round: number; at: string } | undefined;
  final?: FinalResult | undefined;
}

/** Reads a cycle's stored results for its documents; a cycle not yet scored is a CycleStateError. */
export async function loadDossier(store: Store, cycleId: string): Promise<Dossier> {
  const cycle = await loadCycleConfig(store, cycleId);
  const scores = (await getResult<ScoresResult>(store, cycleId, RESULT_NAMES.scores))?.data;
  if (!scores) throw new CycleStateError(`cycle "${cycleId}" has not been scored yet`, 'cycleId');
  const rounds: Dossier['rounds'] = [];
  for (let n = 1; ; n++) {
    const round = (await getResult<VoteRound>(store, cycleId, RESULT_NAMES.vote(n)))?.data;
    if (!round) break;
    rounds.push({ round, window: await loadWindow(store, cycleId, 'vote', n) });
  }
  const proposal = await getResult<Proposal>(store, cycleId, RESULT_NAMES.proposal);
  const final = (await getResult<FinalResult>(store, cycleId, RESULT_NAMES.final))?.data;
  const revisions = await listForms<Revision>(store, cycleId, 'revision');
  const latest = (await listApprovalRounds(store, cycleId)).at(-1);
  return {
    cycleId,
    year: cycle.year,
    config: cycle.config,
    scores,
    rounds,
    proposal: proposal && { data: proposal.data, at: proposal.createdAt },
    withdrawn: final?.withdrawn ?? [...new Set(revisions.flatMap((f) => f.submitted?.withdraw ?? []))],
    request: latest && { round: latest.round, at: latest.requestedAt },
    final,
  };
}

export type Award = 'flag' | 'certificate';

export const AWARD_LABELS: Record<Award, string> = {
  flag: 'Cờ thi đua của UBND tỉnh',
  certificate: 'Bằng khen của Chủ tịch UBND tỉnh',
};

/** What the dossier proposes for a unit: the bloc's proposal less the units withdrawn on revision. */
export function proposedAward(dossier: Dossier, unitId: string): Award | undefined {
  const proposal = dossier.proposal?.data;
  if (!proposal || dossier.withdrawn.includes(unitId)) return undefined;
  if (proposal.flag.includes(unitId)) return 'flag';
  if (proposal.certificate.includes(unitId)) return 'certificate';
  return undefined;
}

/** The units proposed for awards: the flag first, then the certificates, each in rank order. */
export function proposedRows(dossier: Dossier): Array<RankedUnit & { award: Award }> {
  const rows = dossier.scores.rows.flatMap((row) => {
    const award = proposedAward(dossier, row.unitId);
    return award ? [{ ...row, award }] : [];
  });
  return [...rows.filter((r) => r.award === 'flag'), ...rows.filter((r) => r.award === 'certificate')];
}

export function unitNameOf(dossier: Dossier, unitId: string): string {
  return dossier.config.bloc.units.find((u) => u.id === unitId)?.name ?? unitId;
}

/** The unit that leads the bloc this year and signs its documents (Trưởng khối). */
export function leaderOf(dossier: Dossier): string {
  return currentLeader(dossier.config);
}

/** A share as a Vietnamese percentage: "77,78%". */
export function percent(part: number, whole: number): string {
  const value = whole === 0 ? 0 : (part * 100) / whole;
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(value)}%`;
}

/** The bloc's issuer code in document numbers: the initials of "Khối thi đua" (KTĐ). */
export const BLOC_CODE = 'KTĐ';

/** Why a unit cannot be proposed, as the documents say it. */
export const INELIGIBILITY_LABELS: Record<NonNullable<RankedUnit['ineligibility']>, string> = {
  discipline: 'Đang bị xem xét kỷ luật',
  investigation: 'Đang bị điều tra',
  inspection: 'Đang bị thanh tra, kiểm tra',
  complaint: 'Có đơn thư khiếu nại, tố cáo chưa được giải quyết',
  other: 'Không đủ điều kiện khen thưởng',
  notSubmitted: 'Không nộp bản tự chấm điểm',
};
