/**
 * What a province's cycle costs on AWS, computed from what the province drill counted (state transitions,
 * each function's invocations and time, DynamoDB capacity units by origin, emails, HTTP requests) at the
 * published prices below, scaled to 1,000 units; and what the deployment costs every year whatever the
 * cycles do (the sweep, the alarms: counted in the synthesized template). `npm run bench` writes
 * docs/cost.md from it, so the document never disagrees with the drill.
 */
import { writeFile } from 'node:fs/promises';
import { synthesize } from '../test/infra/synth.js';
import { FUNCTIONS } from '../functions/catalog.js';
import { OUTBOX_SHARDS, SWEEP_SHARDS } from '../functions/store/keys.js';
import type { OriginUsage } from './dynamodb.js';
import type { ProvinceDrill } from './province.js';

/** Prices in US dollars, Asia Pacific (Singapore), without free tiers; each with where it comes from. */
export const PRICES = {
  transition: { usd: 0.025 / 1000, source: 'Step Functions Standard: $0.025 per 1,000 state transitions (Singapore, AWS pricing page)' },
  lambdaRequest: { usd: 0.2 / 1e6, source: 'Lambda: $0.20 per million requests' },
  lambdaGbSecond: { usd: 0.0000133334, source: 'Lambda on Arm: $0.0000133334 per GB-second' },
  writeUnit: { usd: 0.7125 / 1e6, source: 'DynamoDB on-demand: $0.7125 per million write request units (US East $0.625 × 1.14, the Singapore/US East ratio)' },
  readUnit: { usd: 0.1425 / 1e6, source: 'DynamoDB on-demand: $0.1425 per million read request units (US East $0.125 × 1.14)' },
  email: { usd: 0.1 / 1000, source: 'SES: $0.10 per 1,000 emails' },
  httpRequest: { usd: 1.2 / 1e6, source: 'HTTP API: $1.20 per million requests (US East $1.00; regional uplift assumed)' },
  logGb: { usd: 0.7, source: 'CloudWatch Logs ingestion: $0.70 per GB (assumed between US East $0.50 and Tokyo $0.76)' },
  alarmMetricMonth: { usd: 0.1, source: 'CloudWatch: $0.10 per alarm metric per month, the first 10 free' },
} as const;

/** Runs a year of an EventBridge `rate(N minute|minutes|hour|hours)` schedule of the catalog. */
function runsPerYear(functionName: string): number {
  const schedule = FUNCTIONS.find((f) => f.name === functionName)?.schedule ?? '';
  const [, count, unit] = /^rate\((\d+) (minute|hour)s?\)$/.exec(schedule) ?? [];
  if (!count) throw new Error(`${functionName}: no rate schedule in the catalog (${schedule})`);
  return (365 * 24 * (unit === 'hour' ? 1 : 60)) / Number(count);
}

/** What is assumed rather than counted, stated in the document. */
export const ASSUMPTIONS = {
  logKbPerInvocation: 1,
  logKbPerTransition: 1.5,
  logKbPerHttpRequest: 0.4,
  sweepsPerYear: runsPerYear('sweep'),
  quietSweepMs: 100,
  // A sweep with nothing due lists the due work's shards: SWEEP_SHARDS queries of an empty index partition,
  // 0.5 read units each (eventually consistent).
  quietSweepReadUnits: SWEEP_SHARDS * 0.5,
  drainsPerYear: runsPerYear('drain-outbox'),
  quietDrainMs: 100,
  // A run with nothing due lists the due mail once: OUTBOX_SHARDS queries of an empty index partition.
  quietDrainReadUnits: OUTBOX_SHARDS * 0.5,
  // A cycle is swept only when one of its wake-ups comes round: a reminder 3 days and 1 day before each
  // deadline and the moment after it, for the pledge, mid-year review, self-assessment, cross-check, vote and
  // approval, and a few more for follow-up rounds and extensions.
  wakeUpsPerCycleYear: 24,
  // Each wake-up: the lease put and deleted and the wake-up itself put and deleted (4 write units), the
  // cycle's configuration read and its open tasks listed (4 read units, assumed).
  sweptCycleWriteUnits: 4,
  sweptCycleReadUnits: 4,
  freeAlarmMetrics: 10,
} as const;

/** One line of the bill. */
export interface CostLine {
  item: string;
  count: string;
  usd: number;
}

export interface CostEstimate {
  /** The drill's units, scaled to `perUnits`. */
  drillUnits: number;
  perUnits: number;
  cycle: CostLine[];
  cycleUsd: number;
  year: CostLine[];
  yearUsd: number;
}

const HTTP_FUNCTIONS = new Set(FUNCTIONS.filter((f) => f.routes).map((f) => f.name));
const memoryGbOf = (functionName: string) => (FUNCTIONS.find((f) => f.name === functionName)?.memoryMb ?? 1024) / 1024;
const n = (value: number) => Math.round(value).toLocaleString('en-US');

