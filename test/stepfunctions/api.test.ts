/** The Step Functions API of the local runtime, through @aws-sdk/client-sfn. */
import {
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMachine, type LocalFixture, sfnClient, startFixture } from './fixture.js';

const pass = (output: unknown) => ({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: output, End: true } } });
const approval = (extra: Record<string, unknown> = {}) => ({
  QueryLanguage: 'JSONata',
  StartAt: 'Approve',
  States: {
    Approve: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Arguments: { FunctionName: 'notify', Payload: { token: '{% $states.context.Task.Token %}' } },
      End: true,
      ...extra,
    },
  },
});

let fixture: LocalFixture;
beforeEach(async () => {
  fixture = await startFixture({ functions: { notify: async () => ({ sent: true }) } });
});
afterEach(() => fixture.stop());

const describeExecution = (executionArn: string) => fixture.sfn.send(new DescribeExecutionCommand({ executionArn }));
async function waitingToken(executionArn: string): Promise<string> {
  await fixture.runtime.idle();
  return fixture.runtime.waitingTasks(executionArn)[0]!.token;
}

describe('state machines', () => {
  it('creates, describes, lists, updates and deletes a state machine', async () => {
    const arn = await createMachine(fixture, pass('one'), 'first');
    await createMachine(fixture, pass('two'), 'second');
    const described = await fixture.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(described).toMatchObject({ name: 'first', status: 'ACTIVE', type: 'STANDARD' });
    expect(JSON.parse(described.definition!)).toEqual(pass('one'));
    const listed = await fixture.sfn.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines?.map((m) => m.name)).toEqual(['first', 'second']);
    await fixture.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: JSON.stringify(pass('updated')) }));
    expect(JSON.parse((await fixture.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).definition!)).toEqual(pass('updated'));
    await fixture.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    await expect(fixture.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });

  it('rejects an invalid definition with InvalidDefinition naming every problem', async () => {
    const definition = { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' }, B: { Type: 'Pass', Output: '{% 1 + %}', End: true } } };
    const error = (await createMachine(fixture, definition).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('InvalidDefinition');
    expect(error.message).toMatch(/^Invalid State Machine Definition: '.*'$/);
    expect(error.message).toContain("MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/A/Next");
    expect(error.message).toContain('SCHEMA_VALIDATION_FAILED: invalid JSONata expression "1 +"');
    expect(error.message).toContain('at /States/B/Output');
  });

  it('validates a definition without creating it, one diagnostic per problem', async () => {
    const validate = (definition: object) => fixture.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify(definition) }));
    expect(await validate(pass('ok'))).toMatchObject({ result: 'OK', diagnostics: [] });
    const broken = { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' }, B: { Type: 'Pass', End: true } } };
    const answer = await validate(broken);
    expect(answer.result).toBe('FAIL');
    expect(answer.diagnostics).toEqual([
      { severity: 'ERROR', code: 'MISSING_TRANSITION_TARGET', message: "Missing 'Next' target: Nowhere", location: '/States/A/Next' },
      { severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'State "B" is not reachable from StartAt', location: '/States/B/Type' },
    ]);
    expect((await fixture.sfn.send(new ListStateMachinesCommand({}))).stateMachines).toEqual([]);
  });

  it('keeps running executions on the definition they started with', async () => {
    const arn = await createMachine(fixture, approval({ Output: 'before' }));
    const executionArn = await fixture.startExecution(arn);
    const token = await waitingToken(executionArn);
    await fixture.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: JSON.stringify(approval({ Output: 'after' })) }));
    const running = await fixture.sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(running).toMatchObject({ stateMachineArn: arn, name: 'machine' });
    expect(JSON.parse(running.definition!)).toEqual(approval({ Output: 'before' }));
    await fixture.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    await fixture.runtime.idle();
    expect((await describeExecution(executionArn)).output).toBe('"before"');
  });
});

