/**
 * Durability: the runtime runs in a child process that is killed with SIGKILL at chosen points and
 * restarted on the same data directory; every execution must end as an uninterrupted one does, with no
 * task completed twice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeExecutionCommand,
  type DescribeExecutionOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMachine, sfnClient } from './fixture.js';

const childScript = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

/** The runtime in a child process. */
class RuntimeProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly sfn: SFNClient,
  ) {}

  static async start(dataDir: string, logDir: string): Promise<RuntimeProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dataDir, logDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the runtime exited with ${code} before listening`)));
    });
    const { endpoint } = JSON.parse(firstLine) as { endpoint: string };
    return new RuntimeProcess(child, sfnClient(endpoint));
  }

  async kill(): Promise<void> {
    this.sfn.destroy();
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  async start(stateMachineArn: string, name: string, input: string): Promise<string> {
    return (await this.sfn.send(new StartExecutionCommand({ stateMachineArn, name, input }))).executionArn!;
  }

  describe(executionArn: string): Promise<DescribeExecutionOutput> {
    return this.sfn.send(new DescribeExecutionCommand({ executionArn }));
  }

  async history(executionArn: string): Promise<HistoryEvent[]> {
    return (await this.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
  }

  async finished(executionArn: string): Promise<DescribeExecutionOutput> {
    await until(async () => (await this.describe(executionArn)).status !== 'RUNNING');
    return this.describe(executionArn);
  }
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await sleep(20);
  }
}

let dataDir: string;
let logDir: string;
let running: RuntimeProcess | undefined;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sfn-crash-data-'));
  logDir = mkdtempSync(join(tmpdir(), 'sfn-crash-log-'));
});

afterEach(async () => {
  await running?.kill();
  running = undefined;
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(logDir, { recursive: true, force: true });
});

async function restart(): Promise<RuntimeProcess> {
  running = await RuntimeProcess.start(dataDir, logDir);
  return running;
}

async function crash(): Promise<void> {
  await running?.kill();
  running = undefined;
}

function logLines<T>(file: string): T[] {
  const path = join(logDir, file);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

const countOf = (entries: Array<{ step: string }>, step: string) => entries.filter((e) => e.step === step).length;

const collectScores = {
  QueryLanguage: 'JSONata',
  StartAt: 'Collect',
  States: {
    Collect: {
      Type: 'Map',
      Items: '{% $states.input.units %}',
      ItemProcessor: {
        StartAt: 'AskUnit',
        States: {
          AskUnit: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            Arguments: {
              FunctionName: 'notify',
              Payload: { token: '{% $states.context.Task.Token %}', item: { run: '{% $states.context.Execution.Name %}', unit: '{% $states.input %}' } },
            },
            Output: '{% { "unit": $states.input, "score": $states.result.score } %}',
            End: true,
          },
        },
      },
      Output: '{% { "scores": $states.result, "total": $sum($states.result.score) } %}',
      End: true,
    },
  },
};

describe('a restart after kill -9', () => {
  it('resumes a Map of 20 callback tasks with 10 answered, keeping the other 10 tokens', async () => {
    let runtime = await restart();
    const arn = await createMachine(runtime, collectScores, 'collect');
    const units = Array.from({ length: 20 }, (_, i) => `unit-${i + 1}`);
    const input = JSON.stringify({ units });
    const crashed = await runtime.start(arn, 'crashed', input);
    const reference = await runtime.start(arn, 'reference', input);
    type Sent = { token: string; item: { run: string; unit: string } };
    const tokensOf = (run: string) => logLines<Sent>('tokens.jsonl').filter((t) => t.item.run === run);
    await until(() => tokensOf('crashed').length === 20 && tokensOf('reference').length === 20);
    const answer = (t: Sent) =>
      runtime.sfn.send(new SendTaskSuccessCommand({ taskToken: t.token, output: JSON.stringify({ score: Number(t.item.unit.slice(5)) * 10 }) }));
    for (const t of tokensOf('reference')) await answer(t);
    for (const t of tokensOf('crashed').slice(0, 10)) await answer(t);

    await crash();
    runtime = await restart();
    expect((await runtime.describe(crashed)).status).toBe('RUNNING');
    for (const t of tokensOf('crashed').slice(10)) await answer(t);

    const [after, uninterrupted] = [await runtime.finished(crashed), await runtime.finished(reference)];
    expect(after.status).toBe('SUCCEEDED');
    expect(JSON.parse(after.output!)).toEqual(JSON.parse(uninterrupted.output!));
    expect(JSON.parse(after.output!).total).toBe(2100);
    // Each unit was asked once (no re-sent email) and each task completed once.
    expect(tokensOf('crashed')).toHaveLength(20);
    const history = await runtime.history(crashed);
    expect(history.filter((e) => e.type === 'TaskSucceeded')).toHaveLength(20);
    expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
    // A token already used is refused.
    await expect(answer(tokensOf('crashed')[0]!)).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  const chain = {
    QueryLanguage: 'JSONata',
    StartAt: 'First',
    States: {
      First: work('first', 1, 'Pause'),
      Pause: { Type: 'Wait', Seconds: 2, Next: 'Second' },
      Second: work('second', 2, 'Third', '{% $states.context.Execution.Input.slowMs %}'),
      Third: work('third', 3, 'Done'),
      Done: { Type: 'Pass', Output: '{% { "sum": $first + $second + $third } %}', End: true },
    },
  };

  it('keeps a Wait state’s due time and invokes again a Lambda that was in flight', async () => {
    let runtime = await restart();
    const arn = await createMachine(runtime, chain, 'chain');
    const execution = await runtime.start(arn, 'crashed', '{"slowMs": 1000}');
    await until(async () => (await runtime.history(execution)).some((e) => e.type === 'WaitStateEntered'));

    await crash(); // during the Wait
    runtime = await restart();
    const restartedAt = Date.now();
    await until(() => countOf(logLines('invocations.jsonl'), 'second') === 1);
    await crash(); // while the second Lambda runs
    runtime = await restart();

    const after = await runtime.finished(execution);
    expect(after.status).toBe('SUCCEEDED');
    const reference = await runtime.start(arn, 'reference', '{"slowMs": 0}');
    expect(JSON.parse(after.output!)).toEqual(JSON.parse((await runtime.finished(reference)).output!));

    const history = await runtime.history(execution);
    const at = (type: string) => history.find((e) => e.type === type)!.timestamp!.getTime();
    expect(at('WaitStateExited') - at('WaitStateEntered')).toBeGreaterThanOrEqual(2000);
    expect(at('WaitStateExited')).toBeLessThan(restartedAt + 2000 - 100); // the original due time, not 2 s after the restart
    const completions = logLines<{ step: string }>('completions.jsonl');
    const invocations = logLines<{ step: string }>('invocations.jsonl');
    expect(countOf(completions, 'first')).toBe(2); // the crashed run and the reference run, once each
    expect(countOf(invocations, 'second')).toBe(3); // at least once: the crashed invocation, its retry, the reference
    expect(countOf(completions, 'third')).toBe(2);
    expect(history.filter((e) => e.type === 'TaskSucceeded')).toHaveLength(3);
  });

  it('ends a Map of Lambda tasks killed three times as an uninterrupted run, each task succeeding once', async () => {
    const step = (n: number, next: object) => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'work', Payload: { step: `{% $states.input.item & '-${n}' %}`, n: '{% $states.input.n %}', slowMs: '{% $states.context.Execution.Input.slowMs %}' } },
      Output: `{% { "item": $states.input.item, "n": $states.result.Payload.doubled } %}`,
      ...next,
    });
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Items',
      States: {
        Items: {
          Type: 'Map',
          Items: '{% $map([1..8], function($i) { { "item": "u" & $i, "n": $i } }) %}',
          MaxConcurrency: 2,
          ItemProcessor: { StartAt: 'One', States: { One: step(1, { Next: 'Two' }), Two: step(2, { End: true }) } },
          Output: '{% { "total": $sum($states.result.n), "items": $states.result.item } %}',
          End: true,
        },
      },
    };
    let runtime = await restart();
    const arn = await createMachine(runtime, definition, 'items');
    const execution = await runtime.start(arn, 'crashed', '{"slowMs": 60}');
    for (const atLeast of [8, 30, 60]) {
      await until(async () => (await runtime.history(execution)).length >= atLeast);
      await crash();
      runtime = await restart();
    }
    const after = await runtime.finished(execution);
    const reference = await runtime.finished(await runtime.start(arn, 'reference', '{"slowMs": 0}'));
    expect(after.status).toBe('SUCCEEDED');
    expect(JSON.parse(after.output!)).toEqual(JSON.parse(reference.output!));
    const history = await runtime.history(execution);
    expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
    expect(history.filter((e) => e.type === 'TaskSucceeded')).toHaveLength(16);
    expect(history.filter((e) => e.type === 'MapIterationSucceeded')).toHaveLength(8);
  });
});

function work(step: string, n: number, next: string, slowMs?: string) {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Arguments: { FunctionName: 'work', Payload: { step, n, ...(slowMs && { slowMs }) } },
    Assign: { [step]: '{% $states.result.Payload.doubled %}' },
    Next: next,
  };
}
