import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlocSchema, TimelineSchema, defaultBlocRules, defaultCriteriaSheet, pinConfig, type CycleConfig } from '../../functions/domain/index.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { submissionFor } from '../domain/fixtures.js';
import { confirmAll } from './drive.js';
import { OPENS, SUBJECT, TIMELINE_2026 } from './fixtures.js';

/** AWS keeps at most 25,000 events in one execution's history. */
const AWS_HISTORY_LIMIT = 25_000;
const UNITS = 40;

function largeBloc(units: number): CycleConfig {
  const tag = Math.random().toString(36).slice(2, 8);
  const bloc = BlocSchema.parse({
    id: `khoi-lon-${tag}`,
    name: 'Khối thi đua các sở, ban, ngành tỉnh',
    province: 'Đồng Nai',
    units: Array.from({ length: units }, (_, i) => ({
      id: `don-vi-${i + 1}`,
      name: `Sở ${i + 1}`,
      shortName: `S${i + 1}`,
      email: `so-${i + 1}.${tag}@example.gov.vn`,
      rotationOrder: i,
    })),
  });
  return pinConfig({ bloc, sheet: defaultCriteriaSheet, rules: { ...defaultBlocRules, voteMode: 'online' }, timeline: TimelineSchema.parse(TIMELINE_2026), approverEmail: `ban-tdkt.${tag}@example.gov.vn`, adminEmails: [`admin.${tag}@example.gov.vn`] });
}

// The members vote online here: the history measured is that of the online ballot, the longer one.
/** Moves to the next phase's opening: the sweep there ends the waits of the phase whose deadline passed. */
async function nextPhase(h: CycleHarness, opensAt: string): Promise<void> {
  await h.advanceTo(opensAt);
  await h.sweep();
}

/** Every unit acts at once, as a busy morning would have it. */
async function everyone(h: CycleHarness, config: CycleConfig, subject: RegExp, data: (i: number) => object): Promise<void> {
  await Promise.all(config.bloc.units.map(async (unit, i) => h.act(await h.linkFor(unit.email, subject), data(i))));
}

describe(`the execution history of a ${UNITS}-unit bloc's whole cycle`, () => {
  let h: CycleHarness;
  let events: number;
  let executionArn: string;

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    const config = largeBloc(UNITS);
    ({ executionArn } = await h.startCycle(config));
    await h.advanceTo(OPENS.selfAssessment);
    await everyone(h, config, SUBJECT.selfAssessment, (i) => ({ scores: submissionFor(999.75 - i * 0.5) }));
    await nextPhase(h, OPENS.crossCheck);
    await everyone(h, config, SUBJECT.crossCheck, () => confirmAll());
    await nextPhase(h, OPENS.vote);
    await everyone(h, config, SUBJECT.ballot, () => ({
      flag: { 'don-vi-1': true },
      certificate: Object.fromEntries(Array.from({ length: UNITS / 2 }, (_, i) => [`don-vi-${i + 2}`, true])),
      leaderUnitId: 'don-vi-1',
      deputyUnitId: 'don-vi-2',
    }));
    await nextPhase(h, OPENS.approval);
    await h.act(await h.linkFor(config.approverEmail, SUBJECT.approval), { decision: 'approve' });
    events = await h.historyLength(executionArn);
    console.log(`history events for a ${UNITS}-unit bloc's whole cycle: ${events} (${(events / UNITS).toFixed(1)} per unit; AWS limit ${AWS_HISTORY_LIMIT})`);
  }, 300_000);

  afterAll(() => h?.stop());

  it('completes', async () => {
    expect((await h.execution(executionArn)).status).toBe('SUCCEEDED');
  });

  it('stays far below the AWS history limit, even scaled to a 60-unit bloc', () => {
    const perUnit = events / UNITS;
    expect(perUnit * 60).toBeLessThan(AWS_HISTORY_LIMIT / 4);
  });
});
