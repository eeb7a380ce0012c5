/**
 * The dossier's files (SPEC §5, issue 17): a unit asks for an upload of one file of one purpose, its
 * browser sends the file straight to storage with the presigned POST it gets, and the unit confirms it.
 * Only then is the file recorded, after the server has read it back from storage: it exists, its size is
 * within the purpose's cap, its magic bytes are one of the purpose's types, and its sha256 goes into the
 * record and the audit event, written in one transaction. Confirming twice (a retry, a double click, two
 * tabs) records the file once; a refused object is deleted, so the same upload can be tried again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { appendAuditEvent } from '../audit/trail.js';
import type { CycleDeps } from '../shared/deps.js';
import { AlreadyExistsError } from '../store/errors.js';
import { createUpload, getFile, getUpload, listFiles, recordFileOp, type PendingUpload, type StoredFile } from '../store/files.js';
import { checkCriterion, conferenceRecorded, mayRead, type FileActor } from './access.js';
import { ConferenceNotRecordedError, FileNameRefusedError, FileNotUploadedError, FileScopeError, FileTooLargeError, FileTypeRefusedError, FileUnknownError, UploadExpiredError } from './errors.js';
import { MEDIA, PURPOSES, extensionOf, type FilePurpose } from './purposes.js';
import { deleteObject, fileKey, headObject, presignDownload, presignUpload, readObject, uploadKey, writeObject } from './storage.js';

/** How long a presigned upload works: long enough for 20 MB on a slow line, short enough not to linger. */
export const UPLOAD_SECONDS = 15 * 60;
/** How long a presigned download works: the page opens it at once. */
export const DOWNLOAD_SECONDS = 5 * 60;
/** A pending upload stays this long after it expires, so a late confirmation says "expired", not "unknown". */
const KEEP_UPLOAD_SECONDS = 7 * 24 * 3600;
const idPattern = /^[A-Za-z0-9_-]{22}$/;

export interface UploadRequest {
  purpose: FilePurpose;
  criterion?: string | undefined;
  fileName: string;
  /** What the browser says the file is; checked again by its bytes on confirmation. */
  contentType: string;
  size: number;
}

export interface IssuedUpload {
  uploadId: string;
  /** The form the browser posts: every field, then the file as the last field `file`. */
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
  maxBytes: number;
}

/** A plain name: no folder, no drive, no control character, not "." or "..". */
export function checkFileName(fileName: string): string {
  const name = fileName.trim();
  // eslint-disable-next-line no-control-regex
  if (!name || name.length > 200 || /[/\\:\x00-\x1f\x7f]/.test(name) || /^\.+$/.test(name)) throw new FileNameRefusedError(fileName);
  return name;
}

/** Checks what the unit says about its file and issues a presigned POST for it. */
export async function issueUpload(deps: CycleDeps, actor: FileActor, request: UploadRequest, options: { expiresInSeconds?: number } = {}): Promise<IssuedUpload> {
  const { upload, rules } = await pendingUpload(deps, actor, request, options.expiresInSeconds ?? UPLOAD_SECONDS);
  if (request.size > rules.maxBytes) throw new FileTooLargeError(rules.maxBytes, request.size);
  if (!extensionOf(request.contentType, rules.accepts)) throw new FileTypeRefusedError(rules.accepts, request.contentType);
  const post = await presignUpload(deps.files, { key: upload.key, contentType: request.contentType, maxBytes: upload.maxBytes, expiresInSeconds: options.expiresInSeconds ?? UPLOAD_SECONDS });
  await createUpload(deps.store, upload, KEEP_UPLOAD_SECONDS);
  return { uploadId: upload.uploadId, url: post.url, fields: post.fields, expiresAt: upload.expiresAt, maxBytes: upload.maxBytes };
}

/**
 * The file of a plain form post (no JavaScript): stored by the server under a fresh upload, then
 * confirmed like a browser's upload, with the same checks and a smaller cap.
 */
export async function uploadThroughServer(deps: CycleDeps, actor: FileActor, request: Omit<UploadRequest, 'size' | 'contentType'> & { content: Uint8Array; maxBytes: number }, at: Date): Promise<StoredFile> {
  const { upload, rules } = await pendingUpload(deps, actor, { ...request, contentType: '', size: request.content.byteLength }, UPLOAD_SECONDS);
  const maxBytes = Math.min(rules.maxBytes, request.maxBytes);
  if (request.content.byteLength > maxBytes) throw new FileTooLargeError(maxBytes, request.content.byteLength);
  await createUpload(deps.store, { ...upload, maxBytes }, KEEP_UPLOAD_SECONDS);
  await writeObject(deps.files, upload.key, request.content, 'application/octet-stream');
  return confirmUpload(deps, actor, upload.uploadId, at);
}

/** The pending upload a request stands for, once its purpose, criterion and name are acceptable. */
async function pendingUpload(deps: CycleDeps, actor: FileActor, request: UploadRequest, expiresInSeconds: number) {
  const rules = PURPOSES[request.purpose];
  if (actor.unitId === undefined || !rules.addedThrough.includes(actor.linkPurpose ?? '')) throw new FileScopeError('purpose');
  if (actor.mayAdd && !actor.mayAdd.includes(request.purpose)) throw new FileScopeError('purpose');
  if (!(await conferenceRecorded(deps.store, actor))) throw new ConferenceNotRecordedError();
  const fileName = checkFileName(request.fileName);
  if (rules.needsCriterion) {
    if (!request.criterion) throw new FileScopeError('criterion');
    await checkCriterion(deps.store, actor.cycleId, request.criterion);
  }
  const uploadId = randomBytes(16).toString('base64url');
  const issuedAt = new Date();
  const upload: PendingUpload = {
    uploadId,
    cycleId: actor.cycleId,
    unitId: actor.unitId,
    purpose: request.purpose,
    ...(rules.needsCriterion ? { criterion: request.criterion } : {}),
    fileName,
    key: uploadKey(actor.cycleId, uploadId),
    maxBytes: rules.maxBytes,
    // Storage judges the presigned POST's expiry by its own clock, the real one, not a request's time.
    expiresAt: new Date(issuedAt.getTime() + expiresInSeconds * 1000).toISOString(),
    issuedAt: issuedAt.toISOString(),
    issuedBy: actor.actor,
  };
  return { upload, rules };
}

