import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycle } from '../../functions/store/cycles.js';
import { cycleKeys } from '../../functions/store/keys.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { crossCheck, selfAssess } from './drive.js';
import { OPENS, cycleConfig } from './fixtures.js';

const TOTALS = { 'vp-tinh-uy': 995, 'ban-to-chuc': 990, 'ban-tuyen-giao': 985, 'ban-dan-van': 980, ubkt: 975, 'ban-noi-chinh': 970, 'bao-tinh': 965, 'truong-chinh-tri': 960, 'dang-uy-khoi': 955 };

describe('a step that keeps failing', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let cycleId: string;
  let executionArn: string;

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig();
    ({ cycleId, executionArn } = await h.startCycle(config));
    await h.advanceTo(OPENS.selfAssessment);
    await selfAssess(h, config, TOTALS);
    // A stored submission damaged behind the system's back: scoring cannot read it, however often it retries.
    await h.deps.store.doc.send(
      new PutCommand({ TableName: h.deps.store.tableName, Item: { ...cycleKeys.form({ cycleId, phase: 'selfAssessment', round: 1, unitId: 'bao-tinh' }), type: 'form', cycleId, phase: 'selfAssessment', round: 1, unitId: 'bao-tinh', status: 'submitted', data: {}, submitted: { scores: { 'I.1': { points: 'hỏng' } } }, submissions: 1, version: 9, updatedAt: h.now().toISOString() } }),
    );
    await h.advanceTo(OPENS.crossCheck);
    await crossCheck(h, config);
    await h.advanceTo('2026-11-30T17:00:10Z');
    await h.sweep();
    await h.advanceTo('2026-12-01T00:00:00Z');
  }, 120_000);

  afterAll(() => h?.stop());

  it('fails the execution after its retries', async () => {
    expect((await h.execution(executionArn)).status).toBe('FAILED');
  });

  it('records the cycle as failed and alerts the admin', async () => {
    expect((await getCycle(h.deps.store, cycleId)).status).toBe('failed');
    expect((await h.mailTo(config.adminEmails[0]!)).map((m) => m.subject)).toContainEqual(expect.stringMatching(/dừng do lỗi/));
  });
});
