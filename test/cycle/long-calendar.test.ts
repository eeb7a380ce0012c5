import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { RESULT_NAMES, readResult, type FinalResult } from '../../functions/cycle/results.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { getCycle } from '../../functions/store/cycles.js';
import { listUnitHistory } from '../../functions/store/history.js';
import { listAuditEvents } from '../../functions/audit/trail.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { STARTED_AT, longConfig, playFirstYear, playSecondYear } from './long-calendar.js';

describe('a 16-month calendar, longer than an execution may live', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let cycleId: string;
  let firstArn: string;

  beforeAll(async () => {
    h = await CycleHarness.start(STARTED_AT);
    config = longConfig();
    ({ cycleId, executionArn: firstArn } = await h.startCycle(config));
    await playFirstYear(h, config);
    await playSecondYear(h, config);
  }, 240_000);

  afterAll(() => h?.stop());

  it('hands the cycle over to a new execution before the one-year limit, linked to the first', async () => {
    const { executions = [] } = await h.deps.sfn.send(new ListExecutionsCommand({ stateMachineArn: h.deps.stateMachineArn }));
    const ours = executions.filter((e) => e.name?.startsWith(cycleId)).sort((a, b) => a.startDate!.getTime() - b.startDate!.getTime());
    expect(ours.map((e) => [e.name, e.status])).toEqual([
      [cycleId, 'SUCCEEDED'],
      [`${cycleId}-h1`, 'SUCCEEDED'],
    ]);
    const second = await h.execution(ours[1]!.executionArn!);
    expect(JSON.parse(second.input!)).toMatchObject({ resumeAt: 'crossCheck', previousExecutionArn: firstArn });
    expect(ours[1]!.startDate!.toISOString() < '2026-12-31T17:00:00Z').toBe(true);
    expect((await getCycle(h.deps.store, cycleId)).executionArn).toBe(ours[1]!.executionArn);
  });

  it('publishes the decision taken 15 months after the pledge', async () => {
    const final = await readResult<FinalResult>(h.deps.store, cycleId, RESULT_NAMES.final);
    expect(final).toMatchObject({ status: 'approved', flag: ['vp-tinh-uy'], decisionNumber: '512/QĐ-UBND' });
    expect((await getCycle(h.deps.store, cycleId)).status).toBe('closed');
  });

  it('records the hand-over in the audit trail', async () => {
    const actions = (await listAuditEvents(h.deps.store, cycleId)).map((e) => e.action);
    expect(actions.filter((a) => a === 'cycle.handedOver')).toHaveLength(1);
    expect(actions.at(-1)).toBe('cycle.published');
  });

  it('keeps the year in each unit’s history', async () => {
    expect(await listUnitHistory(h.deps.store, config.bloc.id, 'vp-tinh-uy')).toEqual([
      expect.objectContaining({ year: 2026, place: 1, awardProposed: 'flag', awardDecided: 'flag', decisionNumber: '512/QĐ-UBND' }),
    ]);
  });
});
