/**
 * The cycle's runtime in a child process, for the hand-over crash test: the local Step Functions runtime on
 * a virtual clock with every catalog function, as the local stack runs it. Started as
 * `node --import tsx crash-cycle-child.ts <dataDir> <virtual now, epoch ms> <port>` with the services'
 * environment; prints `{ endpoint, stateMachineArn }`, then takes one JSON command a line on stdin
 * (`{ "advanceTo": ms }` or `{ "idle": true }`) and answers `{ "now": ms }` once the runtime is idle.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { createInterface } from 'node:readline';
import { LocalStepFunctions, VirtualClock } from '../../local/stepfunctions/index.js';
import { catalogFunctions, createCycleMachine } from '../support/cycle-machine.js';

const [dataDir, startMs, port] = process.argv.slice(2) as [string, string, string];
const clock = new VirtualClock(Number(startMs));
const runtime = await LocalStepFunctions.start({ dataDir, clock, port: Number(port), functions: await catalogFunctions(), region: 'ap-southeast-1' });
const sfn = new SFNClient({ endpoint: runtime.endpoint, region: 'ap-southeast-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const stateMachineArn = await createCycleMachine(sfn);
process.env.STATE_MACHINE_ARN = stateMachineArn;
console.log(JSON.stringify({ endpoint: runtime.endpoint, stateMachineArn }));

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as { advanceTo?: number; idle?: boolean };
  if (command.advanceTo !== undefined) await clock.advanceTo(command.advanceTo);
  await runtime.idle();
  console.log(JSON.stringify({ now: clock.now() }));
}
