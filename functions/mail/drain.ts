/**
 * The one drainer of the outbox: it sends every due item at the account's sending rate. Emails are
 * queued by whoever makes them (40 or 400 blocs opening a phase at the same moment enqueue thousands);
 * only this drainer sends them in bulk, one message every 1/rate seconds, so SES's MaxSendRate (14 a second
 * by default, 1 in the sandbox) is never exceeded by our own bursts. A message SES throttles anyway is due
 * again within seconds and sent in the same run. On AWS one function with a reserved concurrency of 1 runs
 * it (so two drainers never share the rate); the claim of each item keeps the per-message guarantee: sent
 * once, whoever else tries.
 */
import { GetSendQuotaCommand } from '@aws-sdk/client-ses';
import { attempt, type Mailer, type SendOutcome } from './mailer.js';
import { listDueOutbox, type OutboxEntry } from './outbox.js';

export interface DrainOptions {
  /** Messages per second. */
  rate: number;
  /** The instant of the run's start (the schedule's time; locally the clock's). */
  startedAt: Date;
  /** Milliseconds of real time the run may take; what is left waits for the next run. */
  budgetMs: number;
  /** Waits real time (injected so that a test can count what it waited). */
  sleep?: (ms: number) => Promise<void>;
  /** Items read per listing. */
  batch?: number;
}

export interface DrainReport {
  sent: number;
  /** Refused by SES for the rate: due again within seconds. */
  throttled: number;
  /** Other failures, retried later with backoff (or given up). */
  failed: number;
  /** Claimed by someone else meanwhile, or sent already. */
  skipped: number;
  /** Whether the budget ran out with items still due. */
  unfinished: boolean;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends the due items, oldest first, at `rate` a second until none is due or the budget is spent. The
 * run's clock is its start plus the real time elapsed, so retries due "in 2 s" come round in the same run.
 * Its reads: one listing of the due mail (a query per shard), again only while a listing came back full;
 * what SES throttles in the run is kept in hand and sent again when due, without listing for it. Each
 * message then costs its claim and its record: two requests.
 */
export async function drainOutbox(mailer: Mailer, options: DrainOptions): Promise<DrainReport> {
  const sleep = options.sleep ?? realSleep;
  const began = performance.now();
  const elapsed = () => performance.now() - began;
  const now = () => new Date(options.startedAt.getTime() + elapsed());
  const interval = 1000 / Math.max(options.rate, 0.01);
  const report: DrainReport = { sent: 0, throttled: 0, failed: 0, skipped: 0, unfinished: false };
  // One SES call per slot, 1/rate seconds apart, taken just before the call (after the item's claim), so
  // the rate holds at SES however long DynamoDB and SES take to answer; a stall is not made up in a burst.
  let nextSlot = 0;
  const pace = async () => {
    const slot = Math.max(nextSlot, elapsed());
    nextSlot = slot + interval;
    const wait = slot - elapsed();
    if (wait > 0) await sleep(wait);
  };
  const maxInFlight = Math.min(Math.ceil(options.rate) + 2, 64);
  const inFlight = new Set<Promise<void>>();
  const batch = options.batch ?? 500;
  /** Throttled in this run, by key: due again within seconds. */
  const throttled = new Map<string, { entry: OutboxEntry; dueAt: number }>();
  // A listing shorter than a batch held everything due: after it, only this run's throttled mail is left.
  let listing = true;
  for (;;) {
    let due: OutboxEntry[];
    if (listing) {
      due = await listDueOutbox(mailer.store, now(), batch);
      listing = due.length === batch;
      for (const entry of due) throttled.delete(keyOf(entry));
    } else {
      due = await retriesDue(throttled, now, sleep, options.budgetMs - elapsed());
      if (due.length === 0) break;
    }
    if (due.length === 0 && throttled.size === 0) break;
    const skippedBefore = report.skipped;
    for (const entry of due) {
      if (elapsed() >= options.budgetMs) {
        report.unfinished = true;
        await Promise.all(inFlight);
        return report;
      }
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      const sending = attempt(mailer, entry, now(), pace).then((outcome) => {
        count(report, outcome);
        if (outcome.status === 'throttled') throttled.set(keyOf(entry), { entry, dueAt: Date.parse(outcome.nextAttemptAt) });
      });
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
    }
    await Promise.all(inFlight);
    // Every item listed was someone else's (the index lags the table a little on AWS): leave them to it.
    if (listing && due.length > 0 && report.skipped - skippedBefore === due.length) break;
  }
  return report;
}

const keyOf = (entry: OutboxEntry) => JSON.stringify([entry.cycleId, entry.kind, entry.recipient, entry.round]);

/**
 * This run's throttled messages once due again (waiting for the first of them if the budget allows), taken
 * out of hand; none when there are none or the wait would outlast the budget (the next run lists them).
 */
async function retriesDue(
  throttled: Map<string, { entry: OutboxEntry; dueAt: number }>,
  now: () => Date,
  sleep: (ms: number) => Promise<void>,
  budgetLeftMs: number,
): Promise<OutboxEntry[]> {
  if (throttled.size === 0) return [];
  const first = Math.min(...[...throttled.values()].map((t) => t.dueAt));
  const wait = Math.max(0, first - now().getTime());
  if (wait >= budgetLeftMs) return [];
  if (wait > 0) await sleep(wait + 1);
  const due = [...throttled].filter(([, t]) => t.dueAt <= now().getTime());
  for (const [key] of due) throttled.delete(key);
  return due.map(([, t]) => t.entry);
}

function count(report: DrainReport, outcome: SendOutcome): void {
  if (outcome.status === 'sent') report.sent++;
  else if (outcome.status === 'throttled') report.throttled++;
  else if (outcome.status === 'failed' || outcome.status === 'dead') report.failed++;
  else report.skipped++;
}

/** MaxSendRate per SES client (one per container): asked once. */
const quotaRates = new WeakMap<object, Promise<number>>();

/**
 * The rate to send at: MAIL_SEND_RATE when set (messages a second), else SES's MaxSendRate for the
 * account (GetSendQuota, read once per container), else 1 (the sandbox's) when SES does not say.
 */
export function sendRate(mailer: Mailer, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const configured = Number(env.MAIL_SEND_RATE);
  if (configured > 0) return Promise.resolve(configured);
  let rate = quotaRates.get(mailer.ses);
  if (!rate) {
    rate = mailer.ses.send(new GetSendQuotaCommand({})).then(
      (quota) => (quota.MaxSendRate && quota.MaxSendRate > 0 ? quota.MaxSendRate : 1),
      () => {
        quotaRates.delete(mailer.ses); // asked again next run
        return 1;
      },
    );
    quotaRates.set(mailer.ses, rate);
  }
  return rate;
}
