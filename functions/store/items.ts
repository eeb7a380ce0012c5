/**
 * Conditional writes, the building blocks of every repository. Each write is a {@link WriteOp}: the
 * DynamoDB transaction item plus the typed error to raise when its condition fails. A repository returns
 * ops, so a handler can put several of them (a link consumed, a form submitted, a task closed, an audit
 * event appended) into one transaction with {@link transact}, or run one alone with {@link execute}.
 */
import { ConditionalCheckFailedException, TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { BatchGetCommand, type BatchGetCommandOutput, DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { QueryCommandInput, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Store } from './client.js';
import { AlreadyExistsError, NotFoundError, StoreError, TransactionContentionError, VersionConflictError } from './errors.js';

export interface Key {
  pk: string;
  sk: string;
}

export type Item = Key & Record<string, unknown>;
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One conditional write and the error its failed condition means, given the item as it is now. */
export interface WriteOp {
  key: Key;
  write: TransactItem;
  onConditionFailed: (current: Item | undefined) => Error;
}

/** An extra condition on an update, with the error to raise when it does not hold. */
export interface Guard {
  expression: string;
  values?: Record<string, unknown>;
  names?: Record<string, string>;
}

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

/** Writes an item whatever was there: for records that a later write replaces whole (a year's result). */
export function putOp(store: Store, item: Item): WriteOp {
  const key = { pk: item.pk, sk: item.sk };
  return { key, write: { Put: { TableName: store.tableName, Item: item } }, onConditionFailed: () => new StoreError(`${key.pk} ${key.sk}: an unconditional put failed a condition`) };
}

/** Creates an item that must not exist yet. */
export function putNewOp(store: Store, item: Item, onConditionFailed?: WriteOp['onConditionFailed']): WriteOp {
  const key = { pk: item.pk, sk: item.sk };
  return {
    key,
    write: { Put: { TableName: store.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
    onConditionFailed: onConditionFailed ?? (() => new AlreadyExistsError(key)),
  };
}

/**
 * Sets attributes of an item that is still at `expectedVersion` and bumps its version; `remove` drops
 * attributes (e.g. the keys of a sparse index). Version 0 means "the item must not exist yet".
 */
export function updateVersionedOp(
  store: Store,
  key: Key,
  expectedVersion: number,
  changes: { set: Record<string, unknown>; remove?: string[]; guard?: Guard; onGuardFailed?: (current: Item) => Error },
): WriteOp {
  // A version no item has (NaN, Infinity, -1: a form's hidden field tampered with or cut short) is a form
  // of another version than the item's, as a stale tab's is; DynamoDB would refuse the expression itself.
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) throw new VersionConflictError(key, expectedVersion);
  const names: Record<string, string> = { '#version': 'version', ...changes.guard?.names };
  const values: Record<string, unknown> = { ':nextVersion': expectedVersion + 1, ...changes.guard?.values };
  const sets = ['#version = :nextVersion'];
  Object.entries(changes.set).forEach(([attribute, value], i) => {
    if (value === undefined) return;
    names[`#s${i}`] = attribute;
    values[`:s${i}`] = value;
    sets.push(`#s${i} = :s${i}`);
  });
  const removes = (changes.remove ?? []).map((attribute, i) => {
    names[`#r${i}`] = attribute;
    return `#r${i}`;
  });
  let condition = 'attribute_not_exists(pk)';
  if (expectedVersion > 0) {
    values[':expectedVersion'] = expectedVersion;
    condition = '#version = :expectedVersion';
  }
  if (changes.guard) condition = `(${condition}) AND (${changes.guard.expression})`;
  const update = `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`;
  return conditionalUpdateOp(store, key, { update, condition, names, values }, (current) => {
    if (current === undefined) return expectedVersion > 0 ? new NotFoundError(key) : new StoreError(`${key.pk} ${key.sk} vanished`);
    if (expectedVersion === 0) return new AlreadyExistsError(key);
    if (current.version !== expectedVersion) return new VersionConflictError(key, expectedVersion);
    return changes.onGuardFailed?.(current) ?? new VersionConflictError(key, expectedVersion);
  });
}

/** An UpdateItem of `key` that applies only when `condition` holds; for state changes that are not a version bump. */
export function conditionalUpdateOp(
  store: Store,
  key: Key,
  expression: { update: string; condition: string; names: Record<string, string>; values: Record<string, unknown> },
  onConditionFailed: WriteOp['onConditionFailed'],
): WriteOp {
  return {
    key,
    write: {
      Update: {
        TableName: store.tableName,
        Key: key,
        UpdateExpression: expression.update,
        ConditionExpression: expression.condition,
        ExpressionAttributeNames: expression.names,
        ExpressionAttributeValues: expression.values,
      },
    },
    onConditionFailed,
  };
}

/**
 * An UpdateItem of `key` when `condition` holds; false, with nothing written, when it does not: for work
 * that may find it done or moved on by another (a data migration), where a failed condition is no error.
 */
export async function updateIf(
  store: Store,
  key: Key,
  expression: { update: string; condition: string; names?: Record<string, string>; values: Record<string, unknown> },
): Promise<boolean> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: key,
        UpdateExpression: expression.update,
        ConditionExpression: expression.condition,
        ...(expression.names ? { ExpressionAttributeNames: expression.names } : {}),
        ExpressionAttributeValues: expression.values,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Runs one op alone; a failed condition becomes the op's typed error. */
export async function execute(store: Store, op: WriteOp): Promise<void> {
  const { Put, Update, Delete } = withItemOnFailure(op.write);
  try {
    if (Put) await store.doc.send(new PutCommand(Put));
    else if (Update) await store.doc.send(new UpdateCommand(Update));
    else if (Delete) await store.doc.send(new DeleteCommand(Delete));
    else throw new StoreError('a condition check runs only inside a transaction');
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw withCause(op.onConditionFailed(await itemAsItWas(store, op.key, error.Item)), error);
    throw error;
  }
}

/**
 * A conditional write that, should its condition fail, brings back the item as it is
 * (ReturnValuesOnConditionCheckFailure), so that telling why it failed needs no read of its own.
 */
function withItemOnFailure(write: TransactItem): TransactItem {
  const [kind, action] = Object.entries(write)[0] as [keyof TransactItem, Record<string, unknown> | undefined];
  if (!action?.ConditionExpression || action.ReturnValuesOnConditionCheckFailure !== undefined) return write;
  return { [kind]: { ...action, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } } as TransactItem;
}

/** The item a failed condition returned (raw, as errors carry it), or read when it returned none (an absent item). */
async function itemAsItWas(store: Store, key: Key, returned: Record<string, AttributeValue> | undefined): Promise<Item | undefined> {
  return returned ? (unmarshall(returned) as Item) : getItem(store, key);
}

const contentionRetries = 8;

/**
 * Runs ops as one all-or-nothing transaction (even a single op: the SDK gives every transaction a
 * ClientRequestToken, so its own retry after a lost response does not fail on the condition it already
 * met). A failed condition raises the first failing op's typed error; cancellations caused only by
 * concurrent transactions are retried with jittered backoff, since every condition is evaluated again.
 */
export async function transact(store: Store, ops: WriteOp[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await store.doc.send(new TransactWriteCommand({ TransactItems: ops.map((op) => withItemOnFailure(op.write)) }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (failed >= 0) {
        const op = ops[failed]!;
        throw withCause(op.onConditionFailed(await itemAsItWas(store, op.key, reasons[failed]!.Item)), error);
      }
      const contended = reasons.some((reason) => reason.Code === 'TransactionConflict');
      if (!contended) throw error;
      if (attempt >= contentionRetries) throw new TransactionContentionError({ cause: error });
      await sleep(Math.random() * 10 * 2 ** attempt);
    }
  }
}

/** A write that may go alone or, to save a request, in one transaction with others of the same request. */
export interface Bookkeeping {
  op: WriteOp;
  /** The same write alone, with its own answer to a failed condition (e.g. "done already: nothing to do"). */
  alone: () => Promise<void>;
}

/**
 * Writes unrelated bookkeeping of one request (an email recorded sent, a wait recorded answered) as one
 * TransactWriteItems: one request instead of one each. Should a condition of one of them fail, none is
 * written, and each is written alone instead, with its own handling of that condition.
 */
export async function writeTogether(store: Store, writes: readonly Bookkeeping[]): Promise<void> {
  if (writes.length === 1) return writes[0]!.alone();
  if (writes.length === 0) return;
  try {
    await transact(store, writes.map((w) => w.op));
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    for (const write of writes) await write.alone();
  }
}

function withCause(error: Error, cause: unknown): Error {
  if (error.cause === undefined) Object.defineProperty(error, 'cause', { value: cause, enumerable: false, configurable: true, writable: true });
  return error;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
