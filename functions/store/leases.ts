/**
 * Leases on scheduled work (docs/data-model.md, pattern 30): one item per piece of work (a cycle's
 * sweep), taken by one conditional PutItem when it is free or its lease has run out, so two sweeps that
 * overlap (a slow one and the next schedule) never work on the same cycle at once. A holder that dies
 * leaves the lease to run out; DynamoDB's TTL removes the item a day later.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.js';
import { leaseKeys } from './keys.js';

const DAY_S = 24 * 60 * 60;

/** Takes the lease on `work` for `holder` until `until` (ISO instants); false when someone else holds it. */
export async function takeLease(store: Store, work: string, holder: string, now: string, until: string): Promise<boolean> {
  try {
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...leaseKeys.lease(work), type: 'lease', holder, until, ttl: Math.floor(Date.parse(until) / 1000) + DAY_S },
        ConditionExpression: 'attribute_not_exists(pk) OR #until <= :now',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: { ':now': now },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Gives the lease back, if `holder` still holds it (one that ran out may be someone else's by now). */
export async function releaseLease(store: Store, work: string, holder: string): Promise<void> {
  try {
    await store.doc.send(
      new DeleteCommand({
        TableName: store.tableName,
        Key: leaseKeys.lease(work),
        ConditionExpression: 'holder = :holder',
        ExpressionAttributeValues: { ':holder': holder },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/**
 * Gives the lease back whoever holds it. Only for a caller that knows no holder is alive (the local stack
 * at start, holding its data directory's lock): otherwise a holder that died keeps it until it runs out.
 */
export async function dropLease(store: Store, work: string): Promise<void> {
  await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: leaseKeys.lease(work) }));
}
