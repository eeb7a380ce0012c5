import * as z from 'zod';
import { candidatesOf, type Nominations } from './awards.js';
import { rotationProposal, type Bloc } from './bloc.js';
import { checkSitting, memberOf, presentUnits, RecordText, sittingFields, type SittingRecord } from './conference.js';
import { ballotQuestions, openSeats, tallyCountedRound, type VoteRound } from './outcome.js';
import type { BlocRules } from './rules.js';
import type { RankedUnit } from './scoring.js';
import type { LeadersElection } from './vote.js';

/**
 * The record of the bloc's year-end conference ("hội nghị tổng kết", SPEC §1 "How blocs really meet"), as
 * the secretary enters it: the sitting every conference's record has (conference.ts: when and where, who
 * attended, guests, the agenda and whether the report was adopted), then the counting committee ("ban
 * kiểm phiếu"), the room's tallies per nominee and round (absent members' written votes counted in the
 * first round, the ballot they were cast on), the decisions (the order of equal units, with its reason),
 * next year's leader and deputy, the pledge signed at the sitting. The same thresholds, rounds and
 * leaders' decision apply as to an online ballot: the tallies become the same vote rounds.
 */

const Count = z.number({ error: 'must be a number of votes' }).int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' });

/** What a meeting record is checked against: the bloc, its rules, the ranking and the nominations. */
export interface MeetingContext {
  bloc: Pick<Bloc, 'units' | 'leaderUnitId'>;
  rules: BlocRules;
  rows: ReadonlyArray<Pick<RankedUnit, 'unitId' | 'place'>>;
  nominations: Nominations;
}

/** The record's fields: the sitting's, then the vote's; {@link meetingRecordSchema} adds the checks against the cycle. */
function recordFields(ctx: Pick<MeetingContext, 'bloc'>) {
  const member = memberOf(ctx.bloc);
  const counts = z.record(z.string(), Count);
  return z.object({
    kind: z.literal('yearEnd').default('yearEnd'),
    ...sittingFields(ctx.bloc),
    countingCommittee: z.array(z.object({ unitId: member, name: RecordText(120) })).default([]),
    rounds: z
      /** `writtenVoters`: the absent members whose written vote came in; the first round only (checkRecord). */
      .array(z.object({ flag: counts.default({}), certificate: counts.default({}), writtenVoters: z.array(member).default([]) }))
      .min(1, { error: 'record the tally of the vote' }),
    /** Decisions on the order of units that share a place, each with its reason. */
    equalOrder: z.array(z.object({ unitIds: z.array(member).min(2, { error: 'name at least two units' }), reason: RecordText(2000) })).default([]),
    nextLeaderUnitId: member,
    nextDeputyUnitId: member,
    /** Next year's pledge, signed at this sitting. */
    pledgeSigned: z.boolean({ error: 'say whether the pledge was signed' }),
  });
}
export type MeetingRecord = z.infer<ReturnType<typeof recordFields>>;
/** The record of any of the bloc's conferences: a pledge or mid-year sitting, or the year-end conference with its vote. */
export type ConferenceRecord = SittingRecord | MeetingRecord;
/** Whether a conference's record is the year-end one, with its vote. */
export const isYearEnd = (record: ConferenceRecord): record is MeetingRecord => 'rounds' in record;

/** The record's schema for one cycle: every unit named must be a member, every tally possible in the room. */
export function meetingRecordSchema(ctx: MeetingContext) {
  return recordFields(ctx).superRefine((record, issues) => checkRecord(record, ctx, issues));
}

type Issues = z.RefinementCtx;
const issue = (issues: Issues, path: Array<string | number>, message: string) => issues.addIssue({ code: 'custom', path, message });

