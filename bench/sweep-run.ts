/**
 * `npm run bench:sweep [-- --blocs 400 --units 4] [-- --print]`: the sweep at province scale
 * (bench/sweep.ts), recorded in its own section of BENCHMARKS.md with the machine's load; `--print` only
 * prints the figures as JSON, which `--from FILE --provenance TEXT` records later without running again.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sweepBench, type SweepBench, type SweepDay } from './sweep.js';

const { values } = parseArgs({ options: { blocs: { type: 'string', default: '400' }, units: { type: 'string', default: '4' }, print: { type: 'boolean', default: false }, from: { type: 'string' }, provenance: { type: 'string' } } });
const root = join(import.meta.dirname, '..');
const BEGIN = '<!-- npm run bench:sweep: begin -->';
const END = '<!-- npm run bench:sweep: end -->';
const n = (value: number) => value.toLocaleString('en-US');

/** The BENCHMARKS.md section of a run. */
export function sweepMarkdown(r: SweepBench, provenance: string): string {
  const longest = Math.max(...r.days.flatMap((d) => [d.first.ms, d.again?.ms ?? 0]));
  // A quiet sweep takes milliseconds: shown as such, not as "0.0 s".
  const time = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
  const again = (d: SweepDay) => (d.again ? `${time(d.again.ms)}, ${n(d.again.requests)}` : '–');
  return [
    BEGIN,
    `## The sweep at ${n(r.blocs)} blocs (\`npm run bench:sweep\`)`,
    '',
    `${n(r.blocs)} blocs of ${r.units / r.blocs} units (${n(r.units)} units) on a local stack (DynamoDB Local in memory), their`,
    'self-assessment opened, then the clock moved one day at a time to the morning after its deadline; after each',
    'midnight the stack ran the catalog\'s `sweep` as its schedule does (and every minute of real time), and on the',
    'days with work once more (as the 5-minute schedule would: it must find nothing new). The first sweep of each day does its work:',
    '',
    '| day | what the day is | first sweep: wall time | its DynamoDB requests | cycles at once (leases) | requests in flight at most | later sweeps that day: slowest, requests |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...r.days.map((d) => `| ${d.day} | ${d.kind} | ${time(d.first.ms)} | ${n(d.first.requests)} | ${d.first.maxCyclesInFlight} | ${d.first.maxRequestsInFlight} | ${again(d)} |`),
    '',
    '| figure | value |',
    '|---|---:|',
    `| longest sweep / the function's timeout | ${(longest / 1000).toFixed(1)} s / ${r.timeoutSeconds} s |`,
    `| sweeps run | ${r.sweeps} |`,
    `| reminder emails sent | ${n(r.reminderEmails)} (${n(r.units)} units × 2 reminder days = ${n(r.units * 2)}) |`,
    `| units reminded twice with the same reminder | ${r.remindedTwice} |`,
    `| self-assessment waits still open after the deadline's sweep | ${r.openAfterDeadline} |`,
    `| setup (blocs stored, cycles started, phase opened; not the sweep's) | ${r.setupSeconds} s |`,
    '',
    provenance,
    END,
  ].join('\n');
}

const before = loadavg()[0]!;
// `--from FILE --provenance TEXT`: records a run printed earlier (`--print > FILE`) instead of running again.
const result = values.from ? (JSON.parse(await readFile(values.from, 'utf8')) as SweepBench) : await sweepBench({ blocs: Number(values.blocs), units: Number(values.units), log: (line) => console.error(line) });
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const provenance = values.provenance ?? `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}, on the shared 2-core machine; load average ${before.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} (before → after; other sessions' tests running). Wall times are of the sweep's handler in the stack's one Node.js process, which also runs the workflows the sweep sets going.`;
console.log(JSON.stringify(result, null, 2));
if (!values.print) {
  const file = join(root, 'BENCHMARKS.md');
  const text = await readFile(file, 'utf8');
  const section = sweepMarkdown(result, provenance);
  const at = text.indexOf(BEGIN);
  const marker = '<!-- npm run bench: begin -->';
  await writeFile(file, at >= 0 ? `${text.slice(0, at)}${section}${text.slice(text.indexOf(END) + END.length)}` : text.replace(marker, `${section}\n\n${marker}`));
}
