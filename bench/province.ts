/**
 * The province drill: a province's blocs (40 × 25 units by default) through whole cycles, driven through
 * the HTTP API of a local stack exactly as `npm run demo` drives it, with the units of every bloc acting
 * side by side through a pool of `concurrency` requests. Measures the wall time, each endpoint's latency,
 * the emails sent, the DynamoDB writes (counted on the client side), the state transitions (from each
 * execution's history), and in the same run DynamoDB Local's raw PutItem rate at the same concurrency.
 */
import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMail } from '../local/services/ses.js';
import { DemoClient, type CallTiming } from '../local/simulate/client.js';
import { simulate } from '../local/simulate/simulate.js';
import { startLocalStack, type LocalStackOptions } from '../local/stack.js';
import { meterDynamoDb, rawPutRate, type OriginUsage } from './dynamodb.js';
import { childrenCpu, childrenCpuSince } from './cpu.js';
import { asPart, stallsDuring, watchEventLoop, type LoopFigures } from './event-loop.js';

export interface EndpointLatency {
  route: string;
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface ProvinceDrill {
  blocs: number;
  units: number;
  /** Requests in flight at once, for the drill and for the raw PutItem rate alike. */
  concurrency: number;
  wallSeconds: number;
  submitP50Ms: number;
  submitP99Ms: number;
  /** POST /api/links/{id} answered per second of time during which submissions were in flight. */
  submitPerSecond: number;
  rawPutPerSecond: number;
  /** submitPerSecond / rawPutPerSecond. */
  submitToRawPut: number;
  emails: number;
  /** Items written, as DynamoDB bills them. */
  ddbWrites: number;
  ddbWriteRequests: number;
  /** `…StateEntered` events of every execution, as Step Functions bills transitions. */
  transitions: number;
  /** Each route's and function's invocations, time and DynamoDB requests during the drill. */
  usage: OriginUsage[];
  /**
   * DynamoDB requests of one submission with its email and workflow step: the form's GET and the POST
   * (both mean of all link actions), one await-response (the wait it answers) and one mail-events (its receipt).
   */
  requestsPerSubmission: number;
  /**
   * DynamoDB requests of the outbox's drainer per email it sent (its listings shared by the batch, each
   * item's claim and record); the emails of the cycle sent this way (phase openings, reminders, results),
   * not a submission's receipt, which its POST sends and records (counted in {@link requestsPerSubmission}).
   */
  drainRequestsPerEmail: number;
  endpoints: EndpointLatency[];
  /** Submissions (POST /api/links/{id}) by the phase of their form: the approver's decision is not a unit's form. */
  submitsByPhase: EndpointLatency[];
  /** The event loop of the process (stack and driver) during the drill: its delay, and who kept it busy. */
  loop: LoopFigures;
  /**
   * With `loopByOrigin`: what the slowest 1 % of submissions waited for on the loop, the long runs (10 ms
   * or more) of each origin that overlapped them, in ms per submission.
   */
  submitTailStalls: Array<{ origin: string; msPerRequest: number }>;
  /**
   * CPU seconds during the drill: the Node.js process (the stack's handlers and runtime, and the demo client
   * driving them) and each of its children (DynamoDB Local's JVM, the SES emulator). On two cores the drill
   * is CPU-bound: these vary far less with the machine's load than the wall time.
   */
  cpuSeconds: Record<string, number>;
  /** Every cycle ended approved. */
  allApproved: boolean;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function latencies(timings: readonly CallTiming[]): EndpointLatency[] {
  const byRoute = Map.groupBy(timings, (t) => t.route);
  return [...byRoute].map(([route, list]) => {
    const ms = list.map((t) => t.ms).sort((a, b) => a - b);
    return { route, count: ms.length, p50Ms: round1(percentile(ms, 50)), p99Ms: round1(percentile(ms, 99)), maxMs: round1(ms.at(-1)!) };
  }).sort((a, b) => b.count - a.count);
}

/** Seconds during which at least one of the calls was in flight (the union of their intervals). */
function busySeconds(timings: readonly CallTiming[]): number {
  const spans = timings.map((t) => [t.startedAt, t.startedAt + t.ms] as const).sort((a, b) => a[0] - b[0]);
  let busy = 0;
  let end = -Infinity;
  for (const [from, to] of spans) {
    if (to <= end) continue;
    busy += to - Math.max(from, end);
    end = to;
  }
  return busy / 1000;
}

/** State transitions of every execution of the state machine, from their histories. */
async function countTransitions(endpoint: string, stateMachineArn: string): Promise<number> {
  const sfn = new SFNClient({ endpoint, region: 'ap-southeast-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    let transitions = 0;
    let executionsToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 100, nextToken: executionsToken }));
      for (const { executionArn } of page.executions ?? []) {
        let token: string | undefined;
        do {
          const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken: token, includeExecutionData: false }));
          transitions += (history.events ?? []).filter((e: HistoryEvent) => e.type?.endsWith('StateEntered')).length;
          token = history.nextToken;
        } while (token);
      }
      executionsToken = page.nextToken;
    } while (executionsToken);
    return transitions;
  } finally {
    sfn.destroy();
  }
}