/** The cost of one yearly cycle of `perUnits` units, from the drill, and the yearly fixed cost. */
export function estimateCost(drill: ProvinceDrill, alarmMetrics: number, perUnits = 1000): CostEstimate {
  const scale = perUnits / drill.units;
  const usage: OriginUsage[] = drill.usage.filter((u) => u.functionName !== 'other' && u.functionName !== 'sweep');
  const sum = (of: (u: OriginUsage) => number) => usage.reduce((total, u) => total + of(u), 0) * scale;
  const invocations = sum((u) => u.invocations);
  const gbSeconds = sum((u) => (u.invocationMs / 1000) * memoryGbOf(u.functionName));
  const writeUnits = sum((u) => u.writeUnits);
  const readUnits = sum((u) => u.readUnits);
  const httpRequests = sum((u) => (HTTP_FUNCTIONS.has(u.functionName) ? u.invocations : 0));
  const transitions = drill.transitions * scale;
  const emails = drill.emails * scale;
  const logGb = (invocations * ASSUMPTIONS.logKbPerInvocation + transitions * ASSUMPTIONS.logKbPerTransition + httpRequests * ASSUMPTIONS.logKbPerHttpRequest) / 1024 / 1024;
  const cycle: CostLine[] = [
    { item: 'state transitions', count: n(transitions), usd: transitions * PRICES.transition.usd },
    { item: 'Lambda requests (pages, workflow steps, SES Send events)', count: n(invocations), usd: invocations * PRICES.lambdaRequest.usd },
    { item: 'Lambda duration (measured here, an upper bound)', count: `${n(gbSeconds)} GB-s`, usd: gbSeconds * PRICES.lambdaGbSecond.usd },
    { item: 'DynamoDB write request units', count: n(writeUnits), usd: writeUnits * PRICES.writeUnit.usd },
    { item: 'DynamoDB read request units', count: n(readUnits), usd: readUnits * PRICES.readUnit.usd },
    { item: 'SES emails', count: n(emails), usd: emails * PRICES.email.usd },
    { item: 'HTTP API requests', count: n(httpRequests), usd: httpRequests * PRICES.httpRequest.usd },
    { item: 'CloudWatch Logs (assumed sizes)', count: `${(logGb * 1024).toFixed(0)} MB`, usd: logGb * PRICES.logGb.usd },
  ];
  const sweepGbSeconds = ASSUMPTIONS.sweepsPerYear * (ASSUMPTIONS.quietSweepMs / 1000) * memoryGbOf('sweep');
  const billedAlarms = Math.max(0, alarmMetrics - ASSUMPTIONS.freeAlarmMetrics);
  const year: CostLine[] = [
    { item: 'sweep: requests and duration (quiet sweeps, assumed 100 ms)', count: `${n(ASSUMPTIONS.sweepsPerYear)} invocations`, usd: ASSUMPTIONS.sweepsPerYear * PRICES.lambdaRequest.usd + sweepGbSeconds * PRICES.lambdaGbSecond.usd },
    { item: `sweep: DynamoDB reads (${ASSUMPTIONS.quietSweepReadUnits} units a quiet run: ${SWEEP_SHARDS} queries of empty shards)`, count: n(ASSUMPTIONS.sweepsPerYear * ASSUMPTIONS.quietSweepReadUnits), usd: ASSUMPTIONS.sweepsPerYear * ASSUMPTIONS.quietSweepReadUnits * PRICES.readUnit.usd },
    ...sweptCycles(perUnits / (drill.units / drill.blocs)),
    { item: `outbox drainer: requests and duration (every minute when nothing is due, assumed ${ASSUMPTIONS.quietDrainMs} ms)`, count: `${n(ASSUMPTIONS.drainsPerYear)} invocations`, usd: ASSUMPTIONS.drainsPerYear * (PRICES.lambdaRequest.usd + (ASSUMPTIONS.quietDrainMs / 1000) * memoryGbOf('drain-outbox') * PRICES.lambdaGbSecond.usd) },
    { item: `outbox drainer: DynamoDB reads (${ASSUMPTIONS.quietDrainReadUnits} units a quiet run: ${OUTBOX_SHARDS} queries of empty shards)`, count: n(ASSUMPTIONS.drainsPerYear * ASSUMPTIONS.quietDrainReadUnits), usd: ASSUMPTIONS.drainsPerYear * ASSUMPTIONS.quietDrainReadUnits * PRICES.readUnit.usd },
    { item: `alarms (${alarmMetrics} alarm metrics in the template, ${ASSUMPTIONS.freeAlarmMetrics} free)`, count: `${billedAlarms} × 12 months`, usd: billedAlarms * 12 * PRICES.alarmMetricMonth.usd },
  ];
  const total = (lines: CostLine[]) => lines.reduce((s, l) => s + l.usd, 0);
  return { drillUnits: drill.units, perUnits, cycle, cycleUsd: total(cycle), year, yearUsd: total(year) };
}

