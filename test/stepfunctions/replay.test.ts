/**
 * Replay after a crash at any point: a history file cut at any byte (what kill -9 leaves behind, torn
 * last line included) resumes to the output of the uninterrupted run, with the same events, none twice.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FunctionRegistration, LocalStepFunctions, VirtualClock } from '../../local/stepfunctions/index.js';
import { EPOCH, sfnClient } from './fixture.js';

/** Lambda invocations of the current run. */
let invocations = 0;
const counted =
  (handler: (event: unknown) => Promise<unknown>): FunctionRegistration =>
  async (event) => {
    invocations++;
    return handler(event);
  };

const handlers: Record<string, FunctionRegistration> = {
  score: counted(async (event) => {
    const { unit, retryCount } = event as { unit: number; retryCount: number };
    if (unit % 2 === 1 && retryCount === 0) throw Object.assign(new Error('busy'), { name: 'Flaky' });
    return { score: unit * 10 };
  }),
  notify: counted(async () => ({ sent: true })),
  count: counted(async (event) => ({ count: (event as unknown[]).length })),
};

const lambda = (name: string, payload: unknown, rest: object) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Arguments: { FunctionName: name, Payload: payload },
  ...rest,
});

const definition = {
  QueryLanguage: 'JSONata',
  StartAt: 'Prepare',
  States: {
    Prepare: {
      Type: 'Pass',
      Assign: { id: '{% $uuid() %}', startedAt: '{% $millis() %}' },
      Output: { units: [1, 2, 3, 4, 5] },
      Next: 'Score',
    },
    Score: {
      Type: 'Map',
      Items: '{% $states.input.units %}',
      MaxConcurrency: 2,
      ItemProcessor: {
        StartAt: 'Check',
        States: {
          Check: lambda(
            'score',
            { unit: '{% $states.input %}', retryCount: '{% $states.context.State.RetryCount %}' },
            { Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 5 }], Output: '{% $states.result.Payload.score %}', Next: 'Approve' },
          ),
          Approve: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            Arguments: { FunctionName: 'notify', Payload: { token: '{% $states.context.Task.Token %}' } },
            Output: '{% { "score": $states.input, "approved": $states.result.approved } %}',
            End: true,
          },
        },
      },
      Next: 'Pause',
    },
    Pause: { Type: 'Wait', Seconds: 3600, Next: 'Both' },
    Both: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Sum', States: { Sum: { Type: 'Pass', Output: '{% $sum($states.input.score) %}', End: true } } },
        { StartAt: 'Count', States: { Count: lambda('count', '{% $states.input %}', { Output: '{% $states.result.Payload.count %}', End: true }) } },
      ],
      Next: 'Decide',
    },
    Decide: {
      Type: 'Choice',
      Choices: [{ Condition: '{% $states.input[0] > 100 %}', Next: 'Done', Assign: { verdict: 'high' } }],
      Default: 'Done',
      Assign: { verdict: 'low' },
    },
    Done: {
      Type: 'Pass',
      Output: {
        total: '{% $states.input[0] %}',
        count: '{% $states.input[1] %}',
        verdict: '{% $verdict %}',
        hasId: "{% $id != '' %}",
        waitedAnHour: '{% $millis() - $startedAt >= 3600000 %}',
      },
      End: true,
    },
  },
};

interface Outcome {
  status?: string;
  output?: unknown;
  events: string[];
  invocations: number;
}

const executionArn = 'arn:aws:states:us-east-1:123456789012:execution:replayed:x';

/**
 * Runs the execution on `dataDir` to its end, answering every token and advancing the clock; starts it
 * first when `fresh`, otherwise resumes what the directory holds.
 */
