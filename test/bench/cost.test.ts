import { describe, expect, it } from 'vitest';
import { estimateCost, PRICES } from '../../bench/cost.js';
import type { OriginUsage } from '../../bench/dynamodb.js';
import type { ProvinceDrill } from '../../bench/province.js';
import { routeOf } from '../../local/invocations.js';

const origin = (o: Partial<OriginUsage> & Pick<OriginUsage, 'origin' | 'functionName'>): OriginUsage => ({
  invocations: 0, invocationMs: 0, emailsSent: 0, requests: 0, roundTrips: 0, transactions: 0, readRequests: 0, writeRequests: 0, itemsWritten: 0, readUnits: 0, writeUnits: 0, ...o,
});

/** A drill of 100 units whose counts are round numbers. */
const drill = {
  blocs: 4, units: 100, concurrency: 4, wallSeconds: 1, submitP50Ms: 1, submitP99Ms: 1, submitPerSecond: 1, rawPutPerSecond: 1, submitToRawPut: 1,
  emails: 1000, ddbWrites: 0, ddbWriteRequests: 0, transitions: 800, endpoints: [], submitsByPhase: [], allApproved: true,
  loop: { delay: { p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0 }, utilization: 0, cpuSeconds: 0, byOrigin: [], longest: [], longRuns: [] }, cpuSeconds: {}, submitTailStalls: [], requestsPerSubmission: 10, drainRequestsPerEmail: 3,
  usage: [
    origin({ origin: 'POST /api/links/{id}', functionName: 'api', invocations: 500, invocationMs: 500_000, writeUnits: 10_000, readUnits: 2_000 }),
    origin({ origin: 'open-phase', functionName: 'open-phase', invocations: 20, invocationMs: 20_000 }),
    origin({ origin: 'other', functionName: 'other', requests: 50, readUnits: 1_000_000 }),
  ],
} satisfies ProvinceDrill;

describe('the cost of a cycle', () => {
  const estimate = estimateCost(drill, 40);
  const line = (item: string) => estimate.cycle.find((l) => l.item.startsWith(item))!;

  it('scales the drill counts to 1,000 units', () => {
    expect(line('state transitions').count).toBe('8,000');
    expect(line('SES emails').usd).toBeCloseTo(10_000 * PRICES.email.usd, 6);
    expect(line('DynamoDB write request units').count).toBe('100,000');
  });

  it('bills Lambda duration by each function\'s memory (api 1,024 MB, open-phase 512 MB)', () => {
    expect(line('Lambda duration').count).toBe(`${(5000 * 1 + 200 * 0.5).toLocaleString('en-US')} GB-s`);
  });

  it('counts only HTTP functions as API requests, and leaves out what ran outside any function', () => {
    expect(line('HTTP API requests').count).toBe('5,000');
    expect(line('DynamoDB read request units').count).toBe('20,000');
  });

  it('bills the alarm metrics beyond the free ten every month', () => {
    expect(estimate.year.find((l) => l.item.startsWith('alarms'))!.usd).toBeCloseTo(30 * 12 * 0.1, 6);
  });
});

describe('the route an invocation is attributed to', () => {
  it('tells a greedy route by its method and path, ids written {id}', () => {
    const event = { routeKey: 'ANY /api/{proxy+}', rawPath: '/api/links/Zk3v9Qx_abcdefghijklmnopqrstuvwxyz012345', requestContext: { http: { method: 'POST' } } };
    expect(routeOf(event)).toBe('POST /api/links/{id}');
    expect(routeOf({ ...event, rawPath: '/api/admin/cycles/khoi-dang-2026/deadline' })).toBe('POST /api/admin/cycles/{id}/deadline');
  });

  it('keeps a route that names its parameters, and is undefined for a workflow payload', () => {
    expect(routeOf({ routeKey: 'GET /l/{id}', rawPath: '/l/abc', requestContext: { http: { method: 'GET' } } })).toBe('GET /l/{id}');
    expect(routeOf({ cycleId: 'c', phase: 'vote' })).toBeUndefined();
  });
});
