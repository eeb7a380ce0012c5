import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../functions/audit/trail.js';
import { actorOfLink, type FileActor } from '../../functions/files/access.js';
import { FileNameRefusedError, FileNotUploadedError, FileScopeError, FileTooLargeError, FileTypeRefusedError, FileUnknownError, UploadExpiredError } from '../../functions/files/errors.js';
import { confirmUpload, filesOf, issueUpload, openFile, uploadThroughServer } from '../../functions/files/files.js';
import { MEDIA } from '../../functions/files/purposes.js';
import { headObject, uploadKey } from '../../functions/files/storage.js';
import type { CycleDeps } from '../../functions/shared/deps.js';
import { listFiles } from '../../functions/store/files.js';
import { createFilesDeps, cycleWithLinks, postToStorage, renamedExecutable, smallPdf, tinyPng } from '../support/files.js';

let deps: CycleDeps;
beforeAll(async () => {
  deps = await createFilesDeps();
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A cycle where unit 0 and unit 1 fill their self-assessment and unit 2 holds the leader's decision link. */
async function scene() {
  const cycle = await cycleWithLinks(deps, { 0: 'selfAssessment', 1: 'selfAssessment', 2: 'leaderDecision' });
  const now = new Date();
  const [first, second, leader, approver] = await Promise.all([
    actorOfLink(deps.store, cycle.links[cycle.units[0]!]!, now),
    actorOfLink(deps.store, cycle.links[cycle.units[1]!]!, now),
    actorOfLink(deps.store, cycle.links[cycle.units[2]!]!, now),
    actorOfLink(deps.store, cycle.approver, now),
  ]);
  return { ...cycle, first, second, leader, approver };
}

/** Issues an upload of `content` as evidence of `criterion` and sends it to storage as a browser would. */
async function uploadEvidence(actor: FileActor, criterion: string, content: Buffer, options: { fileName?: string; contentType?: string; size?: number } = {}) {
  const fileName = options.fileName ?? 'minh-chung.pdf';
  const issued = await issueUpload(deps, actor, { purpose: 'evidence', criterion, fileName, contentType: options.contentType ?? MEDIA.pdf, size: options.size ?? content.byteLength });
  const response = await postToStorage(issued, content, fileName);
  expect(response.status).toBe(204);
  return issued;
}

describe('dossier files on the local S3 server', () => {
  it('records an uploaded PDF with its size, type and sha256, and the audit event carries the sha256', async () => {
    const { cycleId, first, criterion } = await scene();
    const pdf = smallPdf('Minh chung tieu chi');
    const issued = await uploadEvidence(first, criterion, pdf);
    const file = await confirmUpload(deps, first, issued.uploadId, new Date());
    expect(file).toMatchObject({ purpose: 'evidence', criterion, unitId: first.unitId, fileName: 'minh-chung.pdf', mediaType: MEDIA.pdf, size: pdf.byteLength, sha256: sha256(pdf) });
    expect(file.key).not.toContain('minh-chung');
    const events = (await listAuditEvents(deps.store, cycleId)).filter((e) => e.action === 'file.added');
    expect(events).toHaveLength(1);
    expect(events[0]!.after).toMatchObject({ sha256: sha256(pdf), size: pdf.byteLength });
  });

  it('lists a unit its own files and the approver every file', async () => {
    const { first, second, approver, criterion } = await scene();
    const mine = await confirmUpload(deps, first, (await uploadEvidence(first, criterion, smallPdf('a'))).uploadId, new Date());
    const theirs = await confirmUpload(deps, second, (await uploadEvidence(second, criterion, tinyPng(), { fileName: 'anh.png', contentType: MEDIA.png })).uploadId, new Date());
    expect((await filesOf(deps, first)).map((f) => f.fileId)).toEqual([mine.fileId]);
    expect((await filesOf(deps, approver)).map((f) => f.fileId).sort()).toEqual([mine.fileId, theirs.fileId].sort());
  });

  it('downloads a file through a presigned GET that expires within minutes', async () => {
    const { first, approver, criterion } = await scene();
    const pdf = smallPdf('Bien ban');
    const file = await confirmUpload(deps, first, (await uploadEvidence(first, criterion, pdf, { fileName: 'Biên bản họp.pdf' })).uploadId, new Date());
    const opened = await openFile(deps, approver, file.fileId);
    const url = new URL(opened.url);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(600);
    const response = await fetch(opened.url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Biên bản họp.pdf')}`);
  });

  it('refuses a file over the limit, whether the browser says so or storage shows it, and records nothing', async () => {
    const { cycleId, first, criterion } = await scene();
    await expect(issueUpload(deps, first, { purpose: 'evidence', criterion, fileName: 'lon.pdf', contentType: MEDIA.pdf, size: 21 * 1024 * 1024 })).rejects.toThrow(FileTooLargeError);
    // The local server ignores the POST policy's size range; the confirmation reads the real size.
    const big = Buffer.concat([smallPdf(), Buffer.alloc(4 * 1024 * 1024 + 1)]);
    const tooBig = await uploadThroughServer(deps, first, { purpose: 'evidence', criterion, fileName: 'lon.pdf', content: big, maxBytes: 4 * 1024 * 1024 }, new Date()).catch((e: unknown) => e);
    expect(tooBig).toBeInstanceOf(FileTooLargeError);
    const issued = await uploadEvidence(first, criterion, big, { size: 1000 });
    await expect(confirmUpload(deps, first, issued.uploadId, new Date())).resolves.toBeDefined(); // 4 MB is within the 20 MB of evidence
    expect(await listFiles(deps.store, cycleId)).toHaveLength(1);
  });

  it('refuses a renamed executable by its bytes, deletes it, and takes a real PDF on the same upload', async () => {
    const { cycleId, first, criterion } = await scene();
    const issued = await uploadEvidence(first, criterion, renamedExecutable(), { fileName: 'bao-cao.pdf' });
    await expect(confirmUpload(deps, first, issued.uploadId, new Date())).rejects.toThrow(FileTypeRefusedError);
    expect(await headObject(deps.files, uploadKey(cycleId, issued.uploadId))).toBeUndefined();
    expect(await listFiles(deps.store, cycleId)).toEqual([]);
    await postToStorage(issued, smallPdf(), 'bao-cao.pdf');
    await expect(confirmUpload(deps, first, issued.uploadId, new Date())).resolves.toMatchObject({ mediaType: MEDIA.pdf });
  });

  it('refuses a type the purpose does not take before issuing anything', async () => {
    const { leader } = await scene();
    await expect(issueUpload(deps, leader, { purpose: 'signedMinutes', fileName: 'bien-ban.docx', contentType: MEDIA.docx, size: 1000 })).rejects.toThrow(FileTypeRefusedError);
  });

  it('refuses to confirm another unit\'s upload, and a purpose the link does not give', async () => {
    const { cycleId, first, second, leader, criterion } = await scene();
    const issued = await uploadEvidence(first, criterion, smallPdf());
    await expect(confirmUpload(deps, second, issued.uploadId, new Date())).rejects.toMatchObject({ constructor: FileScopeError, field: 'unit' });
    await expect(issueUpload(deps, first, { purpose: 'signedProposal', fileName: 'to-trinh.pdf', contentType: MEDIA.pdf, size: 1000 })).rejects.toMatchObject({ constructor: FileScopeError, field: 'purpose' });
    await expect(issueUpload(deps, first, { purpose: 'evidence', criterion: 'XX.99', fileName: 'a.pdf', contentType: MEDIA.pdf, size: 1000 })).rejects.toMatchObject({ field: 'criterion' });
    await expect(issueUpload(deps, leader, { purpose: 'signedProposal', fileName: 'to-trinh.pdf', contentType: MEDIA.pdf, size: 1000 })).resolves.toHaveProperty('uploadId');
    expect(await listFiles(deps.store, cycleId)).toEqual([]);
  });

  it('refuses an upload sent after its presigned request expired, and a fresh one then works', async () => {
    const { cycleId, first, criterion } = await scene();
    const issued = await issueUpload(deps, first, { purpose: 'evidence', criterion, fileName: 'tre.pdf', contentType: MEDIA.pdf, size: 1000 }, { expiresInSeconds: 1 });
    // Past the expiry, the second of grace and the whole second storage rounds its timestamps down to.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    await postToStorage(issued, smallPdf(), 'tre.pdf'); // S3 refuses it (policy); the local server takes it
    await expect(confirmUpload(deps, first, issued.uploadId, new Date())).rejects.toThrow(UploadExpiredError);
    expect(await listFiles(deps.store, cycleId)).toEqual([]);
    const again = await uploadEvidence(first, criterion, smallPdf());
    await expect(confirmUpload(deps, first, again.uploadId, new Date())).resolves.toHaveProperty('sha256');
  });

  it('refuses a file claimed but never uploaded, and an upload id never issued', async () => {
    const { cycleId, first, criterion } = await scene();
    const issued = await issueUpload(deps, first, { purpose: 'evidence', criterion, fileName: 'a.pdf', contentType: MEDIA.pdf, size: 1000 });
    await expect(confirmUpload(deps, first, issued.uploadId, new Date())).rejects.toThrow(FileNotUploadedError);
    await expect(confirmUpload(deps, first, 'AAAAAAAAAAAAAAAAAAAAAA', new Date())).rejects.toThrow(FileNotUploadedError);
    await expect(confirmUpload(deps, first, '../../etc', new Date())).rejects.toThrow(FileNotUploadedError);
    await expect(openFile(deps, first, issued.uploadId)).rejects.toThrow(FileUnknownError);
    expect(await listFiles(deps.store, cycleId)).toEqual([]);
  });

  it('refuses a file name with a path in it', async () => {
    const { first, criterion } = await scene();
    for (const fileName of ['../../etc/passwd.pdf', 'C:\\Users\\a.pdf', 'thu-muc/a.pdf', '..', 'a\u0000.pdf']) {
      await expect(issueUpload(deps, first, { purpose: 'evidence', criterion, fileName, contentType: MEDIA.pdf, size: 1000 }), fileName).rejects.toThrow(FileNameRefusedError);
    }
  });

  it('loses nothing and records nothing twice when the request dies between upload and record', async () => {
    const { cycleId, first, criterion } = await scene();
    const pdf = smallPdf('Sau su co');
    // The browser's upload reached storage; the confirmation never arrived (the request died).
    const issued = await uploadEvidence(first, criterion, pdf);
    expect(await listFiles(deps.store, cycleId)).toEqual([]);
    expect(await headObject(deps.files, uploadKey(cycleId, issued.uploadId))).toMatchObject({ size: pdf.byteLength });
    // The page retries: twice at once (two tabs), then once more (a retried request).
    const [a, b] = await Promise.all([confirmUpload(deps, first, issued.uploadId, new Date()), confirmUpload(deps, first, issued.uploadId, new Date())]);
    const c = await confirmUpload(deps, first, issued.uploadId, new Date());
    expect(new Set([a.fileId, b.fileId, c.fileId]).size).toBe(1);
    expect(c.sha256).toBe(sha256(pdf));
    expect(await listFiles(deps.store, cycleId)).toHaveLength(1);
    expect((await listAuditEvents(deps.store, cycleId)).filter((e) => e.action === 'file.added')).toHaveLength(1);
    const download = await fetch((await openFile(deps, first, c.fileId)).url);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
  });
});
