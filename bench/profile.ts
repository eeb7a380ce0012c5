/**
 * `npm run bench:profile`: a smaller province drill (default 6 blocs × 25 units) under the V8 CPU profiler,
 * to see where the drill's time goes. Writes a `.cpuprofile` (open it in Chrome DevTools → Performance) and
 * prints the 25 heaviest functions by self time, with the share of each package.
 *
 *   npm run bench:profile -- --blocs 6 --units 25
 */
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { provinceDrill } from './province.js';

const { values } = parseArgs({ options: { blocs: { type: 'string', default: '6' }, units: { type: 'string', default: '25' }, out: { type: 'string', default: 'province.cpuprofile' } } });

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 1000 });
await session.post('Profiler.start');
const drill = await provinceDrill({ blocs: Number(values.blocs), units: Number(values.units), concurrency: 2 * cpus().length });
const { profile } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfileNode[] } };
await writeFile(join(process.cwd(), values.out), JSON.stringify(profile));

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
console.log('\nby package or file (self time):');
for (const [name, hits] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${share(hits).padStart(6)}  ${name}`);
console.log('\nby function (self time):');
for (const [name, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${share(hits).padStart(6)}  ${name}`);
