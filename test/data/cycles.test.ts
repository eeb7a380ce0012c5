import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decideApprovalRoundOp, getApprovalRound, openApprovalRoundOp } from '../../functions/store/approvals.js';
import { getBloc, getSheetVersion, listBlocs, listUnits, putSheetVersion, saveBloc, saveUnit } from '../../functions/store/blocs.js';
import type { Store } from '../../functions/store/client.js';
import { loadCycle } from '../../functions/store/cycle-view.js';
import { createCycle, getCycle, listCyclesOfBloc, listCyclesOfYear, updateCycleOp } from '../../functions/store/cycles.js';
import { AlreadyExistsError, NotFoundError, StateConflictError, VersionConflictError } from '../../functions/store/errors.js';
import { saveDraft } from '../../functions/store/forms.js';
import { execute } from '../../functions/store/items.js';
import { getResult, saveResult } from '../../functions/store/results.js';
import { createTestStore } from '../support/store.js';

let store: Store;
beforeAll(async () => {
  store = await createTestStore();
});

const now = new Date('2026-01-05T02:00:00Z');

describe('blocs, units and criteria sheets', () => {
  it('stores a bloc with its units and lists every bloc', async () => {
    await saveBloc(store, 'khoi-dang', { data: { name: 'Khối các cơ quan Đảng' }, expectedVersion: 0, now });
    await saveUnit(store, 'khoi-dang', 'vp-tu', { data: { name: 'Văn phòng Tỉnh ủy' }, expectedVersion: 0, now });
    await saveUnit(store, 'khoi-dang', 'ban-tg', { data: { name: 'Ban Tuyên giáo' }, expectedVersion: 0, now });
    expect((await getBloc(store, 'khoi-dang', z.object({ name: z.string() }))).data.name).toBe('Khối các cơ quan Đảng');
    expect((await listUnits(store, 'khoi-dang')).map((u) => u.data)).toEqual([{ name: 'Ban Tuyên giáo' }, { name: 'Văn phòng Tỉnh ủy' }]);
    expect((await listBlocs(store)).map((b) => b.data)).toContainEqual({ name: 'Khối các cơ quan Đảng' });
  });

  it('refuses a bloc edit made from an old version', async () => {
    await saveBloc(store, 'stale', { data: { name: 'v1' }, expectedVersion: 0, now });
    await saveBloc(store, 'stale', { data: { name: 'v2' }, expectedVersion: 1, now });
    await expect(saveBloc(store, 'stale', { data: { name: 'v2b' }, expectedVersion: 1, now })).rejects.toThrow(VersionConflictError);
  });

  it('reports a missing bloc as not found', async () => {
    await expect(getBloc(store, 'nowhere')).rejects.toThrow(NotFoundError);
    await expect(saveBloc(store, 'nowhere', { data: {}, expectedVersion: 3, now })).rejects.toThrow(NotFoundError);
  });

  it('keeps criteria sheet versions immutable', async () => {
    const ref = { blocId: 'khoi-dang', sheetId: 'sheet', sheetVersion: 'a1b2' };
    await putSheetVersion(store, ref, { total: 1000 }, now);
    await expect(putSheetVersion(store, ref, { total: 900 }, now)).rejects.toThrow(AlreadyExistsError);
    expect((await getSheetVersion(store, ref)).data).toEqual({ total: 1000 });
  });
});

