import { rotationProposal, unitsInRotation, type Bloc } from './bloc.js';
import type { Ballot } from './forms.js';
import type { RankedUnit } from './scoring.js';

/**
 * The vote ("bình xét, suy tôn", SPEC §3.6). A nominee passes with approvals from at least the threshold
 * of ALL members: a member who does not vote does not approve. Percentages are compared exactly, in integers.
 */

export interface NomineeTally {
  unitId: string;
  approvals: number;
  members: number;
  thresholdPercent: number;
  passes: boolean;
}

/** Counts approvals for each nominee of one kind of award across the ballots cast. */
export function tallyNominees(
  nominees: readonly string[],
  ballots: readonly Ballot[],
  kind: 'flag' | 'certificate',
  members: number,
  thresholdPercent: number,
): NomineeTally[] {
  return nominees.map((unitId) => nomineeTally(unitId, ballots.filter((b) => b[kind][unitId] === true).length, members, thresholdPercent));
}

/** One nominee's approvals against the threshold of all members, however they were counted (ballots online, the room's tally). */
export function nomineeTally(unitId: string, approvals: number, members: number, thresholdPercent: number): NomineeTally {
  return { unitId, approvals, members, thresholdPercent, passes: approvals * 10_000 >= Math.round(thresholdPercent * 100) * members };
}

export type FlagRoundOutcome =
  | { kind: 'decided'; winners: string[] }
  /** Some seats stay open: a further round between `candidates`, or the leaders' decision after the last round. */
  | { kind: 'runoff' | 'leaderDecision'; winners: string[]; candidates: string[]; seats: number };

/**
 * Decides one flag round. Passing candidates win in order of approvals; a tie at the last seat, or too
 * few passing, leaves the open seats to a runoff between the top (or tied) remaining candidates, and after
 * the last allowed round to the bloc leader and deputy.
 */
export function decideFlagRound(tallies: readonly NomineeTally[], seats: number, round: number, maxRounds: number): FlagRoundOutcome {
  const byApprovals = [...tallies].sort((a, b) => b.approvals - a.approvals);
  const passing = byApprovals.filter((t) => t.passes);
  const edge = passing[seats - 1];
  const beyond = passing[seats];
  const winners = passing
    .filter((t, i) => i < seats && (beyond === undefined || edge === undefined || t.approvals > beyond.approvals))
    .map((t) => t.unitId);
  const open = seats - winners.length;
  const remaining = byApprovals.filter((t) => !winners.includes(t.unitId));
  // With nobody left to vote on (no nominee at all), the flag is simply not proposed.
  if (open === 0 || remaining.length === 0) return { kind: 'decided', winners };
  const tiedPassing = remaining.filter((t) => t.passes);
  // A tie among passing candidates is re-voted between the tied; when too few pass, between the top ones.
  const pool = tiedPassing.length > open ? tiedPassing : remaining;
  const take = tiedPassing.length > open ? open : Math.min(open + 1, remaining.length);
  const cut = pool[take - 1]?.approvals ?? 0;
  const candidates = pool.filter((t) => t.approvals >= cut).map((t) => t.unitId);
  return { kind: round < maxRounds ? 'runoff' : 'leaderDecision', winners, candidates, seats: open };
}

/** The criteria that order the nominees for a certificate, first to last (see {@link certificatePrecedence}). */
export type CertificateOrderBasis = 'place' | 'equalOrder' | 'womenLed' | 'approvals' | 'rotation';

type OrderedRow = Pick<RankedUnit, 'unitId' | 'place' | 'womenLed' | 'rotationOrder'>;

/** What orders the nominees for a certificate, beside their tallies. */
export interface CertificateOrder {
  rows: readonly OrderedRow[];
  /** The conference's orders of units that share a place (meeting.ts), each first to last. */
  equalOrder?: ReadonlyArray<readonly string[]> | undefined;
  /** The rules' `preferWomenLedOnTie`: a women-led unit goes before an equal one, whatever the approvals. */
  preferWomenLed?: boolean | undefined;
}

/**
 * Which of two nominees goes first for a certificate, and on what: the better place; within a shared place
 * the order the conference decided, then the women-led preference where the rules give it (NĐ 152/2025
 * art. 4), then more approvals, then a women-led unit, then rotation order. Negative: `a` goes first.
 */
