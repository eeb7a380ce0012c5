import { describe, expect, it } from 'vitest';
import { ballotQuestions, defaultBlocRules, nominate, openSeats, proposalFrom, tallyRound, type Ballot } from '../../functions/domain/index.js';
import { partyBloc, scoreTotals } from './fixtures.js';

const bloc = partyBloc();
const members = bloc.units.map((u) => u.id);
const totals = {
  'vp-tinh-uy': 995, 'ban-to-chuc': 995, 'ban-tuyen-giao': 985, 'ban-dan-van': 980, ubkt: 975,
  'ban-noi-chinh': 970, 'bao-tinh': 965, 'truong-chinh-tri': 960, 'dang-uy-khoi': 955,
};
const rows = scoreTotals(bloc, totals);
const nominations = nominate(rows, defaultBlocRules);

/** Every member approves everything except that half of them approve only `a`, the other half only `b`, for the flag. */
function splitBallots(questions: ReturnType<typeof ballotQuestions>, a: string, b: string) {
  return members.map((unitId, i) => {
    const flag = Object.fromEntries(questions.flagCandidates.map((id) => [id, id === (i % 2 === 0 ? a : b)]));
    const certificate = Object.fromEntries(questions.certificateNominees.map((id) => [id, true]));
    const leaders = questions.electLeaders ? { leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao' } : {};
    return { unitId, ballot: { flag, certificate, ...leaders } as Ballot };
  });
}

describe('a tie for first through the vote', () => {
  const q1 = ballotQuestions(members, nominations);
  const round1 = tallyRound({ round: 1, questions: q1, ballots: splitBallots(q1, 'vp-tinh-uy', 'ban-to-chuc'), rules: defaultBlocRules, seats: openSeats(nominations), winnersSoFar: [] });
  const q2 = ballotQuestions(members, nominations, round1);
  const round2 = tallyRound({ round: 2, questions: q2, ballots: splitBallots(q2, 'vp-tinh-uy', 'ban-to-chuc'), rules: defaultBlocRules, seats: openSeats(nominations, round1), winnersSoFar: round1.outcome.winners });

  it('asks both tied units for the flag in the first round, and every certificate nominee', () => {
    expect(q1.flagCandidates).toEqual(['vp-tinh-uy', 'ban-to-chuc']);
    expect(q1.certificateNominees).toEqual(['vp-tinh-uy', 'ban-to-chuc', 'ban-tuyen-giao', 'ban-dan-van', 'ubkt']);
  });

  it('goes to a second round when neither reaches 80%', () => {
    expect(round1.outcome).toMatchObject({ kind: 'runoff', candidates: ['vp-tinh-uy', 'ban-to-chuc'] });
    expect(q2).toMatchObject({ flagCandidates: ['vp-tinh-uy', 'ban-to-chuc'], certificateNominees: [], electLeaders: false });
  });

  it('leaves the flag to the leader and deputy after the second round', () => {
    expect(round2.outcome).toMatchObject({ kind: 'leaderDecision', candidates: ['vp-tinh-uy', 'ban-to-chuc'] });
  });

  it('proposes the leaders\' choice for the flag and a certificate for the other tied unit', () => {
    const proposal = proposalFrom({
      bloc, rows, nominations, rounds: [round1, round2],
      firstRoundBallots: splitBallots(q1, 'vp-tinh-uy', 'ban-to-chuc').map((b) => b.ballot),
      leaderDecision: { flagUnitId: 'ban-to-chuc', reason: 'Thống nhất tại cuộc họp Trưởng khối, Phó Trưởng khối' },
    });
    expect(proposal).toMatchObject({ flag: ['ban-to-chuc'], flagDecidedBy: 'leaders' });
    expect(proposal.certificate).toEqual(['vp-tinh-uy', 'ban-tuyen-giao', 'ban-dan-van', 'ubkt']);
    expect(proposal.leaders).toMatchObject({ leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao' });
  });
});
