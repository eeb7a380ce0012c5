/**
 * The dossier's files in the cycle's partition: a pending upload (what a presigned request was issued
 * for, kept until DynamoDB's TTL removes it) and a recorded file (written once, with its sha256). The
 * bytes are in S3; functions/files decides what is recorded.
 */
import * as z from 'zod';
import type { Store } from './client.js';
import { execute, putNewOp } from './items.js';
import { getItem, queryPrefix } from './reads.js';
import type { WriteOp } from './items.js';
import { fileKeys } from './keys.js';

const common = {
  cycleId: z.string().min(1),
  unitId: z.string().min(1),
  purpose: z.string().min(1),
  /** Evidence only: the criterion's code. */
  criterion: z.string().min(1).optional(),
  /** The name the unit's file had, for display and download only: keys never use it. */
  fileName: z.string().min(1),
};

export const PendingUploadSchema = z.object({
  uploadId: z.string().min(1),
  ...common,
  /** Where the presigned request puts the object. */
  key: z.string().min(1),
  maxBytes: z.number().int().positive(),
  /** When the presigned request expires, by the storage's clock. */
  expiresAt: z.iso.datetime(),
  issuedAt: z.iso.datetime(),
  issuedBy: z.string().min(1),
});
export type PendingUpload = z.infer<typeof PendingUploadSchema>;

export const StoredFileSchema = z.object({
  fileId: z.string().min(1),
  ...common,
  /** The media type its magic bytes show. */
  mediaType: z.string().min(1),
  size: z.number().int().positive(),
  /** Hex sha256 of the bytes, as read back from storage. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  key: z.string().min(1),
  addedBy: z.string().min(1),
  addedAt: z.iso.datetime(),
});
export type StoredFile = z.infer<typeof StoredFileSchema>;

/** Records an upload about to be presigned; DynamoDB's TTL removes it `keepSeconds` after it expires. */
export async function createUpload(store: Store, upload: PendingUpload, keepSeconds: number): Promise<void> {
  const ttl = Math.floor(Date.parse(upload.expiresAt) / 1000) + keepSeconds;
  await execute(store, putNewOp(store, { ...fileKeys.upload(upload.cycleId, upload.uploadId), type: 'upload', ...upload, ttl }));
}

export async function getUpload(store: Store, cycleId: string, uploadId: string): Promise<PendingUpload | undefined> {
  const item = await getItem(store, fileKeys.upload(cycleId, uploadId));
  return item ? PendingUploadSchema.parse(item) : undefined;
}

/** The write that records a file; a second record of the same file fails with AlreadyExistsError. */
export function recordFileOp(store: Store, file: StoredFile): WriteOp {
  return putNewOp(store, { ...fileKeys.file(file.cycleId, file.fileId), type: 'file', ...file });
}

/** A recorded file as read from its item (the cycle's partition query reads them too). */
export const toStoredFile = (item: Record<string, unknown>): StoredFile => StoredFileSchema.parse(item);

export async function getFile(store: Store, cycleId: string, fileId: string): Promise<StoredFile | undefined> {
  const item = await getItem(store, fileKeys.file(cycleId, fileId));
  return item ? toStoredFile(item) : undefined;
}

/** Every recorded file of a cycle, oldest first (a cycle holds tens of them: filtering is the caller's). */
export async function listFiles(store: Store, cycleId: string): Promise<StoredFile[]> {
  return inAddedOrder((await queryPrefix(store, fileKeys.partition(cycleId), fileKeys.files)).map(toStoredFile));
}

/** Files oldest first (ties by id, so every reader lists them alike). */
export function inAddedOrder(files: StoredFile[]): StoredFile[] {
  return files.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.fileId.localeCompare(b.fileId));
}
