/**
 * Time and identity, injected: the interpreter never reads the wall clock or draws randomness itself,
 * so an execution replays to the same result after a restart and tests can run a 30-day wait at once.
 */
import { randomUUID } from 'node:crypto';
import { TimerQueue } from './timer-queue.js';

/** A cancellable timer handle. */
export interface Timer {
  cancel(): void;
}

/** The source of time for the runtime: the current instant and timers at absolute due times. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `fire` once at `dueAt` (epoch ms), or as soon as possible when `dueAt` is already past. */
  setTimer(dueAt: number, fire: () => void): Timer;
}

/** The source of fresh identifiers (execution names, task tokens, request ids, `$uuid()`, `$random()`). */
export interface IdSource {
  uuid(): string;
  /** A number in [0, 1). */
  random(): number;
}

/** Node's cryptographic randomness. */
export const systemIds: IdSource = { uuid: () => randomUUID(), random: () => Math.random() };

/** Node's `setTimeout` cannot wait longer than about 24.8 days, so long waits are chained. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** The wall clock. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(dueAt: number, fire: () => void): Timer {
    let handle: NodeJS.Timeout | undefined;
    let cancelled = false;
    const arm = (): void => {
      if (cancelled) return;
      const delay = dueAt - Date.now();
      if (delay > MAX_TIMEOUT_MS) handle = setTimeout(arm, MAX_TIMEOUT_MS);
      else handle = setTimeout(fire, Math.max(0, delay));
    };
    arm();
    return {
      cancel: () => {
        cancelled = true;
        clearTimeout(handle);
      },
    };
  }
}

/**
 * A clock that only moves when told to. `advance` fires due timers in due order and, between two timers,
 * waits for every attached runtime to settle (see {@link VirtualClock.onSettle}), so the work a timer
 * starts can schedule the next timer before the clock moves past it.
 */
export class VirtualClock implements Clock {
  private current: number;
  private readonly queue: TimerQueue;

  /**
   * @param startMs the initial time, epoch ms
   * @param options.settleTimeoutMs how long (real time) to wait for the runtime to settle before moving
   *   on anyway; unset waits as long as it takes. Set it when a handler may never return.
   */
  constructor(startMs: number, options: { settleTimeoutMs?: number } = {}) {
    this.current = startMs;
    this.queue = new TimerQueue(options.settleTimeoutMs);
  }

  now(): number {
    return this.current;
  }

  setTimer(dueAt: number, fire: () => void): Timer {
    // Already due: fire on the next macrotask, as a real clock would.
    if (dueAt <= this.current) {
      const handle = setImmediate(fire);
      return { cancel: () => clearImmediate(handle) };
    }
    const timer = this.queue.add(dueAt, fire);
    return { cancel: () => this.queue.delete(timer) };
  }

  /** Registers a function that resolves when the work started by a timer has settled (the runtime's `idle`). */
  onSettle(settle: () => Promise<void>): () => void {
    return this.queue.onSettle(settle);
  }

  /** Moves the clock forward by `ms`, firing the timers that fall due on the way. */
  advance(ms: number): Promise<void> {
    return this.advanceTo(this.current + ms);
  }

  /** Moves the clock to `ms` (never backwards), firing the timers that fall due on the way. */
  async advanceTo(ms: number): Promise<void> {
    if (!Number.isFinite(ms)) throw new RangeError(`VirtualClock.advanceTo needs a finite time, got ${ms}`);
    await this.queue.runUntil(ms, () => this.current, (instant) => (this.current = instant));
  }

  /** The due time of the earliest timer not yet fired. */
  get nextDueAt(): number | undefined {
    return this.queue.earliest()?.dueAt;
  }
}
