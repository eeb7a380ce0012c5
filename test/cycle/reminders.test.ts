import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleConfig } from '../../functions/domain/index.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { SUBJECT, cycleConfig } from './fixtures.js';

describe('reminders of a phase shorter than the first reminder', () => {
  let h: CycleHarness;
  let config: CycleConfig;

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    // Opens on the 17th (Vietnam time) with its deadline on the 20th: "3 days left" on the opening day.
    config = cycleConfig({ timeline: { selfAssessment: { opensOn: '2026-11-17', deadlineOn: '2026-11-20' } } });
    await h.startCycle(config);
    for (const at of ['2026-11-16T17:00:00Z', '2026-11-17T02:00:00Z', '2026-11-19T02:00:00Z']) {
      await h.advanceTo(at);
      await h.sweep();
    }
  }, 120_000);

  afterAll(() => h?.stop());

  it('sends no reminder on the day the phase opened, only the opening email, then the 1-day reminder', async () => {
    const mails = (await h.mailTo(config.bloc.units[0]!.email)).map((m) => m.subject);
    expect(mails.filter((s) => SUBJECT.reminder.test(s))).toEqual([expect.stringMatching(/còn 1 ngày/)]);
    expect(mails.filter((s) => SUBJECT.selfAssessment.test(s))).toHaveLength(1);
  });
});
