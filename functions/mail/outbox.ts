/**
 * The email outbox: one item per (cycle, kind, recipient, round), written before anything is sent. The
 * item holds the rendered message, so a retry sends exactly what was first rendered, and its status
 * (pending → sending → sent, or failed → … → dead) with attempts and the last error stays visible.
 * Sending claims the item with a lease, so two workers never send the same item at once.
 */
import type { Store } from '../store/client.js';
import { AlreadyExistsError, VersionConflictError } from '../store/errors.js';
import { execute, getItem, putNewOp, queryAll, updateVersionedOp } from '../store/items.js';
import type { Item } from '../store/items.js';
import { segment } from '../store/keys.js';
import type { EmailKind } from './kinds.js';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

/** What makes an email unique: it is sent once per key, however often a task is retried. */
export interface OutboxKey {
  /** The cycle, or "system" for emails outside a cycle (admin sign-in). */
  cycleId: string;
  kind: EmailKind;
  recipient: string;
  /** The round of the phase, or what else tells two emails of a kind apart (e.g. "selfAssessment-3d"). */
  round: string | number;
}

export interface OutboxEntry {
  cycleId: string;
  kind: EmailKind;
  recipient: string;
  round: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastError?: string;
  createdAt: string;
  /** When the item may next be sent (for sending: when its lease ends). */
  dueAt: string;
  sentAt?: string;
  messageId?: string;
  version: number;
}

const keyOf = (key: OutboxKey) => ({
  pk: `OUTBOX#${segment(key.cycleId)}`,
  sk: `${segment(key.kind)}#${segment(key.recipient.trim().toLowerCase())}#${segment(key.round)}`,
});

/** gsi1: the outbox by status, oldest due first. */
const statusIndex = (status: OutboxStatus, at: string, key: { pk: string; sk: string }) => ({
  gsi1pk: `OUTBOX#${status}`,
  gsi1sk: `${at}#${key.pk}#${key.sk}`,
});

/** Writes the item unless it exists; returns the existing entry when it does. */
export async function enqueue(
  store: Store,
  key: OutboxKey,
  message: { subject: string; raw: Uint8Array },
  now: Date,
): Promise<{ created: true } | { created: false; entry: OutboxEntry }> {
  const k = keyOf(key);
  const at = now.toISOString();
  try {
    await execute(
      store,
      putNewOp(store, {
        ...k,
        type: 'outbox',
        cycleId: key.cycleId,
        kind: key.kind,
        recipient: key.recipient.trim().toLowerCase(),
        round: String(key.round),
        subject: message.subject,
        raw: message.raw,
        status: 'pending',
        attempts: 0,
        createdAt: at,
        dueAt: at,
        version: 1,
        ...statusIndex('pending', at, k),
      }),
    );
    return { created: true };
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    return { created: false, entry: toEntry((await getItem(store, k))!) };
  }
}

/**
 * Claims a due item for sending until `leaseUntil`; returns the message bytes, or undefined when the
 * item is not due, already claimed by someone else, sent or given up.
 */
export async function claim(store: Store, key: OutboxKey, now: Date, leaseUntil: Date): Promise<{ entry: OutboxEntry; raw: Uint8Array } | undefined> {
  const k = keyOf(key);
  const item = await getItem(store, k);
  if (!item) return undefined;
  const entry = toEntry(item);
  if (!['pending', 'sending', 'failed'].includes(entry.status) || entry.dueAt > now.toISOString()) return undefined;
  const until = leaseUntil.toISOString();
  try {
    await execute(
      store,
      updateVersionedOp(store, k, entry.version, {
        set: { status: 'sending', dueAt: until, ...statusIndex('sending', until, k) },
        guard: { expression: 'dueAt <= :now', values: { ':now': now.toISOString() } },
      }),
    );
  } catch (error) {
    if (error instanceof VersionConflictError) return undefined;
    throw error;
  }
  return { entry: { ...entry, status: 'sending', dueAt: until, version: entry.version + 1 }, raw: item.raw as Uint8Array };
}

/**
 * Records a claimed item as sent and drops the message bytes: they hold the recipient's link, which the
 * table otherwise never stores in usable form.
 */
export async function markSent(store: Store, claimed: OutboxEntry, messageId: string, now: Date): Promise<void> {
  const k = keyOf(claimed);
  const at = now.toISOString();
  await execute(
    store,
    updateVersionedOp(store, k, claimed.version, {
      set: { status: 'sent', attempts: claimed.attempts + 1, sentAt: at, messageId, ...statusIndex('sent', at, k) },
      remove: ['raw'],
    }),
  );
}

/** Records a failed attempt: due again at `retryAt`, or given up (dead) when there is none. */
export async function markFailed(store: Store, claimed: OutboxEntry, error: string, now: Date, retryAt: Date | undefined): Promise<OutboxEntry> {
  const k = keyOf(claimed);
  const status: OutboxStatus = retryAt ? 'failed' : 'dead';
  const dueAt = (retryAt ?? now).toISOString();
  const changes = { status, attempts: claimed.attempts + 1, lastError: error.slice(0, 1000), dueAt };
  await execute(store, updateVersionedOp(store, k, claimed.version, { set: { ...changes, ...statusIndex(status, dueAt, k) } }));
  return { ...claimed, ...changes, version: claimed.version + 1 };
}

export async function getOutboxEntry(store: Store, key: OutboxKey): Promise<OutboxEntry | undefined> {
  const item = await getItem(store, keyOf(key));
  return item && toEntry(item);
}

/** Items of one status, oldest due first; `dueBy` keeps those due at or before an instant. */
export async function listOutbox(store: Store, status: OutboxStatus, options: { dueBy?: Date; limit?: number } = {}): Promise<OutboxEntry[]> {
  const dueBy = options.dueBy?.toISOString();
  const items = await queryAll(store, {
    IndexName: 'gsi1',
    // Sort keys are "<dueAt>#<key>"; '~' sorts after '#', so "<= dueBy~" keeps every item due by then.
    KeyConditionExpression: dueBy ? 'gsi1pk = :pk AND gsi1sk <= :dueBy' : 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': `OUTBOX#${status}`, ...(dueBy ? { ':dueBy': `${dueBy}~` } : {}) },
  });
  return items.slice(0, options.limit).map(toEntry);
}

function toEntry(item: Item): OutboxEntry {
  const { pk: _pk, sk: _sk, type: _type, raw: _raw, gsi1pk: _g, gsi1sk: _s, ...entry } = item;
  return entry as unknown as OutboxEntry;
}
