/**
 * The durable history of one execution: an append-only JSON Lines file of numbered events (the ones
 * GetExecutionHistory returns) plus the replay records the interpreter needs (recorded values, heartbeats).
 *
 * Appends are buffered and written together by `flush`, which resolves once the lines are fsync'd. Code
 * that is about to do something visible outside (invoke a Lambda, answer an API call, arm a timer) awaits
 * `flush` first; events with no outside effect are made durable with the next flush, and a crash before
 * that loses nothing the deterministic replay cannot produce again.
 */
import { closeSync, fdatasync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** One history event, as stored. `key` identifies it for replay; it is not part of the API. */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  details?: Record<string, unknown>;
  key: string;
}

/** What an execution was started with; the first line of its file. */
export interface ExecutionMeta {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  /** The definition as it was when the execution started: updates do not affect running executions. */
  definition: string;
  /**
   * The name of that definition in the definition store; when set, the history file holds this instead
   * of the text (older files hold the text).
   */
  definitionSha256?: string;
  roleArn: string;
  input: string;
  startDate: number;
}

type Line =
  | { meta: ExecutionMeta }
  | { e: HistoryEvent }
  | { f: [string, unknown] }
  | { hb: string; t: number };

/** Queued lines past which a write starts without waiting for a flush (≈ 100 KB of history). */
const WRITE_BEHIND_LINES = 512;

/** Event types that end an execution. */
export const TERMINAL_EVENTS: ReadonlySet<string> = new Set([
  'ExecutionSucceeded',
  'ExecutionFailed',
  'ExecutionTimedOut',
  'ExecutionAborted',
]);

export class HistoryLog {
  /**
   * Only the count and the last event stay in memory: GetExecutionHistory reads the file (see
   * {@link readEvents}), so a long execution keeps no objects alive for the garbage collector to trace
   * and copy, and a finished one costs nothing.
   */
  private count = 0;
  private last: HistoryEvent | undefined;
  /** Replay index: events by key, recorded values by key, last heartbeat by task key. */
  private readonly byKey = new Map<string, HistoryEvent>();
  private readonly facts = new Map<string, unknown>();
  private readonly heartbeats = new Map<string, number>();
  /** Lines not yet written. */
  private pending: string[] = [];
  private tail: Promise<void> = Promise.resolve();
  private inFlight = 0;
  /** Lines were written by a write-behind and not fsync'd yet. */
  private unsynced = false;
  /** The file, open for appending while the execution runs. */
  private fd: number | undefined;

  private constructor(
    private readonly file: string,
    readonly meta: ExecutionMeta,
  ) {}

  /** A new history; the meta line is written with the first flush. */
  static create(file: string, meta: ExecutionMeta): HistoryLog {
    const log = new HistoryLog(file, meta);
    // The text is in the definition store when it has a name there.
    log.write({ meta: meta.definitionSha256 === undefined ? meta : { ...meta, definition: '' } });
    return log;
  }

