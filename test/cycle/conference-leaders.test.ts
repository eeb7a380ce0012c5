/**
 * A year-end conference that leaves the flag to the leaders after its two rounds, having ordered two units
 * that share a place where the certificate quota cuts between them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_NAMES, readResult, type Proposal } from '../../functions/cycle/results.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { CONFERENCE_TOTALS, conferenceRecord } from '../domain/meeting-fixture.js';
import { crossCheck, selfAssess } from './drive.js';
import { OPENS, SUBJECT, cycleConfig } from './fixtures.js';

describe('a conference whose flag the leaders decide after two undecided rounds', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let proposal: Proposal;

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    // Three certificates: Ủy ban Kiểm tra and Ban Dân vận share 4th place, and the record orders Ủy ban Kiểm tra first.
    config = cycleConfig({ rules: { voteMode: 'secretBallot', certificateQuota: { kind: 'fixed', count: 3 } } });
    const { cycleId } = await h.startCycle(config);
    await h.advanceTo(OPENS.selfAssessment);
    await selfAssess(h, config, CONFERENCE_TOTALS);
    await h.advanceTo(OPENS.crossCheck);
    await crossCheck(h, config);
    await h.advanceTo(OPENS.vote);
    const leader = config.bloc.units.find((u) => u.id === 'vp-tinh-uy')!;
    const link = await h.linkFor(leader.email, SUBJECT.meetingRecord);
    await h.advanceTo('2026-12-03T05:00:00Z');
    const record = conferenceRecord(config.bloc);
    await h.act(link, conferenceRecord(config.bloc, { rounds: [record.rounds[0], { flag: { 'vp-tinh-uy': 4, 'ban-to-chuc': 4 } }] }));
    await h.act(await h.linkFor(leader.email, /quyết định Cờ thi đua/), { flagUnitId: 'ban-to-chuc', reason: 'Trưởng khối và Phó Trưởng khối thống nhất' });
    proposal = (await readResult<Proposal>(h.deps.store, cycleId, RESULT_NAMES.proposal))!;
  }, 150_000);

  afterAll(() => h?.stop());

  it('proposes the flag the leaders chose', () => {
    expect(proposal).toMatchObject({ flag: ['ban-to-chuc'], flagDecidedBy: 'leaders' });
  });

  it('gives the last certificate to the unit the conference ordered first among equals, as its minutes say', () => {
    expect(proposal.certificate).toContain('ubkt');
    expect(proposal.certificate).not.toContain('ban-dan-van');
  });
});
