/**
 * Rate counters (docs/data-model.md, pattern 26): one item per limit, subject and window, counted by one
 * conditional UpdateItem, so however many requests arrive together at most `max` of a window get through
 * (a read-then-write would let every request that read before the others wrote through). DynamoDB's TTL
 * removes a counter once its window is long over.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.js';
import { StoreError } from './errors.js';
import { rateKeys } from './keys.js';

/** A limit is used up for this window: the request is refused (429) and nothing else happens. */
export class RateLimitedError extends StoreError {
  constructor(readonly limit: string, options?: { cause?: unknown }) {
    super('too many attempts', options);
    this.name = 'RateLimitedError';
  }
}

export interface RateLimit {
  /** What is limited, e.g. "unknownLink", "signInBySource": part of the counter's key. */
  name: string;
  /** How many a subject may do per window. */
  max: number;
  windowMs: number;
}

/**
 * Counts one attempt of `subject` (a source address, an email address) against `limit` at `at`, or
 * raises RateLimitedError (counting nothing) when the window's attempts are used up.
 */
export async function countAttempt(store: Store, limit: RateLimit, subject: string, at: Date, options?: { cause?: unknown }): Promise<void> {
  const window = Math.floor(at.getTime() / limit.windowMs);
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: rateKeys.counter(limit.name, subject, window),
        UpdateExpression: 'ADD #count :one SET #ttl = :ttl, #type = :type',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl', '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':max': limit.max, ':ttl': Math.floor(((window + 2) * limit.windowMs) / 1000), ':type': 'rate' },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new RateLimitedError(limit.name, options);
    throw error;
  }
}