/**
 * SES's sending rate the drill runs at (messages a second): a province's production account, whose quota
 * was raised (docs/deploy.md), not SES's default of 14, at which the drill's 7,153 emails alone take
 * 8.5 minutes (every phase waits for its links); the pacing itself is tested (test/data/mail-pacing.test.ts).
 */
export const PROVINCE_MAIL_RATE = 200;

export interface DrillOptions {
  blocs: number;
  units: number;
  concurrency: number;
  seed?: number;
  /** SES's MaxSendRate for the drill; {@link PROVINCE_MAIL_RATE} by default. */
  mailSendRate?: number;
  /** DynamoDB Local's JVM; `throughput` by default (the drill runs minutes: C2 pays for its warm-up). */
  dynamoDbJvm?: LocalStackOptions['dynamoDbJvm'];
  /**
   * Times every callback of the process by origin (bench/event-loop.ts): who keeps the event loop busy,
   * at the cost of an async hook on every promise. Off by default (the drill's figures then pay nothing).
   */
  loopByOrigin?: boolean;
  log?: (line: string) => void;
}

/**
 * Runs the drill on a local stack of its own and stops it. DynamoDB Local runs in memory, as for the demo:
 * on disk (SQLite) its PutItem rate is a quarter of that here, and the drill would measure little else.
 */
