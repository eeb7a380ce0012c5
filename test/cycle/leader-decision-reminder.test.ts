/** The leaders' decision on an undecided flag is reminded as every other task is (SPEC §3: reminders go to whoever has not acted). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleConfig } from '../../functions/domain/index.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { crossCheck, selfAssess, vote } from './drive.js';
import { OPENS, SUBJECT, TIED, cycleConfig, splitVote } from './fixtures.js';

describe('the leaders\' decision on the flag', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  const leaderEmail = () => config.bloc.units.find((u) => u.id === 'vp-tinh-uy')!.email;

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig();
    await h.startCycle(config);
    await h.advanceTo(OPENS.selfAssessment);
    await selfAssess(h, config, TIED);
    await h.advanceTo(OPENS.crossCheck);
    await crossCheck(h, config);
    await h.advanceTo(OPENS.vote);
    await vote(h, config, splitVote(1));
    await vote(h, config, splitVote(2));
    // The decision opened on 01/12 with its deadline at the end of 04/12: one day left on 03/12.
    for (const day of ['2026-12-01T17:00:01Z', '2026-12-02T17:00:01Z', '2026-12-03T01:00:00Z']) {
      await h.advanceTo(day);
      await h.sweep();
    }
  }, 180_000);

  afterAll(() => h?.stop());

  it('reminds the leader unit the day before its deadline, naming the decision', async () => {
    const reminders = (await h.mailTo(leaderEmail())).filter((m) => SUBJECT.reminder.test(m.subject));
    expect(reminders.map((m) => m.subject)).toEqual([expect.stringContaining('Nhắc hạn: quyết định về Cờ thi đua (còn 1 ngày)')]);
    expect(reminders[0]!.body.text).toContain('Hạn cuối là 23 giờ 59 phút ngày 04/12/2026 (còn 1 ngày).');
  });
});