async function runToEnd(dataDir: string, startAt: number, fresh: boolean): Promise<Outcome> {
  invocations = 0;
  const clock = new VirtualClock(startAt);
  const runtime = await LocalStepFunctions.start({ dataDir, clock, functions: handlers });
  const sfn = sfnClient(runtime.endpoint);
  try {
    if (fresh) {
      const { stateMachineArn } = await sfn.send(
        new CreateStateMachineCommand({ name: 'replayed', definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::123456789012:role/local' }),
      );
      await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'x' }));
    }
    for (let round = 0; round < 200; round++) {
      await runtime.idle();
      const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (status !== 'RUNNING') break;
      const waiting = runtime.waitingTasks(executionArn);
      for (const task of waiting) await sfn.send(new SendTaskSuccessCommand({ taskToken: task.token, output: '{"approved":true}' }));
      if (waiting.length > 0) continue;
      if (clock.nextDueAt === undefined) throw new Error('the execution is stuck: RUNNING, no token to answer, no timer');
      await clock.advanceTo(clock.nextDueAt);
    }
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    return { status: execution.status, output: JSON.parse(execution.output ?? 'null'), events: history.events!.map((e) => e.type!), invocations };
  } finally {
    sfn.destroy();
    await runtime.stop();
  }
}

const roots: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-replay-'));
  roots.push(dir);
  return dir;
}

let reference: Outcome;
let dataDir: string;
let history: Buffer;
let historyName: string;

beforeAll(async () => {
  const dir = tempDir();
  reference = await runToEnd(dir, EPOCH, true);
  dataDir = dir;
  historyName = readdirSync(join(dir, 'executions'))[0]!;
  history = readFileSync(join(dir, 'executions', historyName!));
});
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

/** A data directory as kill -9 leaves it when the history had reached `bytes` bytes on disk. */
function crashedAt(bytes: number): string {
  const dir = tempDir();
  // The state machines and the definitions executions refer to were on disk before the execution started.
  for (const folder of ['state-machines', 'definitions']) {
    mkdirSync(join(dir, folder));
    for (const file of readdirSync(join(dataDir, folder))) copyFileSync(join(dataDir, folder, file), join(dir, folder, file));
  }
  mkdirSync(join(dir, 'executions'));
  writeFileSync(join(dir, 'executions', historyName), history.subarray(0, bytes));
  return dir;
}

const sorted = (events: string[]) => [...events].sort();

/** Lambda invocations whose end a history prefix records: a result or failure, or a token handed on. */
function invocationsRecorded(prefix: Buffer): number {
  let count = 0;
  for (const line of prefix.toString('utf8').split('\n')) {
    let event: { type?: string; details?: { resource?: string } } | undefined;
    try {
      event = (JSON.parse(line) as { e?: typeof event }).e;
    } catch {
      continue;
    }
    const lambdaEnded = (event?.type === 'TaskSucceeded' || event?.type === 'TaskFailed') && event.details?.resource === 'invoke';
    if (lambdaEnded || event?.type === 'TaskSubmitted') count++;
  }
  return count;
}

describe('replay after a crash', () => {
  it('has a reference run that goes through every kind of state', () => {
    expect(reference).toMatchObject({ status: 'SUCCEEDED', output: { total: 150, count: 5, verdict: 'high', hasId: true, waitedAnHour: true } });
    expect(reference.events).toEqual(expect.arrayContaining(['TaskFailed', 'TaskSubmitted', 'WaitStateExited', 'ParallelStateSucceeded', 'ChoiceStateExited']));
  });

  it('resumes a history cut at any byte to the same output and the same events, none twice', async () => {
    const header = history.indexOf('\n') + 1;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: header, max: history.length }), async (bytes) => {
        const resumed = await runToEnd(crashedAt(bytes), EPOCH + 30 * 24 * 3600 * 1000, false);
        expect(resumed.status).toBe('SUCCEEDED');
        expect(resumed.output).toEqual(reference.output);
        expect(sorted(resumed.events)).toEqual(sorted(reference.events));
        // Only the invocations the history does not show as finished run again.
        expect(resumed.invocations).toBe(reference.invocations - invocationsRecorded(history.subarray(0, bytes)));
      }),
      { numRuns: 25 },
    );
  });
});