describe('executions', () => {
  it('returns the same execution for the same name and input, and refuses other input', async () => {
    const arn = await createMachine(fixture, approval());
    const first = await fixture.startExecution(arn, '{"a":1}', 'chu-kỳ-2026');
    expect(await fixture.startExecution(arn, '{"a":1}', 'chu-kỳ-2026')).toBe(first);
    await expect(fixture.startExecution(arn, '{"a":2}', 'chu-kỳ-2026')).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('refuses input that is not JSON, unknown state machines and executions, and malformed ARNs', async () => {
    const arn = await createMachine(fixture, pass('x'));
    await expect(fixture.startExecution(arn, '{oops')).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(fixture.startExecution(`${arn}-missing`)).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(describeExecution(`${arn.replace('stateMachine', 'execution')}:nope`)).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(describeExecution('not-an-arn')).rejects.toMatchObject({ name: 'InvalidArn' });
  });

  it('lists executions newest first, filtered by status, page by page', async () => {
    const arn = await createMachine(fixture, approval());
    for (const name of ['a', 'b', 'c']) {
      await fixture.startExecution(arn, '{}', name);
      await fixture.clock.advance(1000);
    }
    await fixture.sfn.send(new StopExecutionCommand({ executionArn: arn.replace('stateMachine', 'execution') + ':b' }));
    const page1 = await fixture.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 2 }));
    expect(page1.executions?.map((e) => e.name)).toEqual(['c', 'b']);
    const page2 = await fixture.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 2, nextToken: page1.nextToken }));
    expect(page2.executions?.map((e) => e.name)).toEqual(['a']);
    expect(page2.nextToken).toBeUndefined();
    const running = await fixture.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING' }));
    expect(running.executions?.map((e) => e.name)).toEqual(['c', 'a']);
  });

  it('returns the history with AWS event types and details, in either order, page by page', async () => {
    const arn = await createMachine(fixture, pass('{% $states.input.n * 2 %}'));
    const executionArn = await fixture.startExecution(arn, '{"n":21}');
    await fixture.runtime.idle();
    const history = await fixture.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(history.events?.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(history.events?.[1]).toMatchObject({ id: 2, previousEventId: 1, stateEnteredEventDetails: { name: 'P', input: '{"n":21}' } });
    expect(history.events?.[3]?.executionSucceededEventDetails?.output).toBe('42');
    const reversed = await fixture.sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 3 }));
    expect(reversed.events?.map((e) => e.id)).toEqual([4, 3, 2]);
    const rest = await fixture.sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 3, nextToken: reversed.nextToken }));
    expect(rest.events?.map((e) => e.id)).toEqual([1]);
  });

  it('refuses a page of more than 1000 results, as AWS does', async () => {
    const executionArn = await fixture.startExecution(await createMachine(fixture, pass(1)));
    await fixture.runtime.idle();
    await expect(fixture.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1001 }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    });
    expect((await fixture.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events).toHaveLength(4);
  });

  it('stops an execution, after which its task token is refused', async () => {
    const arn = await createMachine(fixture, approval());
    const executionArn = await fixture.startExecution(arn);
    const token = await waitingToken(executionArn);
    await fixture.sfn.send(new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'by the admin' }));
    expect(await describeExecution(executionArn)).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'by the admin' });
    await expect(fixture.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });
});

describe('task callbacks', () => {
  it('refuses a malformed token, output that is not JSON, and a token used twice', async () => {
    const arn = await createMachine(fixture, approval());
    const token = await waitingToken(await fixture.startExecution(arn));
    await expect(fixture.sfn.send(new SendTaskSuccessCommand({ taskToken: 'forged', output: '{}' }))).rejects.toMatchObject({ name: 'InvalidToken' });
    await expect(fixture.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: 'nope' }))).rejects.toMatchObject({ name: 'InvalidOutput' });
    await fixture.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"ok":true}' }));
    await expect(fixture.sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Late' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('keeps a task alive past HeartbeatSeconds while heartbeats arrive', async () => {
    const arn = await createMachine(fixture, approval({ HeartbeatSeconds: 60 }));
    const executionArn = await fixture.startExecution(arn);
    const token = await waitingToken(executionArn);
    for (let minute = 0; minute < 5; minute++) {
      await fixture.clock.advance(50_000);
      await fixture.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    }
    expect((await describeExecution(executionArn)).status).toBe('RUNNING');
    await fixture.clock.advance(61_000);
    expect(await describeExecution(executionArn)).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
  });

  it('lets a handler complete its own task through the API before it returns', async () => {
    fixture.runtime.registerFunction('submitNow', async (event) => {
      const { token } = event as { token: string };
      const sfn = sfnClient(fixture.runtime.endpoint);
      await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"submitted":"at once"}' }));
      sfn.destroy();
      return { sent: true };
    });
    const definition = approval();
    definition.States.Approve.Arguments.FunctionName = 'submitNow';
    const executionArn = await fixture.startExecution(await createMachine(fixture, definition));
    await fixture.runtime.idle();
    expect(await describeExecution(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '{"submitted":"at once"}' });
  });

  it('lets a Lambda task complete another execution’s wait, as a form submission does', async () => {
    const waiting = await fixture.startExecution(await createMachine(fixture, approval(), 'cycle'));
    const token = await waitingToken(waiting);
    fixture.runtime.registerFunction('submit', async () => {
      const sfn = sfnClient(fixture.runtime.endpoint);
      await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"score":9.5}' }));
      sfn.destroy();
      return 'done';
    });
    const submit = { QueryLanguage: 'JSONata', StartAt: 'S', States: { S: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'submit' }, End: true } } };
    await fixture.startExecution(await createMachine(fixture, submit, 'form'));
    await fixture.runtime.idle();
    expect(await describeExecution(waiting)).toMatchObject({ status: 'SUCCEEDED', output: '{"score":9.5}' });
  });
});

describe('the HTTP endpoint', () => {
  it('answers an unknown operation and a malformed body with 400 and an AWS error type', async () => {
    const post = (target: string, body: string) =>
      fetch(fixture.runtime.endpoint, { method: 'POST', headers: { 'X-Amz-Target': target, 'Content-Type': 'application/x-amz-json-1.0' }, body });
    const unknown = await post('AWSStepFunctions.DoSomething', '{}');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
    const malformed = await post('AWSStepFunctions.ListStateMachines', '{');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ __type: 'SerializationException' });
  });
});
