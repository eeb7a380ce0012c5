/**
 * One execution: its history, its status, and the interpreter run that drives it. A new execution and a
 * resumed one run the same way: the interpreter starts at the top and replays what the history holds.
 */
import type { Machine } from './asl.js';
import type { Clock, IdSource, Timer } from './clock.js';
import { ApiError, States } from './errors.js';
import type { ExecutionMeta, HistoryEvent, HistoryLog } from './history.js';
import { runMachine } from './interpreter.js';
import type { LocalFunctions } from './lambda.js';
import { asStatesError, jsonText } from './state-run.js';
import { decodeToken } from './tasks.js';
import {
  type Activity,
  Cancellation,
  Cancelled,
  type ExecutionEnv,
  Thread,
  TokenRegistry,
  type TokenWaiter,
  VariableScope,
} from './thread.js';

/** Where an execution stands. */
export type RunStatus =
  | { status: 'RUNNING' }
  | { status: 'SUCCEEDED'; output: string }
  | { status: 'FAILED' | 'TIMED_OUT' | 'ABORTED'; error?: string; cause?: string };

const STATUS_OF: Record<string, 'FAILED' | 'TIMED_OUT' | 'ABORTED'> = {
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
};

/** AWS's limit on a Standard execution's duration: 365 days. */
export const STANDARD_MAX_DURATION_MS = 365 * 24 * 60 * 60 * 1000;

export interface ExecutionServices {
  clock: Clock;
  ids: IdSource;
  functions: LocalFunctions;
  activity: Activity;
  region: string;
  accountId: string;
}

export class Execution {
  private readonly env: ExecutionEnv;
  private readonly cancellation = new Cancellation();
  private timeout: Timer | undefined;
  /** Settles when the interpreter run ends (finished, or halted by `halt`). */
  running: Promise<void> = Promise.resolve();

  constructor(
    readonly log: HistoryLog,
    private readonly machine: Machine,
    services: ExecutionServices,
  ) {
    const { meta } = log;
    this.env = {
      ...services,
      log,
      tokens: new TokenRegistry(),
      setTimer: (dueAt, fire) => services.activity.timer(services.clock, dueAt, fire),
      context: {
        Execution: {
          Id: meta.executionArn,
          Input: JSON.parse(meta.input) as unknown,
          Name: meta.name,
          RoleArn: meta.roleArn,
          StartTime: new Date(meta.startDate).toISOString(),
          RedriveCount: 0,
        },
        StateMachine: { Id: meta.stateMachineArn, Name: meta.stateMachineArn.split(':').at(-1) },
      },
    };
  }

  get meta(): ExecutionMeta {
    return this.log.meta;
  }

  /**
   * The task waiting for a token. Right after a restart the replay may not have reached the task yet:
   * a token this execution issued, whose task has not finished, is waited for (up to 10 s).
   */
  async waiter(token: string, taskKey: string): Promise<TokenWaiter | undefined> {
    const { tokens } = this.env;
    const waiter = tokens.get(token);
    if (waiter || this.log.terminal || tokens.done(token)) return waiter;
    if (this.log.recorded(`${taskKey}:outcome`) || !this.log.issued(token)) return undefined;
    return tokens.waitFor(token, 10_000);
  }

  /** The tasks waiting for a token, in the order they started waiting. */
  waitingTasks(): Array<{ stateName: string; token: string }> {
    return this.env.tokens.waiting().map(([token, w]) => ({ stateName: w.stateName, token }));
  }

  status(): RunStatus {
    const end = this.log.terminal;
    if (!end) return { status: 'RUNNING' };
    const details = end.details ?? {};
    if (end.type === 'ExecutionSucceeded') return { status: 'SUCCEEDED', output: jsonText(details.output) };
    return {
      status: STATUS_OF[end.type]!,
      ...(typeof details.error === 'string' && { error: details.error }),
      ...(typeof details.cause === 'string' && { cause: details.cause }),
    };
  }

  get stopDate(): number | undefined {
    return this.log.terminal?.timestamp;
  }

  /** Starts (or, after a restart, resumes) the interpreter; ExecutionStarted is durable when this resolves. */
  async start(): Promise<void> {
    if (this.log.terminal) return;
    const root = new Thread(this.env, '', this.cancellation);
    const { meta } = this;
    root.emit('started', 'ExecutionStarted', {
      input: JSON.parse(meta.input),
      roleArn: meta.roleArn,
    });
    // The interpreter starts while ExecutionStarted is being written: whatever it does outside awaits a
    // later flush, which the log runs after this one, so only the caller waits for this write.
    const started = this.log.flush();
    // The machine's TimeoutSeconds, or AWS's own limit: a Standard execution runs for at most a year.
    const timeoutMs = Math.min(this.machine.timeoutSeconds === undefined ? Infinity : this.machine.timeoutSeconds * 1000, STANDARD_MAX_DURATION_MS);
    this.timeout = this.env.setTimer(meta.startDate + timeoutMs, () => {
      void this.end('ExecutionTimedOut', {
        error: States.Timeout,
        cause:
          timeoutMs === STANDARD_MAX_DURATION_MS
            ? 'The execution exceeded the maximum duration of a Standard execution (one year)'
            : `The execution exceeded its TimeoutSeconds of ${this.machine.timeoutSeconds}`,
      });
    });
    this.running = this.run(root);
    await started;
  }

  private async run(root: Thread): Promise<void> {
    const { activity } = this.env;
    activity.enter();
    try {
      const output = await runMachine(this.machine, root, JSON.parse(this.meta.input), new VariableScope());
      await this.end('ExecutionSucceeded', { output });
    } catch (error) {
      if (error instanceof Cancelled) return;
      const failure = asStatesError(error);
      await this.end('ExecutionFailed', {
        ...(failure.error && { error: failure.error }),
        ...(failure.causeText && { cause: failure.causeText }),
      });
    } finally {
      activity.leave();
    }
  }

  /** StopExecution. */
  stop(error?: string, cause?: string): Promise<HistoryEvent | undefined> {
    return this.end('ExecutionAborted', { ...(error !== undefined && { error }), ...(cause !== undefined && { cause }) });
  }

  /** Stops the interpreter without recording anything, for a runtime shutdown; a restart resumes it. */
  async halt(): Promise<void> {
    this.timeout?.cancel();
    this.cancellation.cancel();
    await this.running;
    await this.log.close();
  }

  /** Records the terminal event (once) and cancels whatever still runs. */
  private async end(type: string, details: Record<string, unknown>): Promise<HistoryEvent | undefined> {
    if (this.log.terminal || this.cancellation.cancelled) return this.log.terminal;
    this.timeout?.cancel();
    this.cancellation.cancel();
    const event = this.log.append(type, 'execution:end', this.log.lastEvent?.id ?? 0, this.env.clock.now(), details);
    // Nothing more is written: release the file.
    await this.log.close();
    return event;
  }
}

/** The task a token names, still waiting for it; the API's errors otherwise. */
export async function findWaiter(executions: ReadonlyMap<string, Execution>, token: unknown): Promise<TokenWaiter> {
  const decoded = typeof token === 'string' ? decodeToken(token) : undefined;
  if (!decoded) throw new ApiError('InvalidToken', 'Invalid Token: the task token is malformed');
  const execution = executions.get(decoded.executionArn);
  if (!execution) throw new ApiError('TaskDoesNotExist', 'Task Does Not Exist');
  const waiter = await execution.waiter(token as string, decoded.taskKey);
  if (!waiter || waiter.settled) throw new ApiError('TaskTimedOut', 'Task Timed Out: the task is no longer waiting for this token');
  return waiter;
}
