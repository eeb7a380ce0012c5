import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleProgressAndDossier, cycleSummary, cyclesOfYear } from '../../functions/admin/progress.js';
import { provinceYear } from '../../functions/admin/province.js';
import { submissionFor } from '../domain/fixtures.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { OPENS, SUBJECT, cycleConfig } from '../cycle/fixtures.js';

describe('who has acted in a unit phase still open', () => {
  let h: CycleHarness;
  let cycleId: string;
  // The default rules: a unit phase waits for its deadline, not for the last unit.
  const config = cycleConfig({ units: 4, rules: { closeEarly: false } });
  const [first, second] = config.bloc.units;

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    ({ cycleId } = await h.startCycle(config));
    await h.advanceTo(OPENS.selfAssessment);
    // Two units send their self-assessment; the phase waits for its deadline (they may still correct it).
    for (const unit of [first!, second!]) await h.act(await h.linkFor(unit.email, SUBJECT.selfAssessment), { scores: submissionFor(900) });
  }, 120_000);

  afterAll(() => h?.stop());

  it('counts on the province page the units that submitted, before the deadline closes their waits', async () => {
    const province = await provinceYear(h.deps, 2026, h.now());
    const bloc = province.blocs.find((b) => b.blocId === config.bloc.id)!;
    expect(bloc.acted).toBe(2);
    expect(bloc.notActed.map((u) => u.unitId).sort()).toEqual(config.bloc.units.slice(2).map((u) => u.id).sort());
  });

  it('counts them on the dashboard, which reads no forms, as the cycle\'s page does from the whole cycle', async () => {
    const acted = (phases: Awaited<ReturnType<typeof cycleSummary>>['progress']['phases']) => phases.at(-1)!.actors.filter((a) => a.state === 'acted').map((a) => a.unitId);
    const [cycle] = (await cyclesOfYear(h.deps, 2026)).filter((c) => c.cycleId === cycleId);
    const { progress } = await cycleSummary(h.deps, cycle!);
    expect(acted(progress.phases)).toEqual([first!.id, second!.id]);
    expect(acted((await cycleProgressAndDossier(h.deps, cycleId)).progress.phases)).toEqual([first!.id, second!.id]);
  });
});
