/**
 * `npm run bench:profile`: a smaller province drill (default 6 blocs × 25 units) under the V8 CPU profiler,
 * to see where the drill's time goes. Writes a `.cpuprofile` (open it in Chrome DevTools → Performance) and
 * prints the CPU seconds of the process and of its children (the JVM, the SES emulator) and the 25
 * heaviest functions by self time, with the share of each package.
 *
 *   npm run bench:profile -- --blocs 6 --units 25
 */
import { Session } from 'node:inspector/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { provinceDrill } from './province.js';

const { values } = parseArgs({ options: { blocs: { type: 'string', default: '6' }, units: { type: 'string', default: '25' }, out: { type: 'string', default: 'province.cpuprofile' } } });

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/**
 * CPU seconds of this process's children (DynamoDB Local's JVM, the SES emulator), sampled every second
 * from /proc (Linux): a child's last sample before it exits stands for its whole run.
 */
function watchChildrenCpu(): () => Map<string, number> {
  const ticksPerSecond = 100;
  const seen = new Map<number, { name: string; seconds: number }>();
  const sample = () => {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[1]) !== process.pid) continue;
        const name = /java/.test(stat) ? 'DynamoDB Local (JVM)' : readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('ses-emulator') ? 'SES emulator' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        seen.set(Number(pid), { name, seconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond });
      } catch {
        // gone meanwhile
      }
    }
  };
  const timer = setInterval(sample, 1000);
  return () => {
    clearInterval(timer);
    const byName = new Map<string, number>();
    for (const { name, seconds } of seen.values()) byName.set(name, (byName.get(name) ?? 0) + seconds);
    return byName;
  };
}

const childrenCpu = watchChildrenCpu();
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 1000 });
await session.post('Profiler.start');
const drill = await provinceDrill({ blocs: Number(values.blocs), units: Number(values.units), concurrency: 2 * cpus().length });
const children = childrenCpu();
const ownCpu = process.cpuUsage();
const { profile } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfileNode[] } };
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
// Where the DynamoDB requests came from: the JVM spends about as much CPU per request as the stack does.
const requests = drill.usage.reduce((sum, u) => sum + u.requests, 0);
console.log(`\nDynamoDB requests by origin (${requests} in all):`);
for (const u of drill.usage.filter((x) => x.requests > 0 || x.invocations > 0)) {
  const each = (n: number) => (u.invocations > 0 ? (n / u.invocations).toFixed(1) : '-');
  console.log(`  ${String(u.requests).padStart(7)}  ${u.origin}: ${u.invocations} invocations, ${each(u.requests)} requests and ${each(u.invocationMs)} ms each`);
}
console.log('\nendpoints (calls, p50 / p99 ms):');
for (const e of drill.endpoints) console.log(`  ${e.route}: ${e.count}, ${e.p50Ms} / ${e.p99Ms}`);
