/**
 * The email outbox: one item per (cycle, kind, recipient, round), written before anything is sent. The
 * item holds the rendered message, so a retry sends exactly what was first rendered, and its status
 * (pending → sending → sent, or failed → … → dead) with attempts and the last error stays visible.
 * Sending claims the item with a lease, so two workers never send the same item at once.
 */
import type { Store } from '../store/client.js';
import { AlreadyExistsError, VersionConflictError } from '../store/errors.js';
import { execute, putNewOp, updateVersionedOp } from '../store/items.js';
import { getItem } from '../store/reads.js';
import type { Item, WriteOp } from '../store/items.js';
import { outboxKeys } from '../store/keys.js';
import { OUTBOX_INDEX_ATTRIBUTES, claimOutboxItem, listOutboxItems, markOutboxItemSent, outboxStatusIndex as statusIndex } from '../store/outbox.js';
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

const keyOf = outboxKeys.item;

/**
 * The write that queues a message: the item, created only if its key is new. Put it in the transaction
 * of the change the email reports (a submission and its receipt), and the email cannot be lost: a crash
 * right after the commit leaves it pending, and the sweep sends it.
 */
export function enqueueOp(store: Store, key: OutboxKey, message: { subject: string; raw: Uint8Array }, now: Date): WriteOp {
  return putNewOp(store, newItem(key, message, now, 'pending', now));
}

/**
 * The write that queues a message already claimed by its writer until `leaseUntil`, as `claim` would leave
 * it: the writer sends it right after its transaction commits without claiming it first (one request
 * fewer); should the writer die first, the lease runs out and the drainer sends it.
 */
export function enqueueClaimedOp(store: Store, key: OutboxKey, message: { subject: string; raw: Uint8Array }, now: Date, leaseUntil: Date): { op: WriteOp; entry: OutboxEntry } {
  const item = newItem(key, message, now, 'sending', leaseUntil);
  return { op: putNewOp(store, item), entry: toEntry(item) };
}

function newItem(key: OutboxKey, message: { subject: string; raw: Uint8Array }, now: Date, status: 'pending' | 'sending', dueAt: Date): Item {
  const k = keyOf(key);
  const due = dueAt.toISOString();
  return {
    ...k,
    type: 'outbox',
    cycleId: key.cycleId,
    kind: key.kind,
    recipient: key.recipient.trim().toLowerCase(),
    round: String(key.round),
    subject: message.subject,
    raw: message.raw,
    status,
    attempts: 0,
    createdAt: now.toISOString(),
    dueAt: due,
    version: 1,
    ...statusIndex(status, due, k),
  };
}

/** Writes the item unless it exists; returns the existing entry when it does. */
export async function enqueue(
  store: Store,
  key: OutboxKey,
  message: { subject: string; raw: Uint8Array },
  now: Date,
): Promise<{ created: true } | { created: false; entry: OutboxEntry }> {
  try {
    await execute(store, enqueueOp(store, key, message, now));
    return { created: true };
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    return { created: false, entry: toEntry((await getItem(store, keyOf(key)))!) };
  }
}

/**
 * Claims a due item for sending until `leaseUntil`; returns the message bytes, or undefined when the
 * item is not due, already claimed by someone else, sent or given up (see `claimOutboxItem`).
 */
export async function claim(store: Store, key: OutboxKey, now: Date, leaseUntil: Date): Promise<{ entry: OutboxEntry; raw: Uint8Array } | undefined> {
  const item = await claimOutboxItem(store, keyOf(key), now.toISOString(), leaseUntil.toISOString());
  return item && { entry: toEntry(item), raw: item.raw as Uint8Array };
}

/**
 * Records a claimed item as sent and drops the message bytes: they hold the recipient's link, which the
 * table otherwise never stores in usable form. SES's Send event may have recorded it first: then the
 * item is sent already and nothing changes.
 */
export async function markSent(store: Store, claimed: OutboxEntry, messageId: string, now: Date): Promise<void> {
  try {
    await execute(store, markSentOp(store, claimed, messageId, now));
  } catch (error) {
    if (!(error instanceof VersionConflictError) || (await getOutboxEntry(store, claimed))?.status !== 'sent') throw error;
  }
}

/** The write of {@link markSent}, for a transaction with other bookkeeping of the same request. */
export function markSentOp(store: Store, claimed: OutboxEntry, messageId: string, now: Date): WriteOp {
  return sentOp(store, keyOf(claimed), claimed, messageId, now);
}

function sentOp(store: Store, k: { pk: string; sk: string }, entry: OutboxEntry, messageId: string, now: Date) {
  const at = now.toISOString();
  return updateVersionedOp(store, k, entry.version, {
    set: { status: 'sent', attempts: entry.attempts + 1, sentAt: at, messageId },
    // Off the status index: nothing lists sent mail, and a province's thousands would only weigh on it.
    remove: ['raw', ...OUTBOX_INDEX_ATTRIBUTES],
  });
}

