/**
 * The figures of `npm run bench` as one object (what `--json` prints) and as the BENCHMARKS.md section
 * that records them, between two markers so a new run replaces only its own section.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { BundleFigure } from './bundles.js';
import type { CostEstimate } from './cost.js';
import type { ProvinceDrill } from './province.js';

export interface SfnFigure {
  name: string;
  oursPerSecond: number;
  peerPerSecond: number;
  ratio: number;
}

export interface BenchResults {
  machine: { cpu: string; memoryGb: number; node: string; java: string; loadAverage: number[] };
  date: string;
  commit: string;
  quick: boolean;
  provinceDrill: ProvinceDrill;
  /** A 1,000-unit cycle at published prices, from the drill's counts (docs/cost.md). */
  cost: CostEstimate;
  sfn: SfnFigure & { workloads: SfnFigure[] };
  bundles: BundleFigure[];
  /** Median of the runs. */
  startSeconds: number;
  startRuns: number[];
}

/** The goals of issue 9, each as a check on the results. */
export const GOALS: Array<{ goal: string; met: (r: BenchResults) => boolean }> = [
  { goal: 'province drill under 60 s', met: (r) => r.provinceDrill.wallSeconds < 60 },
  { goal: 'submission with its email and workflow step ≤ 10 DynamoDB requests', met: (r) => r.provinceDrill.requestsPerSubmission <= 10 },
  { goal: 'submissions/s ÷ raw PutItem/s ≥ 0.1', met: (r) => r.provinceDrill.submitToRawPut >= 0.1 },
  { goal: 'submission p99 under 100 ms', met: (r) => r.provinceDrill.submitP99Ms < 100 },
  { goal: 'each bundle ≤ 300 KB', met: (r) => r.bundles.every((b) => b.bytes <= 300 * 1024) },
  { goal: 'each bundle\'s init ≤ 100 ms', met: (r) => r.bundles.every((b) => b.initMs <= 100) },
  { goal: '`npm start` ready in ≤ 10 s', met: (r) => r.startSeconds <= 10 },
];

const BEGIN = '<!-- npm run bench: begin -->';
const END = '<!-- npm run bench: end -->';
const n = (value: number) => value.toLocaleString('en-US');

/** What the load before the run says of the machine: under one busy core, the load after is the bench's own. */
const loadNote = (before: number) => (before < 1 ? 'a quiet machine: the load after is the bench’s own' : 'other work was running: times are slower than on a quiet machine');

