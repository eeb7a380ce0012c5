/**
 * DynamoDB for the benchmarks: counting the writes every client of this process sends, and the raw
 * PutItem rate of DynamoDB Local, the ceiling the province drill's submissions are measured against.
 */
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { localDynamoDbClient } from '../local/services/dynamodb.js';

/** Writes counted on the client side, as DynamoDB bills them: one per item written. */
export interface WriteCount {
  /** Items written (a transaction or a batch counts each of its items). */
  items: number;
  /** Write requests (PutItem, UpdateItem, DeleteItem, TransactWriteItems, BatchWriteItem). */
  requests: number;
}

type Send = (this: { config?: { serviceId?: string } }, command: { constructor: { name: string }; input?: Record<string, unknown> }, ...rest: unknown[]) => Promise<unknown>;

/** Items a write command writes; 0 for a read. The document client's commands and the plain ones alike. */
function itemsWritten(command: { constructor: { name: string }; input?: Record<string, unknown> }): number {
  const name = command.constructor.name.replace(/Command$/, '').replace(/Item(s)?$/, '');
  if (name === 'Put' || name === 'Update' || name === 'Delete') return 1;
  if (name === 'TransactWrite') return (command.input?.TransactItems as unknown[] | undefined)?.length ?? 0;
  if (name === 'BatchWrite') return Object.values((command.input?.RequestItems ?? {}) as Record<string, unknown[]>).reduce((n, writes) => n + writes.length, 0);
  return 0;
}

/**
 * Counts every DynamoDB write any SDK client of this process sends from now on, the handlers' included:
 * the SDK's clients (plain and document) share one base `send`, which this wraps. Returns the live count.
 */
export function countDynamoDbWrites(): WriteCount {
  const count: WriteCount = { items: 0, requests: 0 };
  const base = Object.getPrototypeOf(DynamoDBClient.prototype) as { send: Send };
  const send = base.send;
  base.send = function countingSend(command, ...rest) {
    if (this.config?.serviceId === 'DynamoDB') {
      const items = itemsWritten(command);
      if (items > 0) (count.items += items), count.requests++;
    }
    return send.call(this, command, ...rest);
  };
  return count;
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
