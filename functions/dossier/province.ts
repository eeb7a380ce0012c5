/**
 * The province's view of a year ("toàn tỉnh"): every bloc's cycle side by side, built by a pure function
 * from each bloc's dossier and the state of its open phase, with the units' earlier years. The province
 * page, the approver's queue, the Government-flag choice and the province's documents all read it, so a
 * figure (a bloc's stage, a flag winner's share of its scale) has one definition.
 */
import { awardingIn, awardsOf, sheetLimits, type Classification, type Hundredths } from '../domain/index.js';
import type { Dossier } from './dossier.js';

/** Where a bloc's cycle stands, for filters and charts: the phases in order, then how it ended. */
export const BLOC_STAGES = ['starting', 'pledge', 'midYear', 'selfAssessment', 'crossCheck', 'vote', 'leaderDecision', 'approval', 'revision', 'approved', 'rejected', 'noDecision', 'failed', 'cancelled'] as const;
export type BlocStage = (typeof BLOC_STAGES)[number];
/** The stages a bloc passes through on its way to approval, in order (the progress chart's columns). */
export const PROGRESS_STAGES: readonly BlocStage[] = ['starting', 'selfAssessment', 'crossCheck', 'vote', 'approval', 'approved'];

/** The open phase of a cycle: its window and who has acted (admin/progress.ts reads it from the cycle). */
export interface OpenPhase {
  phase: string;
  round: number;
  deadlineAt: string;
  closedAt?: string | undefined;
  actors: ReadonlyArray<{ unitId: string; acted: boolean }>;
}

/** A unit's outcome in an earlier year: the award its bloc's cycle granted. */
export interface PastAward {
  blocId: string;
  unitId: string;
  year: number;
  award: 'flag' | 'certificate';
}

export interface BlocLine {
  cycleId: string;
  blocId: string;
  blocName: string;
  /** The bloc's kind, as its documents' header says: Party agencies or state bodies. */
  kind: 'party' | 'state';
  stage: BlocStage;
  round: number;
  /** The open phase's deadline, while one is open. */
  deadlineAt?: string | undefined;
  /** Units (or the approver) that have not acted in the open phase; `overdue` once its deadline passed. */
  notActed: { unitId: string; name: string }[];
  overdue: boolean;
  acted: number;
  actors: number;
  /** While the dossier waits on the approver: since when, and what the bloc changed after the last return. */
  waiting?: WaitingDossier | undefined;
  /** Whether the bloc's rules let the province's board decide the dossier on the approver's behalf. */
  boardActs: boolean;
  /** The approver's decisions so far, in order. */
  decisions: { round: number; status: 'approved' | 'returned'; decisionNumber?: string | undefined; reason?: string | undefined; decidedAt?: string | undefined }[];
  /** Each unit's total, in hundredths, once scored; and the sheet's standard maximum. */
  totals: Hundredths[];
  standardMax: Hundredths;
  /** The bloc's flag winners: granted once published, otherwise as proposed. */
  flagWinners: string[];
  certificates: number;
}

export interface WaitingDossier {
  round: number;
  requestedAt: string;
  /** Set from the second round on: what changed since the approver returned the dossier. */
  sinceReturn?: SinceReturn | undefined;
}

/** A returned dossier's revision as the approver compares it: the reason, the answer, and what changed. */
export interface SinceReturn {
  reason: string;
  returnedAt?: string | undefined;
  response: string;
  /** Units withdrawn from the proposal by the revision, by name; `withdrawnAwards` says what each lost. */
  withdrawn: string[];
  withdrawnAwards: { unitName: string; award: 'flag' | 'certificate' }[];
  /** Files added to the dossier after the return, oldest first. */
  filesAdded: { fileName: string; purpose: string; unitName?: string | undefined; addedAt: string }[];
  /** When the scores were computed again after the return; absent when they were not. */
  scoresRecomputedAt?: string | undefined;
}

/** A unit its bloc gave the flag, as the board compares them for the Government flag. */
export interface FlagWinner {
  blocId: string;
  blocName: string;
  unitId: string;
  unitName: string;
  total: Hundredths;
  standardMax: Hundredths;
  /** The total as a share of the sheet's standard maximum, in percent (two decimals). */
  share: number;
  classification: Classification;
  /** Approvals of the round that decided the flag, or that the leaders decided it. */
  votes: { approvals: number; members: number } | 'leaders';
  /** The bloc's leaders as its kind titles them, who decide a flag the vote left open: "Trưởng khối, Phó Trưởng khối" / "Cụm trưởng, Cụm phó". */
  leaders: string;
  /** Earlier years in which the unit got its bloc's flag, newest first. */
  flagYears: number[];
  approved: boolean;
}

