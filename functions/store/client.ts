/**
 * The store context every repository function takes: a DocumentClient and the table name. On AWS neither
 * endpoint nor credentials are configured here (the Lambda role provides them); locally DYNAMODB_ENDPOINT
 * points the SDK at DynamoDB Local.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableSchema } from './table-schema.js';

export interface Store {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

export interface StoreOptions {
  /** DynamoDB endpoint; defaults to DYNAMODB_ENDPOINT, none on AWS. */
  endpoint?: string;
  /** Table name; defaults to the environment variable named in the table schema. */
  tableName?: string;
  region?: string;
}

/** Builds the store context from explicit options, falling back to the environment. */
export function createStore(options: StoreOptions = {}, env: NodeJS.ProcessEnv = process.env): Store {
  const endpoint = options.endpoint ?? env.DYNAMODB_ENDPOINT;
  const client = new DynamoDBClient({
    region: options.region ?? env.AWS_REGION ?? 'ap-southeast-1',
    ...(endpoint ? { endpoint, credentials: localCredentials(env) } : {}),
  });
  return {
    doc: DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
    tableName: options.tableName ?? env[tableSchema.tableNameEnv] ?? tableSchema.defaultTableName,
  };
}

/** Local emulators accept any credentials; use the environment's when it has some. */
export function localCredentials(env: NodeJS.ProcessEnv) {
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
  };
}
