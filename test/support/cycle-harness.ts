/**
 * A whole cycle on one machine, for tests: the real state machine (workflows/cycle.asl.json) on the local
 * Step Functions runtime with a virtual clock, the real handlers of the function catalog, DynamoDB Local
 * and the SES emulator. Handlers find the services through the environment, as they do on Lambda.
 */
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { actOnLink, type ActResult } from '../../functions/cycle/actions.js';
import { startCycle } from '../../functions/cycle/admin.js';
import { sharedDeps, type CycleDeps } from '../../functions/shared/deps.js';
import { sweep } from '../../functions/cycle/scheduler.js';
import { drainOutbox, type DrainReport } from '../../functions/mail/drain.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { LocalStepFunctions, VirtualClock } from '../../local/stepfunctions/index.js';
import { catalogFunctions, createCycleMachine } from './cycle-machine.js';
import { readMail, type ReceivedMail } from '../../local/services/ses.js';
import { createTestStore } from './store.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** What a harness needs of the runtime, in this process or in a child one (test/cycle/crash-cycle-child.ts). */
export interface RuntimeDriver {
  /** The virtual time, epoch milliseconds. */
  now(): number;
  /** Moves the virtual clock, letting every timer and the work it starts run, until the runtime is idle. */
  advanceTo(ms: number): Promise<void>;
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Points the handlers (and this process's shared dependencies) at the local services, as Lambda's environment does. */
export function useLocalServices(tableName: string, stepFunctionsEndpoint: string, stateMachineArn: string): void {
  Object.assign(process.env, {
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
    SES_ENDPOINT: inject('sesEndpoint'),
    STEPFUNCTIONS_ENDPOINT: stepFunctionsEndpoint,
    STATE_MACHINE_ARN: stateMachineArn,
    PUBLIC_URL: 'http://thidua.test',
    MAIL_FROM: 'Thi đua <no-reply@thidua.test>',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
}

export class CycleHarness {
  private constructor(
    readonly deps: CycleDeps,
    private readonly runtime: RuntimeDriver,
  ) {}

  /** Starts the runtime at `startAt` with every catalog function registered, and the state machine created. */
  static async start(startAt: string): Promise<CycleHarness> {
    const store = await createTestStore();
    const clock = new VirtualClock(Date.parse(startAt));
    const dataDir = await mkdtemp(join(tmpdir(), 'thidua-sfn-'));
    const runtime = await LocalStepFunctions.start({ dataDir, clock, functions: await catalogFunctions(), region: 'ap-southeast-1' });
    const sfn = new SFNClient({ endpoint: runtime.endpoint, region: 'ap-southeast-1', credentials });
    useLocalServices(store.tableName, runtime.endpoint, await createCycleMachine(sfn));
    const driver: RuntimeDriver = {
      now: () => clock.now(),
      advanceTo: async (ms) => {
        await clock.advanceTo(ms);
        await runtime.idle();
      },
      idle: () => runtime.idle(),
      stop: async () => {
        await runtime.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
    return new CycleHarness(sharedDeps(), driver);
  }

  /** A harness on a runtime run elsewhere (a child process), once useLocalServices points at it. */
  static over(runtime: RuntimeDriver): CycleHarness {
    return new CycleHarness(sharedDeps(), runtime);
  }

  now(): Date {
    return new Date(this.runtime.now());
  }

  /** Waits until the workflow has settled: no execution has work it can do before the next timer. */
  idle(): Promise<void> {
    return this.runtime.idle();
  }

  async startCycle(config: CycleConfig): Promise<{ cycleId: string; executionArn: string }> {
    const started = await startCycle(this.deps, config, { actor: 'admin:admin@thidua.test', at: this.now() });
    await this.runtime.idle();
    return started;
  }

  /** Moves the virtual clock to an instant, letting every timer and the work it starts run. */
  async advanceTo(iso: string): Promise<void> {
    await this.runtime.advanceTo(Date.parse(iso));
  }

  /**
   * Runs the scheduled sweep at the current virtual time, lets the workflow settle, then sends what it
   * queued, as the drainer that follows every function does: a day's reminders are in the mailbox before
   * the clock moves to the next day, as they would be in a real day.
   */
  async sweep() {
    const report = await sweep(this.deps, this.now());
    await this.runtime.idle();
    await this.drain();
    return report;
  }

  /** Every email sent to an address, oldest first, once the outbox's drainer has sent what was queued. */
  async mailTo(address: string): Promise<ReceivedMail[]> {
    await this.drain();
    return readMail(inject('sesEndpoint'), { recipient: address });
  }

  private drains: Promise<unknown> = Promise.resolve();

  /**
   * One run of the outbox's drainer at the current virtual time (as its schedule would start it), after
   * any run already asked for: one drainer at a time, as its reserved concurrency of 1 makes it on AWS.
   */
  drain(): Promise<DrainReport> {
    const run = this.drains.then(() => drainOutbox(this.deps.mailer, { rate: 200, startedAt: this.now(), budgetMs: 30_000 }));
    this.drains = run.catch(() => undefined);
    return run;
  }

  /** The link id of the newest email to `address` whose subject matches. */
  async linkFor(address: string, subject: RegExp): Promise<string> {
    const mail = (await this.mailTo(address)).filter((m) => subject.test(m.subject)).at(-1);
    const id = mail?.body.text?.match(/\/l\/([A-Za-z0-9_-]{43})/)?.[1];
    if (!id) throw new Error(`no email to ${address} matching ${subject} with a link; failures so far: ${JSON.stringify(await this.failures())}`);
    return id;
  }

  /** A link's page as its holder opens it (the GET the link pages answer), at the current virtual time. */
  async page(linkId: string, query?: Record<string, string>): Promise<string> {
    // Imported here: the pages' templates are needed by the few tests that read a page, not by every cycle test.
    const { showLink } = await import('../../functions/web/link-pages.js');
    const event = { headers: {}, pathParameters: { id: linkId }, ...(query ? { queryStringParameters: query } : {}), requestContext: { http: { method: 'GET', sourceIp: '127.0.0.1', userAgent: 'vitest' }, timeEpoch: this.now().getTime() } };
    return String((await showLink(this.deps, event as unknown as Parameters<typeof showLink>[1])).body);
  }

  /** The files page a link opens (`/l/{id}/files`), as its holder sees it. */
  async filesPage(linkId: string): Promise<string> {
    const { filesPage } = await import('../../functions/web/files.js');
    const event = { headers: {}, pathParameters: { id: linkId }, requestContext: { http: { method: 'GET', sourceIp: '127.0.0.1', userAgent: 'vitest' }, timeEpoch: this.now().getTime() } };
    return String((await filesPage(this.deps, event as unknown as Parameters<typeof filesPage>[1])).body);
  }

  /** Acts on a link as its holder would, at the current virtual time, then lets the workflow settle. */
  async act(linkId: string, data: unknown, options: { intent?: 'draft' | 'submit'; formVersion?: number } = {}): Promise<ActResult> {
    const result = await actOnLink(this.deps, { linkId, data, intent: options.intent ?? 'submit', formVersion: options.formVersion, at: this.now() });
    await this.runtime.idle();
    return result;
  }

  async execution(executionArn: string) {
    return this.deps.sfn.send(new DescribeExecutionCommand({ executionArn }));
  }

  /** The task failures recorded in every execution's history, for a failing test's message. */
  async failures(): Promise<unknown[]> {
    const { executions = [] } = await this.deps.sfn.send(new ListExecutionsCommand({ stateMachineArn: this.deps.stateMachineArn }));
    const found: unknown[] = [];
    for (const { executionArn } of executions) {
      const { events = [] } = await this.deps.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
      found.push(...events.filter((e) => /Failed|TimedOut/.test(e.type ?? '')).map((e) => ({ type: e.type, ...(e.taskFailedEventDetails ?? e.executionFailedEventDetails ?? {}) })));
    }
    return found;
  }

  /** How many history events the execution has recorded. */
  async historyLength(executionArn: string): Promise<number> {
    let count = 0;
    let nextToken: string | undefined;
    do {
      const page = await this.deps.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
      count += page.events?.length ?? 0;
      nextToken = page.nextToken;
    } while (nextToken);
    return count;
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
  }
}
