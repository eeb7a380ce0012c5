/**
 * DynamoDB for the benchmarks: counting the requests every client of this process sends (and the emails SES
 * accepts), by the function and route that sent them, and the raw PutItem rate of DynamoDB Local, the ceiling the province drill's
 * submissions are measured against.
 */
import { CreateTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { currentInvocation, onInvocationEnd, type Invocation } from '../local/invocations.js';
import { observeSdkSends, type SdkCommand } from '../local/sdk-sends.js';
import { localDynamoDbClient } from '../local/services/dynamodb.js';

/** What one origin (a route, a workflow function) asked of DynamoDB, and how often it ran. */
export interface OriginUsage {
  /** "POST /api/links/{id}", "await-response", "sweep"; "other" for code outside any invocation (the bench). */
  origin: string;
  functionName: string;
  invocations: number;
  /** Wall time of every invocation, summed (ms). */
  invocationMs: number;
  /** DynamoDB requests of every kind. */
  requests: number;
  /**
   * Round trips to DynamoDB: requests sent while none of the same invocation was in flight. Reads sent
   * together (one BatchGetItem and the queries beside it) are one round trip; a read that needs the answer
   * of another is a second.
   */
  roundTrips: number;
  readRequests: number;
  writeRequests: number;
  /** TransactWriteItems requests: DynamoDB Local spends several times a plain write's CPU on one. */
  transactions: number;
  /** Items written (a transaction or a batch counts each of its items). */
  itemsWritten: number;
  /** Emails SES accepted (SendRawEmail answered), for the requests per email of the drainer. */
  emailsSent: number;
  /** Capacity units DynamoDB Local reported (ReturnConsumedCapacity TOTAL); transactions billed twice. */
  readUnits: number;
  writeUnits: number;
}

/** DynamoDB requests and function invocations, counted on the client side from now on. */
export interface DynamoDbMeter {
  /** Usage by origin, in the order first seen. */
  usage(): OriginUsage[];
  /** Stops counting. */
  stop(): void;
}

type Command = SdkCommand;
type Consumed = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };

/** Items a write command writes; 0 for a read. The document client's commands and the plain ones alike. */
function itemsWritten(command: Command): number {
  const name = command.constructor.name.replace(/Command$/, '').replace(/Item(s)?$/, '');
  if (name === 'Put' || name === 'Update' || name === 'Delete') return 1;
  if (name === 'TransactWrite') return (command.input?.TransactItems as unknown[] | undefined)?.length ?? 0;
  if (name === 'BatchWrite') return Object.values((command.input?.RequestItems ?? {}) as Record<string, unknown[]>).reduce((n, writes) => n + writes.length, 0);
  return 0;
}

const TABLE_COMMANDS = /^(Get|Put|Update|Delete|Query|Scan|TransactWrite|TransactGet|BatchGet|BatchWrite)(Item|Items)?Command$/;

/**
 * Counts every DynamoDB request any SDK client of this process sends from now on, the handlers' included
 * (local/sdk-sends.ts), attributed to the
 * invocation it was sent from (local/invocations.ts), and every invocation's wall time.
 */
export function meterDynamoDb(): DynamoDbMeter {
  const byOrigin = new Map<string, OriginUsage>();
  const inFlight = new WeakMap<Invocation, number>();
  const usageOf = (invocation: Invocation | undefined): OriginUsage => {
    const origin = invocation?.route ?? invocation?.functionName ?? 'other';
    let usage = byOrigin.get(origin);
    if (!usage) {
      usage = { origin, functionName: invocation?.functionName ?? 'other', invocations: 0, invocationMs: 0, emailsSent: 0, requests: 0, roundTrips: 0, transactions: 0, readRequests: 0, writeRequests: 0, itemsWritten: 0, readUnits: 0, writeUnits: 0 };
      byOrigin.set(origin, usage);
    }
    return usage;
  };
  const stopListening = onInvocationEnd((invocation, ms) => {
    const usage = usageOf(invocation);
    usage.invocations++;
    usage.invocationMs += ms;
  });
  const stopObserving = observeSdkSends((serviceId, command) => {
    if (serviceId === 'SES' && command.constructor.name === 'SendRawEmailCommand') {
      const usage = usageOf(currentInvocation());
      return () => void usage.emailsSent++;
    }
    if (serviceId !== 'DynamoDB' || !TABLE_COMMANDS.test(command.constructor.name)) return;
    const invocation = currentInvocation();
    const usage = usageOf(invocation);
    const items = itemsWritten(command);
    usage.requests++;
    const flying = invocation ? (inFlight.get(invocation) ?? 0) : 1;
    if (flying === 0) usage.roundTrips++;
    if (invocation) inFlight.set(invocation, flying + 1);
    if (items > 0) (usage.writeRequests++, (usage.itemsWritten += items));
    else usage.readRequests++;
    if (command.input && command.input.ReturnConsumedCapacity === undefined) command.input.ReturnConsumedCapacity = 'TOTAL';
    const transactional = /^Transact/.test(command.constructor.name) ? 2 : 1;
    if (/^TransactWrite/.test(command.constructor.name)) usage.transactions++;
    return (output) => {
      if (invocation) inFlight.set(invocation, inFlight.get(invocation)! - 1);
      for (const consumed of [(output as { ConsumedCapacity?: Consumed | Consumed[] } | undefined)?.ConsumedCapacity ?? []].flat()) {
        const units = consumed.CapacityUnits ?? 0;
        if (items > 0) usage.writeUnits += (consumed.WriteCapacityUnits ?? units) * transactional;
        else usage.readUnits += (consumed.ReadCapacityUnits ?? units) * transactional;
      }
    };
  });
  return {
    usage: () => [...byOrigin.values()].map((u) => ({ ...u })),
    stop: () => {
      stopObserving();
      stopListening();
    },
  };
}

/**
 * PutItem calls per second DynamoDB Local sustains with `concurrency` requests in flight, each item about
 * the size of a submitted self-assessment (2 KB), into a table of its own.
 */
export async function rawPutRate(endpoint: string, concurrency: number, puts = 3000): Promise<number> {
  const client = localDynamoDbClient(endpoint);
  const TableName = `bench-raw-${Date.now()}`;
  try {
    await client.send(
      new CreateTableCommand({ TableName, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }),
    );
    const payload = 'x'.repeat(2048);
    const put = (i: number) => client.send(new PutItemCommand({ TableName, Item: { pk: { S: `item-${i}` }, payload: { S: payload }, version: { N: '1' } } }));
    for (let i = 0; i < 200; i++) await put(-i - 1); // warm-up, not counted
    let next = 0;
    const began = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < puts) await put(next++);
      }),
    );
    return puts / ((performance.now() - began) / 1000);
  } finally {
    client.destroy();
  }
}
