import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configForCycle, saveBlocSettings, storeSheet } from '../../functions/admin/settings.js';
import { startCycles } from '../../functions/admin/start.js';
import { TimelineSchema, defaultCriteriaSheet, type CycleConfig } from '../../functions/domain/index.js';
import { getCycle, listCyclesOfBloc } from '../../functions/store/cycles.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { crossCheck, selfAssess, vote } from './drive.js';
import { OPENS, TIMELINE_2026, cycleConfig } from './fixtures.js';
import { TOTALS } from './long-calendar.js';

/** Next year's calendar: its pledge signed at this year's year-end conference (2026-12-05). */
const TIMELINE_2027 = TimelineSchema.parse({
  year: 2027,
  pledge: { opensOn: '2026-12-05', deadlineOn: '2027-01-15' },
  selfAssessment: { opensOn: '2027-11-01', deadlineOn: '2027-11-20' },
  crossCheck: { opensOn: '2027-11-21', deadlineOn: '2027-11-30' },
  vote: { opensOn: '2027-12-01', deadlineOn: '2027-12-10' },
  approval: { opensOn: '2027-12-11', deadlineOn: '2028-02-28' },
});

describe('next year’s cycle, started at the year-end conference while this year’s awaits approval', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  const ctx = () => ({ actor: 'admin:admin@thidua.test', at: h.now() });

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig();
    const { bloc } = config;
    const sheet = await storeSheet(h.deps.store, bloc.id, 'mac-dinh', defaultCriteriaSheet, h.now());
    await saveBlocSettings(h.deps.store, { ...bloc, leaderUnitId: 'vp-tinh-uy', deputyUnitId: 'ban-to-chuc', rules: config.rules, sheet, approverEmail: config.approverEmail }, 0, { actor: 'admin:test@tinh.gov.vn', at: h.now() });
    const [started] = await startCycles(h.deps, [bloc.id], TimelineSchema.parse(TIMELINE_2026), ctx());
    if (!started || 'error' in started) throw new Error(`the 2026 cycle did not start: ${String(started && 'error' in started ? started.error : '')}`);
    config = await configForCycle(h.deps.store, bloc.id, TimelineSchema.parse(TIMELINE_2026), config.adminEmails);
    await h.advanceTo(OPENS.selfAssessment);
    await selfAssess(h, config, TOTALS);
    await h.advanceTo(OPENS.crossCheck);
    await crossCheck(h, config);
    await h.advanceTo(OPENS.vote);
    // The conference elects Ban Tuyên giáo and Ban Dân vận to lead 2027.
    const certificate = Object.fromEntries(['ban-to-chuc', 'ban-tuyen-giao', 'ban-dan-van', 'ubkt'].map((id) => [id, true]));
    await vote(h, config, () => ({ flag: { 'vp-tinh-uy': true }, certificate, leaderUnitId: 'ban-tuyen-giao', deputyUnitId: 'ban-dan-van' }));
    await h.advanceTo('2026-12-05T02:00:00Z');
  }, 300_000);

  afterAll(() => h?.stop());

  it('starts the 2027 cycle under the leader and deputy just elected', async () => {
    const [started] = await startCycles(h.deps, [config.bloc.id], TIMELINE_2027, ctx());
    expect(started).not.toHaveProperty('error');
    const next = await getCycle<CycleConfig>(h.deps.store, `${config.bloc.id}-2027`);
    expect(next.config.bloc).toMatchObject({ leaderUnitId: 'ban-tuyen-giao', deputyUnitId: 'ban-dan-van' });
  });

  it('keeps this year’s cycle running, awaiting approval, beside next year’s', async () => {
    const cycles = await listCyclesOfBloc(h.deps.store, config.bloc.id);
    expect(cycles.map((c) => [c.year, c.status])).toEqual([
      [2026, 'running'],
      [2027, 'running'],
    ]);
    expect((await getCycle(h.deps.store, `${config.bloc.id}-2026`)).phase).not.toBe('published');
  });

  it('refuses a second 2027 cycle of the same bloc with another calendar, naming the bloc', async () => {
    const other = TimelineSchema.parse({ ...TIMELINE_2027, pledge: { opensOn: '2026-12-06', deadlineOn: '2027-01-15' } });
    const [again] = await startCycles(h.deps, [config.bloc.id], other, ctx());
    expect(again).toMatchObject({ error: expect.objectContaining({ field: 'blocId' }) });
  });
});
