import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../functions/store/client.js';
import { listBlocHistory, listUnitHistory, listYearResults, recordYearResults, type UnitYearResult } from '../../functions/store/history.js';
import { createTestStore } from '../support/store.js';

let store: Store;
beforeAll(async () => {
  store = await createTestStore();
});

const now = new Date('2027-03-01T02:00:00Z');
const year = (unitId: string, y: number, place: number, extra: Partial<UnitYearResult> = {}): UnitYearResult => ({
  blocId: 'khoi-lich-su',
  unitId,
  year: y,
  cycleId: `khoi-lich-su-${y}`,
  place,
  total: 99_000 - place * 100,
  classification: 'xuatSac',
  ...extra,
});

describe('each unit’s results year after year', () => {
  it('keeps a unit’s years, oldest first, with the award decided and its decision number', async () => {
    await recordYearResults(store, [year('vp', 2026, 1, { awardProposed: 'flag', awardDecided: 'flag', decisionNumber: '123/QĐ-UBND' }), year('ban', 2026, 2)], now);
    await recordYearResults(store, [year('vp', 2025, 1, { awardProposed: 'flag', awardDecided: 'flag' }), year('ban', 2025, 2)], now);
    const vp = await listUnitHistory(store, 'khoi-lich-su', 'vp');
    expect(vp.map((r) => [r.year, r.place, r.awardDecided])).toEqual([
      [2025, 1, 'flag'],
      [2026, 1, 'flag'],
    ]);
    expect(vp[1]!.decisionNumber).toBe('123/QĐ-UBND');
    expect((await listBlocHistory(store, 'khoi-lich-su')).map((r) => `${r.unitId}:${r.year}`)).toEqual(['ban:2025', 'ban:2026', 'vp:2025', 'vp:2026']);
  });

  it('replaces a year written again instead of keeping two', async () => {
    await recordYearResults(store, [year('vp', 2024, 2)], now);
    await recordYearResults(store, [year('vp', 2024, 1, { awardDecided: 'flag' })], now);
    const y2024 = (await listUnitHistory(store, 'khoi-lich-su', 'vp')).filter((r) => r.year === 2024);
    expect(y2024).toEqual([expect.objectContaining({ place: 1, awardDecided: 'flag' })]);
  });

  it('lists every bloc’s results of a year for the province', async () => {
    await recordYearResults(store, [{ ...year('x', 2023, 1), blocId: 'khoi-khac' }], now);
    await recordYearResults(store, [year('vp', 2023, 3)], now);
    expect((await listYearResults(store, 2023)).map((r) => `${r.blocId}/${r.unitId}`)).toEqual(['khoi-khac/x', 'khoi-lich-su/vp']);
  });
});
