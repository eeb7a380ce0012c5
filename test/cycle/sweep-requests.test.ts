/**
 * The DynamoDB requests of the deadline day's sweep of one bloc of 9 units, counted as the SDK sends them
 * (local/sdk-sends.ts) within the sweep's invocation: the tokens of the overdue waits are read together, in
 * one BatchGetItem for the cycle, not one GetItem per unit beyond the few the sweep handles at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleConfig } from '../../functions/domain/index.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { countedSweep } from '../support/counted-sweep.js';
import { cycleConfig } from './fixtures.js';

describe('the sweep on the day after a deadline', () => {
  let h: CycleHarness;
  let config: CycleConfig;

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig();
    await h.startCycle(config);
    await h.advanceTo('2026-11-01T02:00:00Z'); // the self-assessment opens
  }, 120_000);

  afterAll(() => h?.stop());

  it('reads the tokens of every overdue wait of a cycle in one request', async () => {
    await h.advanceTo('2026-11-20T17:30:00Z');
    const { report, requests } = await countedSweep(h);
    expect(report).toMatchObject({ cycles: 1, failed: 0, closedOverdue: config.bloc.units.length });
    // The cycle's configuration (GetItem) and the 9 tokens (one BatchGetItem). Before, the sweep's 4 tasks at
    // once read theirs in one BatchGetItem and the 5 others one GetItem each: 7 reads, 21 requests against 16.
    expect((requests.Get ?? 0) + (requests.BatchGet ?? 0)).toBe(2);
  }, 120_000);
});
