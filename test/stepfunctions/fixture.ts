/** A local runtime on a temporary data directory with a virtual clock and an SDK client, for tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { type FunctionRegistration, LocalStepFunctions, VirtualClock } from '../../local/stepfunctions/index.js';

/** 2026-01-01T00:00:00Z: every test starts at the same virtual instant. */
export const EPOCH = Date.UTC(2026, 0, 1);

export interface LocalFixture {
  runtime: LocalStepFunctions;
  clock: VirtualClock;
  sfn: SFNClient;
  dataDir: string;
  startExecution(stateMachineArn: string, input?: string, name?: string): Promise<string>;
  stop(): Promise<void>;
}

export function sfnClient(endpoint: string): SFNClient {
  return new SFNClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
}

export async function startFixture(options: { functions?: Record<string, FunctionRegistration>; settleTimeoutMs?: number } = {}): Promise<LocalFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sfn-test-'));
  const clock = new VirtualClock(EPOCH, options.settleTimeoutMs === undefined ? {} : { settleTimeoutMs: options.settleTimeoutMs });
  const runtime = await LocalStepFunctions.start({ dataDir, clock, functions: options.functions ?? {} });
  const sfn = sfnClient(runtime.endpoint);
  return {
    runtime,
    clock,
    sfn,
    dataDir,
    async startExecution(stateMachineArn, input = '{}', name) {
      const started = await sfn.send(new StartExecutionCommand({ stateMachineArn, input, name }));
      return started.executionArn!;
    },
    async stop() {
      sfn.destroy();
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a state machine from a definition (text or object); returns its ARN. */
export async function createMachine(fixture: { sfn: SFNClient }, definition: string | object, name = 'machine'): Promise<string> {
  const created = await fixture.sfn.send(
    new CreateStateMachineCommand({
      name,
      definition: typeof definition === 'string' ? definition : JSON.stringify(definition),
      roleArn: 'arn:aws:iam::123456789012:role/local',
    }),
  );
  return created.stateMachineArn!;
}
