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

/** A valid one-page PDF saying `text` (what a scanner or a word processor would produce, minus the looks). */
export function smallPdf(text = 'Báo cáo thành tích'): Buffer {
  const ascii = text.normalize('NFD').replace(/[^\x20-\x7e]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${ascii}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const offset = body.length;
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
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
  form.append('file', new Blob([content]), fileName);
  return fetch(upload.url, { method: 'POST', body: form });
}
