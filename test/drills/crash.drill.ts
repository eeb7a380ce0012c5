/**
 * Crash drill (`npm run test:drills`): `npm run start:demo` is killed with SIGKILL — the whole process group:
 * Node, the SES emulator, DynamoDB Local's JVM — at seeded random moments of a 3-bloc demo (from the pledge
 * conference the secretaries record to the approval), started again
 * on the same data directory, and the demo resumed. Each run ends with every cycle approved and every
 * audit chain intact, with the same results and the same emails as an uninterrupted run, none twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/services/process.js';
import type { ReceivedMail } from '../../local/services/ses.js';
import { DemoClient } from '../../local/simulate/client.js';
import { seeded } from '../../local/simulate/answers.js';
import { simulate, type BlocOutcome, type SimulationProgress } from '../../local/simulate/simulate.js';

const root = join(import.meta.dirname, '../..');
/**
 * Kills per CI run, at seeded random moments (THIDUA_CRASH_TRIALS to run more by hand). A trial takes about
 * 27 s (a restart and the demo again), so CI runs 6 in about 3 minutes. On 2026-12-07 a kill during the
 * sweep that passes the cross-check's deadline failed 2 trials in 19 (a cycle's lease, held by the killed
 * sweep, kept the next sweeps off it and its vote opened a day late); since the stack releases such leases
 * at start, 14 kills at that moment and 15 spread over the demo with its pledge conference passed.
 */
const TRIALS = Number(process.env.THIDUA_CRASH_TRIALS ?? 6);
/** Replays chosen kill moments instead (fractions of the run, e.g. `THIDUA_CRASH_AT=0.41,0.42`): a failed trial's, by hand. */
const CHOSEN = process.env.THIDUA_CRASH_AT?.split(',').map(Number);
/** Where the demo's steps and the stack's output go, a file per run, the run's data directory kept (by hand: what a failed trial did). */
const LOG_DIR = process.env.THIDUA_CRASH_LOG;
const DEMO = { blocs: 3, units: 5, seed: 11, concurrency: 4, pledgeConference: true };

interface RunningStart {
  child: ChildProcess;
  url: string;
  mail: string;
  signIn: string;
}

/** `npm start` in its own process group on `dataDir`; resolves once it printed its addresses. */
async function npmStart(dataDir: string, port: number, log?: (line: string) => void): Promise<RunningStart> {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['local/start.ts', '--demo'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), THIDUA_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  if (log) for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}):\n${out}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const mail = /Mail viewer\s+(\S+)/.exec(out)?.[1];
      const signIn = /Admin sign-in\s+(\S+)/.exec(out)?.[1];
      if (mail && signIn) resolve({ child, url: `http://127.0.0.1:${port}`, mail: mail.replace(/\/$/, ''), signIn });
    });
  });
}

