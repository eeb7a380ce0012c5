/**
 * The explicit execution context of the interpreter. A {@link Thread} is one sequential line of states
 * (the top level, a Parallel branch, a Map iteration); every event it emits and every value it records
 * gets a key made of its path, its step number and a label, so after a restart the interpreter runs the
 * same code again and each thread finds what it already did, whatever order concurrent threads ran in.
 */
import type { Clock, IdSource, Timer } from './clock.js';
import type { HistoryEvent, HistoryLog } from './history.js';
import type { LocalFunctions } from './lambda.js';

/** Thrown into a thread whose work was cancelled (execution stopped or timed out, sibling branch failed). */
export class Cancelled extends Error {
  override name = 'Cancelled';
}

/**
 * A tree of cancellation scopes: cancelling one cancels its children. The reason says whether the work
 * is `aborted` (a sibling branch or iteration failed: AWS records the abort of a running task) or
 * `halted` (the execution ended or the runtime stops: nothing more is recorded).
 */
export class Cancellation {
  private listeners = new Set<() => void>();
  cancelled = false;
  reason: 'aborted' | 'halted' = 'halted';

  child(): Cancellation {
    const child = new Cancellation();
    if (this.cancelled) {
      child.cancelled = true;
      child.reason = this.reason;
    } else this.listeners.add(() => child.cancel(this.reason));
    return child;
  }

  cancel(reason: 'aborted' | 'halted' = 'halted'): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.reason = reason;
    for (const listener of this.listeners) listener();
    this.listeners.clear();
  }

  onCancel(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  throwIfCancelled(): void {
    if (this.cancelled) throw new Cancelled();
  }
}

/**
 * Counts threads that have runnable work. A thread stops counting while it waits on a task token or a
 * timer; the runtime is idle when the count stays at zero.
 */
export class Activity {
  private busy = 0;
  private waiters: Array<() => void> = [];
  enter(): void {
    this.busy++;
  }
  leave(): void {
    if (--this.busy > 0 || this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
  get idle(): boolean {
    return this.busy === 0;
  }

  /** Resolves when the count is (or next falls to) zero: waiting for idleness without polling. */
  whenIdle(): Promise<void> {
    if (this.busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * A timer on `clock` that counts as busy while it is already due but has not fired yet: after a
   * restart, timers whose time has passed are runnable work, not waiting.
   */
  timer(clock: Clock, dueAt: number, fire: () => void): Timer {
    const due = dueAt <= clock.now();
    let counted = due;
    if (due) this.enter();
    const release = (): void => {
      if (counted) this.leave();
      counted = false;
    };
    const timer = clock.setTimer(dueAt, () => {
      fire();
      release();
    });
    return {
      cancel: () => {
        timer.cancel();
        release();
      },
    };
  }
}

/** A task waiting for its token, as the API finds it. */
export interface TokenWaiter {
  readonly settled: boolean;
  readonly stateName: string;
  succeed(output: unknown): Promise<void>;
  fail(error: string, cause: string): Promise<void>;
  heartbeat(): Promise<void>;
}

/**
 * The tasks of one execution that wait for a token. After a restart an answer can arrive before the
 * replay has reached its task again; `waitFor` lets it wait for the task to be registered.
 */
export class TokenRegistry {
  private readonly waiters = new Map<string, TokenWaiter>();
  private readonly answered = new Set<string>();
  private readonly expected = new Map<string, Array<(waiter: TokenWaiter) => void>>();

  set(token: string, waiter: TokenWaiter): void {
    this.waiters.set(token, waiter);
    for (const notify of this.expected.get(token) ?? []) notify(waiter);
    this.expected.delete(token);
  }

  delete(token: string): void {
    this.waiters.delete(token);
    this.answered.add(token);
  }

  get(token: string): TokenWaiter | undefined {
    return this.waiters.get(token);
  }

  /** Whether the task of this token finished in this process. */
  done(token: string): boolean {
    return this.answered.has(token);
  }

  waiting(): Array<[string, TokenWaiter]> {
    return [...this.waiters].filter(([, waiter]) => !waiter.settled);
  }

  /** The waiter once its task registers it, or undefined after `ms` of real time. */
  waitFor(token: string, ms: number): Promise<TokenWaiter | undefined> {
    const existing = this.waiters.get(token);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), ms);
      const notify = (waiter: TokenWaiter) => {
        clearTimeout(timer);
        resolve(waiter);
      };
      this.expected.set(token, [...(this.expected.get(token) ?? []), notify]);
    });
  }
}

