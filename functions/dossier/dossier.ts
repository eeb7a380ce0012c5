/**
 * The dossier of a cycle ("hồ sơ"): the one read model of what a cycle has recorded, built from its
 * partition and shared by the pages, the documents, the emails and publishing. `dossierOf` is pure, so the
 * figures it derives (withdrawn nominees, awards) have one definition and are tested without a database;
 * load.ts does the one query. Sections follow the cycle's concerns: a new concern (meetings, files, earlier
 * years) is one more section, with the function that builds it from the view.
 */
import {
  CycleConfigSchema,
  PhaseWindowRecordSchema,
  RESULT_NAMES,
  awardsOf,
  countedBallots,
  criteriaOf,
  isSecretBallotMarker,
  lessWithdrawn,
  windowName,
  withdrawnUnits,
  type AnonymousBallot,
  type ApprovalDecision,
  type Award,
  type CycleConfig,
  type FinalResult,
  type MeetingRecord,
  type Proposal,
  type Revision,
  type ScoresResult,
  type SignedScan,
  type VoteRound,
} from '../domain/index.js';
import type { ApprovalRound } from '../store/approvals.js';
import type { CycleView } from '../store/cycle-view.js';
import type { Cycle } from '../store/cycles.js';
import type { StoredFile } from '../store/files.js';
import { conferencesOf, type ConferenceSitting } from './conferences.js';
import { participationOf, type PhaseParticipation } from './participation.js';

/** Everything recorded about one cycle, by concern. */
export interface Dossier {
  /** The cycle: id, bloc, year, phase, status, version and the configuration pinned at its start. */
  cycle: Cycle<CycleConfig>;
  /** Each unit's name, by id. */
  units: Record<string, string>;
  /** The criteria of the pinned sheet, as the columns of a score table. */
  criteria: CriterionColumn[];
  /** Tham gia: who submitted what and when, in each unit phase that opened (pledge, mid-year, self-assessment, cross-check). */
  participation: PhaseParticipation[];
  /** Chấm điểm: the ranking with each criterion's self-assessed and cross-checked points; absent before scoring. */
  scores?: ScoresResult | undefined;
  /** Bình xét, suy tôn: the ballot rounds and the bloc's proposal. */
  vote: VoteSection;
  /** Hội nghị tổng kết: the conference as its secretary recorded it, when the bloc votes there; absent otherwise or before. */
  meeting?: MeetingRecord | undefined;
  /** Hội nghị ký kết giao ước, hội nghị sơ kết: each the calendar held and whose phase opened, planned and as recorded. */
  conferences: ConferenceSitting[];
  /** Phê duyệt: the requests to the province, its decisions and the bloc leader's revisions. */
  approval: ApprovalSection;
  /** Each unit's award: as the bloc proposes it and, once published, as the province granted it. */
  awards: AwardsSection;
  /** Công bố: the published outcome; absent before publishing. */
  final?: FinalResult | undefined;
  /** Tệp của hồ sơ: what the members added (evidence, achievement reports, signed scans), oldest first. */
  files: DossierFile[];
}

/** A file of the dossier as its readers show it: what it is, whose, who added it and when, its sha256. */
export type DossierFile = Omit<StoredFile, 'key' | 'cycleId'>;

/** A dossier whose cycle has been scored: what the documents are made from. */
export type ScoredDossier = Dossier & { scores: ScoresResult };

export interface CriterionColumn {
  code: string;
  title: string;
  kind: string;
  maxPoints: number;
}

export interface VoteSection {
  /** Each ballot round in order, with the dates it was open; empty before the vote. */
  rounds: BallotRound[];
  /** The bloc's proposal after the vote, with when it was made (the meeting's date); absent before. */
  proposal?: (Proposal & { proposedAt: string }) | undefined;
  /**
   * The online secret ballot, round by round: who has voted (from their markers) and, apart, the anonymous
   * ballots (random id, choices, no voter, in id order): the list anyone allowed can recount. Empty otherwise.
   */
  secret: SecretRound[];
}

/** One round of the online secret ballot as stored: the voters and the anonymous ballots, unlinked. */
export interface SecretRound {
  round: number;
  voters: string[];
  ballots: AnonymousBallot[];
}

/** One ballot round: its tally and its window. */
export interface BallotRound extends VoteRound {
  window?: BallotWindow | undefined;
}

/** When a ballot round was open: from its opening to its deadline, or to when all had voted. */
export interface BallotWindow {
  opensAt: string;
  deadlineAt: string;
  closedAt?: string | undefined;
}

export interface ApprovalSection {
  /** Each request to the province, in order, with its decision once taken; the last is the latest request. */
  rounds: ApprovalRound[];
  /** The approver's submitted decisions, in round order. */
  decisions: ApprovalDecision[];
  /** The bloc leader's revisions of returned dossiers ("hoàn thiện hồ sơ"), in round order. */
  revisions: (Revision & { round: number })[];
  /** The nominees those revisions withdrew, each once, in the order first withdrawn. */
  withdrawn: string[];
}

export interface AwardsSection {
  /** What the bloc asks the province for: its proposal less the withdrawn nominees; empty before the vote. */
  proposed: Record<string, Award>;
  /** What the province granted, once the results are published. */
  granted?: Record<string, Award> | undefined;
}

