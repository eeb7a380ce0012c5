/**
 * `npm run bench:dynamodb-jvm [-- --rounds 2 --requests 400]`: the CPU DynamoDB Local's JVM spends on each
 * kind of request the stack sends, under each set of JVM options, in memory as the drill runs it. Each
 * request is shaped like the drill's (items of its sizes, on the table with its three indexes): a
 * consistent GetItem of a cycle (its pinned configuration, ~20 KB), the BatchGetItem of a link's page
 * (five items), a Query of a partition, a PutItem that writes two indexes, a conditional UpdateItem, a
 * TransactWriteItems of two such updates (a request's bookkeeping written together), and one of a
 * submission (four items, one of them ~8 KB). The option sets alternate round by
 * round, so the load of a shared machine falls on each alike; CPU time (from /proc) varies less than wall time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FAST_START_JVM, THROUGHPUT_JVM, ensureTable, localDynamoDbClient, startDynamoDbLocal } from '../local/services/dynamodb.js';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '2' }, requests: { type: 'string', default: '400' }, warmup: { type: 'string', default: '3000' }, only: { type: 'string' }, checkpoints: { type: 'string' } },
});

/** The option sets compared: `throughput` is what the drill runs, `defaults` the JVM's own (G1 on a 2-core machine with this memory). */
const OPTION_SETS: Record<string, string | undefined> = {
  defaults: undefined,
  throughput: THROUGHPUT_JVM,
  'fast-start': FAST_START_JVM,
  parallel: '-XX:+UseParallelGC',
  serial: '-XX:+UseSerialGC',
  'parallel-heap': '-XX:+UseParallelGC -Xms1g -Xmx1g -XX:-UsePerfData',
  'g1-dedup': '-XX:+UseStringDeduplication',
};

const TABLE = 'thidua';
const padding = (bytes: number) => 'x'.repeat(bytes);
const config = { bloc: { units: Array.from({ length: 25 }, (_, i) => ({ id: `u${i}`, name: `Đơn vị số ${i}`, email: `u${i}@thidua.local` })) }, sheet: padding(16_000) };

type Kind = 'get' | 'batchGet' | 'query' | 'put' | 'update' | 'transact2' | 'transact';
const KINDS: Kind[] = ['get', 'batchGet', 'query', 'put', 'update', 'transact2', 'transact'];

function requestOf(doc: DynamoDBDocumentClient, kind: Kind, i: number): Promise<unknown> {
  const cycle = `CYCLE#c${i % 40}`;
  switch (kind) {
    case 'get':
      return doc.send(new GetCommand({ TableName: TABLE, Key: { pk: cycle, sk: 'CYCLE' }, ConsistentRead: true }));
    case 'batchGet':
      return doc.send(new BatchGetCommand({ RequestItems: { [TABLE]: { ConsistentRead: true, Keys: [{ pk: cycle, sk: 'CYCLE' }, { pk: cycle, sk: 'RESULT#window' }, { pk: cycle, sk: `TASK#u${i % 25}` }, { pk: cycle, sk: `FORM#u${i % 25}` }, { pk: cycle, sk: 'AUDIT#head' }] } } }));
    case 'query':
      return doc.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': cycle, ':p': 'FILE#' }, ConsistentRead: true }));
    case 'put':
      return doc.send(new PutCommand({ TableName: TABLE, Item: { pk: `OUTBOX#${i}`, sk: 'MAIL', gsi3pk: `OUTBOX#due#${i % 8}`, gsi3sk: `${i}`, status: 'pending', body: padding(2000) }, ConditionExpression: 'attribute_not_exists(pk)' }));
    case 'update':
      return doc.send(new UpdateCommand({ TableName: TABLE, Key: { pk: `OUTBOX#${i}`, sk: 'MAIL' }, UpdateExpression: 'SET #s = :sent, #v = :v', ConditionExpression: 'attribute_not_exists(#s) OR #s <> :sent', ExpressionAttributeNames: { '#s': 'status', '#v': 'version' }, ExpressionAttributeValues: { ':sent': 'sent', ':v': i } }));
    case 'transact2':
      return doc.send(
        new TransactWriteCommand({
          TransactItems: [0, 1].map((j) => ({
            Update: { TableName: TABLE, Key: { pk: `OUTBOX#${i}-${j}`, sk: 'MAIL' }, UpdateExpression: 'SET #s = :sent, #v = :v', ConditionExpression: 'attribute_not_exists(#s) OR #s <> :sent', ExpressionAttributeNames: { '#s': 'status', '#v': 'version' }, ExpressionAttributeValues: { ':sent': 'sent', ':v': i } },
          })),
        }),
      );
    case 'transact':
      return doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: { pk: cycle, sk: `FORM#t${i}`, data: padding(8000), version: 1 }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Update: { TableName: TABLE, Key: { pk: `LINK#${i}`, sk: 'LINK' }, UpdateExpression: 'SET #u = :u', ExpressionAttributeNames: { '#u': 'uses' }, ExpressionAttributeValues: { ':u': 1 } } },
            { Put: { TableName: TABLE, Item: { pk: `OUTBOX#t${i}`, sk: 'MAIL', gsi3pk: `OUTBOX#due#${i % 8}`, gsi3sk: `t${i}`, body: padding(2000) } } },
            { Put: { TableName: TABLE, Item: { pk: `AUDIT#c${i % 40}`, sk: `EVENT#${i}`, gsi1pk: `AUDIT#${i % 40}`, gsi1sk: `${i}`, after: padding(3000) } } },
          ],
        }),
      );
  }
}

