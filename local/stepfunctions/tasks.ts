/**
 * One attempt of a Task state: `lambda:invoke` (the result is Lambda's invoke response) and
 * `lambda:invoke.waitForTaskToken` (the Lambda gets the token; the result is what SendTaskSuccess sends).
 * TimeoutSeconds and HeartbeatSeconds run on absolute due times derived from recorded events, so they
 * survive a restart. A Lambda in flight at a crash is invoked again (at least once, as on AWS).
 */
import type { TaskState } from './asl.js';
import type { Timer } from './clock.js';
import { States, StatesError } from './errors.js';
import type { HistoryEvent } from './history.js';
import type { StateRun } from './state-run.js';
import { Cancelled, type Thread } from './thread.js';

/** Task tokens name their execution and task, so the API can find them; the nonce makes them unguessable. */
export function encodeToken(executionArn: string, key: string, nonce: string): string {
  return Buffer.from(JSON.stringify({ e: executionArn, k: key, n: nonce })).toString('base64url');
}

/** The execution ARN and task key a token names, or undefined for a malformed token. */
export function decodeToken(token: string): { executionArn: string; taskKey: string } | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { e?: unknown; k?: unknown };
    if (typeof decoded.e !== 'string' || typeof decoded.k !== 'string') return undefined;
    return { executionArn: decoded.e, taskKey: decoded.k };
  } catch {
    return undefined;
  }
}

export async function runTaskAttempt(run: StateRun<TaskState>, attempt: number): Promise<unknown> {
  const { state, thread } = run;
  const { env } = thread;
  const label = `a${attempt}`;
  const waitForToken = state.resource.waitForTaskToken;
  const timeout = await run.integer(state.timeoutSeconds, 'TimeoutSeconds', 1);
  const heartbeat = await run.integer(state.heartbeatSeconds, 'HeartbeatSeconds', 1);
  const token = waitForToken
    ? thread.record(() => encodeToken(String(env.context.Execution.Id), thread.key(label), env.ids.uuid()))
    : undefined;
  run.taskToken = token;
  const args = await run.evaluate(state.arguments ?? { kind: 'literal', value: {} }, 'Arguments');
  const { functionName, payload } = lambdaArguments(args, state.name);

  const done = thread.recorded(`${label}:outcome`);
  if (done) return resultOf(done);
  const resource = waitForToken ? 'invoke.waitForTaskToken' : 'invoke';
  const scheduled = thread.emit(`${label}:scheduled`, 'TaskScheduled', {
    resourceType: 'lambda',
    resource,
    region: env.region,
    parameters: args,
    ...(timeout !== undefined && { timeoutInSeconds: timeout }),
    ...(heartbeat !== undefined && { heartbeatInSeconds: heartbeat }),
  });
  thread.emit(`${label}:started`, 'TaskStarted', { resourceType: 'lambda', resource });

  const pending = new PendingTask(thread, state.name, label, resource);
  if (timeout !== undefined) pending.timeoutAt(scheduled.timestamp + timeout * 1000, States.Timeout);
  if (heartbeat !== undefined) pending.heartbeatEvery(heartbeat * 1000, env.log.lastHeartbeat(thread.key(label)) ?? scheduled.timestamp);
  if (token !== undefined) env.tokens.set(token, pending);
  try {
    await env.log.flush();
    // Not when the task has already ended (a timeout already past, an answer during the flush) or, with
    // a token, when the Lambda had already handed it on before a restart.
    if (!pending.settled && !(waitForToken && thread.recorded(`${label}:submitted`))) {
      void invoke(pending, { functionName, payload, waitForToken });
    }
    const outcome = await thread.block(pending.outcome);
    // Nothing after the task may happen before its outcome is on disk, or a crash could run it twice.
    await env.log.flush();
    return resultOf(outcome);
  } finally {
    pending.dispose();
    if (token !== undefined) env.tokens.delete(token);
  }
}

