import { describe, expect, it } from 'vitest';
import { awardCertificates, certificatesLeftOut, decideFlagRound, electLeaders, tallyNominees, type Ballot } from '../../functions/domain/index.js';
import { partyBloc } from './fixtures.js';

const ballot = (flag: Record<string, boolean>, certificate: Record<string, boolean> = {}, leaders: Partial<Ballot> = {}): Ballot => ({ flag, certificate, ...leaders });
const times = (n: number, b: Ballot) => Array.from({ length: n }, () => b);

describe('tallyNominees', () => {
  it('passes a flag nominee approved by 8 of 9 members (80% threshold)', () => {
    const [t] = tallyNominees(['a'], times(8, ballot({ a: true })), 'flag', 9, 80);
    expect(t).toMatchObject({ approvals: 8, passes: true });
  });

  it('counts members who did not vote as not approving', () => {
    const [t] = tallyNominees(['a'], times(7, ballot({ a: true })), 'flag', 9, 80);
    expect(t).toMatchObject({ approvals: 7, passes: false });
  });

  it('passes at exactly the threshold (4 of 5 is 80%)', () => {
    const [t] = tallyNominees(['a'], times(4, ballot({ a: true })), 'flag', 5, 80);
    expect(t!.passes).toBe(true);
  });
});

describe('decideFlagRound', () => {
  const t = (unitId: string, approvals: number, passes: boolean) => ({ unitId, approvals, passes, members: 9, thresholdPercent: 80 });

  it('decides for the single passing candidate', () => {
    expect(decideFlagRound([t('a', 9, true), t('b', 3, false)], 1, 1, 2)).toEqual({ kind: 'decided', winners: ['a'] });
  });

  it('sends two passing candidates with equal approvals to a runoff between them', () => {
    expect(decideFlagRound([t('a', 8, true), t('b', 8, true), t('c', 1, false)], 1, 1, 2)).toEqual({ kind: 'runoff', winners: [], candidates: ['a', 'b'], seats: 1 });
  });

  it('re-votes between the top two when nobody reaches the threshold', () => {
    expect(decideFlagRound([t('a', 6, false), t('b', 5, false), t('c', 1, false)], 1, 1, 2)).toMatchObject({ kind: 'runoff', candidates: ['a', 'b'] });
  });

  it('leaves the flag to the leader and deputy after the last round', () => {
    expect(decideFlagRound([t('a', 8, true), t('b', 8, true)], 1, 2, 2)).toMatchObject({ kind: 'leaderDecision', candidates: ['a', 'b'] });
  });
});

describe('awardCertificates', () => {
  const rows = ['a', 'b', 'c', 'd'].map((unitId, i) => ({ unitId, place: i + 1, womenLed: false, rotationOrder: i }));
  const tally = (unitId: string, passes: boolean) => ({ unitId, approvals: passes ? 6 : 2, passes, members: 9, thresholdPercent: 50 });

  it('awards passing nominees in rank order up to the quota, leaving out the flag winner', () => {
    expect(awardCertificates([tally('a', true), tally('b', true), tally('c', true), tally('d', true)], ['a'], 2, rows)).toEqual(['b', 'c']);
  });

  it('skips a nominee who did not pass', () => {
    expect(awardCertificates([tally('b', false), tally('c', true), tally('d', true)], [], 2, rows)).toEqual(['c', 'd']);
  });

  it('gives the last seat between units that share a place to the one the conference ordered first', () => {
    const shared = [{ unitId: 'a', place: 1, womenLed: false, rotationOrder: 0 }, { unitId: 'b', place: 2, womenLed: true, rotationOrder: 1 }, { unitId: 'c', place: 2, womenLed: false, rotationOrder: 2 }];
    const tallies = [tally('a', true), tally('b', true), tally('c', true)];
    expect(awardCertificates(tallies, [], 2, shared)).toEqual(['a', 'b']);
    expect(awardCertificates(tallies, [], 2, shared, [['c', 'b']])).toEqual(['a', 'c']);
  });

  it('gives a shared place to the women-led unit before one with more approvals when the rules prefer it', () => {
    const shared = [{ unitId: 'a', place: 1, womenLed: false, rotationOrder: 0 }, { unitId: 'b', place: 2, womenLed: true, rotationOrder: 1 }, { unitId: 'c', place: 2, womenLed: false, rotationOrder: 2 }];
    const tallies = [tally('a', true), { ...tally('b', true), approvals: 5 }, { ...tally('c', true), approvals: 8 }];
    expect(awardCertificates(tallies, [], 2, shared, [], true)).toEqual(['a', 'b']);
    expect(awardCertificates(tallies, [], 2, shared, [], false)).toEqual(['a', 'c']);
  });

  it('gives the seat to the equal unit the preference passed over when the preferred one does not pass', () => {
    const shared = [{ unitId: 'a', place: 1, womenLed: false, rotationOrder: 0 }, { unitId: 'b', place: 2, womenLed: true, rotationOrder: 1 }, { unitId: 'c', place: 2, womenLed: false, rotationOrder: 2 }];
    expect(awardCertificates([tally('a', true), tally('b', false), tally('c', true)], [], 2, shared, [], true)).toEqual(['a', 'c']);
  });
});

