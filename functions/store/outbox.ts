/**
 * Outbox items (docs/data-model.md, patterns 20, 21): one per email, listed on gsi3 while not sent: what may
 * still go out (pending, sending, failed) by when it is due, given-up mail apart. Each listing is spread over
 * OUTBOX_SHARDS partition keys (`OUTBOX#due#<shard>`, `OUTBOX#dead#<shard>`, the shard from a hash of the
 * item's key), listed side by side and merged, so a burst of thousands of emails does not land on one
 * partition of the index; gsi3 projects what a listing reads, not the message bytes. What an item
 * means (statuses, retries, SES tags) is functions/mail/outbox.ts; here are the claim and the status
 * listing, the two reads and writes the generic helpers of items.ts and reads.ts do not cover.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.js';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Item, Key } from './items.js';
import { OUTBOX_SHARDS, outboxKeys } from './keys.js';

/** The gsi3 attributes that list an item under its status, at the instant the status is about. */
export const outboxStatusIndex = (status: string, at: string, key: Key) => ({
  gsi3pk: outboxKeys.byStatus(status, outboxKeys.shardOf(key)),
  gsi3sk: outboxKeys.byStatusSort(at, key),
});

/** The attributes that take a sent item off the index: nothing lists sent mail. */
export const OUTBOX_INDEX_ATTRIBUTES = ['gsi3pk', 'gsi3sk'];

/**
 * Claims a due item for sending until `until`, by one conditional UpdateItem that returns it: of two
 * workers, the condition lets one through. Undefined when the item is absent, not due, or not sendable.
 */
export async function claimOutboxItem(store: Store, key: Key, now: string, until: string): Promise<Item | undefined> {
  const index = outboxStatusIndex('sending', until, key);
  try {
    const { Attributes } = await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: key,
        UpdateExpression: 'SET #status = :sending, dueAt = :until, gsi3pk = :g3pk, gsi3sk = :g3sk, #version = #version + :one',
        ConditionExpression: '#status IN (:pending, :sending, :failed) AND dueAt <= :now',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':failed': 'failed',
          ':until': until,
          ':now': now,
          ':g3pk': index.gsi3pk,
          ':g3sk': index.gsi3sk,
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as Item;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/**
 * Records an item sent whatever its status unless it is sent already, by one conditional UpdateItem (no
 * read first: on a failed condition DynamoDB returns the item as it is, which tells sent from unknown).
 */
export async function markOutboxItemSent(store: Store, key: Key, messageId: string, at: string): Promise<'recorded' | 'alreadySent' | 'unknown'> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: key,
        UpdateExpression: `SET #status = :sent, attempts = attempts + :one, sentAt = :at, messageId = :messageId, #version = #version + :one REMOVE #raw, ${OUTBOX_INDEX_ATTRIBUTES.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk) AND #status <> :sent',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version', '#raw': 'raw' },
        ExpressionAttributeValues: { ':sent': 'sent', ':one': 1, ':at': at, ':messageId': messageId },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 'recorded';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return error.Item ? 'alreadySent' : 'unknown';
    throw error;
  }
}

/**
 * Items of one listing (`due`: pending, sending and failed; or `dead`), oldest first, at most `limit`:
 * every shard queried side by side (each for at most `limit`), merged by their sort key. `dueBy` (an ISO
 * instant) keeps those due at or before it; `status` keeps those of one status. Items carry only the
 * projected attributes (no message bytes).
 */
export async function listOutboxItems(store: Store, listing: 'due' | 'dead', options: { dueBy?: string; limit?: number; status?: string } = {}): Promise<Item[]> {
  const limit = options.limit ?? Infinity;
  const shards = await Promise.all(Array.from({ length: OUTBOX_SHARDS }, (_, shard) => queryShard(store, outboxKeys.byStatus(listing, shard), { ...options, limit })));
  return shards
    .flat()
    .sort((a, b) => (String(a.gsi3sk) < String(b.gsi3sk) ? -1 : 1))
    .slice(0, limit);
}

async function queryShard(store: Store, pk: string, options: { dueBy?: string; limit: number; status?: string }): Promise<Item[]> {
  const { dueBy, limit, status } = options;
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: 'gsi3',
        // Sort keys are "<instant>#<key>"; '~' sorts after '#', so "<= dueBy~" keeps every item due by then.
        KeyConditionExpression: dueBy ? 'gsi3pk = :pk AND gsi3sk <= :dueBy' : 'gsi3pk = :pk',
        ...(status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
        ExpressionAttributeValues: { ':pk': pk, ...(dueBy ? { ':dueBy': `${dueBy}~` } : {}), ...(status ? { ':status': status } : {}) },
        ...(Number.isFinite(limit) ? { Limit: limit - items.length } : {}),
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as Item[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined && items.length < limit);
  return items;
}
