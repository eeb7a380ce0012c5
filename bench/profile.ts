/**
 * `npm run bench:profile`: a smaller province drill (default 6 blocs × 25 units) under the V8 CPU profiler,
 * to see where the drill's time goes. Writes a `.cpuprofile` (open it in Chrome DevTools → Performance) and
 * prints the CPU seconds of the process and of its children (the JVM, the SES emulator) and the 25
 * heaviest functions by self time, with the share of each package.
 *
 *   npm run bench:profile -- --blocs 6 --units 25 [--loop-by-origin]
 *
 * It also prints what ran in the loop's long busy stretches (samples without an idle one between them),
 * which is what a request arriving meanwhile waited for: the heaviest frames of our code in them.
 */
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { childrenCpu } from './cpu.js';
import { loopLines } from './event-loop.js';
import { provinceDrill } from './province.js';

const { values } = parseArgs({ options: { blocs: { type: 'string', default: '6' }, units: { type: 'string', default: '25' }, out: { type: 'string', default: 'province.cpuprofile' }, 'loop-by-origin': { type: 'boolean', default: false }, jvm: { type: 'string' } } });

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * CPU seconds of this process's children (DynamoDB Local's JVM, the SES emulator), sampled every second:
 * a child's last sample before it exits stands for its whole run.
 */
function watchChildrenCpu(): () => Map<string, number> {
  const seen = new Map<number, { name: string; seconds: number }>();
  const sample = () => {
    for (const [pid, child] of childrenCpu()) seen.set(pid, child);
  };
  const timer = setInterval(sample, 1000);
  return () => {
    clearInterval(timer);
    const byName = new Map<string, number>();
    for (const { name, seconds } of seen.values()) byName.set(name, (byName.get(name) ?? 0) + seconds);
    return byName;
  };
}

const childrenCpuOfRun = watchChildrenCpu();
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 1000 });
await session.post('Profiler.start');
const drill = await provinceDrill({ blocs: Number(values.blocs), units: Number(values.units), concurrency: 2 * cpus().length, loopByOrigin: values['loop-by-origin'], ...(values.jvm === undefined ? {} : { dynamoDbJvm: { javaOptions: values.jvm } }) });
const children = childrenCpuOfRun();
const ownCpu = process.cpuUsage();
const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
await writeFile(resolve(values.out), JSON.stringify(profile));

const total = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
const share = (hits: number) => `${((100 * hits) / total).toFixed(1)}%`;
const where = (url: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.startsWith('node:') || url === '' ? url || '(native)' : url.replace(/^.*?\/(functions|local|bench)\//, '$1/'));
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  const name = `${node.callFrame.functionName || '(anonymous)'} ${where(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
  const pkg = where(node.callFrame.url).split(':')[0]!;
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
}
console.log(`${values.blocs} blocs × ${values.units} units: ${drill.wallSeconds} s, submit p50 ${drill.submitP50Ms} ms p99 ${drill.submitP99Ms} ms, ${drill.emails} emails; ${total} samples`);
console.log(`CPU seconds: this process ${((ownCpu.user + ownCpu.system) / 1e6).toFixed(1)}${[...children].map(([name, seconds]) => `, ${name} ${seconds.toFixed(1)}`).join('')}`);
console.log('\nby package or file (self time):');
for (const [name, hits] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${share(hits).padStart(6)}  ${name}`);
console.log('\nby function (self time):');
for (const [name, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${share(hits).padStart(6)}  ${name}`);
for (const line of loopLines(drill.loop)) console.log(line);
if (drill.submitTailStalls.length) console.log(`the slowest 1 % of submissions waited on the loop for (ms each): ${drill.submitTailStalls.slice(0, 8).map((s) => `${s.origin} ${s.msPerRequest}`).join(', ')}`);
printLongStretches(profile, 20);
// Where the DynamoDB requests came from: the JVM spends about as much CPU per request as the stack does.
const requests = drill.usage.reduce((sum, u) => sum + u.requests, 0);
console.log(`\nDynamoDB requests by origin (${requests} in all):`);
for (const u of drill.usage.filter((x) => x.requests > 0 || x.invocations > 0)) {
  const each = (n: number) => (u.invocations > 0 ? (n / u.invocations).toFixed(1) : '-');
  console.log(`  ${String(u.requests).padStart(7)}  ${u.origin}: ${u.invocations} invocations, ${each(u.requests)} requests and ${each(u.invocationMs)} ms each`);
}
console.log('\nendpoints (calls, p50 / p99 ms):');
for (const e of drill.endpoints) console.log(`  ${e.route}: ${e.count}, ${e.p50Ms} / ${e.p99Ms}`);

/**
 * The loop's busy stretches of at least `minMs` (consecutive samples, none idle): their count and time, and
 * which of our functions (functions/, local/) they ran, inclusive, and which packages, by self time.
 */
function printLongStretches(profile: Profile, minMs: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const stretches: Array<{ from: number; to: number; ms: number }> = [];
  let from = -1;
  let ms = 0;
  profile.samples.forEach((id, i) => {
    const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (idle.has(id)) {
      if (from >= 0 && ms >= minMs) stretches.push({ from, to: i, ms });
      from = -1;
      ms = 0;
      return;
    }
    if (from < 0) from = i;
    ms += delta;
  });
  const ours = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  for (const { from: a, to: b } of stretches) {
    for (let i = a; i < b; i++) {
      const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      total += delta;
      const leaf = byId.get(profile.samples[i]!)!;
      const pkg = where(leaf.callFrame.url).split(':')[0]!;
      packages.set(pkg, (packages.get(pkg) ?? 0) + delta);
      const seen = new Set<string>();
      for (let node: ProfileNode | undefined = leaf; node; node = byId.get(parent.get(node.id) ?? -1)) {
        const file = where(node.callFrame.url);
        if (!/^(functions|local)\//.test(file)) continue;
        const name = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
        if (seen.has(name)) continue;
        seen.add(name);
        ours.set(name, (ours.get(name) ?? 0) + delta);
      }
    }
  }
  const longest = stretches.map((s) => s.ms).sort((x, y) => y - x);
  console.log(`\nloop busy stretches ≥ ${minMs} ms: ${stretches.length}, ${Math.round(total)} ms in all; longest ${longest.slice(0, 8).map((m) => Math.round(m)).join(', ')} ms`);
  console.log('  by package or file (self time in them):');
  for (const [name, t] of [...packages].sort((x, y) => y[1] - x[1]).slice(0, 12)) console.log(`    ${String(Math.round(t)).padStart(6)} ms  ${name}`);
  console.log('  our functions on the stack (inclusive time in them):');
  for (const [name, t] of [...ours].sort((x, y) => y[1] - x[1]).slice(0, 30)) console.log(`    ${String(Math.round(t)).padStart(6)} ms  ${name}`);
}