function checkRecord(record: MeetingRecord, ctx: MeetingContext, issues: Issues): void {
  const present = presentUnits(record);
  const writtenAllowed = ctx.rules.writtenVotes;
  if (ctx.rules.voteMode === 'secretBallot' && record.countingCommittee.length === 0) issue(issues, ['countingCommittee'], 'a secret ballot is counted by a counting committee: name its members');
  record.countingCommittee.forEach((m, i) => present.includes(m.unitId) || issue(issues, ['countingCommittee', i, 'unitId'], 'a member of the counting committee must attend'));
  checkSitting(record, issues);
  if (record.nextLeaderUnitId === record.nextDeputyUnitId) issue(issues, ['nextDeputyUnitId'], 'the deputy must be another unit than the leader');
  record.rounds.forEach((round, r) => {
    round.writtenVoters.forEach((unitId, i) => {
      if (!writtenAllowed) issue(issues, ['rounds', r, 'writtenVoters', i], 'the bloc\'s rules do not count written votes');
      else if (r > 0) issue(issues, ['rounds', r, 'writtenVoters', i], 'a written vote counts in the first round only: a runoff is voted in the room');
      else if (present.includes(unitId)) issue(issues, ['rounds', r, 'writtenVoters', i], 'a unit that attended votes in the room, not in writing');
    });
    const written = writtenVotesIn(record, r).length;
    const most = present.length + written;
    const why = r === 0 ? `the members present (${present.length}) and written votes (${written})` : `the members present (${present.length}); written votes count in the first round only`;
    for (const kind of ['flag', 'certificate'] as const) {
      for (const [unitId, count] of Object.entries(round[kind])) {
        if (count > most) issue(issues, ['rounds', r, kind, unitId], `must be at most ${most}: ${why}`);
      }
    }
  });
  checkRounds(record, ctx, issues);
  const places = new Map(ctx.rows.map((row) => [row.unitId, row.place]));
  record.equalOrder.forEach((decision, i) => {
    const shared = new Set(decision.unitIds.map((id) => places.get(id)));
    if (shared.size > 1 || new Set(decision.unitIds).size < decision.unitIds.length) {
      issue(issues, ['equalOrder', i, 'unitIds'], `these units are not equal: they hold places ${decision.unitIds.map((id) => places.get(id) ?? '-').join(', ')}`);
    }
  });
}

/** Each round asks what its predecessor left open; the record holds exactly the rounds the vote needed. */
function checkRounds(record: MeetingRecord, ctx: MeetingContext, issues: Issues): void {
  let previous: VoteRound | undefined;
  for (const [r, round] of record.rounds.entries()) {
    if (previous && previous.outcome.kind !== 'runoff') {
      issue(issues, ['rounds', r], previous.outcome.kind === 'decided' ? 'no further round: the vote was settled' : 'no further round: after the last round the leader and deputy decide');
      return;
    }
    const questions = questionsOf(ctx, previous);
    for (const kind of ['flag', 'certificate'] as const) {
      const asked = kind === 'flag' ? questions.flagCandidates : questions.certificateNominees;
      for (const id of Object.keys(round[kind])) if (!asked.includes(id)) issue(issues, ['rounds', r, kind, id], 'not a nominee of this round');
      for (const id of asked) if (!(id in round[kind])) issue(issues, ['rounds', r, kind, id], 'a tally is required for every nominee of the round');
    }
    previous = countRound(record, ctx, r, previous);
  }
  if (previous?.outcome.kind === 'runoff') {
    issue(issues, ['rounds'], `round ${previous.round + 1} is needed: the flag was not decided, the vote is repeated between the top candidates`);
  }
}

/**
 * The written votes ("phiếu gửi trước") a round counts: an absent member votes in writing once, on the
 * ballot known before the sitting, so only the first round; a runoff is decided by those in the room.
 */
const writtenVotesIn = (record: MeetingRecord, r: number): string[] => (r === 0 ? (record.rounds[0]?.writtenVoters ?? []) : []);

const questionsOf = (ctx: MeetingContext, previous: VoteRound | undefined) => ballotQuestions(ctx.bloc.units.map((u) => u.id), ctx.nominations, previous);

function countRound(record: MeetingRecord, ctx: MeetingContext, r: number, previous: VoteRound | undefined): VoteRound {
  const round = record.rounds[r]!;
  return tallyCountedRound({
    round: r + 1,
    questions: questionsOf(ctx, previous),
    rules: ctx.rules,
    seats: openSeats(ctx.nominations, previous),
    winnersSoFar: previous?.outcome.winners ?? [],
    voters: [...presentUnits(record), ...writtenVotesIn(record, r)],
    approvals: { flag: round.flag, certificate: round.certificate },
  });
}

/** The vote rounds a valid record holds, tallied as an online ballot's would be. */
export function meetingRounds(record: MeetingRecord, ctx: MeetingContext): VoteRound[] {
  const rounds: VoteRound[] = [];
  for (let r = 0; r < record.rounds.length; r++) rounds.push(countRound(record, ctx, r, rounds.at(-1)));
  return rounds;
}

/** Next year's leader and deputy as the meeting elected them, beside the rotation's proposal. */
export function meetingLeaders(record: MeetingRecord, bloc: Pick<Bloc, 'units' | 'leaderUnitId'>): LeadersElection {
  return { leaderUnitId: record.nextLeaderUnitId, deputyUnitId: record.nextDeputyUnitId, leaderVotes: {}, deputyVotes: {}, byRotation: rotationProposal(bloc) };
}

/** Whether the bloc votes at its conference (the secretary records it) rather than online. */
export const votesAtMeeting = (rules: Pick<BlocRules, 'voteMode'>) => rules.voteMode !== 'online';

/** The nominees of the first round, for the record form. */
export const firstRoundNominees = (nominations: Nominations) => ({ flag: candidatesOf(nominations.flag), certificate: candidatesOf(nominations.certificate) });
