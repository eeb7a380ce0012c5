/**
 * The DynamoDB requests of one submission, end to end, on the local stack (DynamoDB Local, the SES
 * emulator and its Send events, the local Step Functions runtime, HTTP): the form's GET, the POST, the
 * workflow's wait it answers (its "Await…" step) and the Send event of its receipt; the form's GET apart. Every request of every
 * SDK client of this process is counted by the bench's meter (bench/dynamodb.ts), by the function and route
 * that sent it. A count is deterministic for one submission, so it is asserted here; times are not.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phaseInstants } from '../../functions/domain/index.js';
import { DEMO_BLOC_ID, demoTimeline } from '../../local/demo/index.js';
import { readMail } from '../../local/services/ses.js';
import { DemoClient } from '../../local/simulate/client.js';
import { randomFor, selfScores } from '../../local/simulate/answers.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { meterDynamoDb, type DynamoDbMeter, type OriginUsage } from '../../bench/dynamodb.js';

let dataDir: string;
let stack: LocalStack;
let meter: DynamoDbMeter;
let client: DemoClient;
/** What each origin did from the phase's opening (the waits registered) to the submission settled. */
let opening: OriginUsage[];
let submission: OriginUsage[];
const UNIT_EMAIL = 'vp-tinh-uy@dangbo.thidua.local';

const usageOf = (usage: OriginUsage[], origin: string) => usage.find((u) => u.origin === origin) ?? { requests: 0, invocations: 0, writeRequests: 0, readRequests: 0, roundTrips: 0 };
const since = (before: OriginUsage[], after: OriginUsage[]): OriginUsage[] =>
  after.map((u) => {
    const was = before.find((b) => b.origin === u.origin);
    const minus = (key: 'invocations' | 'requests' | 'writeRequests' | 'readRequests' | 'roundTrips') => u[key] - (was?.[key] ?? 0);
    return { ...u, invocations: minus('invocations'), requests: minus('requests'), writeRequests: minus('writeRequests'), readRequests: minus('readRequests'), roundTrips: minus('roundTrips') };
  });

/** Waits until SES's Send event of every email sent so far has been recorded (one mail-events run each). */
async function eventsRecorded(): Promise<void> {
  await stack.idle();
  while ((await readMail(stack.endpoints.ses)).length > usageOf(meter.usage(), 'mail-events').invocations) await new Promise((resolve) => setTimeout(resolve, 50));
}

beforeAll(async () => {
  meter = meterDynamoDb();
  dataDir = await mkdtemp(join(tmpdir(), 'thidua-requests-'));
  stack = await startLocalStack({ dataDir, port: 0, inMemory: true, demoTools: true, log: () => {} });
  client = new DemoClient(stack.url, stack.endpoints.ses);
  await client.signIn(stack.adminSignInUrl);
  const timeline = demoTimeline(await client.now());
  await client.call('POST', '/api/admin/cycles', { blocIds: [DEMO_BLOC_ID], timeline });
  const beforeOpening = meter.usage();
  await client.jumpTo(Date.parse(phaseInstants(timeline.selfAssessment).opensAt) + 60_000);
  await eventsRecorded();
  opening = since(beforeOpening, meter.usage());
  const [linkId] = await client.links(UNIT_EMAIL, /mở giai đoạn tự chấm điểm/);
  const before = meter.usage();
  await client.call('GET', `/api/links/${linkId}`);
  await client.call('POST', `/api/links/${linkId}`, { intent: 'submit', data: { scores: selfScores(randomFor(1, 'requests')) } });
  await client.settle();
  await eventsRecorded();
  submission = since(before, meter.usage());
}, 180_000);

afterAll(async () => {
  meter?.stop();
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('one submission through its emailed link', () => {
  it('costs at most 10 DynamoDB requests with its receipt and its workflow step', () => {
    const post = usageOf(submission, 'POST /api/links/{id}');
    const wait = usageOf(opening, 'await-response');
    const event = usageOf(submission, 'mail-events');
    expect([post.invocations, event.invocations]).toEqual([1, 1]);
    expect(wait.invocations).toBe(9);
    const breakdown = { post: post.requests, wait: wait.requests / wait.invocations, event: event.requests };
    expect(breakdown.post + breakdown.wait + breakdown.event, JSON.stringify(breakdown)).toBeLessThanOrEqual(10);
  });

  // Opening the form is the unit's action before it (issue 20 counts each action apart): the link, one
  // BatchGetItem of what the form shows, and the unit's results of earlier years.
  it('opens the form in at most 4 DynamoDB requests', () => {
    const get = usageOf(submission, 'GET /api/links/{id}');
    expect(get.invocations).toBe(1);
    expect(get.requests).toBeLessThanOrEqual(4);
  });

  // The cycle's pinned configuration was read in this process already (by the phase's opening), as in a warm
  // container: the page's reads go out together once the link is known (its items, its files, earlier years).
  it('opens the form in 2 round trips: the link, then everything it points at', () => {
    expect(usageOf(submission, 'GET /api/links/{id}').roundTrips).toBe(2);
  });

  it('reads for the submission in 2 round trips: the link, then one BatchGetItem', () => {
    const post = usageOf(submission, 'POST /api/links/{id}');
    expect(post.readRequests).toBe(2);
    expect(post.roundTrips - post.writeRequests).toBe(2);
  });

  it('leaves nothing of its receipt for the drainer to send', () => {
    expect(usageOf(submission, 'drain-outbox').writeRequests).toBe(0);
  });

  it('sends the receipt once', async () => {
    const receipts = (await client.mail(UNIT_EMAIL)).filter((m) => /\] Đã nhận /.test(m.subject));
    expect(receipts).toHaveLength(1);
  });
});
