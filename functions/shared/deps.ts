/**
 * The services a cycle step talks to, built once per Lambda container from the environment. On AWS no
 * endpoint is set and the SDK finds the regional ones; the local stack sets DYNAMODB_ENDPOINT,
 * SES_ENDPOINT and STEPFUNCTIONS_ENDPOINT to its own services, and MAIL_FROM, PUBLIC_URL, STATE_MACHINE_ARN.
 */
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
  };
}

let cached: CycleDeps | undefined;
/** One set of clients per container, reused across invocations. */
export function sharedDeps(): CycleDeps {
  cached ??= depsFromEnv();
  return cached;
}
