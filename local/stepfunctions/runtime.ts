/**
 * The local Step Functions runtime as a library: start it on a data directory, register Lambda
 * handlers, use the endpoint with `@aws-sdk/client-sfn`, wait for it to be idle, stop it.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApiServer } from './api.js';
import { lockDataDirectory } from './data-lock.js';
import { type Clock, type IdSource, SystemClock, systemIds, VirtualClock } from './clock.js';
import { type FunctionOptions, type FunctionRegistration, type LambdaHandler, LocalFunctions } from './lambda.js';
import { StepFunctionsService } from './service.js';
import { Activity } from './thread.js';

export interface StartOptions {
  /** Where state machines and execution histories are kept; a restart on it resumes running executions. */
  dataDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  clock?: Clock;
  ids?: IdSource;
  /** Local Lambda functions by name. */
  functions?: Record<string, FunctionRegistration>;
  accountId?: string;
  region?: string;
}

export class LocalStepFunctions {
  private readonly detachClock: (() => void) | undefined;

  private constructor(
    private readonly unlock: () => void,
    private readonly server: Server,
    private readonly service: StepFunctionsService,
    private readonly functions: LocalFunctions,
    private readonly activity: Activity,
    /** `http://<host>:<port>`, for the SDK's `endpoint` or the CLI's `--endpoint-url`. */
    readonly endpoint: string,
    clock: Clock,
  ) {
    this.detachClock = clock instanceof VirtualClock ? clock.onSettle(() => this.idle()) : undefined;
  }

  /** Starts the runtime: loads the data directory, resumes running executions, listens. */
  static async start(options: StartOptions): Promise<LocalStepFunctions> {
    const unlock = lockDataDirectory(options.dataDir);
    const clock = options.clock ?? new SystemClock();
    const functions = new LocalFunctions(clock);
    for (const [name, registration] of Object.entries(options.functions ?? {})) functions.register(name, registration);
    const activity = new Activity();
    const service = new StepFunctionsService(options.dataDir, {
      clock,
      ids: options.ids ?? systemIds,
      functions,
      activity,
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? '123456789012',
    });
    const server = createApiServer(service);
    const host = options.host ?? '127.0.0.1';
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, host, () => resolve());
      });
    } catch (error) {
      unlock();
      throw error;
    }
    const { port } = server.address() as AddressInfo;
    const runtime = new LocalStepFunctions(unlock, server, service, functions, activity, `http://${host}:${port}`, clock);
    // Resume after listening: a resumed Lambda handler may call the API.
    try {
      await service.load();
    } catch (error) {
      await runtime.stop();
      throw error;
    }
    return runtime;
  }

  /** Registers (or replaces) a local Lambda function. */
  registerFunction(name: string, handler: LambdaHandler, options?: FunctionOptions): void {
    this.functions.register(name, handler, options);
  }

  /**
   * The tasks waiting for a task token, oldest first, for tests and tools that answer them directly
   * (in production the token reaches the outside only through the Lambda that receives it).
   */
  waitingTasks(executionArn?: string): Array<{ executionArn: string; stateName: string; token: string }> {
    return [...this.service.executions.values()]
      .filter((e) => executionArn === undefined || e.meta.executionArn === executionArn)
      .flatMap((e) => e.waitingTasks().map((task) => ({ executionArn: e.meta.executionArn, ...task })));
  }

  /**
   * Resolves when no execution has runnable work: every one is finished or waits on a task token or a
   * timer, and its history is on disk.
   */
  async idle(): Promise<void> {
    // Settled means so for two turns of the event loop running: work queued by the last one gets a turn.
    for (let quietTurns = 0; quietTurns < 2; ) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!this.activity.idle) {
        quietTurns = 0;
        // Woken when the last thread stops running, not by polling: no latency added to the end of a run.
        await this.activity.whenIdle();
        continue;
      }
      const unwritten = [...this.service.executions.values()].filter((e) => !e.log.settled);
      quietTurns = unwritten.length === 0 ? quietTurns + 1 : 0;
      await Promise.all(unwritten.map((e) => e.log.flush()));
    }
  }

  /** Stops listening and halts every execution without recording anything; a restart resumes them. */
  async stop(): Promise<void> {
    this.detachClock?.();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    await this.service.halt();
    this.unlock();
  }
}
