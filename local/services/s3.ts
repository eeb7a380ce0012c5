/**
 * The S3-compatible server (`s3rver`) in the stack's own process, on a free port, with the dossier files'
 * bucket: objects on disk under its directory (the local stack's `.data/s3/`), so they survive a restart
 * like DynamoDB Local's data. Handlers reach it through S3_ENDPOINT with path-style addressing.
 *
 * What it does not do, and where that is covered: it ignores a presigned POST's policy (size range,
 * expiry), so the limits hold locally only because functions/files checks every object before recording
 * it, as it does on AWS; it keeps no versions.
 */
import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account.js';
import type { RunningService } from './dynamodb.js';
import { freePort } from './process.js';

export interface S3ServerOptions {
  /** Where the buckets live; kept across starts unless `resetOnStop`. */
  directory: string;
  /** The bucket to create (it is kept if it exists). */
  bucket: string;
  port?: number;
  /** Interface to bind; loopback by default (the server has no real authentication). */
  host?: string;
  /** Origins whose pages may upload straight to the bucket (CORS), e.g. the public URL. */
  corsOrigins?: string[];
  /** Empties the directory when stopped (tests). */
  resetOnStop?: boolean;
}

/** Starts the server with its bucket; its endpoint is the S3 endpoint for the SDK (forcePathStyle). */
export async function startS3Server(options: S3ServerOptions): Promise<RunningService> {
  const port = options.port ?? (await freePort());
  const address = options.host ?? '127.0.0.1';
  const directory = resolve(options.directory);
  await mkdir(directory, { recursive: true });
  // s3rver knows one access key (S3RVER); the SDK signs with the local placeholder or the environment's.
  for (const key of new Set(['local', process.env.AWS_ACCESS_KEY_ID ?? 'local'])) DUMMY_ACCOUNT.createKeyPair(key, process.env.AWS_SECRET_ACCESS_KEY ?? 'local');
  const server = new S3rver({
    address,
    port,
    silent: true,
    directory,
    resetOnClose: options.resetOnStop ?? false,
    configureBuckets: [{ name: options.bucket, configs: [corsXml(options.corsOrigins ?? [])] }],
  });
  keepDirectoriesOnDelete(server);
  await server.run();
  const stop = async () => {
    // The SDK keeps connections alive; close them so the server's close does not wait for their timeout.
    server.httpServer.closeAllConnections();
    await server.close();
  };
  return { endpoint: `http://${address.includes(':') ? `[${address}]` : address}:${port}`, port, stop };
}

/**
 * s3rver's delete removes the object's directory once it is empty, which races with an upload into the same
 * directory (a unit's file deleted after its check while another unit's upload opens its file there): the
 * upload's write stream fails with ENOENT, unhandled, and takes the whole stack down (seen in the province
 * drill). Deleting only the object's files leaves an empty directory behind, which nothing reads.
 */
function keepDirectoriesOnDelete(server: S3rver): void {
  const store = server.store;
  store.deleteObject = async (bucket, key) => {
    const files = ['object', 'object.md5', 'metadata.json'].map((resource) => store.getResourcePath(bucket, key, resource));
    await Promise.all(files.map((file) => rm(file, { force: true })));
  };
}

/** The bucket's CORS rules: the pages' origins may POST a presigned upload and GET a presigned download. */
function corsXml(origins: string[]): string {
  const allowed = origins.length ? origins.map((o) => new URL(o).origin) : ['http://localhost'];
  const rule = (origin: string) =>
    `<CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>`;
  return `<CORSConfiguration>${allowed.map(rule).join('')}</CORSConfiguration>`;
}
