/**
 * The outbox's drainer, locally: the catalog's `drain-outbox` run through the same invoker as on AWS,
 * one run at a time (its reserved concurrency of 1). On AWS a schedule starts it every minute; here it
 * also starts right after every function that may have queued mail (the local stand-in for a trigger),
 * so that an email goes out seconds after its phase opened, at the rate the drainer reads from SES.
 */
import { randomUUID } from 'node:crypto';
import type { OffsetClock } from './clock.js';
import type { LocalFunctions } from './stepfunctions/lambda.js';
import { scheduledEvent } from './sweeper.js';

const FUNCTION_NAME = 'drain-outbox';
/** Real-time cadence between kicks (on AWS: every minute): retries due later go out without one. */
const DRAIN_EVERY_MS = 60_000;

export interface LocalDrainer {
  /** Asks for a run; resolves once a run that started after this call has finished. */
  kick(): Promise<void>;
  /** Resolves when no run is in hand. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function startDrainer(
  clock: OffsetClock,
  invoker: LocalFunctions,
  log: (message: string, error?: unknown) => void,
  account: { region: string; accountId: string },
  /** Runs before each run: SES's Send events written so far are recorded before anything is resent. */
  beforeEach: () => Promise<void> = async () => {},
): LocalDrainer {
  let current: Promise<void> = Promise.resolve();
  let next: Promise<void> | undefined;
  let stopped = false;
  // The kick's time to the millisecond (a schedule's event gives whole seconds): mail queued a moment before
  // the kick, within the same second, is due in this run, not a minute later.
  const runOnce = async () => {
    await beforeEach();
    const outcome = await invoker.invoke({ functionName: FUNCTION_NAME, payload: { ...scheduledEvent(clock.now(), account, 'thidua-drain-outbox'), time: new Date(clock.now()).toISOString() }, requestId: randomUUID(), ...account });
    if (!outcome.ok) log(`drain-outbox failed: ${outcome.error}`, outcome.cause);
  };
  // Kicks during a run share one next run, which sees everything queued before it starts.
  const kick = (): Promise<void> => {
    if (stopped) return current;
    next ??= current.then(() => {
      next = undefined;
      return runOnce();
    });
    current = next;
    return next;
  };
  const interval = setInterval(() => void kick(), DRAIN_EVERY_MS);
  return {
    kick,
    idle: async () => {
      // A run may be kicked while the last one finishes: wait until none is left.
      for (let seen: Promise<void> | undefined; seen !== current; ) await (seen = current);
    },
    stop: async () => {
      stopped = true;
      clearInterval(interval);
      await current;
    },
  };
}
