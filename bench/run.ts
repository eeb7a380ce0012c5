/**
 * `npm run bench [-- --json] [-- --quick]`: every figure of the benchmarks in one run — the province
 * drill (40 blocs × 25 units through the HTTP API, with DynamoDB Local's raw PutItem rate at the same
 * concurrency), the local Step Functions runtime against its peer (`bench/sfn.ts`), each function's
 * bundle size and cold init, and `npm start`'s time to ready. Writes them into BENCHMARKS.md with the
 * machine, the date and the commit; `--json` prints them as one object; `--quick` runs a small drill
 * (4 blocs × 10 units) and one start, prints, and records nothing.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, waitUntil } from '../local/services/process.js';
import { measureBundles } from './bundles.js';
import { countAlarmMetrics, estimateCost, writeCostDoc } from './cost.js';
import { provinceDrill } from './province.js';
import { recordInBenchmarks, type BenchResults } from './report.js';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, quick: { type: 'boolean', default: false } } });
const progress = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** `npm start` (tsx local/start.ts) in a new process on an empty data directory, until /health answers 200. */
async function startSeconds(): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'thidua-bench-start-'));
  const port = await freePort();
  const began = performance.now();
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['local/start.ts'], { cwd: root, env: { ...process.env, PORT: String(port), THIDUA_DATA: dataDir }, stdio: 'ignore' });
  try {
    await waitUntil('npm start', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 60_000);
    return (performance.now() - began) / 1000;
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Runs `npm run bench:sfn` (its owner's benchmark, unchanged) and reads its table. */
function sfnBenchmark(): BenchResults['sfn'] {
  const output = execFileSync(join(root, 'node_modules/.bin/tsx'), ['bench/sfn.ts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const workloads = [...output.matchAll(/^\| (\([ab]\)[^|]+) \| (\d+) \| (\d+) \| ([\d.]+)× \|/gm)].map(([, name, ours, peer]) => ({
    name: name!.trim(),
    oursPerSecond: Number(ours),
    peerPerSecond: Number(peer),
    ratio: Math.round((Number(ours) / Number(peer)) * 100) / 100,
  }));
  // The headline is the Map workload: the shape of the cycle (every unit's wait in an inline Map).
  const headline = workloads.find((w) => w.name.startsWith('(b)'));
  if (!headline) throw new Error(`bench:sfn printed no table:\n${output}`);
  return { ...headline, workloads };
}

/** A command's output (stdout, or stderr where it writes there, as `java -version` does). */
const sh = (command: string, args: string[]) => {
  const { stdout, stderr, error } = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  return error ? 'unknown' : (stdout || stderr).trim();
};

const blocs = values.quick ? 4 : 40;
const units = values.quick ? 10 : 25;
// The reference concurrency: two requests in flight per core, for the drill and the raw PutItem alike.
const concurrency = 2 * cpus().length;
const loadBefore = loadavg();
const began = new Date();

progress('bundles: esbuild as CDK bundles, then a cold import in fresh processes');
const bundles = await measureBundles(values.quick ? 1 : 5);
progress('npm start → ready');
const starts: number[] = [];
for (let i = 0; i < (values.quick ? 1 : 3); i++) starts.push(await startSeconds());
progress('bench:sfn');
const sfn = sfnBenchmark();
progress(`province drill: ${blocs} blocs × ${units} units, ${concurrency} requests in flight`);
const drill = await provinceDrill({ blocs, units, concurrency, log: progress });
progress('cost: the counts of the drill at published prices, the alarms of the synthesized stack');
const cost = estimateCost(drill, countAlarmMetrics());

const results: BenchResults = {
  machine: {
    cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    java: sh('java', ['-version']).split('\n')[0] ?? 'unknown',
    loadAverage: [loadBefore[0]!, loadavg()[0]!].map((l) => Math.round(l * 10) / 10),
  },
  date: began.toISOString(),
  commit: `${sh('git', ['rev-parse', '--short', 'HEAD'])}${sh('git', ['status', '--porcelain', '--untracked-files=no']) ? ' (with uncommitted changes)' : ''}`,
  quick: values.quick,
  provinceDrill: drill,
  cost,
  sfn,
  bundles,
  startSeconds: Math.round([...starts].sort((a, b) => a - b)[Math.floor(starts.length / 2)]! * 10) / 10,
  startRuns: starts.map((s) => Math.round(s * 10) / 10),
};

if (values.json) console.log(JSON.stringify(results, null, 2));
if (!values.quick) {
  await recordInBenchmarks(join(root, 'BENCHMARKS.md'), results);
  await writeCostDoc(join(root, 'docs/cost.md'), cost, drill, `run of ${results.date.slice(0, 10)}, commit ${results.commit}`);
}
if (!values.json) console.log(JSON.stringify(results, null, 2));
progress(values.quick ? 'done (quick: nothing recorded)' : 'done: BENCHMARKS.md and docs/cost.md updated');
