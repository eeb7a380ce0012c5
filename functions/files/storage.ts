/**
 * The files' bucket through the AWS SDK: presigned requests for the browser, and what the server itself
 * reads and writes. Keys are made here from ids only (`uploads/<cycle>/<upload>` for what a browser sends,
 * `files/<cycle>/<file>` for what is recorded), never from a file's name.
 */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost, type PresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileBucket } from '../shared/deps.js';

export const uploadKey = (cycleId: string, uploadId: string) => `uploads/${cycleId}/${uploadId}`;
export const fileKey = (cycleId: string, fileId: string) => `files/${cycleId}/${fileId}`;
/** The prefix of unrecorded uploads: the bucket's lifecycle rule removes what stays there. */
export const UPLOADS_PREFIX = 'uploads/';

const clients = new WeakMap<FileBucket, S3Client>();
/** The bucket's S3 client, made once per bucket configuration (one per container). */
function s3Of(files: FileBucket): S3Client {
  let s3 = clients.get(files);
  if (!s3) {
    s3 = new S3Client(files.client);
    clients.set(files, s3);
  }
  return s3;
}

/**
 * A presigned POST for one object. POST, not PUT: its policy lets S3 itself refuse a body outside
 * 1..maxBytes, another key or another declared type, and any use after it expires; a presigned PUT
 * cannot bound the size.
 */
export function presignUpload(files: FileBucket, input: { key: string; contentType: string; maxBytes: number; expiresInSeconds: number }): Promise<PresignedPost> {
  return createPresignedPost(s3Of(files), {
    Bucket: files.bucket,
    Key: input.key,
    Conditions: [['content-length-range', 1, input.maxBytes]],
    Fields: { 'Content-Type': input.contentType },
    Expires: input.expiresInSeconds,
  });
}

/** What storage holds at a key: its size and when it was written (by storage's clock), or undefined. */
export async function headObject(files: FileBucket, key: string): Promise<{ size: number; lastModified: Date } | undefined> {
  try {
    const head = await s3Of(files).send(new HeadObjectCommand({ Bucket: files.bucket, Key: key }));
    return { size: head.ContentLength ?? 0, lastModified: head.LastModified ?? new Date(0) };
  } catch (error) {
    if (error instanceof NotFound || error instanceof NoSuchKey) return undefined;
    throw error;
  }
}

/** The object's bytes (the caller has checked its size with {@link headObject}). */
export async function readObject(files: FileBucket, key: string): Promise<Buffer | undefined> {
  try {
    const object = await s3Of(files).send(new GetObjectCommand({ Bucket: files.bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw error;
  }
}

export async function writeObject(files: FileBucket, key: string, content: Uint8Array, contentType: string, metadata: Record<string, string> = {}): Promise<void> {
  await s3Of(files).send(new PutObjectCommand({ Bucket: files.bucket, Key: key, Body: content, ContentType: contentType, Metadata: metadata }));
}

export async function deleteObject(files: FileBucket, key: string): Promise<void> {
  await s3Of(files).send(new DeleteObjectCommand({ Bucket: files.bucket, Key: key }));
}

/** A GET that works for `expiresInSeconds`, downloading under the file's own name. */
export function presignDownload(files: FileBucket, input: { key: string; fileName: string; mediaType: string; expiresInSeconds: number }): Promise<string> {
  const ascii = input.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const disposition = `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(input.fileName)}`;
  return getSignedUrl(
    s3Of(files),
    new GetObjectCommand({ Bucket: files.bucket, Key: input.key, ResponseContentDisposition: disposition, ResponseContentType: input.mediaType }),
    { expiresIn: input.expiresInSeconds },
  );
}

const origins = new WeakMap<FileBucket, Promise<string>>();
/**
 * The origin browsers upload to (the bucket's, or the local server's): the pages that upload let their
 * scripts connect there (Content-Security-Policy connect-src). Signing needs no request; computed once.
 */
export function storageOrigin(files: FileBucket): Promise<string> {
  let origin = origins.get(files);
  if (!origin) {
    origin = createPresignedPost(s3Of(files), { Bucket: files.bucket, Key: `${UPLOADS_PREFIX}origin`, Expires: 60 }).then((post) => new URL(post.url).origin);
    origins.set(files, origin);
  }
  return origin;
}
