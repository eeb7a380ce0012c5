/**
 * Vitest global setup: starts DynamoDB Local (in memory), the SES emulator and the S3-compatible server
 * (in a temporary directory, emptied at the end) once per run, on free ports, hands their endpoints to the
 * test files (`inject('dynamoDbEndpoint')`), and stops them after.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/services/dynamodb.js';
import type { RunningService } from '../../local/services/dynamodb.js';
import { startS3Server } from '../../local/services/s3.js';
import { startSesEmulator } from '../../local/services/ses.js';

/** The bucket test files share; each file uses keys of its own cycles. */
export const TEST_FILES_BUCKET = 'thidua-files-test';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    sesEndpoint: string;
    s3Endpoint: string;
    filesBucket: string;
  }
}

export default async function setup(project: TestProject) {
  // The SES emulator, like DynamoDB Local, takes 15 s and more to start on a loaded machine (two cores, several test runs).
  const s3Directory = await mkdtemp(join(tmpdir(), 'thidua-s3-'));
  const started = await Promise.allSettled([startDynamoDbLocal(), startSesEmulator({ startTimeoutMs: 60_000 }), startS3Server({ directory: s3Directory, bucket: TEST_FILES_BUCKET, resetOnStop: true })]);
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    // Stop whichever did start, so a failed setup leaves no process behind.
    await Promise.all(running.map((service) => service.stop()));
    throw failed.reason;
  }
  const [dynamoDb, ses, s3] = running as [RunningService, RunningService, RunningService];
  project.provide('dynamoDbEndpoint', dynamoDb.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  project.provide('filesBucket', TEST_FILES_BUCKET);
  return async () => {
    await Promise.all([dynamoDb.stop(), ses.stop(), s3.stop()]);
    await rm(s3Directory, { recursive: true, force: true });
  };
}
