/**
 * Time and identity, injected: the interpreter never reads the wall clock or draws randomness itself,
 * so an execution replays to the same result after a restart and tests can run a 30-day wait at once.
 */
import { randomUUID } from 'node:crypto';

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

interface PendingTimer {
  dueAt: number;
  seq: number;
  fire: () => void;
}

/**
 * A clock that only moves when told to. `advance` fires due timers in due order and, between two timers,
 * waits for every attached runtime to settle (see {@link VirtualClock.onSettle}), so the work a timer
 * starts can schedule the next timer before the clock moves past it.
 */
export class VirtualClock implements Clock {
  private current: number;
  private timers: PendingTimer[] = [];
  private seq = 0;
  private settlers: Array<() => Promise<void>> = [];

  /**
   * @param startMs the initial time, epoch ms
   * @param options.settleTimeoutMs how long (real time) to wait for the runtime to settle before moving
   *   on anyway; unset waits as long as it takes. Set it when a handler may never return.
   */
  constructor(
    startMs: number,
    private readonly options: { settleTimeoutMs?: number } = {},
  ) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(dueAt: number, fire: () => void): Timer {
    const timer: PendingTimer = { dueAt, seq: this.seq++, fire };
    // Already due: fire on the next macrotask, as a real clock would.
    if (dueAt <= this.current) {
      const handle = setImmediate(fire);
      return { cancel: () => clearImmediate(handle) };
    }
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((t) => t !== timer)) };
  }

  /** Registers a function that resolves when the work started by a timer has settled (the runtime's `idle`). */
  onSettle(settle: () => Promise<void>): () => void {
    this.settlers.push(settle);
    return () => (this.settlers = this.settlers.filter((s) => s !== settle));
  }

  /** Moves the clock forward by `ms`, firing the timers that fall due on the way. */
  advance(ms: number): Promise<void> {
    return this.advanceTo(this.current + ms);
  }

  /** Moves the clock to `ms` (never backwards), firing the timers that fall due on the way. */
  async advanceTo(ms: number): Promise<void> {
    if (!Number.isFinite(ms)) throw new RangeError(`VirtualClock.advanceTo needs a finite time, got ${ms}`);
    await this.settle();
    for (;;) {
      const next = this.nextDue(ms);
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.dueAt);
      next.fire();
      await this.settle();
    }
    this.current = Math.max(this.current, ms);
  }

  /** The due time of the earliest timer not yet fired. */
  get nextDueAt(): number | undefined {
    return this.nextDue(Number.POSITIVE_INFINITY)?.dueAt;
  }

  private nextDue(limit: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (t.dueAt > limit) continue;
      if (!best || t.dueAt < best.dueAt || (t.dueAt === best.dueAt && t.seq < best.seq)) best = t;
    }
    return best;
  }

  private async settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const settled = Promise.all(this.settlers.map((settle) => settle()));
    const limit = this.options.settleTimeoutMs;
    if (limit === undefined) {
      await settled;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([settled, new Promise((resolve) => (timer = setTimeout(resolve, limit)))]);
    clearTimeout(timer);
  }
}
