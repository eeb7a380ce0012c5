/**
 * Runs every case under conformance/<feature>/<case>/ on the local runtime, through the Step Functions
 * API, with a virtual clock: Wait states, retries and timeouts fire by advancing the clock.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import type { LambdaHandler } from '../../local/stepfunctions/index.js';
import { createMachine, type LocalFixture, startFixture } from './fixture.js';

const root = fileURLToPath(new URL('./conformance/', import.meta.url));

interface Expected {
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'INVALID_DEFINITION';
  output?: unknown;
  error?: string;
  cause?: string;
  events?: string[];
  /** Event types that must appear in this order, others (concurrent branches) between them. */
  eventsInclude?: string[];
  errors?: string[];
}

interface TokenAnswer {
  after: string;
  send: 'success' | 'failure';
  output?: unknown;
  error?: string;
  cause?: string;
}

const readJson = <T>(dir: string, file: string): T => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
const folders = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

for (const feature of folders(root)) {
  describe(feature, () => {
    for (const name of folders(join(root, feature))) {
      const dir = join(root, feature, name);
      if (existsSync(join(dir, 'definition.asl.json'))) it(name.replaceAll('-', ' '), () => runCase(dir));
    }
  });
}

async function runCase(dir: string): Promise<void> {
  const expected = readJson<Expected>(dir, 'expected.json');
  const handlers = existsSync(join(dir, 'handlers.mjs'))
    ? ((await import(pathToFileURL(join(dir, 'handlers.mjs')).href)) as { default: Record<string, LambdaHandler> }).default
    : {};
  // Lambda's longest timeout, so a handler that never returns leaves the state's TimeoutSeconds to act.
  const functions = Object.fromEntries(Object.entries(handlers).map(([n, handler]) => [n, { handler, timeoutSeconds: 900 }]));
  const fixture = await startFixture({ functions, settleTimeoutMs: 250 });
  try {
    const definition = readFileSync(join(dir, 'definition.asl.json'), 'utf8');
    if (expected.status === 'INVALID_DEFINITION') {
      const error = (await createMachine(fixture, definition).catch((e: unknown) => e)) as Error;
      expect(error.name).toBe('InvalidDefinition');
      for (const problem of expected.errors ?? []) expect(error.message).toContain(problem);
      return;
    }
    const executionArn = await fixture.startExecution(await createMachine(fixture, definition), readFileSync(join(dir, 'input.json'), 'utf8'));
    await drive(fixture, executionArn, existsSync(join(dir, 'tokens.json')) ? readJson<TokenAnswer[]>(dir, 'tokens.json') : []);
    const execution = await fixture.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe(expected.status);
    if ('error' in expected) expect(execution.error).toBe(expected.error);
    if ('output' in expected) expect(JSON.parse(execution.output ?? 'null')).toEqual(expected.output);
    if ('cause' in expected) expect(execution.cause).toBe(expected.cause);
    if (expected.events || expected.eventsInclude) {
      const history = await fixture.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
      const types = history.events?.map((e) => e.type ?? '') ?? [];
      if (expected.events) expect(types).toEqual(expected.events);
      if (expected.eventsInclude) expect(inOrder(types, expected.eventsInclude), types.join(', ')).toBe(true);
    }
  } finally {
    await fixture.stop();
  }
}

/** Whether `wanted` appears in `types` in order, with other types in between. */
function inOrder(types: string[], wanted: string[]): boolean {
  let next = 0;
  for (const type of types) if (type === wanted[next]) next++;
  return next === wanted.length;
}

/** Runs the execution to its end: answers tokens in order as they appear, otherwise advances the clock. */
async function drive({ runtime, clock, sfn }: LocalFixture, executionArn: string, answers: TokenAnswer[]): Promise<void> {
  let next = 0;
  for (let round = 0; round < 500; round++) {
    await Promise.race([runtime.idle(), new Promise((resolve) => setTimeout(resolve, 250))]);
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status !== 'RUNNING') return;
    const answer = answers[next];
    const task = answer && runtime.waitingTasks(executionArn).find((t) => t.stateName === answer.after);
    if (answer && task) {
      next++;
      if (answer.send === 'success') {
        await sfn.send(new SendTaskSuccessCommand({ taskToken: task.token, output: JSON.stringify(answer.output ?? {}) }));
      } else {
        await sfn.send(new SendTaskFailureCommand({ taskToken: task.token, error: answer.error, cause: answer.cause }));
      }
      continue;
    }
    const due = clock.nextDueAt;
    if (due === undefined) throw new Error(`the execution is stuck: RUNNING, no token to answer, no timer (answers used: ${next})`);
    await clock.advanceTo(due);
  }
  throw new Error('the execution did not finish within 500 rounds');
}