/** One unit's result of the year, as the province's summary and exports list them. */
export interface ResultRow {
  blocId: string;
  blocName: string;
  stage: BlocStage;
  unitId: string;
  unitName: string;
  place: number;
  total: Hundredths;
  standardMax: Hundredths;
  classification: Classification;
  /** Granted once published; as proposed before. */
  award?: 'flag' | 'certificate' | undefined;
  /** The award's name as the bloc's rules give it (its awarding body's): "Cờ thi đua của UBND tỉnh". */
  awardName: string;
  awardGranted: boolean;
}

export interface ProvinceView {
  year: number;
  blocs: BlocLine[];
  winners: FlagWinner[];
  /** Every scored unit of every bloc, bloc by bloc in the blocs' order, in place order within a bloc. */
  results: ResultRow[];
}

/** One bloc's input: its dossier and its open phase, if any. */
export interface BlocInput {
  dossier: Dossier;
  open?: OpenPhase | undefined;
}

/** Builds the province's view of `year` at `now` from its blocs' dossiers and the earlier years' awards. */
export function provinceViewOf(year: number, blocs: readonly BlocInput[], past: readonly PastAward[], now: Date): ProvinceView {
  const lines = blocs.map((b) => blocLine(b, now)).sort((a, b) => a.blocName.localeCompare(b.blocName, 'vi', { numeric: true }));
  const flagYears = new Map<string, number[]>();
  for (const p of past) {
    if (p.award !== 'flag' || p.year >= year) continue;
    const key = `${p.blocId}/${p.unitId}`;
    flagYears.set(key, [...(flagYears.get(key) ?? []), p.year].sort((a, b) => b - a));
  }
  const winners = blocs.flatMap(({ dossier }) => winnersOf(dossier, flagYears));
  winners.sort((a, b) => b.share - a.share || b.flagYears.length - a.flagYears.length || a.unitName.localeCompare(b.unitName, 'vi'));
  const order = new Map(lines.map((l, i) => [l.blocId, i]));
  const results = blocs
    .flatMap(({ dossier }) => resultRowsOf(dossier, lines.find((l) => l.cycleId === dossier.cycle.cycleId)?.stage ?? 'starting'))
    .sort((a, b) => order.get(a.blocId)! - order.get(b.blocId)! || a.place - b.place);
  return { year, blocs: lines, winners, results };
}

function resultRowsOf(dossier: Dossier, stage: BlocStage): ResultRow[] {
  const { bloc, sheet, rules } = dossier.cycle.config;
  const standardMax = sheetLimits(sheet).standardMax;
  const awards = dossier.awards.granted ?? dossier.awards.proposed;
  return (dossier.scores?.rows ?? []).map((r) => ({
    blocId: bloc.id,
    blocName: bloc.name,
    stage,
    unitId: r.unitId,
    unitName: dossier.units[r.unitId] ?? r.unitId,
    place: r.place,
    total: r.total,
    standardMax,
    classification: r.classification,
    award: awards[r.unitId],
    awardName: awards[r.unitId] ? awardingIn(rules.awarding, bloc.province).awards[awards[r.unitId]!] : '',
    awardGranted: dossier.awards.granted !== undefined,
  }));
}

function stageOf(dossier: Dossier, open: OpenPhase | undefined): BlocStage {
  const { status } = dossier.cycle;
  if (dossier.final) return dossier.final.status;
  if (status === 'failed' || status === 'cancelled') return status;
  return (open?.phase as BlocStage | undefined) ?? 'starting';
}

