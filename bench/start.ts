/**
 * Time to ready of the local stack (`npm run bench:start`). First `npm start` as a user runs it (a new
 * process: tsx, imports, services) on an empty data directory, from the command until `GET /health`
 * answers 200. Then, in this process, a cold start on an empty directory (demo data loaded) and a warm
 * start on the same directory, with the first page (`GET /`, which imports its handler module) and the
 * next. Results go in BENCHMARKS.md.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitUntil } from '../local/services/process.js';
import { startLocalStack } from '../local/stack.js';

const ROUNDS = Number(process.env.ROUNDS ?? 3);

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const began = performance.now();
  const result = await run();
  return [result, performance.now() - began];
}

/** `npm start` in a new process with a fresh data directory, from spawn to /health 200, then Ctrl-C. */
async function commandToReady(): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'thidua-bench-start-'));
  const port = await freePort();
  const began = performance.now();
  const child = spawn(join(import.meta.dirname, '../node_modules/.bin/tsx'), ['local/start.ts'], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, PORT: String(port), THIDUA_DATA: dataDir },
    stdio: 'ignore',
  });
  try {
    await waitUntil('npm start', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 60_000);
    return performance.now() - began;
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}

const commandRows: string[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  commandRows.push(`| ${round} | ${((await commandToReady()) / 1000).toFixed(1)} s |`);
  console.log(commandRows.at(-1));
}

const rows: string[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const dataDir = await mkdtemp(join(tmpdir(), 'thidua-bench-start-'));
  try {
    for (const kind of ['cold', 'warm'] as const) {
      const [stack, readyMs] = await timed(() => startLocalStack({ dataDir, port: 0, log: () => {} }));
      const [, firstPageMs] = await timed(async () => (await fetch(`${stack.url}/`)).text());
      const [, secondPageMs] = await timed(async () => (await fetch(`${stack.url}/signin`)).text());
      await stack.stop();
      rows.push(`| ${round} | ${kind} | ${(readyMs / 1000).toFixed(1)} s | ${Math.round(firstPageMs)} ms | ${Math.round(secondPageMs)} ms |`);
      console.log(rows.at(-1));
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
console.log(`\n${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| round | npm start → /health 200 |\n|---|---:|\n' + commandRows.join('\n') + '\n');
console.log('| round | start | ready | first page (GET /) | next page (GET /signin) |\n|---|---|---:|---:|---:|\n' + rows.join('\n'));
