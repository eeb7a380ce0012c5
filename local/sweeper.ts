/**
 * The EventBridge schedule of the catalog's `sweep`, locally (see {@link startSweeper}).
 */
import { randomUUID } from 'node:crypto';
import { localStart, vietnamDateOf } from '../functions/domain/index.js';
import type { OffsetClock } from './clock.js';
import type { LocalFunctions } from './stepfunctions/lambda.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Real-time cadence of the sweep between jumps of the clock (on AWS: every 5 minutes). */
const SWEEP_EVERY_MS = 60_000;

/**
 * The EventBridge schedule, locally: the catalog's sweep every minute of real time, and once just after
 * every local midnight of the clock (00:00:01 Vietnam time, right after the 23:59:59 deadlines), as a
 * clock timer so a jump across several days sweeps each of them in turn. Sweeps run one at a time.
 */
export function startSweeper(
  clock: OffsetClock,
  invoker: LocalFunctions,
  log: (message: string, error?: unknown) => void,
  account: { region: string; accountId: string },
  /** Runs before each sweep: the SES Send events written so far are recorded before anything is resent. */
  beforeEach: () => Promise<void> = async () => {},
) {
  let chain: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  let stopped = false;
  // Asks made while a sweep runs share one next sweep, which starts at a later time than every ask: on a
  // loaded machine a sweep of many cycles outlasts the minute, and queuing one sweep per tick made the
  // queue grow without end (every settle of the clock then waited for all of them).
  const run = (): Promise<void> => {
    if (stopped) return chain;
    queued ??= chain.then(async () => {
      queued = undefined;
      await beforeEach();
      const outcome = await invoker.invoke({ functionName: 'sweep', payload: scheduledEvent(clock.now(), account), requestId: randomUUID(), ...account });
      if (!outcome.ok) log(`sweep failed: ${outcome.error}`, outcome.cause);
    });
    chain = queued;
    return chain;
  };
  let midnight: { cancel(): void } | undefined;
  const armMidnight = () => {
    const due = localStart(vietnamDateOf(clock.now())) + DAY_MS + 1000;
    midnight = clock.setTimer(due, () => {
      void run();
      armMidnight();
    });
  };
  armMidnight();
  const interval = setInterval(() => void run(), SWEEP_EVERY_MS);
  return {
    run,
    idle: () => chain,
    stop: async () => {
      stopped = true;
      clearInterval(interval);
      midnight?.cancel();
      await chain;
    },
  };
}

/** The event an EventBridge schedule (`rule`) delivers. */
export function scheduledEvent(now: number, { region, accountId }: { region: string; accountId: string }, rule = 'thidua-sweep') {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: accountId,
    time: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:events:${region}:${accountId}:rule/${rule}`],
    detail: {},
  };
}