function blocLine({ dossier, open }: BlocInput, now: Date): BlocLine {
  const { config } = dossier.cycle;
  const stage = stageOf(dossier, open);
  const isOpen = open !== undefined && open.closedAt === undefined && !dossier.final;
  const notActed = isOpen ? open.actors.filter((a) => !a.acted).map((a) => ({ unitId: a.unitId, name: dossier.units[a.unitId] ?? a.unitId })) : [];
  const flagWinners = dossier.final ? dossier.final.flag : (dossier.vote.proposal?.flag ?? []);
  const awards = dossier.awards.granted ?? dossier.awards.proposed;
  return {
    cycleId: dossier.cycle.cycleId,
    blocId: config.bloc.id,
    blocName: config.bloc.name,
    kind: config.bloc.headerStyle,
    stage,
    round: open?.round ?? 1,
    deadlineAt: isOpen ? open.deadlineAt : undefined,
    notActed,
    overdue: isOpen && notActed.length > 0 && Date.parse(open.deadlineAt) < now.getTime(),
    acted: isOpen ? open.actors.length - notActed.length : 0,
    actors: isOpen ? open.actors.length : 0,
    waiting: waitingOf(dossier),
    boardActs: config.rules.boardActsForApprover,
    decisions: dossier.approval.rounds.filter((r) => r.status !== 'pending').map((r) => ({ round: r.round, status: r.status as 'approved' | 'returned', decisionNumber: r.decisionNumber, reason: r.reason, decidedAt: r.decidedAt })),
    totals: dossier.scores?.rows.map((r) => r.total) ?? [],
    standardMax: sheetLimits(config.sheet).standardMax,
    flagWinners,
    certificates: Object.values(awards).filter((a) => a === 'certificate').length,
  };
}

/** The dossier's pending request to the province, with what changed since the previous round's return. */
function waitingOf(dossier: Dossier): WaitingDossier | undefined {
  if (dossier.final) return undefined;
  const last = dossier.approval.rounds.at(-1);
  if (!last || last.status !== 'pending') return undefined;
  const returned = dossier.approval.rounds.find((r) => r.round === last.round - 1);
  return { round: last.round, requestedAt: last.requestedAt, sinceReturn: returned && sinceReturnOf(dossier, returned, last.round) };
}

/** The revision's diff: the units it withdrew with the award each lost, the files added and the scores recomputed since the return. */
function sinceReturnOf(dossier: Dossier, returned: Dossier['approval']['rounds'][number], round: number): SinceReturn {
  const revision = dossier.approval.revisions.filter((r) => r.round < round).at(-1);
  const name = (id: string) => dossier.units[id] ?? id;
  const proposed = dossier.vote.proposal ? awardsOf(dossier.vote.proposal) : {};
  const withdrawn = revision?.withdraw ?? [];
  const after = (at: string | undefined) => returned.decidedAt === undefined || (at !== undefined && at > returned.decidedAt);
  const computedAt = dossier.scores?.computedAt;
  return {
    reason: returned.reason ?? '',
    returnedAt: returned.decidedAt,
    response: revision?.response ?? '',
    withdrawn: withdrawn.map(name),
    withdrawnAwards: withdrawn.flatMap((id) => (proposed[id] ? [{ unitName: name(id), award: proposed[id] }] : [])),
    filesAdded: dossier.files.filter((f) => after(f.addedAt)).map((f) => ({ fileName: f.fileName, purpose: f.purpose, unitName: f.unitId ? name(f.unitId) : undefined, addedAt: f.addedAt })),
    scoresRecomputedAt: returned.decidedAt !== undefined && after(computedAt) ? computedAt : undefined,
  };
}

function winnersOf(dossier: Dossier, flagYears: Map<string, number[]>): FlagWinner[] {
  const rows = dossier.scores?.rows ?? [];
  const proposal = dossier.vote.proposal;
  const flag = dossier.final ? dossier.final.flag : (proposal?.flag ?? []);
  const standardMax = sheetLimits(dossier.cycle.config.sheet).standardMax;
  const { bloc, rules } = dossier.cycle.config;
  const words = awardingIn(rules.awarding, bloc.province);
  return flag.flatMap((unitId) => {
    const row = rows.find((r) => r.unitId === unitId);
    if (!row) return [];
    const byLeaders = proposal?.flagDecidedBy === 'leaders' && proposal.leaderDecision?.flagUnitId === unitId;
    const tally = dossier.vote.rounds.map((r) => r.flag.find((t) => t.unitId === unitId && t.passes)).filter((t) => t !== undefined).at(-1);
    return [{
      blocId: bloc.id,
      blocName: bloc.name,
      unitId,
      unitName: dossier.units[unitId] ?? unitId,
      total: row.total,
      standardMax,
      share: standardMax > 0 ? Math.round((row.total / standardMax) * 10_000) / 100 : 0,
      classification: row.classification,
      votes: byLeaders || !tally ? 'leaders' : { approvals: tally.approvals, members: tally.members },
      leaders: `${words.leader}, ${words.deputy}`,
      flagYears: flagYears.get(`${bloc.id}/${unitId}`) ?? [],
      approved: dossier.final?.status === 'approved',
    }];
  });
}
