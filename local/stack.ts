/**
 * The embedded stack (SPEC §6): DynamoDB Local, the SES emulator with its mail viewer, the S3-compatible
 * server holding the dossier's files, the local Step
 * Functions runtime running workflows/cycle.asl.json with the catalog's handlers, the scheduled sweep, and
 * the HTTP server in front of the catalog's HTTP functions, all on one clock. Used by `npm start`, by
 * tests, by the demo and by benchmarks. Handlers find the services through the environment, as on Lambda.
 */
import { join, resolve } from 'node:path';
import { FUNCTIONS } from '../functions/catalog.js';
import { logger } from '../functions/shared/logger.js';
import { createStore, type Store } from '../functions/store/client.js';
import { lockDataDir } from './data-dir.js';
import { OffsetClock } from './clock.js';
import { hasNoBlocs, seedDemoData } from './demo/index.js';
import { carrySessionsOver } from './demo/sessions.js';
import { demoTools } from './demo/tools.js';
import { catalogFunctions, runMigrations } from './functions.js';
import { startHttpServer } from './http-server.js';
import { ensureTable, startDynamoDbLocal, type RunningService } from './services/dynamodb.js';
import { reservePort } from './services/process.js';
import { startS3Server } from './services/s3.js';
import { startSesEmulator } from './services/ses.js';
import { startSesEventDelivery } from './ses-events.js';
import { startSweeper } from './sweeper.js';
import { startDrainer, type LocalDrainer } from './drainer.js';
import { watchQueuedMail } from './queued-mail.js';
import { LocalStepFunctions } from './stepfunctions/index.js';
import { ACCOUNT, REGION, STATE_MACHINE, createOrUpdateStateMachine, javaOptionsOf, type DynamoDbJvm, notReady, releaseWhatTheLastRunHeld, signInLink, startedTogether } from './stack-parts.js';

/** Powertools' log levels (an unknown one in the environment is left to Powertools' own warning). */
const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'];

/** The outbox's drainer, which queues nothing for itself (it retries within its run). */
const DRAINER = 'drain-outbox';

export interface LocalStackOptions {
  /**
   * Where DynamoDB (`dynamodb/`), the workflow histories (`stepfunctions/`), the mail (`mail.jsonl`, and
   * `mail.delivered`: how much of it SES's Send events have reported), the dossier's files (`s3/`) and the
   * clock offset (`clock.json`) live.
   */
  dataDir: string;
  /** HTTP port; 0 picks a free one. */
  port?: number;
  /** Interface to bind every service to; loopback by default (nothing here has real authentication). */
  host?: string;
  /** The address in emailed links; the HTTP server's own by default. */
  publicUrl?: string;
  /** The `/_local` demo tools (clock jumps, admin sign-in links for anyone on this machine); off by default. */
  demoTools?: boolean;
  /** DynamoDB and the mail in memory (tests): nothing survives a stop. */
  inMemory?: boolean;
  /** Loads the demo bloc into an empty table; on by default. */
  seed?: boolean;
  /** Admins allowed to sign in; the first gets the sign-in link. */
  adminEmails?: string[];
  /**
   * Fixed ports for the services. A restart within one process must reuse every port, the HTTP one
   * included: handlers build their clients once per process (as once per Lambda container) from the
   * environment the first start set.
   */
  ports?: Partial<Record<'dynamodb' | 'ses' | 'stepfunctions' | 's3', number>>;
  tableName?: string;
  /**
   * SES's MaxSendRate in the emulator (messages a second), which the outbox's drainer reads and keeps to;
   * SES's default for a new production account, 14, when omitted. The benchmarks set a province's raised rate.
   */
  mailSendRate?: number;
  /**
   * DynamoDB Local's JVM: `fast-start` (C1 only, serial GC: ready about a third sooner, the default) or
   * `throughput` (C2 included, serial GC: slower to warm up, then fewer CPU seconds per request; for long
   * runs such as the province drill), or JVM options of the caller's (benchmarks comparing them).
   */
  dynamoDbJvm?: DynamoDbJvm;
  /** Where progress and handler failures are written; console.error by default. */
  log?: (message: string, error?: unknown) => void;
}

export interface LocalStack {
  /** The web pages (http://localhost:3000). */
  url: string;
  publicUrl: string;
  /** The SES emulator's mail viewer, which is also its SES endpoint. */
  mailViewerUrl: string;
  /** `${publicUrl}/signin/<id>`: a fresh single-use sign-in link for the first admin. */
  adminSignInUrl: string;
  /** `${url}/_local`, when the demo tools are on. */
  demoToolsUrl?: string;
  endpoints: { dynamodb: string; ses: string; stepfunctions: string; s3: string };
  ports: { http: number; dynamodb: number; ses: number; stepfunctions: number; s3: number };
  /** The dossier files' bucket on the S3 endpoint. */
  filesBucket: string;
  stateMachineArn: string;
  tableName: string;
  store: Store;
  clock: OffsetClock;
  runtime: LocalStepFunctions;
  /** Whether this start loaded the demo data (an empty table). */
  seeded: boolean;
  /** Milliseconds from the call to ready. */
  startedInMs: number;
  /** Runs the sweep now, at the clock's time. */
  sweep(): Promise<void>;
  /** Jumps the clock forward and waits until the workflows and the sweep have settled; returns the new time. */
  advanceClock(to: number): Promise<number>;
  /** Resolves when no workflow and no sweep has work in hand. */
  idle(): Promise<void>;
  /** Stops every service and child process, and waits for them; a later start on the same data resumes. */
  stop(): Promise<void>;
}