  /**
   * Reads a history back. A torn last line (a crash mid-write) is ignored; a file without its header is
   * an execution whose start was never confirmed, and reads as undefined.
   */
  static load(file: string, readDefinition: (sha256: string) => string): HistoryLog | undefined {
    const text = readFileSync(file, 'utf8');
    let log: HistoryLog | undefined;
    for (const raw of text.split('\n')) {
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        continue;
      }
      if ('meta' in line) {
        const { meta } = line;
        log = new HistoryLog(file, meta.definitionSha256 === undefined ? meta : { ...meta, definition: readDefinition(meta.definitionSha256) });
      }
      else if (!log) break;
      else if ('e' in line) {
        // A write retried after an I/O error may repeat lines.
        if (line.e.id === log.count + 1) log.index(line.e);
      }
      else if ('f' in line) log.facts.set(line.f[0], line.f[1]);
      else log.heartbeats.set(line.hb, line.t);
    }
    if (!log) return undefined;
    // Start the next append on a fresh line after a torn one.
    if (!text.endsWith('\n')) log.pending.push('');
    return log;
  }

  static ensureDirectory(dir: string): void {
    mkdirSync(dir, { recursive: true });
  }

  get lastEvent(): HistoryEvent | undefined {
    return this.last;
  }

  /** Every event so far, oldest first, read back from the file once it holds them all. */
  async readEvents(): Promise<HistoryEvent[]> {
    await this.flush();
    return eventsOf(await readFile(this.file, 'utf8'));
  }

  get terminal(): HistoryEvent | undefined {
    const last = this.lastEvent;
    return last && TERMINAL_EVENTS.has(last.type) ? last : undefined;
  }

  /** The event recorded under a key, if the execution got that far before. */
  recorded(key: string): HistoryEvent | undefined {
    // A new execution has nothing to replay: no lookup (and no hashing of a fresh key) per event.
    return this.byKey.size === 0 ? undefined : this.byKey.get(key);
  }

  /** Appends a new event, numbering it. Positional: one object per event, the event itself. */
  append(type: string, key: string, previousEventId: number, timestamp: number, details?: Record<string, unknown>): HistoryEvent {
    const id = ++this.count;
    const numbered: HistoryEvent = details ? { id, previousEventId, timestamp, type, key, details } : { id, previousEventId, timestamp, type, key };
    // Serialised now: the event object and the documents it refers to die young. Not indexed by key:
    // replay only looks up events that were on disk when the log was loaded.
    this.last = numbered;
    this.pending.push(`{"e":${JSON.stringify(numbered)}}`);
    this.writeBehind();
    return numbered;
  }

  /** The value recorded under a key, or `make()` recorded now. */
  fact(key: string, make: () => unknown): unknown {
    if (this.facts.has(key)) return this.facts.get(key);
    const value = make();
    this.facts.set(key, value);
    this.write({ f: [key, value] });
    return value;
  }

  /** Whether a value (a task token) was recorded, before or after a restart. */
  issued(value: string): boolean {
    for (const fact of this.facts.values()) if (fact === value) return true;
    return false;
  }

  heartbeat(key: string, at: number): void {
    this.heartbeats.set(key, at);
    this.write({ hb: key, t: at });
  }

  lastHeartbeat(key: string): number | undefined {
    return this.heartbeats.get(key);
  }

  /** Resolves when every line appended so far is on disk. */
  flush(): Promise<void> {
    return this.enqueueWrite(true);
  }

  /**
   * Hands a long run of lines to the file system while the interpreter goes on (no fsync): the flush
   * that makes them durable then has less left to write. At most one write is queued this way.
   */
  private writeBehind(): void {
    if (this.inFlight > 0 || this.pending.length < WRITE_BEHIND_LINES) return;
    // A failed write keeps its lines queued; the next flush writes them again and reports the error.
    this.enqueueWrite(false).catch(() => undefined);
  }

  private enqueueWrite(sync: boolean): Promise<void> {
    this.inFlight++;
    // After a failed write the next flush tries again, with the lines that were not written.
    const write = () => this.writePending(sync);
    this.tail = this.tail.then(write, write).finally(() => this.inFlight--);
    return this.tail;
  }

  /** Whether nothing is waiting to be written. */
  get settled(): boolean {
    return this.pending.length === 0 && this.inFlight === 0;
  }

  async close(): Promise<void> {
    await this.flush();
    this.release();
  }

  private release(): void {
    const { fd } = this;
    this.fd = undefined;
    if (fd !== undefined) closeSync(fd);
  }

  private index(event: HistoryEvent): void {
    this.count++;
    this.last = event;
    this.byKey.set(event.key, event);
  }

  private write(line: Line): void {
    this.pending.push(JSON.stringify(line));
  }

  private async writePending(sync: boolean): Promise<void> {
    if (this.pending.length === 0 && !(sync && this.unsynced)) return;
    const lines = this.pending;
    this.pending = [];
    try {
      // Opened and written on this thread: handing a few hundred KB to the page cache costs less than
      // the round trips to the thread pool, each a wait for the CPU on a loaded machine. Only the fsync,
      // which waits for the disk, goes to the thread pool.
      this.fd ??= openSync(this.file, 'a');
      if (lines.length > 0) writeSync(this.fd, lines.join('\n') + '\n');
      this.unsynced = !sync;
      if (sync) await dataSync(this.fd);
    } catch (error) {
      this.unsynced = true;
      // Reopened by the next write; the descriptor may be unusable, and its own error says less.
      try {
        this.release();
      } catch {
        this.fd = undefined;
      }
      this.pending = [...lines, ...this.pending];
      throw error;
    }
  }
}

function dataSync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

/** The events of a history file's text: numbered in order, torn or repeated lines skipped (see `load`). */
function eventsOf(text: string): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.startsWith('{"e":')) continue;
    try {
      const { e } = JSON.parse(raw) as { e: HistoryEvent };
      if (e.id === events.length + 1) events.push(e);
    } catch {
      // A torn line: the next flush starts a fresh one.
    }
  }
  return events;
}