/** kill -9 of the stack's whole process group, then waits until none of its processes is left. */
async function killHard(start: RunningStart): Promise<void> {
  const exited = start.child.exitCode === null ? once(start.child, 'exit') : Promise.resolve();
  try {
    process.kill(-start.child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
  await exited;
  for (let i = 0; i < 100 && groupAlive(start.child.pid!); i++) await sleep(100);
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopGently(start: RunningStart): Promise<void> {
  const exited = once(start.child, 'exit');
  process.kill(start.child.pid!, 'SIGINT');
  await exited;
}

/** Emails as what a person received: recipient and subject, without the one-off sign-in emails. */
const deliveries = (mails: ReceivedMail[]) =>
  mails.filter((m) => !/đăng nhập/i.test(m.subject)).map((m) => `${m.destination.to.join(',')} | ${m.subject}`);

const tally = (keys: string[]) => keys.reduce((map, key) => map.set(key, (map.get(key) ?? 0) + 1), new Map<string, number>());

interface RunResult {
  outcomes: BlocOutcome[];
  mails: ReceivedMail[];
  auditOk: boolean[];
  crashes: number;
}

/** Runs the demo on a new data directory, killing the stack at each of `killAtMs` (from the demo's start). */
async function run(killAtMs: number[]): Promise<RunResult & { ms: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'thidua-crash-'));
  const port = await freePort();
  const progress: SimulationProgress = {};
  const opened = performance.now();
  const logFile = LOG_DIR ? join(LOG_DIR, `${basename(dataDir)}.log`) : undefined;
  const log = logFile ? (line: string) => appendFileSync(logFile, `${((performance.now() - opened) / 1000).toFixed(1)} s ${line}\n`) : undefined;
  let start = await npmStart(dataDir, port, log);
  let crashes = 0;
  const began = performance.now();
  try {
    for (;;) {
      const client = new DemoClient(start.url, start.mail);
      await client.signIn(start.signIn);
      const killAt = killAtMs[crashes];
      const demo = simulate(client, { ...DEMO, progress, ...(log ? { log } : {}) });
      if (killAt === undefined) {
        const outcomes = await demo;
        log?.(`outcomes: ${JSON.stringify(outcomes.map((o) => [o.cycleId, o.status, o.ranking.map((r) => r.award)]))}`);
        // Past every send lease (5 minutes): an email whose sending the kill interrupted is sent by now.
        await client.jumpTo((await client.now()) + 10 * 60_000);
        const auditOk = await Promise.all(outcomes.map(async (o) => (await client.call<{ verification: { ok: boolean } }>('GET', `/api/admin/cycles/${o.cycleId}/audit`)).verification.ok));
        return { outcomes, mails: await client.mail(), auditOk, crashes, ms: performance.now() - began };
      }
      const finished = await Promise.race([demo.then(() => true, () => true), sleep(Math.max(0, killAt - (performance.now() - began))).then(() => false)]);
      await killHard(start);
      log?.(`killed (the demo ${finished ? 'had ended' : 'was running'})`);
      await demo.catch((error: unknown) => log?.(`the demo stopped: ${String(error)}`));
      if (!finished) crashes++;
      else killAtMs.splice(crashes); // the demo ended before the kill: finish on a restarted stack
      start = await npmStart(dataDir, port, log);
    }
  } finally {
    await stopGently(start).catch(() => killHard(start));
    if (LOG_DIR) log?.(`data kept in ${dataDir}`);
    else await rm(dataDir, { recursive: true, force: true });
  }
}

describe('the crash drill', () => {
  let baseline: RunResult & { ms: number };

  beforeAll(async () => {
    baseline = await run([]);
  }, 300_000);

  it('runs the demo to an approved result without a crash', () => {
    expect(baseline.outcomes).toHaveLength(DEMO.blocs);
    expect(baseline.outcomes.every((o) => o.status === 'approved')).toBe(true);
  });

  const random = seeded(2026);
  const moments = CHOSEN?.map((share) => share / 0.9) ?? Array.from({ length: TRIALS }, () => random());
  const crashedRuns = new Map<number, RunResult>();
  for (const [trial, fraction] of moments.entries()) {
    it(`trial ${trial + 1}: killed at ${Math.round(fraction * 90)}% of the demo, restarted, finishes approved with its audit trail intact`, async () => {
      const crashed = await run([fraction * 0.9 * baseline.ms]);
      crashedRuns.set(trial, crashed);
      expect(crashed.outcomes.map((o) => [o.cycleId, o.status])).toEqual(baseline.outcomes.map((o) => [o.cycleId, o.status]));
      expect(crashed.auditOk.every(Boolean)).toBe(true);
    }, 300_000);

    it(`trial ${trial + 1}: no email sent twice, the same results and the same emails as the uninterrupted run`, () => {
      const crashed = crashedRuns.get(trial)!;
      const sent = tally(deliveries(crashed.mails));
      const expected = tally(deliveries(baseline.mails));
      expect([...sent].filter(([key, count]) => count > (expected.get(key) ?? 1))).toEqual([]);
      expect(crashed.outcomes).toEqual(baseline.outcomes);
      expect([...expected.keys()].filter((key) => !sent.has(key))).toEqual([]);
    });
  }
});