describe('certificatesLeftOut', () => {
  const rows = [{ unitId: 'a', place: 1, womenLed: false, rotationOrder: 0 }, { unitId: 'b', place: 2, womenLed: false, rotationOrder: 1 }, { unitId: 'c', place: 2, womenLed: false, rotationOrder: 2 }, { unitId: 'd', place: 4, womenLed: false, rotationOrder: 3 }];
  const tally = (unitId: string, passes: boolean) => ({ unitId, approvals: passes ? 6 : 2, passes, members: 9, thresholdPercent: 50 });
  const tallies = [tally('a', true), tally('b', true), tally('c', true), tally('d', true)];

  it('names each passing nominee past the quota with what set the last awarded unit before it', () => {
    const awarded = awardCertificates(tallies, [], 2, rows, [['c', 'b']]);
    expect(awarded).toEqual(['a', 'c']);
    expect(certificatesLeftOut({ tallies, flagWinners: [], awarded, rows, equalOrder: [['c', 'b']] })).toEqual([
      { unitId: 'b', after: 'c', by: 'equalOrder' },
      { unitId: 'd', after: 'c', by: 'place' },
    ]);
  });

  it('leaves out no one below the quota, nor the flag winner, nor a nominee that did not pass', () => {
    const some = [tally('a', true), tally('b', true), tally('c', false)];
    expect(certificatesLeftOut({ tallies: some, flagWinners: ['a'], awarded: ['b'], rows })).toEqual([]);
  });
});

describe('electLeaders', () => {
  const bloc = partyBloc();

  it('proposes the next units in rotation when nobody votes', () => {
    expect(electLeaders(bloc, [])).toMatchObject({ leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao' });
  });

  it('elects the unit with most votes over the rotation proposal', () => {
    const ballots = [...times(5, ballot({}, {}, { leaderUnitId: 'ubkt', deputyUnitId: 'bao-tinh' })), ...times(4, ballot({}, {}, { leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao' }))];
    expect(electLeaders(bloc, ballots)).toMatchObject({ leaderUnitId: 'ubkt', deputyUnitId: 'bao-tinh', leaderVotes: { ubkt: 5, 'ban-to-chuc': 4 } });
  });

  it('settles a tie in favour of the rotation proposal', () => {
    const ballots = [ballot({}, {}, { leaderUnitId: 'ubkt', deputyUnitId: 'bao-tinh' }), ballot({}, {}, { leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao' })];
    expect(electLeaders(bloc, ballots).leaderUnitId).toBe('ban-to-chuc');
  });
});

describe('decideFlagRound without candidates', () => {
  it('decides on no flag when nobody was nominated', () => {
    expect(decideFlagRound([], 1, 1, 2)).toEqual({ kind: 'decided', winners: [] });
  });
});