/**
 * Records an uploaded file once it has been read back and checked. A file already recorded for this
 * upload is returned as it is (a retried or repeated confirmation records nothing twice).
 */
export async function confirmUpload(deps: CycleDeps, actor: FileActor, uploadId: string, at: Date): Promise<StoredFile> {
  if (!idPattern.test(uploadId)) throw new FileNotUploadedError();
  const recorded = await getFile(deps.store, actor.cycleId, uploadId);
  if (recorded) return ownFile(actor, recorded);
  const upload = await getUpload(deps.store, actor.cycleId, uploadId);
  if (!upload) throw new FileNotUploadedError();
  if (upload.unitId !== actor.unitId) throw new FileScopeError('unit');
  const { content, ...checked } = await checkObject(deps, upload);
  const file: StoredFile = {
    fileId: upload.uploadId,
    cycleId: upload.cycleId,
    unitId: upload.unitId,
    purpose: upload.purpose,
    ...(upload.criterion ? { criterion: upload.criterion } : {}),
    fileName: upload.fileName,
    ...checked,
    key: fileKey(upload.cycleId, upload.uploadId),
    addedBy: actor.actor,
    addedAt: at.toISOString(),
  };
  // The bytes that were hashed are the ones kept: an upload key reused later cannot change a recorded file.
  await writeObject(deps.files, file.key, content, file.mediaType, { sha256: file.sha256 });
  try {
    await appendAuditEvent(deps.store, {
      chainId: upload.cycleId,
      actor: actor.actor,
      action: 'file.added',
      target: `file:${upload.purpose}:${upload.unitId}:${upload.uploadId}`,
      at,
      after: { fileName: file.fileName, purpose: file.purpose, criterion: file.criterion, mediaType: file.mediaType, size: file.size, sha256: file.sha256 },
    }, [recordFileOp(deps.store, file)]);
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    return (await getFile(deps.store, actor.cycleId, uploadId))!;
  }
  await deleteObject(deps.files, upload.key).catch(() => undefined); // the bucket's lifecycle rule removes it otherwise
  return file;
}

/** Reads the uploaded object back and checks it; a refused object is deleted so the upload can be retried. */
async function checkObject(deps: CycleDeps, upload: PendingUpload) {
  const head = await headObject(deps.files, upload.key);
  if (!head) throw new FileNotUploadedError();
  const refuse = async (error: Error): Promise<never> => {
    await deleteObject(deps.files, upload.key);
    throw error;
  };
  // Storage's timestamps have whole seconds: an object written in the last second of the upload counts.
  if (head.lastModified.getTime() > Date.parse(upload.expiresAt) + 1000) return refuse(new UploadExpiredError(upload.expiresAt));
  if (head.size > upload.maxBytes) return refuse(new FileTooLargeError(upload.maxBytes, head.size));
  if (head.size === 0) return refuse(new FileNotUploadedError());
  const content = await readObject(deps.files, upload.key);
  if (!content) throw new FileNotUploadedError();
  if (content.byteLength > upload.maxBytes) return refuse(new FileTooLargeError(upload.maxBytes, content.byteLength));
  const { accepts } = PURPOSES[upload.purpose as FilePurpose];
  // Loaded on the first confirmation, not at every function's init (as exceljs and docx are).
  const { fileTypeFromBuffer } = await import('file-type');
  const found = (await fileTypeFromBuffer(content))?.mime;
  const extension = found === undefined ? undefined : extensionOf(found, accepts);
  if (!extension) return refuse(new FileTypeRefusedError(accepts, found));
  return { content, mediaType: MEDIA[extension], size: content.byteLength, sha256: createHash('sha256').update(content).digest('hex') };
}

function ownFile(actor: FileActor, file: StoredFile): StoredFile {
  if (!mayRead(actor, file.unitId)) throw new FileScopeError('unit');
  return file;
}

/** The files the actor may read: a unit's own, or every file of the cycle. */
export async function filesOf(deps: CycleDeps, actor: FileActor): Promise<StoredFile[]> {
  return (await listFiles(deps.store, actor.cycleId)).filter((file) => mayRead(actor, file.unitId));
}

/** A short-lived presigned GET for one recorded file (never a public URL). */
export async function openFile(deps: CycleDeps, actor: FileActor, fileId: string): Promise<{ file: StoredFile; url: string; expiresAt: string }> {
  const file = idPattern.test(fileId) ? await getFile(deps.store, actor.cycleId, fileId) : undefined;
  if (!file) throw new FileUnknownError();
  ownFile(actor, file);
  const url = await presignDownload(deps.files, { key: file.key, fileName: file.fileName, mediaType: file.mediaType, expiresInSeconds: DOWNLOAD_SECONDS });
  return { file, url, expiresAt: new Date(Date.now() + DOWNLOAD_SECONDS * 1000).toISOString() };
}
