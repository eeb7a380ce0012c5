import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_NAMES, readResult, type Proposal } from '../../functions/cycle/results.js';
import { loadScoredDossier } from '../../functions/cycle/context.js';
import { awardProposalDocx } from '../../functions/documents/award-proposal.js';
import { BlocSchema, TimelineSchema, governmentFlagRule, pinConfig, type CycleConfig } from '../../functions/domain/index.js';
import { listUnitHistory } from '../../functions/store/history.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { docxText } from '../documents/read.js';
import { playThroughVote } from './drive.js';
import { OPENS, SUBJECT, TIMELINE_2026, cycleConfig } from './fixtures.js';
import { TOTALS } from './long-calendar.js';

const shifted = <T>(value: T, year: number): T => JSON.parse(JSON.stringify(value).replaceAll('2026', String(year))) as T;

/**
 * The Party bloc's first four units: three years of the nine-unit bloc took minutes of CI, and what is
 * tested is one unit's flag three years running, not the bloc's size.
 */
function fourUnitConfig(): CycleConfig {
  const base = cycleConfig({ rules: { higherAwards: [governmentFlagRule] } });
  return pinConfig({ ...base, bloc: BlocSchema.parse({ ...base.bloc, units: base.bloc.units.slice(0, 4) }) });
}

/** Every unit approves vp-tinh-uy's flag and the two certificates four units allow, and elects the next two units. */
const ballot = () => ({ flag: { 'vp-tinh-uy': true }, certificate: { 'ban-to-chuc': true, 'ban-tuyen-giao': true }, leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao' });

/** One short yearly cycle of the bloc, in which vp-tinh-uy wins the flag. */
async function playYear(h: CycleHarness, base: CycleConfig, year: number): Promise<string> {
  const config = { ...base, timeline: TimelineSchema.parse(shifted(TIMELINE_2026, year)) };
  const opens = shifted(OPENS, year);
  const { cycleId } = await playThroughVote(h, config, TOTALS, opens, ballot);
  await h.advanceTo(opens.approval);
  await h.act(await h.linkFor(config.approverEmail, SUBJECT.approval), { decision: 'approve', decisionNumber: `${year - 2000}/QĐ-UBND`, decisionDate: `${year}-12-11` });
  return cycleId;
}

describe('three years of one bloc: the flag three years running proposes the Government’s flag', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let cycles: string[];

  beforeAll(async () => {
    h = await CycleHarness.start('2024-10-01T00:00:00Z');
    config = fourUnitConfig();
    cycles = [];
    for (const year of [2024, 2025, 2026]) cycles.push(await playYear(h, config, year));
  }, 400_000);

  afterAll(() => h?.stop());

  it('keeps each year of the unit’s results, with each decision', async () => {
    const years = await listUnitHistory(h.deps.store, config.bloc.id, 'vp-tinh-uy');
    expect(years.map((y) => [y.year, y.place, y.awardDecided, y.decisionNumber])).toEqual([
      [2024, 1, 'flag', '24/QĐ-UBND'],
      [2025, 1, 'flag', '25/QĐ-UBND'],
      [2026, 1, 'flag', '26/QĐ-UBND'],
    ]);
  });

  it('proposes no higher award before the third year', async () => {
    for (const cycleId of cycles.slice(0, 2)) expect((await readResult<Proposal>(h.deps.store, cycleId, RESULT_NAMES.proposal))?.higher).toBeUndefined();
  });

  it('proposes the Government’s flag in the third year, with the years and the legal source', async () => {
    const proposal = await readResult<Proposal>(h.deps.store, cycles[2]!, RESULT_NAMES.proposal);
    expect(proposal?.higher).toEqual([{ unitId: 'vp-tinh-uy', awardId: 'coChinhPhu', name: 'Cờ thi đua của Chính phủ', after: 'flag', years: [2024, 2025, 2026], source: governmentFlagRule.source }]);
    const text = docxText(await awardProposalDocx(await loadScoredDossier(h.deps.store, cycles[2]!)));
    expect(text).toContain('tặng Cờ thi đua của Chính phủ cho Văn phòng Tỉnh ủy: đạt Cờ thi đua của UBND tỉnh 3 năm liên tục (2024, 2025, 2026)');
    expect(text).toContain('Điều 25');
  });

  it('records the higher award as proposed in the unit’s history', async () => {
    const years = await listUnitHistory(h.deps.store, config.bloc.id, 'vp-tinh-uy');
    expect(years.at(-1)?.awardProposed).toBe('coChinhPhu');
  });
});