/** The java process's CPU seconds, found among this process's children. */
function jvmCpuSeconds(): number {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === process.pid && stat.includes('(java)')) return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // gone meanwhile
    }
  }
  throw new Error('no java child process');
}

async function inPool(count: number, concurrency: number, run: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await run(next++);
  }));
}

interface Figures { startCpu: number; warmupCpu: number; perKindMs: Record<Kind, number>; atCheckpoints: number[] }

/** The JVM's CPU seconds after each checkpoint's number of mixed requests, from the first (compilation included). */
async function cpuAtCheckpoints(doc: DynamoDBDocumentClient, checkpoints: number[], startCpu: number): Promise<number[]> {
  const cpu: number[] = [];
  let done = 0;
  for (const at of checkpoints) {
    await inPool(at - done, 4, (i) => requestOf(doc, KINDS[(done + i) % KINDS.length]!, 300_000 + done + i));
    done = at;
    cpu.push(Math.round((jvmCpuSeconds() - startCpu) * 10) / 10);
  }
  return cpu;
}

async function measure(javaOptions: string | undefined, requests: number, warmup: number, checkpoints: number[]): Promise<Figures> {
  const service = await startDynamoDbLocal(javaOptions === undefined ? {} : { javaOptions });
  const client = localDynamoDbClient(service.endpoint);
  const doc = DynamoDBDocumentClient.from(client);
  try {
    await ensureTable(service.endpoint, TABLE);
    for (let c = 0; c < 40; c++) {
      await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: `CYCLE#c${c}`, sk: 'CYCLE', config, version: 1 } }));
      for (let u = 0; u < 25; u++) await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: `CYCLE#c${c}`, sk: `FORM#u${u}`, data: padding(5000) } }));
    }
    const startCpu = jvmCpuSeconds();
    if (checkpoints.length) return { startCpu: Math.round(startCpu * 10) / 10, warmupCpu: 0, perKindMs: {} as Record<Kind, number>, atCheckpoints: await cpuAtCheckpoints(doc, checkpoints, startCpu) };
    await inPool(warmup, 4, (i) => requestOf(doc, KINDS[i % KINDS.length]!, 100_000 + i));
    const warmupCpu = jvmCpuSeconds() - startCpu;
    const perKindMs = {} as Record<Kind, number>;
    for (const kind of KINDS) {
      const before = jvmCpuSeconds();
      await inPool(requests, 4, (i) => requestOf(doc, kind, 200_000 + i));
      perKindMs[kind] = Math.round(((jvmCpuSeconds() - before) * 1000 * 100) / requests) / 100;
    }
    return { startCpu: Math.round(startCpu * 10) / 10, warmupCpu: Math.round(warmupCpu * 10) / 10, perKindMs, atCheckpoints: [] };
  } finally {
    client.destroy();
    await service.stop();
  }
}

const sets = Object.entries(OPTION_SETS).filter(([name]) => !values.only || values.only.split(',').includes(name));
// With --checkpoints 5000,20000,…: the JVM's CPU seconds after that many mixed requests (its compilation
// included), which is what a run of that length pays; else the CPU of each kind once warmed up.
const checkpoints = values.checkpoints ? values.checkpoints.split(',').map(Number) : [];
console.log(checkpoints.length
  ? `| round | JVM options | start CPU s | ${checkpoints.map((c) => `CPU s after ${c} requests`).join(' | ')} |\n|---|---|---:|${checkpoints.map(() => '---:').join('|')}|`
  : `| round | JVM options | start CPU s | ${values.warmup} mixed requests, CPU s | ${KINDS.map((k) => `${k} ms`).join(' | ')} |\n|---|---|---:|---:|${KINDS.map(() => '---:').join('|')}|`);
for (let round = 1; round <= Number(values.rounds); round++) {
  for (const [name, options] of sets) {
    const f = await measure(options, Number(values.requests), Number(values.warmup), checkpoints);
    console.log(checkpoints.length ? `| ${round} | ${name} | ${f.startCpu} | ${f.atCheckpoints.join(' | ')} |` : `| ${round} | ${name} | ${f.startCpu} | ${f.warmupCpu} | ${KINDS.map((k) => f.perKindMs[k]).join(' | ')} |`);
  }
}
