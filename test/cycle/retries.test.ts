import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as closePhase } from '../../functions/handlers/close-phase.js';
import { handler as openPhase } from '../../functions/handlers/open-phase.js';
import { handler as publish } from '../../functions/handlers/publish.js';
import { handler as scoreBloc } from '../../functions/handlers/score-bloc.js';
import { handler as tallyVotes } from '../../functions/handlers/tally-votes.js';
import { RESULT_NAMES, readResult, type FinalResult, type ScoresResult } from '../../functions/cycle/results.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { crossCheck, selfAssess, vote } from './drive.js';
import { OPENS, SUBJECT, cycleConfig } from './fixtures.js';

const TOTALS = { 'vp-tinh-uy': 995, 'ban-to-chuc': 990, 'ban-tuyen-giao': 985, 'ban-dan-van': 980, ubkt: 975, 'ban-noi-chinh': 970, 'bao-tinh': 965, 'truong-chinh-tri': 960, 'dang-uy-khoi': 955 };
const context = { functionName: 'test', awsRequestId: 'retry', getRemainingTimeInMillis: () => 60_000 } as never;

describe('steps retried by Step Functions', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let cycleId: string;
  let mailBefore: number;
  const allMail = async () => (await Promise.all([...config.bloc.units.map((u) => u.email), config.approverEmail, ...config.adminEmails].map((a) => h.mailTo(a)))).flat();

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig();
    ({ cycleId } = await h.startCycle(config));
    await h.advanceTo(OPENS.selfAssessment);
    await selfAssess(h, config, TOTALS);
    await h.advanceTo(OPENS.crossCheck);
    await crossCheck(h, config);
    await h.advanceTo(OPENS.vote);
    await vote(h, config, () => ({ flag: { 'vp-tinh-uy': true }, certificate: { 'ban-to-chuc': true, 'ban-tuyen-giao': true, 'ban-dan-van': true, ubkt: true }, leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao' }));
    await h.advanceTo(OPENS.approval);
    await h.act(await h.linkFor(config.approverEmail, SUBJECT.approval), { decision: 'approve' });
    mailBefore = (await allMail()).length;
    // Every step once more, as a retry after a lost response would run it.
    const at = h.now().toISOString();
    await openPhase({ cycleId, phase: 'selfAssessment', round: 1, at }, context);
    await closePhase({ cycleId, phase: 'selfAssessment', round: 1, at }, context);
    await scoreBloc({ cycleId, at }, context);
    await tallyVotes({ cycleId, round: 1, at }, context);
    await publish({ cycleId, at }, context);
  }, 120_000);

  afterAll(() => h?.stop());

  it('sends no email twice', async () => {
    expect((await allMail()).length).toBe(mailBefore);
  });

  it('keeps the results it stored the first time', async () => {
    const final = await readResult<FinalResult>(h.deps.store, cycleId, RESULT_NAMES.final);
    const scores = await readResult<ScoresResult>(h.deps.store, cycleId, RESULT_NAMES.scores);
    expect(final).toMatchObject({ status: 'approved', flag: ['vp-tinh-uy'] });
    expect(Date.parse(final!.publishedAt)).toBeLessThan(h.now().getTime() + 1);
    expect(scores!.rows).toHaveLength(9);
  });
});

