import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnLink } from '../../functions/cycle/actions.js';
import { loadWindow } from '../../functions/cycle/context.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { getForm } from '../../functions/store/forms.js';
import { freePort } from '../../local/services/process.js';
import { submissionFor } from '../domain/fixtures.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { selfAssess } from './drive.js';
import { OPENS, SUBJECT, cycleConfig } from './fixtures.js';

const RECEIPT = /Đã nhận tự chấm điểm/;

/**
 * A request that stored a unit's submission and then died (a Lambda timeout, a crash) before it could
 * answer the workflow's wait or send the receipt: here Step Functions cannot be reached at that moment.
 */
describe('a submission whose request died after storing it', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let cycleId: string;
  let last: CycleConfig['bloc']['units'][number];

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig();
    ({ cycleId } = await h.startCycle(config));
    await h.advanceTo(OPENS.selfAssessment);
    last = config.bloc.units.at(-1)!;
    await selfAssess(h, config, Object.fromEntries(config.bloc.units.slice(0, -1).map((u) => [u.id, 990])));
    const unreachable = new SFNClient({ endpoint: `http://127.0.0.1:${await freePort()}`, region: 'ap-southeast-1', maxAttempts: 1, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const linkId = await h.linkFor(last.email, SUBJECT.selfAssessment);
    await expect(actOnLink({ ...h.deps, sfn: unreachable }, { linkId, intent: 'submit', data: { scores: submissionFor(980) }, at: h.now() })).rejects.toThrow();
  }, 120_000);

  afterAll(() => h?.stop());

  it('keeps the submission', async () => {
    expect((await getForm(h.deps.store, { cycleId, phase: 'selfAssessment', round: 1, unitId: last.id }))?.submitted).toBeDefined();
  });

  it('closes the phase at the next sweep, every unit having acted, rather than at its safety cap', async () => {
    expect((await loadWindow(h.deps.store, cycleId, 'selfAssessment', 1))?.closedAt).toBeUndefined();
    expect(await h.sweep()).toMatchObject({ answeredLate: 1, failed: 0 });
    expect((await loadWindow(h.deps.store, cycleId, 'selfAssessment', 1))?.closedAt).toBeDefined();
  });

  it('sends the receipt it had queued with the submission, once', async () => {
    await h.sweep();
    expect((await h.mailTo(last.email)).filter((m) => RECEIPT.test(m.subject))).toHaveLength(1);
  });
});
