import { candidatesOf, type Nominations } from './awards.js';
import type { Bloc } from './bloc.js';
import type { HigherAwardProposal } from './history.js';
import type { Ballot, BallotQuestions, LeaderDecision } from './forms.js';
import type { BlocRules } from './rules.js';
import type { RankedUnit } from './scoring.js';
import { awardCertificates, decideFlagRound, electLeaders, nomineeTally, tallyNominees, type FlagRoundOutcome, type LeadersElection, type NomineeTally } from './vote.js';

/**
 * From the nominations and the ballots to the bloc's proposal: what each ballot round asks, how a round
 * is tallied, and the awards the bloc proposes to the province once the flag is settled.
 */

/** What the ballot of `round` asks: everything in round 1; only the undecided flag afterwards. */
export function ballotQuestions(memberIds: readonly string[], nominations: Nominations, previous?: VoteRound): BallotQuestions {
  if (!previous) {
    return { memberIds, flagCandidates: candidatesOf(nominations.flag), certificateNominees: candidatesOf(nominations.certificate), electLeaders: true };
  }
  const open = previous.outcome.kind === 'decided' ? [] : previous.outcome.candidates;
  return { memberIds, flagCandidates: open, certificateNominees: [], electLeaders: false };
}

export interface VoteRound {
  round: number;
  questions: BallotQuestions;
  /** Units that cast a ballot; the others count as not approving. */
  voters: string[];
  flag: NomineeTally[];
  certificate: NomineeTally[];
  outcome: FlagRoundOutcome;
  /** An online secret ballot's round: the anonymous ballots counted, and those of voters whose ballot could not be told apart (normally 0). */
  secret?: { ballots: number; uncounted: number } | undefined;
}

/** Tallies one round. In a runoff the seats still open are those the previous round left open. */
export function tallyRound(input: RoundInput & { ballots: ReadonlyArray<{ unitId: string; ballot: Ballot }> }): VoteRound {
  const { questions, rules } = input;
  const members = questions.memberIds.length;
  const ballots = input.ballots.filter((b) => questions.memberIds.includes(b.unitId)).map((b) => b.ballot);
  const flag = tallyNominees(questions.flagCandidates, ballots, 'flag', members, rules.voteThresholds.flag);
  const certificate = tallyNominees(questions.certificateNominees, ballots, 'certificate', members, rules.voteThresholds.certificate);
  return decideRound(input, input.ballots.map((b) => b.unitId), flag, certificate);
}

/** What any round is tallied against: its questions, the rules, the seats still open and the winners so far. */
export interface RoundInput {
  round: number;
  questions: BallotQuestions;
  rules: BlocRules;
  seats: number;
  winnersSoFar: readonly string[];
}

/**
 * Tallies one round counted in the room ("ban kiểm phiếu"): the approvals per nominee as the secretary
 * entered them (written votes of absent members included), against the same thresholds and rounds.
 */
export function tallyCountedRound(input: RoundInput & { voters: readonly string[]; approvals: { flag: Record<string, number>; certificate: Record<string, number> } }): VoteRound {
  const { questions, rules } = input;
  const members = questions.memberIds.length;
  const count = (ids: readonly string[], kind: 'flag' | 'certificate', threshold: number) => ids.map((id) => nomineeTally(id, input.approvals[kind][id] ?? 0, members, threshold));
  const flag = count(questions.flagCandidates, 'flag', rules.voteThresholds.flag);
  const certificate = count(questions.certificateNominees, 'certificate', rules.voteThresholds.certificate);
  return decideRound(input, [...input.voters], flag, certificate);
}

/**
 * Tallies one round of the online secret ballot: the anonymous ballots (no voter on them) against the voters
 * recorded apart, the same thresholds and rounds. Who voted is the markers; what was chosen, the ballots.
 */
export function tallySecretRound(input: RoundInput & { voters: readonly string[]; ballots: readonly Ballot[]; uncounted: number }): VoteRound {
  const { questions, rules } = input;
  const members = questions.memberIds.length;
  const voters = input.voters.filter((id) => questions.memberIds.includes(id));
  const flag = tallyNominees(questions.flagCandidates, input.ballots, 'flag', members, rules.voteThresholds.flag);
  const certificate = tallyNominees(questions.certificateNominees, input.ballots, 'certificate', members, rules.voteThresholds.certificate);
  return { ...decideRound(input, voters, flag, certificate), secret: { ballots: input.ballots.length, uncounted: input.uncounted } };
}

function decideRound(input: RoundInput, voters: string[], flag: NomineeTally[], certificate: NomineeTally[]): VoteRound {
  const decided = decideFlagRound(flag, input.seats, input.round, input.rules.flagVoteRounds);
  const outcome: FlagRoundOutcome = { ...decided, winners: [...input.winnersSoFar, ...decided.winners] };
  return { round: input.round, questions: input.questions, voters, flag, certificate, outcome };
}

export interface Proposal {
  flag: string[];
  certificate: string[];
  /** How the flag was settled: by the ballots, by the leader and deputy, or not awarded. */
  flagDecidedBy: 'vote' | 'leaders' | 'none';
  leaderDecision?: LeaderDecision | undefined;
  leaders: LeadersElection;
  /** Higher awards proposed from history (the Government's flag after years of the bloc's flag). */
  higher?: HigherAwardProposal[] | undefined;
}

/**
 * The bloc's proposal after its last round: flag winners from the ballots (plus the leaders' choice when
 * the ballots left the flag undecided), certificates from the first round's tallies, next year's leaders.
 */
export function proposalFrom(input: {
  bloc: Pick<Bloc, 'units' | 'leaderUnitId'>;
  rows: readonly RankedUnit[];
  nominations: Nominations;
  rounds: readonly VoteRound[];
  firstRoundBallots: readonly Ballot[];
  leaderDecision?: LeaderDecision | undefined;
  /** Next year's leaders as a meeting elected them; without it, from the first round's ballots. */
  leaders?: LeadersElection | undefined;
  /** The conference's orders of equal units: where the quota cuts between them, its order decides. */
  equalOrder?: ReadonlyArray<readonly string[]> | undefined;
  /** The rules' women-led preference between equal units (after the conference's order). */
  preferWomenLed?: boolean | undefined;
}): Proposal {
  const last = input.rounds.at(-1);
  const first = input.rounds[0];
  const fromVote = last?.outcome.winners ?? [];
  const chosen = input.leaderDecision?.flagUnitId;
  const flag = chosen ? [...fromVote, chosen] : fromVote;
  const flagDecidedBy = chosen ? 'leaders' : flag.length > 0 ? 'vote' : 'none';
  const certificate = first ? awardCertificates(first.certificate, flag, input.nominations.certificate.seats, input.rows, input.equalOrder, input.preferWomenLed) : [];
  return { flag, certificate, flagDecidedBy, leaderDecision: input.leaderDecision, leaders: input.leaders ?? electLeaders(input.bloc, input.firstRoundBallots) };
}

/** Seats still open after `round` (all of them before the first round). */
export function openSeats(nominations: Nominations, round?: VoteRound): number {
  if (!round) return nominations.flag.seats;
  return round.outcome.kind === 'decided' ? 0 : round.outcome.seats;
}
