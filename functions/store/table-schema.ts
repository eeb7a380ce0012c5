/**
 * The one DynamoDB table of Thi đua (single-table design), defined once. The CDK stack and the local
 * table creation both read this object, so the key schema cannot drift between AWS and the embedded stack.
 * The access patterns each key and index serves are listed in docs/data-model.md.
 */
export const tableSchema = {
  /** Environment variable that names the table (set by CDK on every function, by the local stack locally). */
  tableNameEnv: 'TABLE_NAME',
  /** Table name used when the environment sets none (local development). */
  defaultTableName: 'thidua',
  partitionKey: 'pk',
  sortKey: 'sk',
  /**
   * Overloaded, sparse global secondary indexes; every key attribute is a string. `projected` names the
   * attributes an index carries besides the keys (all of them when omitted): the outbox's gsi3 carries what
   * its listings read, never the message bytes, so a status change writes a few hundred bytes to it.
   */
  globalIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    {
      indexName: 'gsi3',
      partitionKey: 'gsi3pk',
      sortKey: 'gsi3sk',
      projected: ['cycleId', 'kind', 'recipient', 'round', 'subject', 'status', 'attempts', 'lastError', 'createdAt', 'dueAt', 'version'],
    },
  ],
  /** Epoch seconds after which DynamoDB may delete the item: expired links, sessions, uploads never confirmed, leases, rate counters. */
  ttlAttribute: 'ttl',
} as const;

export type GlobalIndexName = (typeof tableSchema.globalIndexes)[number]['indexName'];
type GlobalIndex = (typeof tableSchema.globalIndexes)[number];

/** An index's projection: all attributes, or the keys and the ones it names. */
export function projectionOf(index: GlobalIndex) {
  return 'projected' in index
    ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.projected] }
    : { ProjectionType: 'ALL' as const };
}

/** The CreateTable input for the schema, on-demand billing (the shape CDK's TableV2 also produces). */
export function createTableInput(tableName: string) {
  const { partitionKey, sortKey, globalIndexes } = tableSchema;
  const keyAttributes = [partitionKey, sortKey, ...globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' as const },
      { AttributeName: sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: globalIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: projectionOf(index),
    })),
  };
}
