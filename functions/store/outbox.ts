/**
 * Outbox items (docs/data-model.md, patterns 20, 21): one per email, listed on gsi1 by status. What an
 * item means (statuses, retries, SES tags) is functions/mail/outbox.ts; here are the claim and the
 * status listing, the two reads and writes the generic helpers of items.ts do not cover.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.js';
import { queryAll, type Item, type Key } from './items.js';
import { outboxKeys } from './keys.js';

/** The gsi1 attributes that list an item under its status, at the instant the status is about. */
export const outboxStatusIndex = (status: string, at: string, key: Key) => ({
  gsi1pk: outboxKeys.byStatus(status),
  gsi1sk: outboxKeys.byStatusSort(at, key),
});

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
        UpdateExpression: 'SET #status = :sending, dueAt = :until, gsi1pk = :g1pk, gsi1sk = :g1sk, #version = #version + :one',
        ConditionExpression: '#status IN (:pending, :sending, :failed) AND dueAt <= :now',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':failed': 'failed',
          ':until': until,
          ':now': now,
          ':g1pk': index.gsi1pk,
          ':g1sk': index.gsi1sk,
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

/** Items of one status, oldest first; `dueBy` (an ISO instant) keeps those due at or before it. */
export function listOutboxItems(store: Store, status: string, dueBy?: string): Promise<Item[]> {
  return queryAll(store, {
    IndexName: 'gsi1',
    // Sort keys are "<instant>#<key>"; '~' sorts after '#', so "<= dueBy~" keeps every item due by then.
    KeyConditionExpression: dueBy ? 'gsi1pk = :pk AND gsi1sk <= :dueBy' : 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': outboxKeys.byStatus(status), ...(dueBy ? { ':dueBy': `${dueBy}~` } : {}) },
  });
}
