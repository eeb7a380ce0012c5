/**
 * The queue of pending timers behind every clock that can jump (the runtime's {@link VirtualClock}, the
 * local stack's offset clock): timers in due order, ties in the order they were set, and the "settle"
 * hooks that let the work one timer starts arm the next timer before time moves past it.
 */

/** A timer waiting in the queue. */
export interface QueuedTimer {
  readonly dueAt: number;
  readonly seq: number;
  readonly fire: () => void;
  /** The real-time wait, for clocks that also run in real time. */
  handle?: NodeJS.Timeout;
}

export class TimerQueue {
  private readonly pending = new Set<QueuedTimer>();
  private seq = 0;
  private settlers: Array<() => Promise<void>> = [];

  /**
   * @param settleTimeoutMs how long (real time) to wait for the settle hooks before moving on anyway;
   *   unset waits as long as it takes. Set it when a handler may never return.
   */
  constructor(private readonly settleTimeoutMs?: number) {}

  /** Queues `fire` at `dueAt` (epoch ms). */
  add(dueAt: number, fire: () => void): QueuedTimer {
    const timer: QueuedTimer = { dueAt, seq: this.seq++, fire };
    this.pending.add(timer);
    return timer;
  }

  /** Removes a timer; false when it had fired or was removed already. */
  delete(timer: QueuedTimer): boolean {
    return this.pending.delete(timer);
  }

  /** Every pending timer, in no particular order. */
  all(): IterableIterator<QueuedTimer> {
    return this.pending.values();
  }

  clear(): void {
    this.pending.clear();
  }

  /** The earliest timer due at or before `limit`. */
  earliest(limit = Number.POSITIVE_INFINITY): QueuedTimer | undefined {
    let best: QueuedTimer | undefined;
    for (const t of this.pending) {
      if (t.dueAt > limit) continue;
      if (!best || t.dueAt < best.dueAt || (t.dueAt === best.dueAt && t.seq < best.seq)) best = t;
    }
    return best;
  }

  /** Registers what "settled" means (the runtime's `idle`, the sweep in flight); returns an unregister function. */
  onSettle(settle: () => Promise<void>): () => void {
    this.settlers.push(settle);
    return () => (this.settlers = this.settlers.filter((s) => s !== settle));
  }

  /** Resolves once every settle hook has (or the settle timeout has passed). */
  async settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const settled = Promise.all(this.settlers.map((settle) => settle()));
    if (this.settleTimeoutMs === undefined) {
      await settled;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([settled, new Promise((resolve) => (timer = setTimeout(resolve, this.settleTimeoutMs)))]);
    clearTimeout(timer);
  }

  /**
   * Fires, in due order, every timer due by `target`: before each, `moveTo` sets the clock to its due time;
   * after each, the stack settles. Ends with the clock at `target`.
   */
  async runUntil(target: number, now: () => number, moveTo: (instant: number) => void): Promise<void> {
    await this.settle();
    for (;;) {
      const next = this.earliest(target);
      if (!next) break;
      this.pending.delete(next);
      clearTimeout(next.handle);
      moveTo(Math.max(now(), next.dueAt));
      next.fire();
      await this.settle();
    }
    moveTo(Math.max(now(), target));
  }
}
