/**
 * Admin session items (docs/data-model.md, pattern 25): keyed by the sha256 of the session id, removed
 * by TTL once expired.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.js';
import { putNewOp, type Item, type WriteOp } from './items.js';
import { getItem } from './reads.js';
import { sessionKeys } from './keys.js';

/** Writes a new session (its id must be new); DynamoDB's TTL removes it after `expiresAt`. */
export function putSessionOp(store: Store, sessionId: string, session: { email: string; expiresAt: string }): WriteOp {
  return putNewOp(store, { ...sessionKeys.session(sessionId), type: 'session', ...session, ttl: Math.floor(Date.parse(session.expiresAt) / 1000) });
}

export function getSessionItem(store: Store, sessionId: string): Promise<Item | undefined> {
  return getItem(store, sessionKeys.session(sessionId));
}

export async function deleteSession(store: Store, sessionId: string): Promise<void> {
  await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: sessionKeys.session(sessionId) }));
}