/** What every thread of one execution shares. */
export interface ExecutionEnv {
  clock: Clock;
  ids: IdSource;
  functions: LocalFunctions;
  log: HistoryLog;
  activity: Activity;
  tokens: TokenRegistry;
  region: string;
  accountId: string;
  /** Sets a timer on the clock that keeps the runtime busy while it is already due (see {@link Activity.timer}). */
  setTimer(dueAt: number, fire: () => void): Timer;
  /** `$states.context` without the per-state parts. */
  context: { Execution: Record<string, unknown>; StateMachine: Record<string, unknown> };
}

/** Workflow variables: a scope per Parallel branch and Map iteration that reads through to its parent. */
export class VariableScope {
  private readonly values = new Map<string, unknown>();
  constructor(private readonly parent?: VariableScope) {}

  child(): VariableScope {
    return new VariableScope(this);
  }

  visible(): Record<string, unknown> {
    const out = this.parent ? this.parent.visible() : {};
    for (const [name, value] of this.values) out[name] = value;
    return out;
  }

  /** The value of one variable in scope, or undefined. */
  lookup(name: string): unknown {
    if (this.values.has(name)) return this.values.get(name);
    return this.parent?.lookup(name);
  }

  assign(values: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(values)) this.values.set(name, value);
  }
}

export class Thread {
  private step = 0;
  private factCount = 0;
  private lastEventId: number;

  constructor(
    readonly env: ExecutionEnv,
    readonly path: string,
    readonly cancellation: Cancellation,
    parentEventId = 0,
  ) {
    this.lastEventId = parentEventId;
  }

  /** A thread for a branch or iteration started by this one. */
  child(name: string, cancellation: Cancellation): Thread {
    return new Thread(this.env, `${this.path}#${this.step}/${name}`, cancellation, this.lastEventId);
  }

  /** Moves to the next state. */
  nextStep(): void {
    this.step++;
    this.factCount = 0;
  }

  key(label: string): string {
    return `${this.path}#${this.step}:${label}`;
  }

  /** The event this thread emitted under `label` before a restart, if any. */
  recorded(label: string): HistoryEvent | undefined {
    return this.env.log.recorded(this.key(label));
  }

  /** Emits an event, or on replay returns the one emitted under the same key before. */
  emit(label: string, type: string, details?: Record<string, unknown>): HistoryEvent {
    this.cancellation.throwIfCancelled();
    return this.emitAlways(label, type, details);
  }

  /**
   * Records that this thread's work was aborted by a failed sibling (`TaskStateAborted`, ...); nothing
   * when the execution itself ended, which records its own end.
   */
  aborted(type: string): void {
    if (this.cancellation.reason === 'aborted' && !this.env.log.terminal) this.emitAlways('aborted', type);
  }

  private emitAlways(label: string, type: string, details?: Record<string, unknown>): HistoryEvent {
    const key = this.key(label);
    const event =
      this.env.log.recorded(key) ??
      this.env.log.append(type, key, this.lastEventId, this.env.clock.now(), details);
    this.lastEventId = event.id;
    return event;
  }

  /** A non-deterministic value (time, uuid, random), recorded so replay sees the same one. */
  record<T>(make: () => T): T {
    return this.env.log.fact(this.key(`f${this.factCount++}`), make) as T;
  }

  /** The current time, recorded. */
  now(): number {
    return this.record(() => this.env.clock.now());
  }

  /**
   * Waits for something outside the execution (a task token, a timer) without counting as busy.
   * Rejects with {@link Cancelled} when the thread's work is cancelled.
   */
  async block<T>(wait: Promise<T>): Promise<T> {
    this.cancellation.throwIfCancelled();
    let stop: (() => void) | undefined;
    const cancelled = new Promise<never>((_, reject) => {
      stop = this.cancellation.onCancel(() => reject(new Cancelled()));
    });
    this.env.activity.leave();
    try {
      return await Promise.race([wait, cancelled]);
    } finally {
      stop?.();
      this.env.activity.enter();
    }
  }

  /** Waits until an absolute time, made durable first so a restart keeps the due time. */
  async sleepUntil(dueAt: number): Promise<void> {
    await this.env.log.flush();
    let timer: { cancel(): void } | undefined;
    try {
      await this.block(new Promise<void>((resolve) => (timer = this.env.setTimer(dueAt, resolve))));
    } finally {
      timer?.cancel();
    }
  }
}