export function certificatePrecedence(a: NomineeTally, b: NomineeTally, order: CertificateOrder): { by: CertificateOrderBasis; difference: number } | undefined {
  const row = (id: string) => order.rows.find((r) => r.unitId === id)!;
  const [ra, rb] = [row(a.unitId), row(b.unitId)];
  const decided = order.equalOrder?.find((ids) => ids.includes(a.unitId) && ids.includes(b.unitId));
  const women = Number(rb.womenLed) - Number(ra.womenLed);
  const criteria: Array<[CertificateOrderBasis, number]> = [
    ['place', ra.place - rb.place],
    ['equalOrder', decided ? decided.indexOf(a.unitId) - decided.indexOf(b.unitId) : 0],
    ['womenLed', order.preferWomenLed ? women : 0],
    ['approvals', b.approvals - a.approvals],
    ['womenLed', women],
    ['rotation', ra.rotationOrder - rb.rotationOrder],
  ];
  const first = criteria.find(([, difference]) => difference !== 0);
  return first && { by: first[0], difference: first[1] };
}

/** Certificates awarded after the vote: nominees that passed, less the flag winners, in the order of {@link certificatePrecedence}, up to the quota. */
export function awardCertificates(
  tallies: readonly NomineeTally[],
  flagWinners: readonly string[],
  seats: number,
  rows: readonly OrderedRow[],
  equalOrder: ReadonlyArray<readonly string[]> = [],
  preferWomenLed = false,
): string[] {
  return passedFor(tallies, flagWinners, rows)
    .sort((a, b) => certificatePrecedence(a, b, { rows, equalOrder, preferWomenLed })?.difference ?? 0)
    .slice(0, seats)
    .map((t) => t.unitId);
}

/** A nominee that passed the vote and got no certificate: the quota went to units before it, the last of them (`after`) set before it by `by`. */
export interface LeftOutNominee {
  unitId: string;
  /** The last unit awarded; absent when the quota is none. */
  after?: string | undefined;
  by: CertificateOrderBasis;
}

/** The nominees that passed for a certificate but are not awarded one (nor the flag): the quota was filled before them. */
export function certificatesLeftOut(input: CertificateOrder & { tallies: readonly NomineeTally[]; flagWinners: readonly string[]; awarded: readonly string[] }): LeftOutNominee[] {
  const passed = passedFor(input.tallies, input.flagWinners, input.rows);
  const last = passed.find((t) => t.unitId === input.awarded.at(-1));
  return passed
    .filter((t) => !input.awarded.includes(t.unitId))
    .map((t) => ({ unitId: t.unitId, after: last?.unitId, by: last ? (certificatePrecedence(last, t, input)?.by ?? 'rotation') : 'place' }));
}

/** The nominees that passed, less the flag winners and any unit no longer ranked. */
function passedFor(tallies: readonly NomineeTally[], flagWinners: readonly string[], rows: readonly OrderedRow[]): NomineeTally[] {
  return tallies.filter((t) => t.passes && !flagWinners.includes(t.unitId) && rows.some((r) => r.unitId === t.unitId));
}

export interface LeadersElection {
  leaderUnitId: string;
  deputyUnitId: string;
  /** Votes per unit, for the minutes. */
  leaderVotes: Record<string, number>;
  deputyVotes: Record<string, number>;
  byRotation: { leaderUnitId: string; deputyUnitId: string };
}

/**
 * Next year's leader and deputy (Trưởng khối, Phó Trưởng khối): the unit with most votes; a tie or no
 * votes falls back to the rotation proposal, then to rotation order among the tied.
 */
export function electLeaders(bloc: Pick<Bloc, 'units' | 'leaderUnitId'>, ballots: readonly Ballot[]): LeadersElection {
  const byRotation = rotationProposal(bloc);
  const order = unitsInRotation(bloc).map((u) => u.id);
  const count = (pick: (b: Ballot) => string | undefined) => {
    const votes: Record<string, number> = {};
    for (const ballot of ballots) {
      const id = pick(ballot);
      if (id !== undefined && order.includes(id)) votes[id] = (votes[id] ?? 0) + 1;
    }
    return votes;
  };
  const choose = (votes: Record<string, number>, proposal: string, exclude?: string) => {
    const eligible = order.filter((id) => id !== exclude);
    const best = Math.max(0, ...eligible.map((id) => votes[id] ?? 0));
    const top = eligible.filter((id) => (votes[id] ?? 0) === best);
    return top.includes(proposal) ? proposal : top[0]!;
  };
  const leaderVotes = count((b) => b.leaderUnitId);
  const deputyVotes = count((b) => b.deputyUnitId);
  const leaderUnitId = choose(leaderVotes, byRotation.leaderUnitId);
  const deputyUnitId = choose(deputyVotes, byRotation.deputyUnitId === leaderUnitId ? byRotation.leaderUnitId : byRotation.deputyUnitId, leaderUnitId);
  return { leaderUnitId, deputyUnitId, leaderVotes, deputyVotes, byRotation };
}
