/**
 * Slows down link guessing: each address may open a limited number of unknown links per window. Counters
 * live in the table (per address and window, removed by TTL), so every Lambda instance sees the same count.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../store/client.js';
import { getItem } from '../store/items.js';
import { RateLimitedError } from './problems.js';

const WINDOW_MS = 10 * 60 * 1000;
/** Unknown links one address may try in a window: far above a person mistyping, far below a scan. */
export const UNKNOWN_LINKS_PER_WINDOW = 20;

const keyOf = (ip: string, at: Date) => ({ pk: `RATE#${ip}`, sk: `UNKNOWNLINK#${Math.floor(at.getTime() / WINDOW_MS)}` });

/** Refuses an address that has used up its unknown links in this window. */
export async function checkLinkRate(store: Store, ip: string | undefined, at: Date): Promise<void> {
  if (!ip) return;
  const item = await getItem(store, keyOf(ip, at));
  if (((item?.count as number | undefined) ?? 0) >= UNKNOWN_LINKS_PER_WINDOW) throw new RateLimitedError();
}

/** Counts an unknown link opened from an address. */
export async function countUnknownLink(store: Store, ip: string | undefined, at: Date): Promise<void> {
  if (!ip) return;
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keyOf(ip, at),
      UpdateExpression: 'ADD #count :one SET #ttl = :ttl, #type = :type',
      ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl', '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':ttl': Math.floor((at.getTime() + 2 * WINDOW_MS) / 1000), ':type': 'rate' },
    }),
  );
}
