/**
 * Vitest global setup: starts DynamoDB Local (in memory) and the SES emulator once per run, on free
 * ports, hands their endpoints to the test files (`inject('dynamoDbEndpoint')`), and stops them after.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/services/dynamodb.js';
import type { RunningService } from '../../local/services/dynamodb.js';
import { startSesEmulator } from '../../local/services/ses.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    sesEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const started = await Promise.allSettled([startDynamoDbLocal(), startSesEmulator()]);
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    // Stop whichever did start, so a failed setup leaves no process behind.
    await Promise.all(running.map((service) => service.stop()));
    throw failed.reason;
  }
  const [dynamoDb, ses] = running as [RunningService, RunningService];
  project.provide('dynamoDbEndpoint', dynamoDb.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  return async () => {
    await Promise.all([dynamoDb.stop(), ses.stop()]);
  };
}
