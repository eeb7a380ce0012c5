/**
 * The services a cycle step talks to, built once per Lambda container from the environment. On AWS no
 * endpoint is set and the SDK finds the regional ones; the local stack sets DYNAMODB_ENDPOINT,
 * SES_ENDPOINT, STEPFUNCTIONS_ENDPOINT and S3_ENDPOINT to its own services, and MAIL_FROM, PUBLIC_URL,
 * STATE_MACHINE_ARN, FILES_BUCKET.
 */
import { S3Client } from '@aws-sdk/client-s3';
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

export interface FileBucket {
  s3: S3Client;
  bucket: string;
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
 * The S3 client of the files' bucket. A local endpoint (s3rver) is addressed path-style
 * (`http://127.0.0.1:port/bucket/key`): it has no DNS name per bucket.
 */
export function fileBucketFromEnv(env: NodeJS.ProcessEnv = process.env): FileBucket {
  const endpoint = env.S3_ENDPOINT;
  const s3 = new S3Client({ region: region(env), ...endpointOptions(endpoint, env), ...(endpoint ? { forcePathStyle: true } : {}) });
  return { s3, bucket: env.FILES_BUCKET ?? 'thidua-files' };
}

let cached: CycleDeps | undefined;
/** One set of clients per container, reused across invocations. */
export function sharedDeps(): CycleDeps {
  cached ??= depsFromEnv();
  return cached;
}
