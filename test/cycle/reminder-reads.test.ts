/**
 * The reads of a reminder day's sweep: a unit that has submitted keeps its task open to the deadline with
 * the default rules, and its task says so, so the sweep reads nothing for it (one harness per file: the
 * runtime's endpoint is the process's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CycleHarness } from '../support/cycle-harness.js';
import { submissionFor } from '../domain/fixtures.js';
import { OPENS, SUBJECT, cycleConfig } from './fixtures.js';
import { countedSweep } from '../support/counted-sweep.js';
import { currentInvocation } from '../../local/invocations.js';
import { observeSdkSends } from '../../local/sdk-sends.js';

describe('the sweep on a reminder day', () => {
  let h: CycleHarness;
  // The default rules: a unit's wait lasts to the deadline after it submits (it may still correct its form).
  const config = cycleConfig({ rules: { closeEarly: false } });
  const submitted = config.bloc.units.slice(0, 5);

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    await h.startCycle(config);
    await h.advanceTo(OPENS.selfAssessment);
    for (const unit of submitted) await h.act(await h.linkFor(unit.email, SUBJECT.selfAssessment), { scores: submissionFor(900) });
  }, 120_000);

  afterAll(() => h?.stop());

  it('reminds the units that have not submitted, and reads nothing for those that have', async () => {
    await h.advanceTo('2026-11-17T01:00:00Z'); // 08:00 in Vietnam, three days before the deadline
    const formsRead: string[] = [];
    const stop = observeSdkSends((service, command) => {
      if (service !== 'DynamoDB' || currentInvocation()?.functionName !== 'sweep') return;
      const batches = (command.input?.RequestItems ?? {}) as Record<string, { Keys: Array<{ sk: string }> }>;
      const keys = [...Object.values(batches).flatMap((b) => b.Keys), ...(command.input?.Key ? [command.input.Key as { sk: string }] : [])];
      formsRead.push(...keys.map((k) => k.sk).filter((sk) => sk.startsWith('FORM#')));
    });
    const { report } = await countedSweep(h).finally(stop);
    expect(report.reminders).toBe(config.bloc.units.length - submitted.length);
    // The forms of the units reminded only: those that submitted are known from their tasks.
    expect(formsRead).toHaveLength(config.bloc.units.length - submitted.length);
    for (const unit of submitted) expect(formsRead.some((sk) => sk.endsWith(`#${unit.id}`))).toBe(false);
  }, 120_000);
});
