/**
 * `npm run bench:submission [-- --blocs B --units N] [--loop-by-origin] [--jvm "<DynamoDB Local's JVM options>"]`: the DynamoDB requests of a submission with its email
 * and workflow step, alone (a small province drill, 4 blocs × 10 units by default): each origin's requests
 * per invocation, and the total the targets of BENCHMARKS.md name. Prints; records nothing.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { loopLines } from './event-loop.js';
import { provinceDrill } from './province.js';

const { values } = parseArgs({ options: { blocs: { type: 'string', default: '4' }, units: { type: 'string', default: '10' }, 'loop-by-origin': { type: 'boolean', default: false }, jvm: { type: 'string' } } });
const drill = await provinceDrill({ blocs: Number(values.blocs), units: Number(values.units), concurrency: 2 * cpus().length, loopByOrigin: values['loop-by-origin'], ...(values.jvm === undefined ? {} : { dynamoDbJvm: { javaOptions: values.jvm } }), log: (line) => console.error(line) });
const ORIGINS = ['GET /api/links/{id}', 'POST /api/links/{id}', 'await-response', 'mail-events', 'drain-outbox'];
const transactions = drill.usage.reduce((sum, u) => sum + u.transactions, 0);
console.log(`${drill.blocs} blocs × ${drill.units / drill.blocs} units, ${drill.wallSeconds} s, all approved: ${drill.allApproved}`);
console.log('| origin | invocations | requests per invocation | round trips | reads | writes | of which transactions | write units per invocation | emails sent |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const origin of ORIGINS) {
  const u = drill.usage.find((x) => x.origin === origin);
  if (!u || u.invocations === 0) continue;
  const per = (n: number) => Math.round((n / u.invocations) * 10) / 10;
  console.log(`| ${origin} | ${u.invocations} | ${per(u.requests)} | ${per(u.roundTrips)} | ${per(u.readRequests)} | ${per(u.writeRequests)} | ${per(u.transactions)} | ${per(u.writeUnits)} | ${u.emailsSent} |`);
}
console.log(`DynamoDB requests of a submission with its email and workflow step: ${drill.requestsPerSubmission}`);
console.log(`DynamoDB requests of the drainer per email it sent (phase openings, reminders, results): ${drill.drainRequestsPerEmail}`);
console.log(`CPU seconds: ${Object.entries(drill.cpuSeconds).map(([name, seconds]) => `${name} ${seconds}`).join(', ')}; DynamoDB requests ${drill.usage.reduce((sum, u) => sum + u.requests, 0)} (${transactions} transactions: ${drill.usage.filter((u) => u.transactions > 0).sort((a, b) => b.transactions - a.transactions).map((u) => `${u.origin} ${u.transactions}`).join(', ')})`);
for (const line of loopLines(drill.loop)) console.log(line);
if (drill.submitTailStalls.length) console.log(`the slowest 1 % of submissions waited on the loop for (ms each): ${drill.submitTailStalls.slice(0, 8).map((s) => `${s.origin} ${s.msPerRequest}`).join(', ')}`);
console.log(`Submission p50/p99 by phase (calls): ${drill.submitsByPhase.map((e) => `${e.route} ${e.p50Ms}/${e.p99Ms} ms (${e.count})`).join(', ')}`);
console.log(`Submission p50/p99: ${drill.submitP50Ms}/${drill.submitP99Ms} ms; ${drill.submitPerSecond} submissions/s ÷ raw PutItem ${drill.rawPutPerSecond}/s = ${drill.submitToRawPut}`);
