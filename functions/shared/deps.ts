/**
 * The services a cycle step talks to, built once per Lambda container from the environment. On AWS no
 * endpoint is set and the SDK finds the regional ones; the local stack sets DYNAMODB_ENDPOINT,
 * SES_ENDPOINT, STEPFUNCTIONS_ENDPOINT and S3_ENDPOINT to its own services, and MAIL_FROM, PUBLIC_URL,
 * STATE_MACHINE_ARN, FILES_BUCKET.
 */
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { createMailer, createSesClient, type Mailer } from '../mail/mailer.js';
import { createStore, localCredentials, type Store } from '../store/client.js';

export interface CycleDeps {
  store: Store;
  sfn: SFNClient;
  mailer: Mailer;
  /** Where the web pages are served; emailed links start with it. */
  publicUrl: string;
  /** The state machine cycles run on (to start executions). */
  stateMachineArn: string;
  /** The dossier files' bucket (functions/files). */
  files: FileBucket;
}

/**
 * The dossier files' bucket, as configuration: its S3 client is made on first use by functions/files/
 * storage.ts, the one module that imports the S3 SDK, so only the functions that handle files bundle it
 * (about 600 KB with its @smithy parts, bundled because the runtime does not promise the presigners).
 */
export interface FileBucket {
  bucket: string;
  client: S3ClientConfig;
}

const region = (env: NodeJS.ProcessEnv) => env.AWS_REGION ?? 'ap-southeast-1';
const endpointOptions = (endpoint: string | undefined, env: NodeJS.ProcessEnv) =>
  endpoint ? { endpoint, credentials: localCredentials(env) } : {};

/** Builds the dependencies from the environment (the Lambda's configuration, or the local stack's). */
export function depsFromEnv(env: NodeJS.ProcessEnv = process.env): CycleDeps {
  const store = createStore({}, env);
  return {
    store,
    sfn: new SFNClient({ region: region(env), ...endpointOptions(env.STEPFUNCTIONS_ENDPOINT, env) }),
    mailer: createMailer({ store, ses: createSesClient({}, env) }, env),
    publicUrl: (env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/$/, ''),
    stateMachineArn: env.STATE_MACHINE_ARN ?? '',
    files: fileBucketFromEnv(env),
  };
}

/**
 * The files' bucket and how to reach it. A local endpoint (s3rver) is addressed path-style
 * (`http://127.0.0.1:port/bucket/key`): it has no DNS name per bucket.
 */
export function fileBucketFromEnv(env: NodeJS.ProcessEnv = process.env): FileBucket {
  const endpoint = env.S3_ENDPOINT;
  return { bucket: env.FILES_BUCKET ?? 'thidua-files', client: { region: region(env), ...endpointOptions(endpoint, env), ...(endpoint ? { forcePathStyle: true } : {}) } };
}

let cached: CycleDeps | undefined;
/** One set of clients per container, reused across invocations. */
export function sharedDeps(): CycleDeps {
  cached ??= depsFromEnv();
  return cached;
}
