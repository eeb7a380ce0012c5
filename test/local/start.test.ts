import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, waitUntil } from '../../local/services/process.js';
import { startLocalStack } from '../../local/stack.js';

const root = resolve(import.meta.dirname, '../..');
let child: ChildProcess | undefined;
let dataDir: string;

const dataDirs: string[] = [];
afterAll(async () => {
  if (child?.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

/** Every process below `pid` (tsx's Node, DynamoDB Local's Java, the SES emulator). */
function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const visit = (parent: number) => rows.filter(([, ppid]) => ppid === parent).forEach(([p]) => (found.push(p), visit(p)));
  visit(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('prints its addresses, and Ctrl-C stops it with every child process', { timeout: 90_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'thidua-start-'));
    dataDirs.push(dataDir);
    const port = await freePort();
    // As `npm run start:demo` runs it (node --import tsx: the tsx CLI would SIGKILL a child slow to answer its relayed Ctrl-C within 30 ms, leaving Java behind).
    // Detached: its own process group, so that a failed test can kill all of it.
    child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--demo'], { cwd: root, detached: true, env: { ...process.env, PORT: String(port), THIDUA_DATA: dataDir } });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    await waitUntil('npm start', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 60_000);
    await waitUntil('the printed addresses', async () => /Demo tools/.test(output), 5_000);

    expect(output).toContain(`Web pages           http://localhost:${port}`);
    expect(output).toMatch(new RegExp(`Admin sign-in +http://localhost:${port}/signin/[A-Za-z0-9_-]{43}`));
    expect(output).toMatch(/Mail viewer +http:\/\/127\.0\.0\.1:\d+\//);
    expect(output).toContain(`Demo tools          http://localhost:${port}/_local`);
    expect(output).toMatch(/ON: anyone using this machine can move the clock and sign in as admin/);
    const processes = descendants(child.pid!);
    const commands = execFileSync('ps', ['-o', 'args=', '-p', processes.join(',')], { encoding: 'utf8' });
    expect(commands).toMatch(/DynamoDBLocal\.jar/);
    expect(commands).toMatch(/ses-emulator\.ts/);

    // To the main process only: the children must be stopped by the stack, not by the terminal's signal.
    process.kill(child.pid!, 'SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
    await waitUntil('every child to exit', async () => !processes.some(alive), 10_000);
    expect(output).toContain('stopping the local stack');
  });

  it('after a kill -9, the next start stops the services left behind and carries on with the data', { timeout: 120_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'thidua-start-'));
    dataDirs.push(dataDir);
    const port = await freePort();
    // One process (no tsx wrapper), so that SIGKILL hits the stack itself.
    child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], { cwd: root, detached: true, stdio: 'ignore', env: { ...process.env, PORT: String(port), THIDUA_DATA: dataDir } });
    const exited = once(child, 'exit');
    await waitUntil('npm start', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 60_000);
    expect((await fetch(`http://127.0.0.1:${port}/_local`)).status).toBe(404); // no demo tools unless asked for
    const left = descendants(child.pid!);
    process.kill(child.pid!, 'SIGKILL');
    await exited;

    const stack = await startLocalStack({ dataDir, port: 0, log: () => {} });
    try {
      expect(left.filter(alive)).toEqual([]);
      expect(stack.seeded).toBe(false);
      expect((await fetch(`${stack.url}/health`)).status).toBe(200);
    } finally {
      await stack.stop();
    }
  });
});
