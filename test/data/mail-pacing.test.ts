/**
 * The outbox's drainer against an SES emulator that enforces a sending rate, as SES does (MaxSendRate:
 * more messages in a second are refused with Throttling). Its own emulator, so the rate is its alone.
 */
import { Agent } from 'node:http';
import { SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainOutbox, sendRate } from '../../functions/mail/drain.js';
import { queueEmailOnce, type SendRequest } from '../../functions/mail/compose.js';
import { createMailer, type Mailer } from '../../functions/mail/mailer.js';
import { getOutboxEntry } from '../../functions/mail/outbox.js';
import { OUTBOX_SHARDS } from '../../functions/store/keys.js';
import { meterDynamoDb } from '../../bench/dynamodb.js';
import type { Store } from '../../functions/store/client.js';
import type { RunningService } from '../../local/services/dynamodb.js';
import { readMail, startSesEmulator } from '../../local/services/ses.js';
import { freshAddress } from '../support/mail.js';
import { createTestStore } from '../support/store.js';

const SES_RATE = 25;
let ses: RunningService;
let store: Store;
let mailer: Mailer;
beforeAll(async () => {
  [ses, store] = await Promise.all([startSesEmulator({ maxSendRate: SES_RATE }), createTestStore()]);
  // One SDK attempt: a throttled send comes back to the drainer at once (the SDK's own retries would hide it).
  // A connection per request: with one attempt, a kept-alive socket the emulator closes just as it is reused
  // ("socket hang up", seen on a loaded machine) would be a failed send, which this test is not about.
  const sesClient = new SESClient({ region: 'ap-southeast-1', endpoint: ses.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1, requestHandler: { httpAgent: new Agent({ keepAlive: false }) } });
  mailer = createMailer({ store, ses: sesClient, from: 'Thi đua <no-reply@thidua.example.vn>' }, {});
});
afterAll(() => ses?.stop());

const now = new Date('2026-12-01T02:00:00Z');
const invitation = (recipient: string, cycleId: string): SendRequest<'phaseOpened'> => ({
  cycleId,
  kind: 'phaseOpened',
  recipient,
  round: 'selfAssessment.1',
  now,
  data: { recipientName: 'Văn phòng Tỉnh ủy', blocName: 'Khối các cơ quan Đảng tỉnh', year: 2026, phase: 'selfAssessment', link: 'https://thidua.example.vn/l/AbC', deadline: '2026-12-15T16:59:59.000Z' },
});

/** Queues one invitation per address, all at once, as a phase opening of many blocs does. */
async function queueAll(addresses: string[], cycleId: string): Promise<void> {
  const outcomes = await Promise.all(addresses.map((to) => queueEmailOnce(mailer, invitation(to, cycleId))));
  expect(outcomes.every((o) => o.status === 'queued')).toBe(true);
}

/** How many messages the emulator holds for each of the addresses. */
async function deliveredTo(addresses: string[]): Promise<number[]> {
  const mail = await readMail(ses.endpoint);
  const counts = new Map(addresses.map((a) => [a, 0]));
  for (const m of mail) for (const to of m.destination.to) if (counts.has(to)) counts.set(to, counts.get(to)! + 1);
  return [...counts.values()];
}

/** A drainer run that adds up the real time it waited between messages. */
async function drain(rate: number) {
  let waited = 0;
  const sleep = (ms: number) => {
    waited += ms;
    return new Promise<void>((resolve) => setTimeout(resolve, ms));
  };
  const report = await drainOutbox(mailer, { rate, startedAt: now, budgetMs: 60_000, sleep });
  return { report, waited };
}

describe('the outbox drainer', () => {
  it("sends at the rate SES reports for the account (GetSendQuota's MaxSendRate)", async () => {
    expect(await sendRate(mailer, {})).toBe(SES_RATE);
    expect(await sendRate(mailer, { MAIL_SEND_RATE: '3' })).toBe(3);
  });

  it('queues an email without sending it: nothing reaches SES before the drainer runs', async () => {
    const to = freshAddress();
    await queueAll([to], 'queued-2026');
    expect(await deliveredTo([to])).toEqual([0]);
    expect(await getOutboxEntry(store, { cycleId: 'queued-2026', kind: 'phaseOpened', recipient: to, round: 'selfAssessment.1' })).toMatchObject({ status: 'pending' });
  });

  it('drains 300 emails queued at once at the rate, none lost and none twice', { timeout: 120_000 }, async () => {
    const addresses = Array.from({ length: 300 }, () => freshAddress());
    await queueAll(addresses, 'province-2026');
    const { report, waited } = await drain(SES_RATE);
    expect(report).toMatchObject({ sent: 301, failed: 0, unfinished: false }); // with the one queued above
    // One message every 1/rate seconds: the 300 take at least 299/rate seconds of waiting.
    expect(waited).toBeGreaterThanOrEqual((299 / SES_RATE) * 1000 - 50);
    expect(await deliveredTo(addresses)).toEqual(addresses.map(() => 1));
  });

  it('retries within seconds what SES throttles when sending faster than it allows, and loses none', { timeout: 120_000 }, async () => {
    const addresses = Array.from({ length: 100 }, () => freshAddress());
    await queueAll(addresses, 'too-fast-2026');
    const { report } = await drain(SES_RATE * 4);
    expect(report.throttled).toBeGreaterThan(0);
    expect(report).toMatchObject({ sent: 100, failed: 0, unfinished: false });
    expect(await deliveredTo(addresses)).toEqual(addresses.map(() => 1));
    const entry = await getOutboxEntry(store, { cycleId: 'too-fast-2026', kind: 'phaseOpened', recipient: addresses.at(-1)!, round: 'selfAssessment.1' });
    // A throttled send is not one of the message's attempts: it is not nearer to being given up.
    expect(entry).toMatchObject({ status: 'sent', attempts: 1 });
  });

  // The drainer runs every minute on AWS and after every function locally: its reads are most of its requests.
  describe('its DynamoDB requests', () => {
    /** The requests of one drainer run (every SDK client of this process counted while it runs). */
    async function metered(rate: number) {
      const meter = meterDynamoDb();
      try {
        const { report } = await drain(rate);
        return { report, requests: meter.usage().reduce((sum, u) => sum + u.requests, 0) };
      } finally {
        meter.stop();
      }
    }

    it('lists the outbox once when nothing is due: a query per shard and nothing more', async () => {
      expect(await metered(SES_RATE)).toMatchObject({ report: { sent: 0 }, requests: OUTBOX_SHARDS });
    });

    it('sends each due email for two requests (its claim and its record) after that one listing', { timeout: 60_000 }, async () => {
      const addresses = Array.from({ length: 10 }, () => freshAddress());
      await queueAll(addresses, 'counted-2026');
      // Below SES's rate, so that no send is throttled and retried; and a second after the sends before
      // (the test above fills the emulator's one-second window: on a quiet machine this one starts inside it).
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await metered(SES_RATE / 2)).toMatchObject({ report: { sent: 10, throttled: 0 }, requests: OUTBOX_SHARDS + 2 * 10 });
    });
  });
});
