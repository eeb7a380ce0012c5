/**
 * The local stack's parts that read on their own (local/stack.ts puts them together): the JVM options, the
 * services started side by side, the 503 before ready, the state machine, the admin's sign-in link, and
 * what a killed run left held.
 */
import { CreateStateMachineCommand, SFNClient, UpdateStateMachineCommand } from '@aws-sdk/client-sfn';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { aslSubstitutions, substitute } from '../functions/catalog.js';
import { releaseSweepLeases } from '../functions/cycle/scheduler.js';
import { createLink } from '../functions/links/links.js';
import { releaseClaims } from '../functions/mail/outbox.js';
import type { Store } from '../functions/store/client.js';
import { FAST_START_JVM, THROUGHPUT_JVM, type RunningService } from './services/dynamodb.js';

const root = resolve(import.meta.dirname, '..');
export const REGION = 'ap-southeast-1';
export const ACCOUNT = '123456789012';
export const STATE_MACHINE = 'thidua-cycle';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Releases what the last run held when it was killed: nothing of it is alive (the data directory's lock
 * says so). Its email claims (what it claimed goes now, after SES's Send events were recorded) and its
 * sweeps' leases on cycles (the deadlines it was passing pass at the next jump, not 10 minutes of the
 * clock later, by which time a demo may have moved a phase on).
 */
export async function releaseWhatTheLastRunHeld(store: Store, now: Date): Promise<void> {
  await releaseClaims(store, now);
  await releaseSweepLeases(store, now);
}

/** DynamoDB Local's JVM: C1 only for a quick start, C2 for long runs, or a caller's options (benchmarks). */
export type DynamoDbJvm = 'fast-start' | 'throughput' | { javaOptions: string };

/** DynamoDB Local's JVM options for the stack's choice. */
export function javaOptionsOf(jvm: DynamoDbJvm | undefined): { javaOptions?: string } {
  if (typeof jvm === 'object') return { javaOptions: jvm.javaOptions };
  return { javaOptions: jvm === 'throughput' ? THROUGHPUT_JVM : FAST_START_JVM };
}

/** Starts services side by side; each one that started is handed to `onStop`, even when another failed. */
export async function startedTogether<T extends RunningService[]>(onStop: (stop: () => Promise<void>) => void, starting: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(starting);
  for (const result of results) if (result.status === 'fulfilled') onStop(result.value.stop);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<RunningService>).value) as T;
}

/** Before the stack is ready every request but `/health` gets a 503 that says so. */
export async function notReady(ready: boolean, response: ServerResponse): Promise<boolean> {
  if (ready) return false;
  response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' }).end('The local stack is starting.\n');
  return true;
}

/** Creates the cycle state machine, or updates its definition (running executions keep the one they started with). */
export async function createOrUpdateStateMachine(endpoint: string): Promise<void> {
  const sfn = new SFNClient({ endpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const definition = substitute(await readFile(join(root, 'workflows/cycle.asl.json'), 'utf8'), aslSubstitutions((f) => f.name));
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/local`;
  try {
    await sfn.send(new CreateStateMachineCommand({ name: STATE_MACHINE, definition, roleArn }));
  } catch (error) {
    if ((error as Error).name !== 'StateMachineAlreadyExists') throw error;
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${STATE_MACHINE}`, definition, roleArn }));
  } finally {
    sfn.destroy();
  }
}

/** A single-use admin sign-in link, valid 30 days of local time. */
export async function signInLink(store: Store, publicUrl: string, email: string, now: number): Promise<string> {
  const { id } = await createLink(store, { purpose: 'adminSignIn', email }, { expiresAt: new Date(now + 30 * DAY_MS), now: new Date(now), singleUse: true });
  return `${publicUrl}/signin/${id}`;
}
