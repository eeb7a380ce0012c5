import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent, appendAuditEvents, hashEvent, listAuditEvents, verifyAuditChain } from '../../functions/audit/trail.js';
import type { AuditInput } from '../../functions/audit/trail.js';
import type { Store } from '../../functions/store/client.js';
import { VersionConflictError } from '../../functions/store/errors.js';
import { saveDraft, saveDraftOp } from '../../functions/store/forms.js';
import { createTestStore } from '../support/store.js';

let store: Store;
beforeAll(async () => {
  store = await createTestStore();
});

const at = new Date('2026-12-05T02:00:00Z');
const event = (chainId: string, n: number): AuditInput => ({
  chainId,
  actor: 'unit:u1',
  action: 'selfAssessment.saved',
  target: 'form:selfAssessment:1:u1',
  at,
  sourceIp: '203.0.113.7',
  userAgent: 'Mozilla/5.0',
  before: { c1: n - 1 },
  after: { c1: n, note: 'Đã hoàn thành' },
});

async function chainOf(chainId: string, length: number) {
  for (let n = 1; n <= length; n++) await appendAuditEvent(store, event(chainId, n));
}

async function tamper(chainId: string, seq: number, change: 'edit' | 'delete') {
  const Key = { pk: `AUDIT#${chainId}`, sk: `EVENT#${String(seq).padStart(10, '0')}` };
  if (change === 'delete') await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key }));
  else
    await store.doc.send(
      new UpdateCommand({ TableName: store.tableName, Key, UpdateExpression: 'SET #after.c1 = :v', ExpressionAttributeNames: { '#after': 'after' }, ExpressionAttributeValues: { ':v': 999 } }),
    );
}

describe('audit trail', () => {
  it('links each event to the hash of the one before', async () => {
    await chainOf('linked', 3);
    const events = await listAuditEvents(store, 'linked');
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.prevHash).toBe(events[1]!.hash);
    expect(events[2]).toMatchObject({ actor: 'unit:u1', sourceIp: '203.0.113.7', after: { note: 'Đã hoàn thành' } });
    expect(await verifyAuditChain(store, 'linked')).toEqual({ ok: true, count: 3, lastHash: events[2]!.hash });
  });

  it('numbers concurrent appends without gaps or forks', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendAuditEvent(store, event('concurrent', i + 1))));
    const events = await listAuditEvents(store, 'concurrent');
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await verifyAuditChain(store, 'concurrent')).toMatchObject({ ok: true, count: 20 });
  });

  it('appends events recorded together in their order, alongside single appends racing them', async () => {
    const together = [1, 2, 3].map((n) => ({ ...event('together', n), action: `together.${n}` }));
    await Promise.all([appendAuditEvents(store, together), ...[4, 5, 6].map((n) => appendAuditEvent(store, event('together', n)))]);
    const events = await listAuditEvents(store, 'together');
    const actions = events.map((e) => e.action);
    const first = actions.indexOf('together.1');
    expect(actions.slice(first, first + 3)).toEqual(['together.1', 'together.2', 'together.3']);
    expect(await verifyAuditChain(store, 'together')).toMatchObject({ ok: true, count: 6 });
  });

  it('detects an edited event', async () => {
    await chainOf('edited', 4);
    await tamper('edited', 2, 'edit');
    expect(await verifyAuditChain(store, 'edited')).toMatchObject({ ok: false, seq: 2, reason: 'altered' });
  });

  it('detects a deleted event', async () => {
    await chainOf('deleted', 4);
    await tamper('deleted', 3, 'delete');
    expect(await verifyAuditChain(store, 'deleted')).toMatchObject({ ok: false, seq: 3, reason: 'missing' });
  });

  it('detects the deletion of the newest event', async () => {
    await chainOf('truncated', 3);
    await tamper('truncated', 3, 'delete');
    expect(await verifyAuditChain(store, 'truncated')).toMatchObject({ ok: false, seq: 3, reason: 'truncated' });
  });

  it('detects an edited event whose own hash was recomputed', async () => {
    await chainOf('rehashed', 3);
    const [, second] = await listAuditEvents(store, 'rehashed');
    const { hash: _hash, ...unhashed } = { ...second!, after: { c1: 999 } };
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: { pk: 'AUDIT#rehashed', sk: 'EVENT#0000000002' },
        UpdateExpression: 'SET #after = :after, #hash = :hash',
        ExpressionAttributeNames: { '#after': 'after', '#hash': 'hash' },
        ExpressionAttributeValues: { ':after': { c1: 999 }, ':hash': hashEvent(unhashed) },
      }),
    );
    expect(await verifyAuditChain(store, 'rehashed')).toMatchObject({ ok: false, seq: 3, reason: 'relinked' });
  });

  it('records nothing when the action it goes with is refused', async () => {
    const form = { cycleId: 'atomic', phase: 'selfAssessment', unitId: 'u1' };
    await saveDraft(store, form, { data: { c1: 1 }, expectedVersion: 0, now: at });
    const stale = saveDraftOp(store, form, { data: { c1: 2 }, expectedVersion: 5, now: at });
    await expect(appendAuditEvent(store, event('atomic', 1), [stale])).rejects.toThrow(VersionConflictError);
    expect(await listAuditEvents(store, 'atomic')).toEqual([]);
  });
});
