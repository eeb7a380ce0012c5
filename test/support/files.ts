/**
 * The dossier files' parts for tests: the run's S3-compatible server and bucket, a cycle with units'
 * links to act through, small real files (a PDF, a PNG, an executable renamed), and the browser's half of
 * a presigned upload (the multipart POST straight to storage).
 */
import { randomUUID } from 'node:crypto';
import { SFNClient } from '@aws-sdk/client-sfn';
import { inject } from 'vitest';
import type { IssuedUpload } from '../../functions/files/files.js';
import { createLink } from '../../functions/links/links.js';
import { fileBucketFromEnv, type CycleDeps } from '../../functions/shared/deps.js';
import { createCycle } from '../../functions/store/cycles.js';
export { smallPdf } from '../../local/demo/pdf.js';
import { cycleConfig } from '../cycle/fixtures.js';
import { createTestMailer } from './mail.js';
import { createTestStore } from './store.js';

/** Dependencies on the run's DynamoDB Local, SES emulator and S3 server (no state machine). */
export async function createFilesDeps(): Promise<CycleDeps> {
  const store = await createTestStore();
  const files = fileBucketFromEnv({ S3_ENDPOINT: inject('s3Endpoint'), FILES_BUCKET: inject('filesBucket') });
  return { store, files, mailer: createTestMailer(store), sfn: new SFNClient({ region: 'ap-southeast-1' }), publicUrl: 'http://localhost:3000', stateMachineArn: '' };
}

/** A running cycle of the Party bloc and one link of `purpose` for each unit asked for, plus the approver's. */
export async function cycleWithLinks(deps: CycleDeps, purposes: Record<string, string>, now = new Date()) {
  const config = cycleConfig();
  const cycleId = `files-${randomUUID().slice(0, 8)}`;
  await createCycle(deps.store, { cycleId, blocId: config.bloc.id, year: 2026, phase: 'selfAssessment', config, now });
  const expiresAt = new Date(now.getTime() + 7 * 24 * 3600 * 1000);
  const units = config.bloc.units.map((u) => u.id);
  const links: Record<string, string> = {};
  for (const [index, purpose] of Object.entries(purposes)) {
    const unitId = units[Number(index)]!;
    const target = { purpose, cycleId, unitId, round: 1 } as Parameters<typeof createLink>[1];
    links[unitId] = (await createLink(deps.store, target, { expiresAt, now, singleUse: false })).id;
  }
  const approver = (await createLink(deps.store, { purpose: 'approval', cycleId, round: 1, approverEmail: config.approverEmail }, { expiresAt, now })).id;
  return { cycleId, config, units, links, approver, criterion: config.sheet.sections[0]!.criteria[0]!.code };
}

/** A 1×1 PNG. */
export const tinyPng = () => Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The first bytes of a Windows executable ("MZ", the PE header pointer): what a renamed .exe starts with. */
export function renamedExecutable(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

/** What the browser does with an issued upload: the presigned form's fields, then the file. */
export async function postToStorage(upload: IssuedUpload, content: Uint8Array, fileName: string): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(content)]), fileName);
  return fetch(upload.url, { method: 'POST', body: form });
}