/** Invokes the Lambda and settles the task with its result (or, with a token, records the submission). */
async function invoke(pending: PendingTask, call: { functionName: string; payload: unknown; waitForToken: boolean }): Promise<void> {
  const { env } = pending.thread;
  // Busy until the handler returns or the task no longer waits for it (e.g. it timed out).
  let busy = true;
  const release = (): void => {
    if (busy) env.activity.leave();
    busy = false;
  };
  env.activity.enter();
  void pending.outcome.then(release);
  try {
    const invoked = await env.functions.invoke({
      functionName: call.functionName,
      payload: call.payload,
      requestId: env.ids.uuid(),
      region: env.region,
      accountId: env.accountId,
    });
    if (pending.settled) return;
    if (!invoked.ok) await pending.settle('TaskFailed', { error: invoked.error, cause: invoked.cause });
    else if (call.waitForToken) pending.submitted(invoked.output);
    else await pending.succeed(invoked.output);
  } catch (error) {
    if (!(error instanceof Cancelled)) throw error;
  } finally {
    release();
  }
}

function lambdaArguments(args: unknown, stateName: string): { functionName: string; payload: unknown } {
  const fields = (args ?? {}) as Record<string, unknown>;
  if (typeof fields.FunctionName !== 'string') {
    throw new StatesError(States.Runtime, `The Arguments of state '${stateName}' must have a FunctionName string`);
  }
  // Lambda hands an invocation without a payload to the handler as {}.
  return { functionName: fields.FunctionName, payload: fields.Payload ?? {} };
}

function resultOf(event: HistoryEvent): unknown {
  const details = event.details ?? {};
  if (event.type === 'TaskSucceeded') return details.output;
  throw new StatesError(String(details.error ?? States.TaskFailed), String(details.cause ?? ''));
}

/**
 * A task attempt waiting for its outcome: the Lambda's result, SendTaskSuccess/Failure, or a timeout.
 * The first outcome wins; it is recorded, and the promise the caller (e.g. the API) gets resolves once
 * it is durable.
 */
class PendingTask {
  settled = false;
  readonly outcome: Promise<HistoryEvent>;
  private resolve!: (event: HistoryEvent) => void;
  private timeout: Timer | undefined;
  private heartbeatTimer: Timer | undefined;
  private heartbeatMs = 0;

  constructor(
    readonly thread: Thread,
    readonly stateName: string,
    private readonly label: string,
    private readonly resource: string,
  ) {
    this.outcome = new Promise((resolve) => (this.resolve = resolve));
  }

  timeoutAt(dueAt: number, error: string): void {
    this.timeout = this.thread.env.setTimer(dueAt, () => void this.settle('TaskTimedOut', { error, cause: '' }).catch(ignoreCancelled));
  }

  heartbeatEvery(ms: number, last: number): void {
    this.heartbeatMs = ms;
    this.heartbeatTimer?.cancel();
    this.heartbeatTimer = this.thread.env.setTimer(last + ms, () =>
      void this.settle('TaskTimedOut', { error: States.HeartbeatTimeout, cause: '' }).catch(ignoreCancelled),
    );
  }

  succeed(output: unknown): Promise<void> {
    return this.settle('TaskSucceeded', { output });
  }

  fail(error: string, cause: string): Promise<void> {
    return this.settle('TaskFailed', { error, cause });
  }

  async heartbeat(): Promise<void> {
    const { env } = this.thread;
    const now = env.clock.now();
    env.log.heartbeat(this.thread.key(this.label), now);
    if (this.heartbeatMs > 0) this.heartbeatEvery(this.heartbeatMs, now);
    await env.log.flush();
  }

  submitted(output: unknown): void {
    this.thread.emit(`${this.label}:submitted`, 'TaskSubmitted', {
      resourceType: 'lambda',
      resource: this.resource,
      output,
    });
  }

  settle(type: string, details: Record<string, unknown>): Promise<void> {
    if (this.settled) return Promise.resolve();
    this.settled = true;
    this.dispose();
    const event = this.thread.emit(`${this.label}:outcome`, type, { resourceType: 'lambda', resource: this.resource, ...details });
    this.resolve(event);
    return this.thread.env.log.flush();
  }

  dispose(): void {
    this.timeout?.cancel();
    this.heartbeatTimer?.cancel();
  }
}

function ignoreCancelled(error: unknown): void {
  if (!(error instanceof Cancelled)) throw error;
}
