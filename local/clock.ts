/**
 * The local stack's one clock: the system time plus an offset kept in the data directory. Phases open on
 * dates, so a demo jumps ahead ("time travel") instead of waiting for November; the Step Functions
 * runtime, the HTTP server's request time and the sweep all read this clock, so every part of the stack
 * agrees on what time it is, and a restart keeps the jump.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock, Timer } from './stepfunctions/clock.js';
import { TimerQueue, type QueuedTimer } from './stepfunctions/timer-queue.js';

/** Node's `setTimeout` cannot wait longer than about 24.8 days, so long waits are re-armed. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Moving the clock backwards would replay time the workflow already acted on; refused. */
export class ClockError extends Error {
  override name = 'ClockError';
}

/**
 * System time + offset. Timers wait in real time; {@link OffsetClock.advanceTo} jumps forward, firing
 * the timers that fall due on the way in due order and letting the stack settle between two of them
 * (the runtime's timer queue, shared with its VirtualClock), so the work one timer starts can arm the
 * next before the clock moves past it.
 */
export class OffsetClock implements Clock {
  private offsetMs: number;
  private readonly queue = new TimerQueue();
  private advancing: Promise<unknown> = Promise.resolve();

  /**
   * @param file where the offset is kept (JSON); read now, written on every jump. Without a file the
   *   offset lives in memory only.
   */
  constructor(private readonly file?: string) {
    this.offsetMs = file ? readOffset(file) : 0;
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** How far ahead of the system time the clock runs, in ms. */
  get offset(): number {
    return this.offsetMs;
  }

  setTimer(dueAt: number, fire: () => void): Timer {
    const timer = this.queue.add(dueAt, fire);
    this.arm(timer);
    return {
      cancel: () => {
        clearTimeout(timer.handle);
        this.queue.delete(timer);
      },
    };
  }

  /** The due time of the earliest timer not yet fired. */
  get nextDueAt(): number | undefined {
    return this.queue.earliest()?.dueAt;
  }

  /** Registers what "settled" means (the runtime's `idle`, the sweep in flight); returns an unregister function. */
  onSettle(settle: () => Promise<void>): () => void {
    return this.queue.onSettle(settle);
  }

  /** Jumps forward to `target` (epoch ms); resolves with the new time once the stack has settled. */
  advanceTo(target: number): Promise<number> {
    // Checked when asked, not when its turn comes: a jump queued behind a longer one has nothing left to do.
    if (!Number.isFinite(target) || target < this.now()) return Promise.reject(new ClockError('the local clock only moves forward'));
    const run = this.advancing.then(async () => {
      await this.queue.runUntil(target, () => this.now(), (instant) => this.setNow(instant));
      return this.now();
    });
    this.advancing = run.catch(() => undefined);
    return run;
  }

  /** Jumps forward by `ms`. */
  advance(ms: number): Promise<number> {
    if (!(ms >= 0)) return Promise.reject(new ClockError('the local clock only moves forward'));
    return this.advanceTo(this.now() + ms);
  }

  /** Cancels every pending real-time wait (the timers stay registered, for a clean process exit). */
  close(): void {
    for (const timer of this.queue.all()) clearTimeout(timer.handle);
    this.queue.clear();
  }

  private setNow(instant: number): void {
    this.offsetMs = instant - Date.now();
    if (this.file) writeOffset(this.file, this.offsetMs);
    // Real-time waits were measured with the old offset: measure again.
    for (const timer of this.queue.all()) this.arm(timer);
  }

  private arm(timer: QueuedTimer): void {
    clearTimeout(timer.handle);
    const delay = timer.dueAt - this.now();
    timer.handle = delay > MAX_TIMEOUT_MS ? setTimeout(() => this.arm(timer), MAX_TIMEOUT_MS) : setTimeout(() => this.fire(timer), Math.max(0, delay));
  }

  private fire(timer: QueuedTimer): void {
    clearTimeout(timer.handle);
    if (this.queue.delete(timer)) timer.fire();
  }
}

function readOffset(file: string): number {
  try {
    const { offsetMs } = JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: unknown };
    return typeof offsetMs === 'number' && Number.isFinite(offsetMs) ? offsetMs : 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw new ClockError(`cannot read the clock offset from ${file}`, { cause: error });
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a file. */
function writeOffset(file: string, offsetMs: number): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify({ offsetMs, at: new Date(Date.now() + offsetMs).toISOString() }) + '\n');
  renameSync(`${file}.tmp`, file);
}
