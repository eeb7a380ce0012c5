/**
 * Reads, for every repository: one item by its key (batched with the other reads of the same turn), many
 * items by their keys, and queries that follow pagination. Every read of a table item is consistent.
 */
import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Store } from './client.js';
import type { Item, Key } from './items.js';

/**
 * One item by its key, read consistently. Reads asked for in the same turn of the event loop (a
 * `Promise.all` of a request's reads) go to DynamoDB together as one BatchGetItem: one request instead
 * of one each, and the same answers.
 */
export function getItem(store: Store, key: Key): Promise<Item | undefined> {
  // DynamoDB refuses a key beyond its limits (a forged id in a URL) with a ValidationException: no such item.
  if (!keyFits(key)) return Promise.resolve(undefined);
  const pending = pendingReads();
  let batch = pending.get(store);
  if (!batch) {
    const created: PendingRead[] = [];
    pending.set(store, created);
    queueMicrotask(() => {
      pending.delete(store);
      void readTogether(store, created);
    });
    batch = created;
  }
  return new Promise((resolve, reject) => batch.push({ key, resolve, reject }));
}

/**
 * Runs `work` (one invocation of a handler) with reads batched only among themselves. On Lambda an
 * instance serves one invocation at a time; a process that runs many side by side (the local stack) would
 * otherwise merge the reads of different invocations into one BatchGetItem, which AWS never does.
 */
export function inOwnReadBatch<T>(work: () => Promise<T>): Promise<T> {
  return readScope.run(new WeakMap(), work);
}

const readScope = new AsyncLocalStorage<WeakMap<Store, PendingRead[]>>();
const unscopedReads = new WeakMap<Store, PendingRead[]>();
const pendingReads = () => readScope.getStore() ?? unscopedReads;

interface PendingRead {
  key: Key;
  resolve: (item: Item | undefined) => void;
  reject: (error: unknown) => void;
}
const keyId = (key: Key) => `${key.pk}\u0000${key.sk}`;

/** The reads of one turn: a GetItem for one key, BatchGetItems (100 keys each) for more. */
async function readTogether(store: Store, reads: PendingRead[]): Promise<void> {
  const keys = [...new Map(reads.map((r) => [keyId(r.key), r.key])).values()];
  try {
    const found = new Map<string, Item>();
    if (keys.length === 1) {
      const { Item: item } = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys[0], ConsistentRead: true }));
      if (item) found.set(keyId(keys[0]!), item as Item);
    } else {
      for (const [id, item] of await batchRead(store, keys)) found.set(id, item);
    }
    for (const read of reads) read.resolve(found.get(keyId(read.key)));
  } catch (error) {
    for (const read of reads) read.reject(error);
  }
}

/**
 * Many items by their keys, read consistently in BatchGetItems of 100 keys (DynamoDB's limit), the keys
 * DynamoDB left unprocessed asked again: for work that reads many items at once but not in one turn of the
 * event loop (the sweep's tokens of a cycle's overdue waits), where {@link getItem} would send one request each.
 * The answers are in the order of `keys`, undefined where no item is.
 */
export async function getItems(store: Store, keys: readonly Key[]): Promise<(Item | undefined)[]> {
  const fitting = keys.filter(keyFits);
  const found = fitting.length === 0 ? new Map<string, Item>() : await batchRead(store, [...new Map(fitting.map((key) => [keyId(key), key])).values()]);
  return keys.map((key) => found.get(keyId(key)));
}

/** BatchGetItems of up to 100 distinct keys each, retrying unprocessed keys with backoff; the items found by key id. */
async function batchRead(store: Store, keys: readonly Key[]): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  for (let i = 0; i < keys.length; i += 100) {
    let request: Record<string, unknown>[] | undefined = keys.slice(i, i + 100).map((key) => ({ pk: key.pk, sk: key.sk }));
    for (let attempt = 0; request?.length; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      const page: BatchGetCommandOutput = await store.doc.send(new BatchGetCommand({ RequestItems: { [store.tableName]: { Keys: request, ConsistentRead: true } } }));
      for (const item of page.Responses?.[store.tableName] ?? []) found.set(keyId(item as Key), item as Item);
      request = page.UnprocessedKeys?.[store.tableName]?.Keys;
    }
  }
  return found;
}

/** Whether a key is within DynamoDB's limits: 2,048 bytes of partition key, 1,024 of sort key (UTF-8). */
function keyFits(key: Key): boolean {
  return Buffer.byteLength(key.pk) <= 2048 && Buffer.byteLength(key.sk) <= 1024;
}

/** Every item of a query, following pagination. */
export async function queryAll(store: Store, input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(new QueryCommand({ ...input, TableName: store.tableName, ExclusiveStartKey: startKey }));
    items.push(...((page.Items ?? []) as Item[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** Items of one partition whose sort key starts with `prefix`, in sort-key order. */
export function queryPrefix(store: Store, pk: string, prefix: string): Promise<Item[]> {
  return queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ConsistentRead: true,
  });
}

/** Items of one partition of a global index, optionally only those whose sort key starts with `prefix`. */
export function queryIndex(store: Store, index: 'gsi1' | 'gsi2', pk: string, prefix = ''): Promise<Item[]> {
  // DynamoDB refuses an empty begins_with operand.
  return queryAll(store, {
    IndexName: index,
    KeyConditionExpression: `${index}pk = :pk${prefix ? ` AND begins_with(${index}sk, :prefix)` : ''}`,
    ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':prefix': prefix } : {}) },
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