/** Starts the whole stack; resolves when `GET /health` answers 200. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const began = performance.now();
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const dataDir = resolve(options.dataDir);
  const host = options.host ?? '127.0.0.1';
  const releaseLock = await lockDataDir(dataDir);
  const clock = new OffsetClock(join(dataDir, 'clock.json'));
  // Mail queued by a function goes out right after it, paced by the drainer; after a scheduled function too
  // (the sweep: the clock moved, so a retry or a dead claim's lease may be due), but the drainer itself.
  let drainer: LocalDrainer | undefined;
  const queuedMail = watchQueuedMail();
  const functions = catalogFunctions({
    afterInvocation: (invocation, spec) => void (spec.name !== DRAINER && (spec.schedule || queuedMail.queuedBy(invocation)) ? drainer?.kick() : undefined),
  });
  // What to stop, newest first; a part that finishes starting after a failure is stopped at once.
  const stoppers: Array<() => Promise<void>> = [];
  let stopping = false;
  const onStop = (stop: () => Promise<void>): void => {
    if (stopping) void stop().catch(() => undefined);
    else stoppers.push(stop);
  };
  const stopAll = async () => {
    stopping = true;
    for (const stop of stoppers.splice(0).reverse()) await stop().catch((error: unknown) => log('stopping the local stack', error));
  };
  let ready = false;
  let tools: ReturnType<typeof demoTools> | undefined;

  try {
    onStop(releaseLock);
    onStop(async () => queuedMail.stop());
    const http = await startHttpServer({
      port: options.port ?? 0,
      host,
      clock,
      functions: FUNCTIONS.filter((f) => f.routes).map((f) => ({ name: f.name, routes: f.routes!, timeoutSeconds: f.timeoutSeconds, load: functions.load(f) })),
      ready: () => ready,
      own: (request, body, response) => (tools ? tools.handle(request, body, response) : notReady(ready, response)),
      log,
    });
    let httpStopped: Promise<void> | undefined;
    const stopHttp = () => (httpStopped ??= http.stop());
    onStop(stopHttp);
    const url = http.url.replace('127.0.0.1', 'localhost');
    const publicUrl = (options.publicUrl ?? url).replace(/\/$/, '');

    const sesRecords = join(dataDir, options.inMemory ? 'ses-events.jsonl' : 'mail.jsonl');
    const filesBucket = 'thidua-files';
    const [dynamodb, ses, s3] = await startedTogether<[RunningService, RunningService, RunningService]>(onStop, [
      startDynamoDbLocal({ port: options.ports?.dynamodb, host, ...javaOptionsOf(options.dynamoDbJvm), ...(options.inMemory ? {} : { dataDir: join(dataDir, 'dynamodb') }) }),
      startSesEmulator({ port: options.ports?.ses, host, ...(options.mailSendRate === undefined ? {} : { maxSendRate: options.mailSendRate }), ...(options.inMemory ? { eventsFile: sesRecords } : { mailFile: sesRecords }) }),
      startS3Server({ directory: join(dataDir, 's3'), bucket: filesBucket, port: options.ports?.s3, host, corsOrigins: [publicUrl], resetOnStop: options.inMemory ?? false }),
    ]);
    // Held until the runtime listens: its endpoint goes into the handlers' environment long before.
    const sfnReserved = options.ports?.stepfunctions === undefined ? await reservePort(host) : undefined;
    onStop(async () => sfnReserved?.release());
    const sfnPort = options.ports?.stepfunctions ?? sfnReserved!.port;
    const tableName = options.tableName ?? 'thidua';
    await ensureTable(dynamodb.endpoint, tableName);

    const stepfunctionsEndpoint = `http://${host}:${sfnPort}`;
    const stateMachineArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${STATE_MACHINE}`;
    const adminEmails = options.adminEmails ?? ['admin@thidua.local'];
    // Before the runtime resumes anything: a resumed handler reads its configuration from here.
    Object.assign(process.env, {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamodb.endpoint,
      SES_ENDPOINT: ses.endpoint,
      STEPFUNCTIONS_ENDPOINT: stepfunctionsEndpoint,
      S3_ENDPOINT: s3.endpoint,
      FILES_BUCKET: filesBucket,
      STATE_MACHINE_ARN: stateMachineArn,
      PUBLIC_URL: publicUrl,
      MAIL_FROM: process.env.MAIL_FROM ?? 'Thi đua <no-reply@thidua.local>',
      ADMIN_EMAILS: adminEmails.join(','),
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    });
    // The root logger read the level when this module's imports made it; the areas' loggers, made as each
    // handler is first imported, take it from the root.
    const level = process.env.POWERTOOLS_LOG_LEVEL!.toUpperCase();
    if (LOG_LEVELS.includes(level)) logger.setLogLevel(level as Parameters<typeof logger.setLogLevel>[0]);

    const store = createStore({ endpoint: dynamodb.endpoint, tableName });
    onStop(async () => store.doc.destroy());
    // SES's Send events of the last run first: what SES accepted before a kill is recorded as sent
    // before a resumed workflow or the sweep could send it again.
    const sesEvents = await startSesEventDelivery({
      recordFile: sesRecords,
      ...(options.inMemory ? {} : { positionFile: join(dataDir, 'mail.delivered') }),
      invoker: functions.invoker,
      functionName: FUNCTIONS.find((f) => f.mailEvents)!.name,
      account: { region: REGION, accountId: ACCOUNT },
      now: () => clock.now(),
      log,
    });
    onStop(sesEvents.stop);
    await sesEvents.drain();
    await releaseWhatTheLastRunHeld(store, new Date(clock.now()));
    // The data migrations, as a deploy runs them on AWS: a data directory of an earlier release is brought up to this one.
    await runMigrations(functions.invoker, clock.now(), { region: REGION, accountId: ACCOUNT });
    // The runtime (resuming executions) and the demo data only share the table: side by side.
    await sfnReserved?.release();
    const [runtime, { seeded, adminSignInUrl }] = await Promise.all([
      LocalStepFunctions.start({
        dataDir: join(dataDir, 'stepfunctions'),
        port: sfnPort,
        host,
        clock,
        functions: functions.workflowRegistrations(),
        region: REGION,
        accountId: ACCOUNT,
      }).then(async (started) => {
        onStop(() => started.stop());
        await createOrUpdateStateMachine(stepfunctionsEndpoint);
        return started;
      }),
      (async () => ({
        seeded: options.seed !== false && (await hasNoBlocs(store)) && (await seedDemoData(store, new Date(clock.now()))),
        adminSignInUrl: await signInLink(store, publicUrl, adminEmails[0]!, clock.now()),
      }))(),
    ]);

    const sweeper = startSweeper(clock, functions.invoker, log, { region: REGION, accountId: ACCOUNT }, sesEvents.drain);
    onStop(sweeper.stop);
    const localDrainer = startDrainer(clock, functions.invoker, log, { region: REGION, accountId: ACCOUNT }, sesEvents.drain);
    drainer = localDrainer;
    onStop(localDrainer.stop);
    void localDrainer.kick(); // what the last run queued and did not send
    // The sweep first: what it answers (a missed deadline) sets the workflows going again; then the mail they queued.
    const settle = async () => {
      await sweeper.idle();
      await runtime.idle();
      await localDrainer.idle();
    };
    const detach = clock.onSettle(settle);
    onStop(async () => {
      detach();
      clock.close();
    });

    const stack: LocalStack = {
      url,
      publicUrl,
      mailViewerUrl: `${ses.endpoint}/`,
      adminSignInUrl,
      ...(options.demoTools === true ? { demoToolsUrl: `${url}/_local` } : {}),
      endpoints: { dynamodb: dynamodb.endpoint, ses: ses.endpoint, stepfunctions: stepfunctionsEndpoint, s3: s3.endpoint },
      ports: { http: http.port, dynamodb: dynamodb.port, ses: ses.port, stepfunctions: sfnPort, s3: s3.port },
      filesBucket,
      stateMachineArn,
      tableName,
      store,
      clock,
      runtime,
      seeded,
      startedInMs: 0,
      sweep: () => sweeper.run(),
      advanceClock: async (to) => {
        const before = clock.now();
        const now = await clock.advanceTo(to);
        await carrySessionsOver(store, now - before);
        await sweeper.run();
        await settle();
        return now;
      },
      idle: settle,
      stop: async () => {
        ready = false;
        await stopHttp(); // no request may reach a service that is stopping
        await stopAll();
      },
    };
    if (options.demoTools === true) {
      tools = demoTools({ store, clock, advance: stack.advanceClock, idle: settle, newSignInLink: () => signInLink(store, publicUrl, adminEmails[0]!, clock.now()), hosts: [new URL(publicUrl).host] });
    }
    ready = true;
    stack.startedInMs = Math.round(performance.now() - began);
    // Import the page handlers now rather than on the first click; a module not written yet stays lazy.
    for (const spec of FUNCTIONS.filter((f) => f.routes)) functions.load(spec)().catch(() => undefined);
    return stack;
  } catch (error) {
    await stopAll();
    throw error;
  }
}
