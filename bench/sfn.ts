/**
 * `npm run bench:sfn`: state transitions per second of the local Step Functions runtime (durable: every
 * event appended to the execution's history file and fsync'd before anything outside sees it) against
 * `aws-local-stepfunctions` (in memory, JSONPath equivalents), on the same workloads in the same run:
 *   (a) a chain of 2,000 Pass states, each with an Output expression;
 *   (b) a Map of 1,000 items × 2 Pass states.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { StateMachine } from 'aws-local-stepfunctions';
import { LocalStepFunctions } from '../local/stepfunctions/index.js';

const CHAIN = 2000;
const ITEMS = 1000;
/** Many rounds: on a shared machine the best of a few is mostly noise (fsync latency, other processes). */
const ROUNDS = 15;

interface Workload {
  name: string;
  transitions: number;
  jsonata: object;
  jsonpath: object;
  input: unknown;
}

function chain<T>(count: number, state: (next: string | undefined) => T): Record<string, T> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`S${i}`, state(i + 1 < count ? `S${i + 1}` : undefined)]));
}
const transition = (next: string | undefined) => (next ? { Next: next } : { End: true });

const workloads: Workload[] = [
  {
    name: `(a) chain of ${CHAIN} Pass states with an Output expression`,
    transitions: CHAIN,
    input: { n: 0 },
    jsonata: {
      QueryLanguage: 'JSONata',
      StartAt: 'S0',
      States: chain(CHAIN, (next) => ({ Type: 'Pass', Output: '{% { "n": $states.input.n + 1 } %}', ...transition(next) })),
    },
    jsonpath: {
      StartAt: 'S0',
      States: chain(CHAIN, (next) => ({ Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, ...transition(next) })),
    },
  },
  {
    name: `(b) Map of ${ITEMS} items × 2 Pass states`,
    transitions: 1 + ITEMS * 2,
    input: { items: Array.from({ length: ITEMS }, (_, i) => ({ id: i, score: i % 10 })) },
    jsonata: {
      QueryLanguage: 'JSONata',
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          Items: '{% $states.input.items %}',
          ItemProcessor: {
            StartAt: 'Double',
            States: {
              Double: { Type: 'Pass', Output: '{% { "id": $states.input.id, "score": $states.input.score * 2 } %}', Next: 'Label' },
              Label: { Type: 'Pass', Output: '{% { "id": $states.input.id, "label": "u" & $states.input.id } %}', End: true },
            },
          },
          End: true,
        },
      },
    },
    jsonpath: {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 40,
          ItemProcessor: {
            StartAt: 'Double',
            States: {
              Double: { Type: 'Pass', Parameters: { 'id.$': '$.id', 'score.$': 'States.MathAdd($.score, $.score)' }, Next: 'Label' },
              Label: { Type: 'Pass', Parameters: { 'id.$': '$.id', 'label.$': "States.Format('u{}', $.id)" }, End: true },
            },
          },
          End: true,
        },
      },
    },
  },
];

/** Our runtime, durable, through its API: from StartExecution to the end of the execution. */
async function runLocal(runtime: LocalStepFunctions, sfn: SFNClient, workload: Workload, round: number): Promise<number> {
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name: `bench-${round}-${workload.transitions}`, definition: JSON.stringify(workload.jsonata), roleArn: 'arn:aws:iam::123456789012:role/bench' }),
  );
  const started = performance.now();
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(workload.input) }));
  await runtime.idle();
  const elapsed = performance.now() - started;
  const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  if (status !== 'SUCCEEDED') throw new Error(`${workload.name}: ${status}`);
  return elapsed;
}

async function runPeer(workload: Workload): Promise<number> {
  const machine = new StateMachine(workload.jsonpath as ConstructorParameters<typeof StateMachine>[0], {
    validationOptions: { checkArn: false },
  });
  const started = performance.now();
  await machine.run(workload.input as never).result;
  return performance.now() - started;
}

const best = (times: number[]) => Math.min(...times);
const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
const perSecond = (transitions: number, ms: number) => Math.round((transitions / ms) * 1000);

const dataDir = mkdtempSync(join(tmpdir(), 'sfn-bench-'));
const runtime = await LocalStepFunctions.start({ dataDir });
const sfn = new SFNClient({ endpoint: runtime.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
console.log(`Local Step Functions benchmark — ${new Date().toISOString()} — ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}`);
console.log(`best of ${ROUNDS} rounds after a warm-up round; ours durable (history fsync'd to ${tmpdir()}), aws-local-stepfunctions in memory\n`);
console.log('| workload | ours (transitions/s) | aws-local-stepfunctions (transitions/s) | ratio | ratio of medians |');
console.log('|---|---:|---:|---:|---:|');
try {
  for (const workload of workloads) {
    const ours: number[] = [];
    const peer: number[] = [];
    // Round 0 warms up both engines (JIT) and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      const a = await runLocal(runtime, sfn, workload, round);
      const b = await runPeer(workload);
      if (round > 0) ours.push(a), peer.push(b);
    }
    const a = perSecond(workload.transitions, best(ours));
    const b = perSecond(workload.transitions, best(peer));
    const medianRatio = median(peer) / median(ours);
    console.log(`| ${workload.name} | ${a} | ${b} | ${(a / b).toFixed(2)}× | ${medianRatio.toFixed(2)}× |`);
  }
} finally {
  sfn.destroy();
  await runtime.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
