/**
 * Vitest global setup: starts DynamoDB Local (in memory) and the SES emulator once per run, on free
 * ports, hands their endpoints to the test files (`inject('dynamoDbEndpoint')`), and stops them after.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/services/dynamodb.js';
import { startSesEmulator } from '../../local/services/ses.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    sesEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const [dynamoDb, ses] = await Promise.all([startDynamoDbLocal(), startSesEmulator()]);
  project.provide('dynamoDbEndpoint', dynamoDb.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  return async () => {
    await Promise.all([dynamoDb.stop(), ses.stop()]);
  };
}