/** The sweep's work on each cycle, only when one of its wake-ups comes round (not at every sweep). */
function sweptCycles(blocs: number): CostLine[] {
  const visits = blocs * ASSUMPTIONS.wakeUpsPerCycleYear;
  return [
    { item: `sweep: each of ${n(blocs)} cycles at its ${ASSUMPTIONS.wakeUpsPerCycleYear} wake-ups a year (assumed), its lease and the wake-up (${ASSUMPTIONS.sweptCycleWriteUnits} write units)`, count: n(visits * ASSUMPTIONS.sweptCycleWriteUnits), usd: visits * ASSUMPTIONS.sweptCycleWriteUnits * PRICES.writeUnit.usd },
    { item: `sweep: each woken cycle's tasks and configuration read (${ASSUMPTIONS.sweptCycleReadUnits} read units, assumed)`, count: n(visits * ASSUMPTIONS.sweptCycleReadUnits), usd: visits * ASSUMPTIONS.sweptCycleReadUnits * PRICES.readUnit.usd },
  ];
}

const usd = (value: number) => (value >= 1 ? `$${value.toFixed(2)}` : `$${value.toFixed(3)}`);

/** The lines of a bill as a Markdown table, with its total. */
function bill(lines: readonly CostLine[], costHeader: string, totalLabel: string, total: number): string[] {
  return ['| item | count | ' + costHeader + ' |', '|---|---:|---:|', ...lines.map((l) => `| ${l.item} | ${l.count} | ${usd(l.usd)} |`), `| **${totalLabel}** | | **${usd(total)}** |`];
}

/** docs/cost.md, whole: written by `npm run bench`, never by hand. */
export function costMarkdown(estimate: CostEstimate, drill: ProvinceDrill, provenance: string): string {
  const perOrigin = drill.usage
    .filter((u) => u.invocations > 0)
    .map((u) => `| \`${u.origin}\` | ${n(u.invocations)} | ${(u.requests / u.invocations).toFixed(1)} | ${(u.writeUnits / u.invocations).toFixed(1)} | ${(u.readUnits / u.invocations).toFixed(1)} | ${Math.round(u.invocationMs / u.invocations)} |`);
  return [
    '# What a province\'s cycle costs on AWS',
    '',
    '<!-- Generated by `npm run bench` or `npm run bench:cost` (bench/cost.ts) from the province drill it ran. Do not edit by hand. -->',
    '',
    `**About ${usd(estimate.cycleUsd)} of usage for one yearly cycle of a ${n(estimate.perUnits)}-unit province, plus about ${usd(estimate.yearUsd)} a year`,
    'for the schedules and the alarms (the sweep\'s part grows with the number of blocs, not with what units do).** Free tiers are not taken off (Step Functions 4,000 transitions,',
    'Lambda 1 million requests and 400,000 GB-s a month, 10 alarm metrics: a province stays inside the first two).',
    '',
    `Counted in a province drill (${provenance}): ${drill.blocs} blocs, ${n(drill.units)} units, whole cycles`,
    'through the HTTP API of a local stack, the real state machine on the local runtime, the real handlers, DynamoDB',
    'Local and the SES emulator. Every unit acted in every phase; some dossiers were returned once. Counts are',
    `scaled by ${estimate.perUnits} / ${drill.units}. DynamoDB units are what DynamoDB Local reported for each request`,
    '(`ReturnConsumedCapacity`), transactions counted twice as DynamoDB bills them; Lambda duration is the wall',
    'time of each handler on this shared 2-core machine, an upper bound for Lambda.',
    '',
    `## One cycle of ${n(estimate.perUnits)} units`,
    '',
    ...bill(estimate.cycle, 'cost', 'total per cycle', estimate.cycleUsd),
    '',
    '## Every year: the schedules and the alarms',
    '',
    ...bill(estimate.year, 'cost per year', 'total per year', estimate.yearUsd),
    '',
    'Not counted: DynamoDB storage and point-in-time recovery (well under 1 GB: under $3 a year), AWS Backup',
    '(the same size, daily and monthly), X-Ray (within its free 100,000 traces a month), the dead-letter queue',
    '(empty unless something fails).',
    '',
    '## Where it goes: each route and function in the drill',
    '',
    '| origin | invocations | DynamoDB requests each | write units each | read units each | ms each |',
    '|---|---:|---:|---:|---:|---:|',
    ...perOrigin,
    '',
    '## Prices used',
    '',
    '| price | source |',
    '|---|---|',
    ...Object.values(PRICES).map((p) => `| $${p.usd < 0.01 ? p.usd.toExponential(3) : p.usd} | ${p.source} |`),
    '',
  ].join('\n');
}

/** Writes docs/cost.md. */
export async function writeCostDoc(path: string, estimate: CostEstimate, drill: ProvinceDrill, provenance: string): Promise<void> {
  await writeFile(path, costMarkdown(estimate, drill, provenance));
}

/** Alarm metrics CloudWatch bills: each metric of each alarm of the synthesized stack (bundling skipped). */
export function countAlarmMetrics(): number {
  const { template } = synthesize({ sender: 'thidua.example', adminEmails: 'admin@thidua.example' }, { bundle: false });
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).reduce((total, alarm) => {
    const metrics = alarm.Properties.Metrics as Array<{ MetricStat?: unknown }> | undefined;
    return total + (metrics ? metrics.filter((m) => m.MetricStat).length : 1);
  }, 0);
}
