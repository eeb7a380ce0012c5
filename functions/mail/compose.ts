/**
 * Composing an email into the outbox: rendered (render.ts: nunjucks, the phrase books) and built as MIME
 * once, then kept by the outbox and sent by mailer.ts. Apart from mailer.ts so that the functions that
 * only send what is queued (the drainer, the Send events, the migrations) bundle no templates.
 */
import * as z from 'zod';
import type { WriteOp } from '../store/items.js';
import { MessageTooLargeError } from './errors.js';
import type { EmailData, EmailKind, Language } from './kinds.js';
import { attempt, type Mailer, type QueuedEmail, type SendOutcome } from './mailer.js';
import { buildMimeMessage } from './mime.js';
import type { Attachment } from './mime.js';
import { enqueue, enqueueClaimedOp, enqueueOp } from './outbox.js';
import type { OutboxKey } from './outbox.js';
import { renderEmail } from './render.js';

export interface SendRequest<K extends EmailKind> extends Omit<OutboxKey, 'kind'> {
  kind: K;
  data: EmailData<K>;
  language?: Language;
  attachments?: Attachment[];
  now: Date;
}

/** DynamoDB items hold at most 400 KB; larger messages belong in S3 (not needed so far). */
const maxRawBytes = 350_000;
const Recipient = z.email();

/** A rendered message ready for the outbox: its key, its subject and the raw MIME bytes. */
export interface ComposedEmail {
  key: OutboxKey;
  subject: string;
  raw: Uint8Array;
}

/** Renders a request into the message that the outbox keeps and every attempt sends. */
export function composeEmail<K extends EmailKind>(mailer: Mailer, request: SendRequest<K>): ComposedEmail {
  const recipient = Recipient.parse(request.recipient.trim());
  const rendered = renderEmail(request.kind, request.data, request.language);
  const raw = buildMimeMessage({ from: mailer.from, to: recipient, ...rendered, attachments: request.attachments, date: request.now });
  if (raw.byteLength > maxRawBytes) throw new MessageTooLargeError(raw.byteLength);
  return { key: { cycleId: request.cycleId, kind: request.kind, recipient, round: request.round }, subject: rendered.subject, raw };
}

/**
 * Sends an email once per (cycle, kind, recipient, round): composes it, writes the outbox item, then
 * sends. Calling it again for the same key (a retried task) sends nothing if it was sent or is being
 * sent. SES failures do not throw: they are recorded and come back as `failed` (or `dead`).
 */
export async function sendEmailOnce<K extends EmailKind>(mailer: Mailer, request: SendRequest<K>): Promise<SendOutcome> {
  const { key, subject, raw } = composeEmail(mailer, request);
  const queued = await enqueue(mailer.store, key, { subject, raw }, request.now);
  if (!queued.created && queued.entry.status === 'sent') return { status: 'alreadySent', messageId: queued.entry.messageId };
  if (!queued.created && queued.entry.status === 'dead') return { status: 'dead', attempts: queued.entry.attempts, error: queued.entry.lastError ?? '' };
  return attempt(mailer, key, request.now);
}

/**
 * Queues an email once per (cycle, kind, recipient, round) without sending it: the drainer (drain.ts)
 * sends it at the account's rate. For mail made in bulk (a phase opening for every unit, reminders,
 * results), which must never compete for SES's rate by sending inline.
 */
export async function queueEmailOnce<K extends EmailKind>(mailer: Mailer, request: SendRequest<K>): Promise<SendOutcome> {
  const { key, subject, raw } = composeEmail(mailer, request);
  const queued = await enqueue(mailer.store, key, { subject, raw }, request.now);
  if (queued.created) return { status: 'queued' };
  if (queued.entry.status === 'sent') return { status: 'alreadySent', messageId: queued.entry.messageId };
  if (queued.entry.status === 'dead') return { status: 'dead', attempts: queued.entry.attempts, error: queued.entry.lastError ?? '' };
  return { status: 'queued' };
}

/**
 * {@link queueEmailOnce} as a write of the caller's transaction (e.g. with the link the email carries):
 * created only if its key is new (AlreadyExistsError otherwise), pending for the drainer.
 */
export function queueEmailPendingOp<K extends EmailKind>(mailer: Mailer, request: SendRequest<K>): WriteOp {
  const { key, subject, raw } = composeEmail(mailer, request);
  return enqueueOp(mailer.store, key, { subject, raw }, request.now);
}

/**
 * A message composed and queued as one write of the caller's transaction, claimed by the caller for the
 * lease (see `enqueueClaimedOp`): {@link sendQueued} sends it once the transaction committed, without a
 * claim of its own; if the sender dies first, the drainer sends it when the lease runs out.
 */
export function queueEmailOp<K extends EmailKind>(mailer: Mailer, request: SendRequest<K>): QueuedEmail {
  const { key, subject, raw } = composeEmail(mailer, request);
  const { op, entry } = enqueueClaimedOp(mailer.store, key, { subject, raw }, request.now, new Date(request.now.getTime() + mailer.policy.leaseMs));
  return { key, op, entry, raw };
}

