/**
 * Sending email through SES (`@aws-sdk/client-ses`, SendRawEmail), at most once per outbox key. The
 * outbox item is written before sending; a retried task finds it and sends nothing more once it is sent.
 * A failed send is recorded (status, attempts, last error) and retried with exponential backoff by the
 * outbox's drainer (drain.ts), which also sends all mail queued in bulk at the account's rate; after the last attempt the item stays "dead"
 * and visible for an admin. Each message carries its outbox key as an SES tag: SES's Send event
 * (EventBridge → the `mail-events` function, `markSentByEvent` of outbox.ts) records it as sent too, so a crash
 * after SES accepted a message but before the outbox recorded it does not send it again when the lease
 * ends. Only if that event is lost as well (EventBridge delivers on a best-effort basis) is the message
 * sent a second time: at least once, never silently lost.
 */
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { localCredentials } from '../store/client.js';
import type { Store } from '../store/client.js';
import type { Bookkeeping, WriteOp } from '../store/items.js';
import { OUTBOX_TAG, claim, markFailed, markSent, markSentOp, outboxTag } from './outbox.js';
import type { OutboxEntry, OutboxKey } from './outbox.js';
import { areaLogger } from '../shared/logger.js';

/** The log line every failed send writes; a CloudWatch metric filter turns it into the outbox alarm. */
export const OUTBOX_FAILURE_LOG_MESSAGE = 'outbox send failed';
const mailLogger = areaLogger('mail');

export interface RetryPolicy {
  /** Attempts before an item is given up ("dead"). */
  maxAttempts: number;
  /** Delay before the next attempt after `attempts` failures. */
  backoffMs(attempts: number): number;
  /** How long a claimed item is reserved for the worker sending it. */
  leaseMs: number;
  /** Delay before a message SES refused for the sending rate is due again (not counted as an attempt). */
  throttledRetryMs: number;
}

/** 1, 2, 4, … minutes, at most an hour apart: eight attempts span about two hours. */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  backoffMs: (attempts) => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000),
  leaseMs: 5 * 60_000,
  throttledRetryMs: 2_000,
};

export interface Mailer {
  store: Store;
  ses: SESClient;
  /** The sender, e.g. "Thi đua <no-reply@thidua.example.gov.vn>" (a verified SES identity). */
  from: string;
  policy: RetryPolicy;
}

/** The SES client; SES_ENDPOINT points it at the local emulator, on AWS none is set. */
export function createSesClient(options: { endpoint?: string; region?: string; maxAttempts?: number } = {}, env: NodeJS.ProcessEnv = process.env): SESClient {
  const endpoint = options.endpoint ?? env.SES_ENDPOINT;
  return new SESClient({
    region: options.region ?? env.AWS_REGION ?? 'ap-southeast-1',
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(endpoint ? { endpoint, credentials: localCredentials(env) } : {}),
  });
}

/** A mailer from explicit parts, the sender defaulting to MAIL_FROM. */
export function createMailer(
  parts: { store: Store; ses?: SESClient; from?: string; policy?: Partial<RetryPolicy> },
  env: NodeJS.ProcessEnv = process.env,
): Mailer {
  return {
    store: parts.store,
    ses: parts.ses ?? createSesClient({}, env),
    from: parts.from ?? env.MAIL_FROM ?? 'Thi đua <no-reply@thidua.local>',
    policy: { ...defaultRetryPolicy, ...parts.policy },
  };
}

export type SendOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'alreadySent'; messageId?: string }
  /** Another worker holds the item, or it waits for its next attempt. */
  | { status: 'inProgress' }
  /** Written to the outbox; the drainer (drain.ts) sends it at the account's rate. */
  | { status: 'queued' }
  /** SES refused it for the sending rate: due again within seconds. */
  | { status: 'throttled'; nextAttemptAt: string }
  | { status: 'failed'; attempts: number; nextAttemptAt: string; error: string }
  | { status: 'dead'; attempts: number; error: string };


/** A message queued by {@link queueEmailOp}: its key, the write, and the claimed entry its writer sends. */
export interface QueuedEmail {
  key: OutboxKey;
  op: WriteOp;
  entry: OutboxEntry;
  raw: Uint8Array;
}

