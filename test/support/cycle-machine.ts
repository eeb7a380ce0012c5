/**
 * The cycle's state machine and its functions for a local runtime, in a test process or in a child one
 * (test/cycle/crash-cycle-child.ts): nothing here needs vitest.
 */
import { CreateStateMachineCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FUNCTIONS, aslSubstitutions, substitute } from '../../functions/catalog.js';
import type { FunctionRegistration, LambdaHandler } from '../../local/stepfunctions/index.js';

const root = resolve(import.meta.dirname, '../..');

/** Every catalog function the state machine invokes, by its local name. */
export async function catalogFunctions(): Promise<Record<string, FunctionRegistration>> {
  const functions: Record<string, FunctionRegistration> = {};
  for (const spec of FUNCTIONS.filter((f) => f.aslKey)) {
    const module = (await import(pathToFileURL(join(root, spec.entry)).href)) as { handler: LambdaHandler };
    functions[spec.name] = { handler: module.handler, timeoutSeconds: spec.timeoutSeconds };
  }
  return functions;
}

/** Creates the cycle state machine from workflows/cycle.asl.json (again after a restart: the same one). */
export async function createCycleMachine(sfn: SFNClient): Promise<string> {
  const definition = substitute(await readFile(join(root, 'workflows/cycle.asl.json'), 'utf8'), aslSubstitutions((f) => f.name));
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'thidua-cycle', definition, roleArn: 'arn:aws:iam::123456789012:role/local' }));
  return stateMachineArn!;
}