export function markdownOf(r: BenchResults): string {
  const d = r.provinceDrill;
  return [
    BEGIN,
    '## All figures in one run (`npm run bench`)',
    '',
    `Machine: ${r.machine.cpu}, ${r.machine.memoryGb} GB RAM, Node.js ${r.machine.node}, ${r.machine.java}; ${r.date.slice(0, 16).replace('T', ' ')} UTC,`,
    `commit ${r.commit}; load average ${r.machine.loadAverage.join(' → ')} (before → after; ${loadNote(r.machine.loadAverage[0] ?? 0)}).`,
    '',
    '| goal | met |',
    '|---|---|',
    ...GOALS.map((g) => `| ${g.goal} | ${g.met(r) ? 'yes' : 'no'} |`),
    '',
    `### Province drill: ${d.blocs} blocs × ${d.units / d.blocs} units = ${n(d.units)} units`,
    '',
    `Whole cycles through the HTTP API of a local stack (DynamoDB Local in memory), every unit of every bloc`,
    `acting in each phase (open the link, then submit) through a pool of ${d.concurrency} requests in flight (2 per core:`,
    `the reference concurrency, used for the raw PutItem rate too).`,
    '',
    '| figure | value |',
    '|---|---:|',
    `| wall time, sign-in to the last approval | ${d.wallSeconds} s |`,
    `| submission (POST /api/links/{id}) p50 / p99 | ${d.submitP50Ms} / ${d.submitP99Ms} ms |`,
    `| submissions per second (while any was in flight) | ${d.submitPerSecond} |`,
    `| DynamoDB Local raw PutItem per second, ${d.concurrency} in flight | ${d.rawPutPerSecond} |`,
    `| submissions per second ÷ raw PutItem per second | ${d.submitToRawPut} |`,
    `| emails sent | ${n(d.emails)} |`,
    `| DynamoDB items written (requests) | ${n(d.ddbWrites)} (${n(d.ddbWriteRequests)}) |`,
    `| state transitions | ${n(d.transitions)} |`,
    `| DynamoDB requests of a submission with its email and workflow step (POST + await-response + mail-events, means; the form's GET, an action of its own, is in the table by origin) | ${d.requestsPerSubmission} |`,
    `| DynamoDB requests of the outbox's drainer per email it sent (its listings, each claim and record) | ${d.drainRequestsPerEmail} |`,
    `| cost of a 1,000-unit cycle at published prices (docs/cost.md) | $${r.cost.cycleUsd.toFixed(2)} + $${r.cost.yearUsd.toFixed(2)} a year |`,
    `| CPU seconds during the drill (${Object.keys(d.cpuSeconds).join(' / ')}) | ${Object.values(d.cpuSeconds).join(' / ')} |`,
    `| event loop of the stack's process: delay p50 / p99 / max (how late it ran what was due), busy share | ${d.loop.delay.p50Ms} / ${d.loop.delay.p99Ms} / ${d.loop.delay.maxMs} ms, ${Math.round(d.loop.utilization * 100)} % |`,
    `| every cycle approved | ${d.allApproved ? 'yes' : 'no'} |`,
    '',
    '| endpoint | calls | p50 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|',
    ...d.endpoints.map((e) => `| \`${e.route}\` | ${n(e.count)} | ${e.p50Ms} | ${e.p99Ms} | ${e.maxMs} |`),
    ...d.submitsByPhase.map((e) => `| … of which \`${e.route}\` forms | ${n(e.count)} | ${e.p50Ms} | ${e.p99Ms} | ${e.maxMs} |`),
    '',
    'DynamoDB requests by where they came from (each HTTP route and workflow function of the local stack):',
    '',
    '| origin | invocations | requests each | round trips each | reads each | writes each | emails sent |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...d.usage.filter((u) => u.invocations > 0).map((u) => `| \`${u.origin}\` | ${n(u.invocations)} | ${(u.requests / u.invocations).toFixed(1)} | ${(u.roundTrips / u.invocations).toFixed(1)} | ${(u.readRequests / u.invocations).toFixed(1)} | ${(u.writeRequests / u.invocations).toFixed(1)} | ${n(u.emailsSent)} |`),
    '',
    '### Local Step Functions runtime (`bench:sfn`, run unchanged)',
    '',
    '| workload | ours (transitions/s) | aws-local-stepfunctions (transitions/s) | ratio |',
    '|---|---:|---:|---:|',
    ...r.sfn.workloads.map((w) => `| ${w.name} | ${n(w.oursPerSecond)} | ${n(w.peerPerSecond)} | ${w.ratio}× |`),
    '',
    '### Bundles (esbuild as CDK bundles them) and cold init (import in a fresh Node.js process, median of 5)',
    '',
    '| function | bytes | init ms |',
    '|---|---:|---:|',
    ...r.bundles.map((b) => `| ${b.name} | ${n(b.bytes)} | ${b.initMs} |`),
    '',
    `### \`npm start\` to ready: ${r.startSeconds} s (median of ${r.startRuns.join(', ')} s)`,
    END,
  ].join('\n');
}

/** Replaces the section of the last run in BENCHMARKS.md, or appends it; the other sections stay. */
export async function recordInBenchmarks(file: string, results: BenchResults): Promise<void> {
  const text = await readFile(file, 'utf8');
  const section = markdownOf(results);
  const at = text.indexOf(BEGIN);
  const next = at < 0 ? `${text.trimEnd()}\n\n${section}\n` : `${text.slice(0, at)}${section}${text.slice(text.indexOf(END) + END.length)}`;
  await writeFile(file, next);
}