/** Sends a message queued by {@link queueEmailOp} after its transaction committed, and records the outcome. */
export async function sendQueued(mailer: Mailer, queued: QueuedEmail, now: Date): Promise<SendOutcome> {
  const { outcome, sent } = await sendQueuedUnrecorded(mailer, queued, now);
  await sent?.alone();
  return outcome;
}

/**
 * Sends a message queued by {@link queueEmailOp}; when SES accepted it, hands back the write that records
 * it sent, for the caller to put with its other bookkeeping (`writeTogether` of store/items.ts). A failure
 * is recorded here, as by every attempt.
 */
export async function sendQueuedUnrecorded(mailer: Mailer, queued: QueuedEmail, now: Date): Promise<{ outcome: SendOutcome; sent?: Bookkeeping }> {
  const outcome = await sendClaimed(mailer, { entry: queued.entry, raw: queued.raw }, now);
  if (outcome.status !== 'sent') return { outcome };
  const record = (): Bookkeeping => ({
    op: markSentOp(mailer.store, queued.entry, outcome.messageId, now),
    alone: () => markSent(mailer.store, queued.entry, outcome.messageId, now),
  });
  return { outcome, sent: record() };
}

/** One claimed send attempt, recorded whatever happens. The drainer (drain.ts) calls it for each due item. */
export async function attempt(mailer: Mailer, key: OutboxKey, now: Date, beforeSend?: () => Promise<void>): Promise<SendOutcome> {
  const claimed = await claim(mailer.store, key, now, new Date(now.getTime() + mailer.policy.leaseMs));
  if (!claimed) return { status: 'inProgress' };
  await beforeSend?.(); // the drainer's pace
  const outcome = await sendClaimed(mailer, claimed, now);
  if (outcome.status === 'sent') await markSent(mailer.store, claimed.entry, outcome.messageId, now);
  return outcome;
}

/** Sends a claimed item through SES; records a failure (not a success: the caller does, see {@link attempt}). */
async function sendClaimed(mailer: Mailer, claimed: { entry: OutboxEntry; raw: Uint8Array }, now: Date): Promise<SendOutcome> {
  try {
    // The sender comes from the message's From header (RFC 2047-encoded when it has diacritics).
    const tag = outboxTag(claimed.entry);
    const response = await mailer.ses.send(
      new SendRawEmailCommand({ Destinations: [claimed.entry.recipient], RawMessage: { Data: claimed.raw }, ...(tag ? { Tags: [{ Name: OUTBOX_TAG, Value: tag }] } : {}) }),
    );
    return { status: 'sent', messageId: response.MessageId ?? '' };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (isRateThrottling(error)) {
      // Not the message's fault: due again in seconds, the attempt not counted towards giving up.
      const retryAt = new Date(now.getTime() + mailer.policy.throttledRetryMs);
      await markFailed(mailer.store, claimed.entry, message, now, retryAt, { counted: false });
      return { status: 'throttled', nextAttemptAt: retryAt.toISOString() };
    }
    const attempts = claimed.entry.attempts + 1;
    const retryAt = attempts < mailer.policy.maxAttempts ? new Date(now.getTime() + mailer.policy.backoffMs(attempts)) : undefined;
    await markFailed(mailer.store, claimed.entry, message, now, retryAt);
    // The OutboxSendFailures alarm counts these lines (infra/thidua-function.ts): keep the message as it is.
    mailLogger.warn(OUTBOX_FAILURE_LOG_MESSAGE, { status: retryAt ? 'failed' : 'dead', attempts, error: message, kind: claimed.entry.kind, cycleId: claimed.entry.cycleId });
    return retryAt ? { status: 'failed', attempts, nextAttemptAt: retryAt.toISOString(), error: message } : { status: 'dead', attempts, error: message };
  }
}

/**
 * SES's answer to more messages a second than MaxSendRate: Throttling "Maximum sending rate exceeded."
 * (the daily quota's "Daily message quota exceeded." is a Throttling too, but waits with the backoff).
 */
function isRateThrottling(error: unknown): boolean {
  return error instanceof Error && /Throttl/i.test(error.name) && /rate/i.test(error.message);
}
