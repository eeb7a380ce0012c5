/**
 * Conditional writes, the building blocks of every repository. Each write is a {@link WriteOp}: the
 * DynamoDB transaction item plus the typed error to raise when its condition fails. A repository returns
 * ops, so a handler can put several of them (a link consumed, a form submitted, a task closed, an audit
 * event appended) into one transaction with {@link transact}, or run one alone with {@link execute}.
 * Reads are in reads.ts.
 */
import { ConditionalCheckFailedException, TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
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
  if (returned) return unmarshall(returned) as Item;
  const { Item: item } = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: true }));
  return item as Item | undefined;
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
