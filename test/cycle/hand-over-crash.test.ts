/**
 * kill -9 during the hand-over: the runtime (the local Step Functions runtime with every function, as the
 * local stack runs it) lives in a child process, killed with SIGKILL the moment the cycle's next execution
 * appears on disk, while the first one is still handing over, and started again on the same data. The
 * 16-month cycle then ends as an uninterrupted run does: the same results, one hand-over, no email twice.
 */
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../functions/audit/trail.js';
import { actOnLink } from '../../functions/cycle/actions.js';
import { RESULT_NAMES, readResult, type FinalResult, type ScoresResult } from '../../functions/cycle/results.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import { listBlocHistory } from '../../functions/store/history.js';
import { freePort } from '../../local/services/process.js';
import { CycleHarness, useLocalServices, type RuntimeDriver } from '../support/cycle-harness.js';
import { createTestStore } from '../support/store.js';
import { submissionFor } from '../domain/fixtures.js';
import { SUBJECT } from './fixtures.js';
import { SELF_ASSESSMENT_CLOSES_AT, STARTED_AT, TOTALS, longConfig, playFirstYear, playSecondYear, playUntilSelfAssessment } from './long-calendar.js';

const childScript = fileURLToPath(new URL('./crash-cycle-child.ts', import.meta.url));

/** The runtime in a child process, driven over its stdin. */
class ChildRuntime implements RuntimeDriver {
  private virtualNow: number;
  private constructor(
    private readonly child: ChildProcess,
    private readonly lines: AsyncIterator<string>,
    private readonly reader: Interface,
    now: number,
  ) {
    this.virtualNow = now;
  }

  static async start(dataDir: string, now: number, port: number): Promise<{ runtime: ChildRuntime; stateMachineArn: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dataDir, String(now), String(port)], { stdio: ['pipe', 'pipe', 'inherit'], env: process.env });
    const reader = createInterface({ input: child.stdout! });
    const lines = reader[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done) throw new Error('the runtime exited before listening');
    const { stateMachineArn } = JSON.parse(first.value) as { stateMachineArn: string };
    return { runtime: new ChildRuntime(child, lines, reader, now), stateMachineArn };
  }

  now(): number {
    return this.virtualNow;
  }

  private async command(command: object): Promise<void> {
    this.child.stdin!.write(`${JSON.stringify(command)}\n`);
    const answer = await this.lines.next();
    if (answer.done) throw new Error('the runtime exited');
    this.virtualNow = (JSON.parse(answer.value) as { now: number }).now;
  }

  advanceTo(ms: number): Promise<void> {
    return this.command({ advanceTo: ms });
  }

  idle(): Promise<void> {
    return this.command({ idle: true });
  }

  /** kill -9, then waits for the process to be gone. */
  async kill(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.reader.close();
    this.child.kill('SIGKILL');
    await exited;
  }

  stop(): Promise<void> {
    return this.kill();
  }
}

interface RunResult {
  final: FinalResult;
  scores: ScoresResult['rows'];
  history: unknown[];
  executions: string[];
  handOvers: number;
  /** Emails by recipient (without the test's tag) and subject, with how many times each went. */
  emails: Record<string, number>;
}

let port: number;

/** Plays the 16-month cycle on a new runtime data directory; with `crash`, kills the runtime in the hand-over. */
async function run(crash: boolean): Promise<RunResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'thidua-handover-'));
  let { runtime, stateMachineArn } = await ChildRuntime.start(dataDir, Date.parse(STARTED_AT), port);
  process.env.STATE_MACHINE_ARN = stateMachineArn;
  let h = CycleHarness.over(runtime);
  const config: CycleConfig = longConfig();
  try {
    const { cycleId } = await h.startCycle(config);
    if (!crash) {
      await playFirstYear(h, config);
    } else {
      // The last self-assessment closes the phase, and the hand-over follows at once: kill -9 as soon as
      // the next execution's history exists, while the first is still in its hand-over step.
      const last = config.bloc.units.at(-1)!;
      await playUntilSelfAssessment(h, config, { ...TOTALS, [last.id]: undefined } as Record<string, number>);
      const next = join(dataDir, 'executions', `${encodeURIComponent(`thidua-cycle:${cycleId}-h1`)}.jsonl`);
      const linkId = await h.linkFor(last.email, SUBJECT.selfAssessment);
      await actOnLink(h.deps, { linkId, data: { scores: submissionFor(TOTALS[last.id]!) }, intent: 'submit', at: h.now() });
      while (!existsSync(next)) await sleep(1);
      const at = runtime.now();
      await runtime.kill();
      ({ runtime } = await ChildRuntime.start(dataDir, at, port));
      h = CycleHarness.over(runtime);
      await h.advanceTo(SELF_ASSESSMENT_CLOSES_AT);
      await h.sweep();
    }
    await playSecondYear(h, config);
    const { executions = [] } = await h.deps.sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    const tag = config.approverEmail.split('.')[1]!.split('@')[0]!;
    const emails: Record<string, number> = {};
    for (const address of [...config.bloc.units.map((u) => u.email), config.approverEmail, ...config.adminEmails]) {
      for (const mail of await h.mailTo(address)) {
        // Who checks whom is drawn from the cycle's id, which differs between the two runs.
        const key = `${address.replace(`.${tag}`, '')} | ${mail.subject.replace(/(Phân công kiểm tra chéo):.*/, '$1')}`;
        emails[key] = (emails[key] ?? 0) + 1;
      }
    }
    return {
      final: (await readResult<FinalResult>(h.deps.store, cycleId, RESULT_NAMES.final))!,
      scores: (await readResult<ScoresResult>(h.deps.store, cycleId, RESULT_NAMES.scores))!.rows,
      history: (await listBlocHistory(h.deps.store, config.bloc.id)).map(({ blocId: _b, cycleId: _c, ...rest }) => rest),
      executions: executions.filter((e) => e.name?.startsWith(cycleId)).map((e) => `${e.name!.replace(cycleId, 'cycle')} ${e.status}`).sort(),
      handOvers: (await listAuditEvents(h.deps.store, cycleId)).filter((e) => e.action === 'cycle.handedOver').length,
      emails,
    };
  } finally {
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe('kill -9 of the runtime during the hand-over of a 16-month cycle', () => {
  let uninterrupted: RunResult;
  let crashed: RunResult;

  beforeAll(async () => {
    port = await freePort();
    const store = await createTestStore();
    useLocalServices(store.tableName, `http://127.0.0.1:${port}`, '');
    uninterrupted = await run(false);
    crashed = await run(true);
  }, 600_000);

  it('ends with the same decision, scores and history as the uninterrupted run', () => {
    expect(crashed.final.status).toBe('approved');
    expect({ ...crashed.final, publishedAt: undefined }).toEqual({ ...uninterrupted.final, publishedAt: undefined });
    expect(crashed.scores).toEqual(uninterrupted.scores);
    expect(crashed.history).toEqual(uninterrupted.history);
  });

  it('continued in one new execution, recorded once', () => {
    expect(crashed.executions).toEqual(['cycle SUCCEEDED', 'cycle-h1 SUCCEEDED']);
    expect(crashed.executions).toEqual(uninterrupted.executions);
    expect(crashed.handOvers).toBe(1);
  });

  it('sent every email of the uninterrupted run, none twice', () => {
    expect(crashed.emails).toEqual(uninterrupted.emails);
  });
});
