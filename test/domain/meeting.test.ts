import { describe, expect, it } from 'vitest';
import { defaultBlocRules, meetingRecordSchema, meetingRounds, nominate, type MeetingContext, type MeetingRecord } from '../../functions/domain/index.js';
import { partyBloc, scoreTotals } from './fixtures.js';
import { CERTIFICATE_NOMINEES, CONFERENCE_TOTALS, conferenceRecord } from './meeting-fixture.js';

const bloc = partyBloc();
const rows = scoreTotals(bloc, CONFERENCE_TOTALS);
const ctx: MeetingContext = { bloc, rules: defaultBlocRules, rows, nominations: nominate(rows, defaultBlocRules) };
const record = (overrides: Record<string, unknown> = {}) => conferenceRecord(bloc, overrides);
const CERTIFICATES = CERTIFICATE_NOMINEES;
const parse = (data: unknown) => meetingRecordSchema(ctx).safeParse(data);
/** The messages of the issues at `path`. */
const issuesAt = (result: ReturnType<typeof parse>, path: string) => (result.error?.issues ?? []).filter((i) => i.path.join('.') === path).map((i) => i.message);

describe('a meeting record', () => {
  it('tallies the room\'s rounds like ballots: a written vote in round 1, a runoff settled by 8 of 9 in the room', () => {
    const parsed = parse(record());
    expect(parsed.error?.issues).toBeUndefined();
    const rounds = meetingRounds(parsed.data!, ctx);
    expect(rounds.map((r) => r.outcome.kind)).toEqual(['runoff', 'decided']);
    expect(rounds[1]!.outcome.winners).toEqual(['ban-to-chuc']);
    expect(rounds.map((r) => r.voters.length)).toEqual([9, 8]);
    expect(rounds[0]!.certificate.every((t) => t.approvals === 8 && t.passes)).toBe(true);
  });

  it('refuses a written vote in a runoff beside its field: it was cast on the first round\'s ballot', () => {
    const runoff = { flag: { 'vp-tinh-uy': 0, 'ban-to-chuc': 8 }, writtenVoters: ['bao-tinh'] };
    expect(issuesAt(parse(record({ rounds: [record().rounds[0], runoff] })), 'rounds.1.writtenVoters.0')).toEqual(['a written vote counts in the first round only: a runoff is voted in the room']);
  });

  it('refuses a runoff tally that counts the absent member: only the members present vote again', () => {
    const runoff = { flag: { 'vp-tinh-uy': 0, 'ban-to-chuc': 9 } };
    expect(issuesAt(parse(record({ rounds: [record().rounds[0], runoff] })), 'rounds.1.flag.ban-to-chuc')).toEqual(['must be at most 8: the members present (8); written votes count in the first round only']);
  });

  it('does not count a written vote in a runoff of a record kept from before the rule', () => {
    const valid = parse(record()).data!;
    const kept: MeetingRecord = { ...valid, rounds: [valid.rounds[0]!, { flag: { 'vp-tinh-uy': 0, 'ban-to-chuc': 8 }, certificate: {}, writtenVoters: ['bao-tinh'] }] };
    expect(meetingRounds(kept, ctx)[1]!.voters).not.toContain('bao-tinh');
  });

  it('refuses a tally larger than the members present and written votes', () => {
    const bad = record({ rounds: [{ flag: { 'vp-tinh-uy': 9, 'ban-to-chuc': 0 }, certificate: Object.fromEntries(CERTIFICATES.map((id) => [id, 8])) }] });
    expect(issuesAt(parse(bad), 'rounds.0.flag.vp-tinh-uy')).toEqual(['must be at most 8: the members present (8) and written votes (0)']);
  });

  it('refuses the attendance of a person of another bloc', () => {
    const bad = record({ attendance: [...record().attendance, { unitId: 'so-tai-chinh', name: 'Trần Văn Tài', title: 'Giám đốc Sở Tài chính' }] });
    expect(issuesAt(parse(bad), 'attendance.9.unitId')).toEqual(['must be a member unit of this bloc']);
  });

  it('asks to choose a person for a chair left unchosen, not for a member unit', () => {
    expect(issuesAt(parse(record({ chair: undefined })), 'chair')).toEqual(['choose a person']);
  });

  it('refuses a decision on the order of units that are not equal', () => {
    const bad = record({ equalOrder: [{ unitIds: ['ban-tuyen-giao', 'ubkt'], reason: 'x' }] });
    expect(issuesAt(parse(bad), 'equalOrder.0.unitIds')).toEqual(['these units are not equal: they hold places 3, 4']);
  });

  it('asks for the runoff the first round made necessary, and refuses a round after the vote was settled', () => {
    expect(issuesAt(parse(record({ rounds: [record().rounds[0]] })), 'rounds')[0]).toMatch(/round 2 is needed/);
    const settled = { flag: { 'vp-tinh-uy': 1, 'ban-to-chuc': 8 }, certificate: Object.fromEntries(CERTIFICATES.map((id) => [id, 8])) };
    expect(issuesAt(parse(record({ rounds: [settled, record().rounds[1]] })), 'rounds.1')).toEqual(['no further round: the vote was settled']);
  });

  it('refuses a written vote of a unit that attended, and a secret ballot without a counting committee', () => {
    const bad = record({ countingCommittee: [], rounds: [{ ...record().rounds[0], writtenVoters: ['ubkt'] }, record().rounds[1]] });
    const parsed = parse(bad);
    expect(issuesAt(parsed, 'rounds.0.writtenVoters.0')).toEqual(['a unit that attended votes in the room, not in writing']);
    expect(issuesAt(parsed, 'countingCommittee')[0]).toMatch(/counting committee/);
  });
});
