/** A fresh table on the run's DynamoDB Local for one test file, so files never see each other's data. */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ensureTable } from '../../local/services/dynamodb.js';
import { createStore } from '../../functions/store/client.js';
import type { Store } from '../../functions/store/client.js';

export async function createTestStore(): Promise<Store> {
  const endpoint = inject('dynamoDbEndpoint');
  const tableName = `test-${randomUUID()}`;
  await ensureTable(endpoint, tableName);
  return createStore({ endpoint, tableName }, {});
}