/** Builds the dossier from the cycle's partition as read in one query (store/cycle-view.ts). */
export function dossierOf(view: CycleView): Dossier {
  const config = CycleConfigSchema.parse(view.cycle.config);
  const results = new Map(view.results.map((r) => [r.name, r]));
  const vote = voteSection(results, secretRounds(view));
  const approval = approvalSection(view);
  const final = results.get(RESULT_NAMES.final)?.data as FinalResult | undefined;
  const conferences = conferencesOf(view, config);
  return {
    cycle: { ...view.cycle, config },
    units: Object.fromEntries(config.bloc.units.map((u) => [u.id, u.name])),
    criteria: criteriaOf(config.sheet).map(({ code, title, kind, maxPoints }) => ({ code, title, kind, maxPoints })),
    participation: participationOf(view, config, conferences),
    scores: results.get(RESULT_NAMES.scores)?.data as ScoresResult | undefined,
    vote,
    meeting: meetingOf(view, results),
    conferences,
    approval,
    awards: awardsSection(vote, approval, final),
    final,
    files: view.files.map(({ key: _key, cycleId: _cycle, ...file }) => file),
  };
}

/**
 * The anonymous ballots of each tallied round of an online secret ballot, as published to those allowed to
 * recount: each ballot's id (the sha256 its receipt code gives) and choices, in id order. A round still
 * open publishes nothing: watching the list grow while units vote would tell who cast which ballot.
 */
export function publishedBallots(dossier: Dossier): { round: number; ballots: { id: string; choices: AnonymousBallot['choices'] }[] }[] {
  const tallied = new Set(dossier.vote.rounds.map((r) => r.round));
  return dossier.vote.secret
    .filter((r) => tallied.has(r.round))
    .map((r) => ({ round: r.round, ballots: countedBallots(r.ballots, r.voters.length).ballots.map((b) => ({ id: b.id, choices: b.choices })) }));
}

/** The signed scans the bloc's rules require before approval that the dossier does not hold yet. */
export function missingScans(dossier: Dossier): SignedScan[] {
  return missingScansOf(dossier.cycle.config.rules.requiredScans, dossier.files);
}

/** {@link missingScans} from the rules' list and the cycle's files alone (what an approval checks, without the whole dossier). */
export function missingScansOf(required: readonly SignedScan[], files: ReadonlyArray<Pick<DossierFile, 'purpose'>>): SignedScan[] {
  return required.filter((purpose) => !files.some((f) => f.purpose === purpose));
}

/** The files of one purpose (and, for evidence, one unit), oldest first. */
export function filesFor(dossier: Dossier, purpose: string, unitId?: string): DossierFile[] {
  return dossier.files.filter((f) => f.purpose === purpose && (unitId === undefined || f.unitId === unitId));
}

/** The dossier once its outcome is published: publishing reads the dossier before it stores the outcome. */
export function withFinal<D extends Dossier>(dossier: D, final: FinalResult): D {
  return { ...dossier, awards: awardsSection(dossier.vote, dossier.approval, final), final };
}

/** Whether the dossier's cycle has been scored (its documents can be made). */
export function isScored(dossier: Dossier): dossier is ScoredDossier {
  return dossier.scores !== undefined;
}

type Results = Map<string, CycleView['results'][number]>;

function voteSection(results: Results, secret: SecretRound[]): VoteSection {
  const rounds: BallotRound[] = [];
  for (let n = 1; results.has(RESULT_NAMES.vote(n)); n++) {
    const stored = results.get(windowName('vote', n));
    const window = stored && PhaseWindowRecordSchema.parse(stored.data);
    rounds.push({ ...(results.get(RESULT_NAMES.vote(n))!.data as VoteRound), window: window && { opensAt: window.opensAt, deadlineAt: window.deadlineAt, closedAt: window.closedAt } });
  }
  const proposal = results.get(RESULT_NAMES.proposal);
  return { rounds, proposal: proposal && { ...(proposal.data as Proposal), proposedAt: proposal.createdAt }, secret };
}

/** Each round that has a secret ballot's marker or an anonymous ballot: the two read apart, in round order. */
function secretRounds(view: CycleView): SecretRound[] {
  const markers = view.forms.filter((f) => f.phase === 'vote' && isSecretBallotMarker(f.submitted));
  const numbers = [...new Set([...markers.map((f) => f.round), ...view.ballots.map((b) => b.round)])].sort((a, b) => a - b);
  return numbers.map((round) => ({
    round,
    voters: markers.filter((f) => f.round === round).map((f) => f.unitId).sort(),
    ballots: view.ballots.filter((b) => b.round === round).sort((a, b) => (a.id < b.id ? -1 : 1)),
  }));
}

/** The conference's record: the one form of the first vote window when that window was a meeting's. */
function meetingOf(view: CycleView, results: Results): MeetingRecord | undefined {
  const stored = results.get(windowName('vote', 1));
  const window = stored && PhaseWindowRecordSchema.parse(stored.data);
  if (!window?.meeting) return undefined;
  return view.forms.find((f) => f.phase === 'vote' && f.round === 1 && f.unitId === window.actors[0])?.submitted as MeetingRecord | undefined;
}

function awardsSection(vote: VoteSection, approval: ApprovalSection, final: FinalResult | undefined): AwardsSection {
  return {
    proposed: vote.proposal ? awardsOf(lessWithdrawn(vote.proposal, approval.withdrawn)) : {},
    granted: final && awardsOf(final),
  };
}

function approvalSection(view: CycleView): ApprovalSection {
  const submitted = (phase: string) => view.forms.filter((f) => f.phase === phase && f.submitted !== undefined);
  const revisions = submitted('revision').map((f) => ({ round: f.round, ...(f.submitted as Revision) }));
  return {
    rounds: view.approvals,
    decisions: submitted('approval').map((f) => f.submitted as ApprovalDecision),
    revisions,
    withdrawn: withdrawnUnits(revisions),
  };
}
