/** Virtual time: waits of days and month-long timeouts fire as soon as the clock is advanced. */
import { DescribeExecutionCommand, GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../local/stepfunctions/index.js';
import { createMachine, EPOCH, type LocalFixture, startFixture } from './fixture.js';

const DAY = 24 * 60 * 60 * 1000;

let fixture: LocalFixture | undefined;
afterEach(() => fixture?.stop());

describe('VirtualClock', () => {
  it('fires due timers in due order and none that are not due', async () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.setTimer(300, () => fired.push('c'));
    clock.setTimer(100, () => fired.push('a'));
    clock.setTimer(200, () => fired.push('b'));
    clock.setTimer(900, () => fired.push('late'));
    await clock.advance(500);
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(clock.now()).toBe(500);
    expect(clock.nextDueAt).toBe(900);
  });
});

describe('an execution on a virtual clock', () => {
  it('times out a task with a 30-day TimeoutSeconds as soon as the clock passes it', async () => {
    fixture = await startFixture({ functions: { notify: async () => ({ sent: true }) } });
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'AwaitApproval',
      States: {
        AwaitApproval: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Arguments: { FunctionName: 'notify', Payload: { token: '{% $states.context.Task.Token %}' } },
          TimeoutSeconds: 30 * 24 * 60 * 60,
          End: true,
        },
      },
    };
    const executionArn = await fixture.startExecution(await createMachine(fixture, definition));
    await fixture.runtime.idle();
    await fixture.clock.advance(30 * DAY - 1000);
    expect((await fixture.sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await fixture.clock.advance(1000);
    const execution = await fixture.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(execution.stopDate?.getTime()).toBe(EPOCH + 30 * DAY);
  });

  it('runs a chain of day-long waits in one advance, each after the one before', async () => {
    fixture = await startFixture();
    const wait = (next: string) => ({ Type: 'Wait', Seconds: 86_400, Next: next });
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Day1',
      States: { Day1: wait('Day2'), Day2: wait('Day3'), Day3: { Type: 'Pass', Output: '{% $millis() %}', End: true } },
    };
    const executionArn = await fixture.startExecution(await createMachine(fixture, definition));
    await fixture.clock.advance(10 * DAY);
    const execution = await fixture.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution.status).toBe('SUCCEEDED');
    expect(Number(execution.output)).toBe(EPOCH + 2 * DAY);
    const history = await fixture.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const exits = history.events?.filter((e) => e.type === 'WaitStateExited').map((e) => e.timestamp?.getTime());
    expect(exits).toEqual([EPOCH + DAY, EPOCH + 2 * DAY]);
  });
});