export async function provinceDrill(options: DrillOptions): Promise<ProvinceDrill> {
  const meter = meterDynamoDb();
  const dataDir = await mkdtemp(join(tmpdir(), 'thidua-bench-province-'));
  const stack = await asPart('stack', () => startLocalStack({ dataDir, port: 0, inMemory: true, demoTools: true, mailSendRate: options.mailSendRate ?? PROVINCE_MAIL_RATE, dynamoDbJvm: options.dynamoDbJvm ?? 'throughput', log: () => {} }));
  try {
    const client = new DemoClient(stack.url, stack.endpoints.ses);
    await client.signIn(stack.adminSignInUrl);
    const emailsBefore = (await readMail(stack.endpoints.ses)).length;
    const before = meter.usage();
    const timings: CallTiming[] = [];
    client.observe = (timing) => timings.push(timing);
    const loop = watchEventLoop({ byOrigin: options.loopByOrigin ?? false });
    const childrenBefore = childrenCpu();
    const began = performance.now();
    const outcomes = await asPart('driver', () => simulate(client, { blocs: options.blocs, units: options.units, seed: options.seed ?? 2026, concurrency: options.concurrency, log: options.log }));
    const wallSeconds = (performance.now() - began) / 1000;
    await stack.idle();
    const loopFigures = loop.stop();
    const cpuSeconds = { 'Node.js (stack and driver)': loopFigures.cpuSeconds, ...childrenCpuSince(childrenBefore) };
    const usage = usageSince(before, meter.usage());
    const ddbWrites = sum(usage, (u) => u.itemsWritten);
    const ddbWriteRequests = sum(usage, (u) => u.writeRequests);
    const emails = (await readMail(stack.endpoints.ses)).length - emailsBefore;
    const transitions = await countTransitions(stack.endpoints.stepfunctions, stack.stateMachineArn);
    options.log?.('Raw PutItem rate of DynamoDB Local');
    const rawPutPerSecond = await rawPutRate(stack.endpoints.dynamodb, options.concurrency);
    const submits = timings.filter((t) => t.route === 'POST /api/links/{id}');
    const submitMs = submits.map((t) => t.ms).sort((a, b) => a - b);
    const submitPerSecond = submits.length / busySeconds(submits);
    const slowest = submits.toSorted((a, b) => b.ms - a.ms).slice(0, Math.max(1, Math.ceil(submits.length / 100)));
    return {
      blocs: options.blocs,
      units: options.blocs * options.units,
      concurrency: options.concurrency,
      wallSeconds: round1(wallSeconds),
      submitP50Ms: round1(percentile(submitMs, 50)),
      submitP99Ms: round1(percentile(submitMs, 99)),
      submitPerSecond: round1(submitPerSecond),
      rawPutPerSecond: round1(rawPutPerSecond),
      submitToRawPut: Math.round((submitPerSecond / rawPutPerSecond) * 1000) / 1000,
      emails,
      ddbWrites,
      ddbWriteRequests,
      transitions,
      usage,
      requestsPerSubmission: requestsPerSubmission(usage),
      drainRequestsPerEmail: drainRequestsPerEmail(usage),
      endpoints: latencies(timings),
      submitsByPhase: latencies(submits.map((t) => ({ ...t, route: t.phase ?? 'unknown' }))),
      loop: { ...loopFigures, longRuns: [] },
      submitTailStalls: stallsDuring(loopFigures.longRuns, slowest),
      cpuSeconds,
      allApproved: outcomes.every((o) => o.status === 'approved'),
    };
  } finally {
    meter.stop();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const sum = (usage: readonly OriginUsage[], of: (u: OriginUsage) => number) => usage.reduce((total, u) => total + of(u), 0);

/** What each origin did between two readings of the meter (sign-in and setup left out). */
function usageSince(before: readonly OriginUsage[], after: readonly OriginUsage[]): OriginUsage[] {
  const earlier = new Map(before.map((u) => [u.origin, u]));
  const numeric = ['invocations', 'invocationMs', 'emailsSent', 'requests', 'roundTrips', 'transactions', 'readRequests', 'writeRequests', 'itemsWritten', 'readUnits', 'writeUnits'] as const;
  return after
    .map((u) => {
      const was = earlier.get(u.origin);
      const delta = { ...u };
      for (const key of numeric) delta[key] = Math.round((u[key] - (was?.[key] ?? 0)) * 10) / 10;
      return delta;
    })
    .filter((u) => u.invocations > 0 || u.requests > 0)
    .sort((a, b) => b.requests - a.requests);
}

function requestsPerSubmission(usage: readonly OriginUsage[]): number {
  const perInvocation = (origin: string) => {
    const u = usage.find((x) => x.origin === origin);
    return u && u.invocations > 0 ? u.requests / u.invocations : 0;
  };
  // The submission, the workflow's wait it answers and its receipt's Send event; the form's GET before it is
  // the unit's own action (issue 20 counts each action apart) and is in the table by origin.
  const total = perInvocation('POST /api/links/{id}') + perInvocation('await-response') + perInvocation('mail-events');
  return Math.round(total * 10) / 10;
}

function drainRequestsPerEmail(usage: readonly OriginUsage[]): number {
  const drain = usage.find((u) => u.origin === 'drain-outbox');
  return drain && drain.emailsSent > 0 ? Math.round((drain.requests / drain.emailsSent) * 10) / 10 : 0;
}