/**
 * The SES message tag that names an item's key (`thidua-outbox`), so SES's Send event can say which item
 * it accepted; the recipient is the event's destination. SES allows letters, digits, `_` and `-` in tag
 * values, at most 256 characters: base64url of the other three parts fits any key the workflow makes
 * (undefined when one does not, and the item is then sent at least once, as without events).
 */
export const OUTBOX_TAG = 'thidua-outbox';

export function outboxTag(key: OutboxKey): string | undefined {
  const value = Buffer.from(JSON.stringify([key.cycleId, key.kind, String(key.round)]), 'utf8').toString('base64url');
  return value.length <= 256 ? value : undefined;
}

/** The key an `outboxTag` value and the event's recipient name; undefined for a value we did not make. */
export function keyFromTag(tag: string, recipient: string): OutboxKey | undefined {
  try {
    const parts: unknown = JSON.parse(Buffer.from(tag, 'base64url').toString('utf8'));
    if (!Array.isArray(parts) || parts.length !== 3 || !parts.every((part) => typeof part === 'string')) return undefined;
    const [cycleId, kind, round] = parts as [string, EmailKind, string];
    return { cycleId, kind, recipient, round };
  } catch {
    return undefined;
  }
}

/**
 * Records what SES's Send event reports: SES accepted the item's message. This closes the gap a crash
 * leaves between SES accepting a message and {@link markSent}: the item is sent, and the lease that runs
 * out later finds nothing to send again. Whatever the item's status (a failed attempt may have been
 * accepted after all); nothing for an item sent already or unknown.
 */
export async function markSentByEvent(store: Store, key: OutboxKey, messageId: string, now: Date): Promise<'recorded' | 'alreadySent' | 'unknown'> {
  return markOutboxItemSent(store, keyOf(key), messageId, now.toISOString());
}

/** Records a failed attempt: due again at `retryAt`, or given up (dead) when there is none. */
export async function markFailed(
  store: Store,
  claimed: OutboxEntry,
  error: string,
  now: Date,
  retryAt: Date | undefined,
  /** A throttled send is not counted as one of the item's attempts. */
  options: { counted?: boolean } = {},
): Promise<OutboxEntry> {
  const k = keyOf(claimed);
  const status: OutboxStatus = retryAt ? 'failed' : 'dead';
  const dueAt = (retryAt ?? now).toISOString();
  const changes = { status, attempts: claimed.attempts + (options.counted === false ? 0 : 1), lastError: error.slice(0, 1000), dueAt };
  await execute(store, updateVersionedOp(store, k, claimed.version, { set: { ...changes, ...statusIndex(status, dueAt, k) } }));
  return { ...claimed, ...changes, version: claimed.version + 1 };
}

export async function getOutboxEntry(store: Store, key: OutboxKey): Promise<OutboxEntry | undefined> {
  const item = await getItem(store, keyOf(key));
  return item && toEntry(item);
}

/**
 * Makes every claimed item due at `now`, as if each lease had run out. Only for a caller that knows no
 * claim holder is alive: the local stack at start, which holds its data directory's lock, after SES's Send
 * events of the last run were recorded (so what SES accepted is sent already and stays so). Without it,
 * an email whose sender was killed would wait out the lease (5 minutes of the clock) before it goes.
 * Returns how many claims it released.
 */
export async function releaseClaims(store: Store, now: Date): Promise<number> {
  const at = now.toISOString();
  let released = 0;
  for (const entry of await listOutbox(store, 'sending')) {
    if (entry.dueAt <= at) continue; // due already: the next sweep sends it
    const k = keyOf(entry);
    try {
      await execute(store, updateVersionedOp(store, k, entry.version, { set: { dueAt: at, ...statusIndex('sending', at, k) } }));
      released++;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  return released;
}

/** Items of one status (not sent), oldest due first; `dueBy` keeps those due at or before an instant. */
export async function listOutbox(store: Store, status: Exclude<OutboxStatus, 'sent'>, options: { dueBy?: Date; limit?: number } = {}): Promise<OutboxEntry[]> {
  const items = await listOutboxItems(store, status === 'dead' ? 'dead' : 'due', { dueBy: options.dueBy?.toISOString(), limit: options.limit, status });
  return items.map(toEntry);
}

/**
 * The items due by `dueBy` whatever their status (new mail, retries, claims whose lease ran out), oldest
 * first, at most `limit`: the drainer's one listing, a query per shard.
 */
export async function listDueOutbox(store: Store, dueBy: Date, limit: number): Promise<OutboxEntry[]> {
  return (await listOutboxItems(store, 'due', { dueBy: dueBy.toISOString(), limit })).map(toEntry);
}

function toEntry(item: Item): OutboxEntry {
  const { pk: _pk, sk: _sk, type: _type, raw: _raw, gsi3pk: _g, gsi3sk: _s, ...entry } = item;
  return entry as unknown as OutboxEntry;
}
