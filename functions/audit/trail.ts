/**
 * The audit trail ("nhật ký"): append-only events per chain (a cycle id, or "system" for what happens
 * outside a cycle). Each event carries the hash of the previous one, so editing or deleting an event
 * breaks the chain at that point; a head item records the last sequence number and hash, so removing
 * the newest events is detected too. Appends are safe under concurrency: the event is written with a
 * condition that its number is new and the head moves in the same transaction; a collision retries.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../store/client.js';
import { StoreError } from '../store/errors.js';
import { conditionalUpdateOp, putNewOp, transact } from '../store/items.js';
import { getItem, queryPrefix } from '../store/reads.js';
import type { Item, WriteOp } from '../store/items.js';
import { auditKeys } from '../store/keys.js';
import { canonicalJson } from './canonical-json.js';

export interface AuditInput {
  /** The cycle the event belongs to, or "system". */
  chainId: string;
  /** Who acted, e.g. "unit:vp-tu", "admin:a@tinh.gov.vn", "approver", "workflow". */
  actor: string;
  /** Whom the actor acted for, when not for itself: "approver:…" when the province's board decides for the approver. */
  onBehalfOf?: string;
  /** What happened, e.g. "selfAssessment.submitted", "deadline.extended". */
  action: string;
  /** What it happened to, e.g. "form:selfAssessment:1:vp-tu". */
  target: string;
  at: Date;
  sourceIp?: string;
  userAgent?: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditEvent extends Omit<AuditInput, 'at'> {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

export const genesisHash = '0'.repeat(64);
const { event: eventKey, head: headKey } = auditKeys;

/**
 * Raised inside an append when another append took the next number first; the append retries, from the
 * head as the failed write found it when DynamoDB returned it (no read of its own).
 */
class ChainMovedError extends StoreError {
  constructor(readonly head?: AuditHead) {
    super('the audit chain moved');
    this.name = 'ChainMovedError';
  }
}

/** sha256 over the canonical JSON of the event without its own hash (the previous hash included). */
export function hashEvent(event: Omit<AuditEvent, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex');
}

const maxAttempts = 100;

/** Where a chain ends: its last sequence number and hash (undefined for a chain with no event yet). */
export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * The head of a chain, read as any item is (store/reads.ts `getItem`): asked for in the same turn as the
 * action's other reads, it rides in their BatchGetItem, and {@link appendAuditEvent} need not read it again.
 */
export async function readAuditHead(store: Store, chainId: string): Promise<AuditHead | undefined> {
  const head = await getItem(store, headKey(chainId));
  return head && { seq: head.seq as number, hash: head.hash as string };
}

/**
 * Appends an event; `withOps` (e.g. the form submission the event records) are written in the same
 * transaction, so the action and its record exist together or not at all. `options.head` is the head as
 * the caller read it with its other reads: the first attempt builds on it (the head's version condition
 * still guards the chain), a retry reads the head again.
 */
export async function appendAuditEvent(store: Store, input: AuditInput, withOps: WriteOp[] = [], options: { head?: AuditHead | undefined } = {}): Promise<AuditEvent> {
  return (await appendAuditEvents(store, [input], withOps, options)).at(-1)!;
}

/**
 * Appends several events of one chain in order, with `withOps`, in one transaction (at most 100 items in
 * all, DynamoDB's limit): a step that records many things at once (every unit whose wait ended with a
 * phase) moves the head once, instead of each record contending for it with the others.
 */
export async function appendAuditEvents(store: Store, inputs: readonly AuditInput[], withOps: WriteOp[] = [], options: { head?: AuditHead | undefined } = {}): Promise<AuditEvent[]> {
  const chainId = inputs[0]!.chainId;
  if (inputs.some((input) => input.chainId !== chainId)) throw new StoreError('events appended together must be of one chain');
  let head = 'head' in options ? options.head : await readAuditHead(store, chainId);
  for (let attempt = 1; ; attempt++) {
    const prevSeq = head?.seq ?? 0;
    const events: AuditEvent[] = [];
    for (const input of inputs) {
      const { at, ...rest } = input;
      const before = events.at(-1) ?? head;
      const unhashed = { ...stripUndefined(rest), seq: (before?.seq ?? 0) + 1, at: at.toISOString(), prevHash: before?.hash ?? genesisHash };
      events.push({ ...unhashed, hash: hashEvent(unhashed) });
    }
    const last = events.at(-1)!;
    const moved = () => new ChainMovedError();
    try {
      await transact(store, [
        ...withOps,
        // The head before the events: when both fail (another append took the number), the head's failure
        // is the one reported, and it brings the head as it is now.
        headMoveOp(store, chainId, prevSeq, last),
        ...events.map((event) => putNewOp(store, { ...eventKey(chainId, event.seq), type: 'audit', ...event }, moved)),
      ]);
      return events;
    } catch (error) {
      if (!(error instanceof ChainMovedError) || attempt >= maxAttempts) throw error;
      // The head the failed write found is as fresh as a read would be: build on it at once (a wait would
      // only let it age). Without it, wait a little, then read it.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * attempt)));
      head = error.head ?? (await readAuditHead(store, chainId));
    }
  }
}

/**
 * Moves the head from `prevSeq` to `last`: its version is the sequence number (several events may be
 * appended at once), so the condition that it is still at `prevSeq` guards the chain.
 */
function headMoveOp(store: Store, chainId: string, prevSeq: number, last: AuditEvent): WriteOp {
  const key = headKey(chainId);
  return conditionalUpdateOp(
    store,
    key,
    {
      update: 'SET #type = :type, seq = :seq, #hash = :hash, #version = :seq',
      condition: prevSeq === 0 ? 'attribute_not_exists(pk)' : '#version = :prevSeq',
      names: { '#type': 'type', '#hash': 'hash', '#version': 'version' },
      values: { ':type': 'auditHead', ':seq': last.seq, ':hash': last.hash, ...(prevSeq === 0 ? {} : { ':prevSeq': prevSeq }) },
    },
    (current) => new ChainMovedError(current && { seq: current.seq as number, hash: current.hash as string }),
  );
}

/** The events of a chain, in order. */
export async function listAuditEvents(store: Store, chainId: string): Promise<AuditEvent[]> {
  return (await queryPrefix(store, auditKeys.chain(chainId), auditKeys.events)).map(toEvent);
}

export type AuditVerification =
  | { ok: true; count: number; lastHash: string }
  | {
      ok: false;
      /** The first sequence number at which the chain no longer holds. */
      seq: number;
      reason: 'altered' | 'missing' | 'relinked' | 'truncated';
      count: number;
    };

/**
 * Recomputes the chain and reports the first broken link: an event whose content no longer matches its
 * hash (altered), a missing number (missing), an event that does not point at its predecessor
 * (relinked), or fewer events than the head records (truncated).
 */
export async function verifyAuditChain(store: Store, chainId: string): Promise<AuditVerification> {
  const [events, head] = await Promise.all([listAuditEvents(store, chainId), getItem(store, headKey(chainId))]);
  let prevHash = genesisHash;
  for (const [i, event] of events.entries()) {
    const fail = (reason: 'altered' | 'missing' | 'relinked', seq = event.seq) => ({ ok: false as const, seq, reason, count: events.length });
    if (event.seq !== i + 1) return fail('missing', i + 1);
    const { hash, ...unhashed } = event;
    if (hashEvent(unhashed) !== hash) return fail('altered');
    if (event.prevHash !== prevHash) return fail('relinked');
    prevHash = hash;
  }
  const headSeq = (head?.seq as number | undefined) ?? 0;
  if (headSeq !== events.length || (head !== undefined && head.hash !== prevHash)) {
    return { ok: false, seq: Math.min(headSeq, events.length) + 1, reason: 'truncated', count: events.length };
  }
  return { ok: true, count: events.length, lastHash: prevHash };
}

function toEvent(item: Item): AuditEvent {
  const { pk: _pk, sk: _sk, type: _type, ...event } = item;
  return event as unknown as AuditEvent;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
