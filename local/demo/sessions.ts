/**
 * The demo tools move the local clock days ahead; an admin session (12 hours) would end at every jump and
 * send the admin back to sign in. A jump therefore carries every open session over by the same time: on
 * the admin's own clock nothing has passed. Local only: on AWS the clock never jumps.
 */
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../functions/store/client.js';

/** Moves every admin session's expiry `ms` later (after the clock jumped `ms` ahead). */
export async function carrySessionsOver(store: Store, ms: number): Promise<void> {
  if (ms <= 0) return;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(new ScanCommand({ TableName: store.tableName, FilterExpression: '#type = :session', ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ':session': 'session' }, ExclusiveStartKey }));
    for (const item of page.Items ?? []) {
      const expiresAt = new Date(Date.parse(String(item.expiresAt)) + ms);
      await store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'SET expiresAt = :e, #ttl = :t',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':e': expiresAt.toISOString(), ':t': Math.floor(expiresAt.getTime() / 1000) },
        }),
      );
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}
