/** Stopping the runtime and starting it again on the same data directory, in process, on a virtual clock. */
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SendTaskSuccessCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FunctionRegistration, LocalStepFunctions, VirtualClock } from '../../local/stepfunctions/index.js';
import { createMachine, EPOCH, sfnClient } from './fixture.js';

let dataDir: string;
let open: Array<{ runtime: LocalStepFunctions; sfn: SFNClient }> = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sfn-restart-'));
});
afterEach(async () => {
  for (const { runtime, sfn } of open) {
    sfn.destroy();
    await runtime.stop();
  }
  open = [];
  rmSync(dataDir, { recursive: true, force: true });
});

async function boot(at: number, functions: Record<string, FunctionRegistration> = {}) {
  const clock = new VirtualClock(at);
  const runtime = await LocalStepFunctions.start({ dataDir, clock, functions });
  const sfn = sfnClient(runtime.endpoint);
  open.push({ runtime, sfn });
  return { runtime, sfn, clock };
}

async function shutdown(): Promise<void> {
  const last = open.pop()!;
  last.sfn.destroy();
  await last.runtime.stop();
}

const notify = { notify: async () => ({ sent: true }) };
const ask = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Arguments: { FunctionName: 'notify', Payload: { token: '{% $states.context.Task.Token %}' } }, End: true };

describe('a restart on the same data directory', () => {
  it('accepts a token sent before the replay has reached its task again', async () => {
    const waits = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`Day${i}`, { Type: 'Wait', Seconds: 1, Next: i < 99 ? `Day${i + 1}` : 'Ask' }]));
    const first = await boot(EPOCH, notify);
    const arn = await createMachine(first, { QueryLanguage: 'JSONata', StartAt: 'Day0', States: { ...waits, Ask: ask } });
    const executionArn = (await first.sfn.send(new StartExecutionCommand({ stateMachineArn: arn }))).executionArn!;
    await first.clock.advance(100_000);
    await first.runtime.idle();
    const [task] = first.runtime.waitingTasks(executionArn);
    await shutdown();

    const second = await boot(EPOCH + 200_000, notify);
    expect(second.runtime.waitingTasks(executionArn)).toEqual([]); // the replay is still on its way
    await second.sfn.send(new SendTaskSuccessCommand({ taskToken: task!.token, output: '{"approved":true}' }));
    await second.runtime.idle();
    expect(await second.sfn.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({ status: 'SUCCEEDED', output: '{"approved":true}' });
  });

  it('fires a Wait at its original due time, after a torn last line', async () => {
    const first = await boot(EPOCH);
    const arn = await createMachine(first, { QueryLanguage: 'JSONata', StartAt: 'Hour', States: { Hour: { Type: 'Wait', Seconds: 3600, End: true } } });
    const executionArn = (await first.sfn.send(new StartExecutionCommand({ stateMachineArn: arn }))).executionArn!;
    await first.runtime.idle();
    await shutdown();
    const [file] = readdirSync(join(dataDir, 'executions'));
    appendFileSync(join(dataDir, 'executions', file!), '{"e":{"id":9,"previousEv'); // a crash in the middle of a write

    const second = await boot(EPOCH + 1000_000);
    await second.clock.advance(2_599_000);
    expect((await second.sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await second.clock.advance(1000);
    const history = await second.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(history.events?.map((e) => [e.type, e.timestamp?.getTime()])).toEqual([
      ['ExecutionStarted', EPOCH],
      ['WaitStateEntered', EPOCH],
      ['WaitStateExited', EPOCH + 3_600_000],
      ['ExecutionSucceeded', EPOCH + 3_600_000],
    ]);
    await shutdown();
    await boot(EPOCH + 4_000_000); // the history written after the torn line reads back
    expect(open[0]!.runtime.waitingTasks()).toEqual([]);
    const again = await open[0]!.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(again.status).toBe('SUCCEEDED');
  });

  it('refuses a second runtime on a data directory in use', async () => {
    await boot(EPOCH);
    await expect(LocalStepFunctions.start({ dataDir })).rejects.toMatchObject({ name: 'DataDirectoryInUse' });
    await shutdown();
    await boot(EPOCH); // released by stop()
  });

  it('does not run a finished execution again', async () => {
    let calls = 0;
    const count = { count: async () => ({ call: ++calls }) };
    const first = await boot(EPOCH, count);
    const arn = await createMachine(first, {
      QueryLanguage: 'JSONata',
      StartAt: 'Count',
      States: { Count: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'count' }, End: true } },
    });
    const executionArn = (await first.sfn.send(new StartExecutionCommand({ stateMachineArn: arn }))).executionArn!;
    await first.runtime.idle();
    await shutdown();
    const second = await boot(EPOCH, count);
    await second.runtime.idle();
    expect(calls).toBe(1);
    const history = await second.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(history.events?.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(history.events).toHaveLength(7);
  });
});
