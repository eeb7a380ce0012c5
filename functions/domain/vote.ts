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

/**
 * Certificates awarded after the vote: nominees that passed, less the flag winners, in rank order
 * (a shared place is settled by the order the conference decided, then the women-led preference where the
 * rules give it (NĐ 152/2025 art. 4), then more approvals, then rotation order), up to the quota.
 */
export function awardCertificates(
  tallies: readonly NomineeTally[],
  flagWinners: readonly string[],
  seats: number,
  rows: readonly Pick<RankedUnit, 'unitId' | 'place' | 'womenLed' | 'rotationOrder'>[],
  /** The conference's orders of units that share a place (meeting.ts), each first to last. */
  equalOrder: ReadonlyArray<readonly string[]> = [],
  /** The rules' `preferWomenLedOnTie`: a women-led unit goes before an equal one, whatever the approvals. */
  preferWomenLed = false,
): string[] {
  const row = new Map(rows.map((r) => [r.unitId, r]));
  const decided = (a: string, b: string) => {
    const order = equalOrder.find((ids) => ids.includes(a) && ids.includes(b));
    return order ? order.indexOf(a) - order.indexOf(b) : 0;
  };
  return tallies
    .filter((t) => t.passes && !flagWinners.includes(t.unitId) && row.has(t.unitId))
    .sort((a, b) => {
      const ra = row.get(a.unitId)!;
      const rb = row.get(b.unitId)!;
      const women = Number(rb.womenLed) - Number(ra.womenLed);
      return ra.place - rb.place || decided(a.unitId, b.unitId) || (preferWomenLed ? women : 0) || b.approvals - a.approvals || women || ra.rotationOrder - rb.rotationOrder;
    })
    .slice(0, seats)
    .map((t) => t.unitId);
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