describe('cycles', () => {
  it('refuses to start the same cycle twice', async () => {
    await createCycle(store, { cycleId: 'twice-2026', blocId: 'b', year: 2026, phase: 'pledge', config: {}, now });
    await expect(createCycle(store, { cycleId: 'twice-2026', blocId: 'b', year: 2026, phase: 'pledge', config: {}, now })).rejects.toThrow(AlreadyExistsError);
  });

  it('keeps the configuration pinned at start', async () => {
    await createCycle(store, { cycleId: 'pinned-2026', blocId: 'b', year: 2026, phase: 'pledge', config: { sheetVersion: 'a1b2', units: ['u1', 'u2'] }, now });
    expect((await getCycle(store, 'pinned-2026')).config).toEqual({ sheetVersion: 'a1b2', units: ['u1', 'u2'] });
  });

  it('lists the cycles of a year and of a bloc', async () => {
    await createCycle(store, { cycleId: 'x-2025', blocId: 'x', year: 2025, phase: 'pledge', config: {}, now });
    await createCycle(store, { cycleId: 'x-2026', blocId: 'x', year: 2026, phase: 'pledge', config: {}, now });
    await createCycle(store, { cycleId: 'y-2026', blocId: 'y', year: 2026, phase: 'pledge', config: {}, now });
    expect((await listCyclesOfBloc(store, 'x')).map((c) => c.cycleId)).toEqual(['x-2025', 'x-2026']);
    expect((await listCyclesOfYear(store, 2026)).map((c) => c.cycleId)).toEqual(expect.arrayContaining(['x-2026', 'y-2026']));
    expect((await listCyclesOfYear(store, 2026)).map((c) => c.cycleId)).not.toContain('x-2025');
  });

  it('moves a cycle on only from the version that was read', async () => {
    const cycle = await createCycle(store, { cycleId: 'moving-2026', blocId: 'b', year: 2026, phase: 'pledge', config: {}, now });
    await execute(store, updateCycleOp(store, 'moving-2026', cycle.version, { phase: 'midYear' }, now));
    await expect(execute(store, updateCycleOp(store, 'moving-2026', cycle.version, { status: 'cancelled' }, now))).rejects.toThrow(VersionConflictError);
    expect(await getCycle(store, 'moving-2026')).toMatchObject({ phase: 'midYear', status: 'running', version: 2 });
  });

  it('reads a cycle with its forms, results and approval rounds in one query', async () => {
    await createCycle(store, { cycleId: 'whole-2026', blocId: 'b', year: 2026, phase: 'selfAssessment', config: {}, now });
    await saveDraft(store, { cycleId: 'whole-2026', phase: 'selfAssessment', unitId: 'u1' }, { data: { c1: 1 }, expectedVersion: 0, now });
    await saveResult(store, 'whole-2026', 'scoring', { data: { ranking: [] }, expectedVersion: 0, now });
    await execute(store, openApprovalRoundOp(store, 'whole-2026', 1, now));
    const view = await loadCycle(store, 'whole-2026');
    expect(view.cycle.cycleId).toBe('whole-2026');
    expect(view.forms.map((f) => f.unitId)).toEqual(['u1']);
    expect(view.results.map((r) => r.name)).toEqual(['scoring']);
    expect(view.approvals.map((a) => [a.round, a.status])).toEqual([[1, 'pending']]);
    await expect(loadCycle(store, 'none-2026')).rejects.toThrow(NotFoundError);
  });
});

describe('results and approval rounds', () => {
  it('replaces a result only from the version that was read', async () => {
    await saveResult(store, 'res-2026', 'scoring', { data: 1, expectedVersion: 0, now });
    await saveResult(store, 'res-2026', 'scoring', { data: 2, expectedVersion: 1, now });
    await expect(saveResult(store, 'res-2026', 'scoring', { data: 3, expectedVersion: 1, now })).rejects.toThrow(VersionConflictError);
    expect((await getResult(store, 'res-2026', 'scoring'))?.data).toBe(2);
  });

  it('decides an approval round once', async () => {
    await execute(store, openApprovalRoundOp(store, 'appr-2026', 1, now));
    await execute(store, decideApprovalRoundOp(store, 'appr-2026', 1, 1, { status: 'returned', reason: 'Thiếu biên bản', now, decidedBy: 'approver' }));
    const decided = await getApprovalRound(store, 'appr-2026', 1);
    expect(decided).toMatchObject({ status: 'returned', reason: 'Thiếu biên bản', version: 2 });
    const again = decideApprovalRoundOp(store, 'appr-2026', 1, decided!.version, { status: 'approved', now, decidedBy: 'approver' });
    await expect(execute(store, again)).rejects.toThrow(StateConflictError);
  });
});
