import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as closePhase } from '../../functions/handlers/close-phase.js';
import { handler as openPhase } from '../../functions/handlers/open-phase.js';
import { handler as publish } from '../../functions/handlers/publish.js';
import { handler as scoreBloc } from '../../functions/handlers/score-bloc.js';
import { handler as tallyVotes } from '../../functions/handlers/tally-votes.js';
import { RESULT_NAMES, readResult, type FinalResult, type ScoresResult } from '../../functions/cycle/results.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { playThroughVote } from './drive.js';
import { OPENS, SUBJECT, cycleConfig } from './fixtures.js';

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
    ({ cycleId } = await playThroughVote(h, config));
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

