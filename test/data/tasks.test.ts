import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../functions/store/client.js';
import { StateConflictError, VersionConflictError } from '../../functions/store/errors.js';
import { submitForm } from '../../functions/store/forms.js';
import { execute } from '../../functions/store/items.js';
import { closeUnitTaskOp, extendDeadlineOp, getTaskToken, getUnitTask, listOpenTasks, openUnitTask } from '../../functions/store/tasks.js';
import { createTestStore } from '../support/store.js';

let store: Store;
beforeAll(async () => {
  store = await createTestStore();
});

const now = new Date('2026-12-01T02:00:00Z');
// 23:59:59 on 15/12/2026 in Vietnam.
const deadline = '2026-12-15T16:59:59.000Z';
const task = (cycleId: string, unitId: string, phase = 'selfAssessment') => ({ cycleId, phase, unitId });

describe('unit tasks', () => {
  it('holds the task token without ever returning it with the task', async () => {
    const opened = await openUnitTask(store, { ...task('token', 'u1'), taskToken: 'AQCEAAAAKgAAAA-secret', deadline, now });
    expect(JSON.stringify(opened)).not.toContain('secret');
    expect(JSON.stringify(await getUnitTask(store, task('token', 'u1')))).not.toContain('secret');
    expect(await getTaskToken(store, task('token', 'u1'))).toBe('AQCEAAAAKgAAAA-secret');
  });

  it('takes the new token when a retried workflow step opens the task again', async () => {
    await openUnitTask(store, { ...task('retry', 'u1'), taskToken: 'first', deadline, now });
    const again = await openUnitTask(store, { ...task('retry', 'u1'), taskToken: 'second', deadline, now });
    expect(again).toMatchObject({ status: 'open', version: 2 });
    expect(await getTaskToken(store, task('retry', 'u1'))).toBe('second');
  });

  it('lists the open tasks of a cycle by phase and drops closed ones', async () => {
    for (const unitId of ['u1', 'u2', 'u3']) await openUnitTask(store, { ...task('open', unitId), taskToken: unitId, deadline, now });
    await openUnitTask(store, { ...task('open', 'u1', 'crossCheck'), taskToken: 'cc', deadline, now });
    const u2 = await getUnitTask(store, task('open', 'u2'));
    await execute(store, closeUnitTaskOp(store, task('open', 'u2'), u2.version, { status: 'done', now }));
    expect((await listOpenTasks(store, 'open', 'selfAssessment')).map((t) => t.unitId)).toEqual(['u1', 'u3']);
    expect((await listOpenTasks(store, 'open')).map((t) => `${t.phase}:${t.unitId}`)).toEqual(['crossCheck:u1', 'selfAssessment:u1', 'selfAssessment:u3']);
  });

  it('moves an extended deadline, the task still open', async () => {
    const opened = await openUnitTask(store, { ...task('extend', 'u1'), taskToken: 't', deadline, now });
    await execute(store, extendDeadlineOp(store, task('extend', 'u1'), opened.version, '2026-12-22T16:59:59.000Z'));
    expect(await listOpenTasks(store, 'extend')).toMatchObject([{ unitId: 'u1', deadline: '2026-12-22T16:59:59.000Z' }]);
  });

  it('closes a task together with the submission that completes it', async () => {
    const opened = await openUnitTask(store, { ...task('submit', 'u1'), taskToken: 't', deadline, now });
    await submitForm(store, task('submit', 'u1'), { data: { c1: 1 }, expectedVersion: 0, now }, [closeUnitTaskOp(store, task('submit', 'u1'), opened.version, { status: 'done', now })]);
    expect(await getUnitTask(store, task('submit', 'u1'))).toMatchObject({ status: 'done', closedAt: now.toISOString() });
  });

  it('refuses to close a task twice', async () => {
    const opened = await openUnitTask(store, { ...task('twice', 'u1'), taskToken: 't', deadline, now });
    await execute(store, closeUnitTaskOp(store, task('twice', 'u1'), opened.version, { status: 'missed', now }));
    await expect(execute(store, closeUnitTaskOp(store, task('twice', 'u1'), opened.version, { status: 'done', now }))).rejects.toThrow(VersionConflictError);
    await expect(execute(store, closeUnitTaskOp(store, task('twice', 'u1'), opened.version + 1, { status: 'done', now }))).rejects.toThrow(StateConflictError);
  });

  it('reopens a closed task only when asked to', async () => {
    const opened = await openUnitTask(store, { ...task('reopen', 'u1'), taskToken: 't1', deadline, now });
    await execute(store, closeUnitTaskOp(store, task('reopen', 'u1'), opened.version, { status: 'missed', now }));
    await expect(openUnitTask(store, { ...task('reopen', 'u1'), taskToken: 't2', deadline, now })).rejects.toThrow(StateConflictError);
    expect(await openUnitTask(store, { ...task('reopen', 'u1'), taskToken: 't2', deadline, now, reopen: true })).toMatchObject({ status: 'open' });
    expect((await listOpenTasks(store, 'reopen')).map((t) => t.unitId)).toEqual(['u1']);
  });
});
