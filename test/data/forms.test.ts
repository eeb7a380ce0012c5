import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Store } from '../../functions/store/client.js';
import { VersionConflictError } from '../../functions/store/errors.js';
import { getForm, listForms, listSubmissions, saveDraft, submitForm } from '../../functions/store/forms.js';
import { createTestStore } from '../support/store.js';

const now = new Date('2026-12-01T03:00:00Z');
const ref = { cycleId: 'bloc-a-2026', phase: 'selfAssessment', unitId: 'u1' };
let store: Store;

beforeAll(async () => {
  store = await createTestStore();
});

describe('forms', () => {
  it('keeps one of two concurrent updates of the same form and refuses the other with a conflict', async () => {
    const form = { ...ref, unitId: 'tabs' };
    await saveDraft(store, form, { data: { c1: 10 }, expectedVersion: 0, now });
    const outcomes = await Promise.allSettled([
      saveDraft(store, form, { data: { c1: 20 }, expectedVersion: 1, now }),
      saveDraft(store, form, { data: { c1: 30 }, expectedVersion: 1, now }),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    const stored = await getForm(store, form);
    expect(stored?.version).toBe(2);
    expect([{ c1: 20 }, { c1: 30 }]).toContainEqual(stored?.data);
  });

  it('loses nothing: the refused writer reloads and saves on top of the winner', async () => {
    const form = { ...ref, unitId: 'reload' };
    await saveDraft(store, form, { data: { c1: 1 }, expectedVersion: 0, now });
    await saveDraft(store, form, { data: { c1: 1, c2: 2 }, expectedVersion: 1, now });
    await expect(saveDraft(store, form, { data: { c1: 1, c3: 3 }, expectedVersion: 1, now })).rejects.toThrow(VersionConflictError);
    const latest = await getForm<Record<string, number>>(store, form);
    await saveDraft(store, form, { data: { ...latest!.data, c3: 3 }, expectedVersion: latest!.version, now });
    expect((await getForm(store, form))?.data).toEqual({ c1: 1, c2: 2, c3: 3 });
  });

  it('refuses to create a form twice from version 0', async () => {
    const form = { ...ref, unitId: 'twice' };
    await saveDraft(store, form, { data: {}, expectedVersion: 0, now });
    await expect(saveDraft(store, form, { data: {}, expectedVersion: 0, now })).rejects.toThrow(/already exists/);
  });

  it('counts the last submission and keeps every earlier one', async () => {
    const form = { ...ref, unitId: 'resubmit' };
    let version = await saveDraft(store, form, { data: { c1: 5 }, expectedVersion: 0, now });
    version = await submitForm(store, form, { data: { c1: 6 }, expectedVersion: version, now, actor: 'resubmit' });
    version = await saveDraft(store, form, { data: { c1: 7 }, expectedVersion: version, now });
    await submitForm(store, form, { data: { c1: 8 }, expectedVersion: version, now, actor: 'resubmit' });
    const stored = await getForm(store, form);
    expect(stored).toMatchObject({ status: 'submitted', submitted: { c1: 8 }, submissions: 2, version: 4 });
    expect((await listSubmissions(store, form)).map((s) => [s.number, s.data])).toEqual([
      [1, { c1: 6 }],
      [2, { c1: 8 }],
    ]);
  });

  it('keeps a draft edit after submission apart from the submission that counts', async () => {
    const form = { ...ref, unitId: 'edit-after' };
    const version = await submitForm(store, form, { data: { c1: 9 }, expectedVersion: 0, now });
    await saveDraft(store, form, { data: { c1: 1 }, expectedVersion: version, now });
    expect(await getForm(store, form)).toMatchObject({ status: 'draft', data: { c1: 1 }, submitted: { c1: 9 } });
  });

  it('lists the forms of one phase and round of a cycle', async () => {
    const cycleId = 'listing';
    await saveDraft(store, { cycleId, phase: 'vote', round: 1, unitId: 'u1' }, { data: 'r1', expectedVersion: 0, now });
    await saveDraft(store, { cycleId, phase: 'vote', round: 2, unitId: 'u1' }, { data: 'r2', expectedVersion: 0, now });
    await saveDraft(store, { cycleId, phase: 'crossCheck', unitId: 'u1' }, { data: 'cc', expectedVersion: 0, now });
    expect((await listForms(store, cycleId, 'vote', 2)).map((f) => f.data)).toEqual(['r2']);
    expect((await listForms(store, cycleId, 'vote')).map((f) => f.data)).toEqual(['r1', 'r2']);
  });

  it('validates stored payloads with the caller schema', async () => {
    const form = { ...ref, unitId: 'parsed' };
    await saveDraft(store, form, { data: { score: 'not a number' }, expectedVersion: 0, now });
    await expect(getForm(store, form, z.object({ score: z.number() }))).rejects.toThrow(/score/);
  });
});
