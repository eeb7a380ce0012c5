import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedUpload } from '../../functions/files/files.js';
import { MEDIA } from '../../functions/files/purposes.js';
import { createLink } from '../../functions/links/links.js';
import { listFiles } from '../../functions/store/files.js';
import { demoTimeline } from '../../local/demo/index.js';
import { postToStorage, renamedExecutable, smallPdf } from '../support/files.js';
import { Browser, startWebStack, type WebStack } from '../support/web.js';

describe('dossier files through the API and the pages', () => {
  let web: WebStack;
  let bearer: { authorization: string };
  let cycleId: string;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${web.stack.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }), redirect: 'manual' });
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const link = (unitId: string) => web.linkFor(`${unitId}@dangbo.thidua.local`, /mở giai đoạn tự chấm điểm/);
  const evidence = (fileName: string, content: Buffer, contentType: string = MEDIA.pdf) => ({ purpose: 'evidence', criterion: 'I.1', fileName, contentType, size: content.byteLength });

  /** Issues, uploads from the "browser" and confirms; returns the confirmation's answer. */
  async function addEvidence(id: string, fileName: string, content: Buffer, query = '') {
    const issued = await call('POST', `/api/links/${id}/files${query}`, evidence(fileName, content));
    expect(issued.status).toBe(200);
    expect((await postToStorage(issued.body as IssuedUpload, content, fileName)).status).toBe(204);
    return call('POST', `/api/links/${id}/files/${issued.body.uploadId}${query}`, {});
  }

  beforeAll(async () => {
    web = await startWebStack();
    const signIn = await call('POST', `/api/signin/${web.stack.adminSignInUrl.split('/').at(-1)}`, {});
    bearer = { authorization: `Bearer ${signIn.body.sessionId}` };
    const started = await call('POST', '/api/admin/cycles', { blocIds: ['khoi-dang'], timeline: demoTimeline(web.stack.clock.now()) }, bearer);
    cycleId = started.body.cycles[0].cycleId;
    await web.stack.idle();
  }, 180_000);

  afterAll(() => web?.stop());

  it('takes evidence for a criterion from a unit\'s link and lets the approver and the admin open it', async () => {
    const id = await link('vp-tinh-uy');
    const pdf = smallPdf('Minh chung I.1');
    const confirmed = await addEvidence(id, 'Minh chứng I.1.pdf', pdf);
    expect(confirmed).toMatchObject({ status: 200, body: { purpose: 'evidence', criterion: 'I.1', unitId: 'vp-tinh-uy', fileName: 'Minh chứng I.1.pdf', size: pdf.byteLength } });
    expect(confirmed.body).not.toHaveProperty('key');
    const { fileId } = confirmed.body;
    expect((await call('GET', `/api/links/${id}/files`)).body.files.map((f: { fileId: string }) => f.fileId)).toContain(fileId);

    const now = new Date(web.stack.clock.now());
    const approver = (await createLink(web.stack.store, { purpose: 'approval', cycleId, round: 1, approverEmail: 'ban-tdkt@tinh.gov.vn' }, { now, expiresAt: new Date(now.getTime() + 86_400_000) })).id;
    const redirect = await fetch(`${web.stack.url}/l/${approver}/files/${fileId}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const download = await fetch(redirect.headers.get('location')!);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);

    const listed = await call('GET', `/api/admin/cycles/${cycleId}/files`, undefined, bearer);
    expect(listed.body.files.map((f: { fileId: string }) => f.fileId)).toContain(fileId);
    const opened = await call('GET', `/api/admin/cycles/${cycleId}/files/${fileId}`, undefined, bearer);
    expect(opened.body.url).toMatch(/X-Amz-Expires=300/);
  });

  it('refuses each bad file with a 4xx in Vietnamese, or in English when asked, and records nothing', async () => {
    const id = await link('ban-to-chuc');
    const exe = await addEvidence(id, 'bao-cao.pdf', renamedExecutable());
    expect(exe).toMatchObject({ status: 415, body: { error: { code: 'fileType', message: expect.stringMatching(/Loại tệp không được nhận.*PDF/) } } });
    const tooBig = await call('POST', `/api/links/${id}/files?lang=en`, { ...evidence('lon.pdf', smallPdf()), size: 30 * 1024 * 1024 });
    expect(tooBig).toMatchObject({ status: 413, body: { error: { code: 'fileTooLarge', message: expect.stringMatching(/too large \(30\.0 MB\); at most 20\.0 MB/) } } });
    const path = await call('POST', `/api/links/${id}/files`, evidence('../../bao-cao.pdf', smallPdf()));
    expect(path).toMatchObject({ status: 400, body: { error: { code: 'fileName', fields: [{ path: 'fileName' }] } } });
    const signed = await call('POST', `/api/links/${id}/files`, { ...evidence('to-trinh.pdf', smallPdf()), purpose: 'signedProposal' });
    expect(signed).toMatchObject({ status: 403, body: { error: { code: 'fileScope' } } });
    const issued = await call('POST', `/api/links/${id}/files`, evidence('chua-gui.pdf', smallPdf()));
    expect(await call('POST', `/api/links/${id}/files/${issued.body.uploadId}`, {})).toMatchObject({ status: 409, body: { error: { code: 'fileNotUploaded' } } });
    const other = await call('POST', `/api/links/${await link('ban-dan-van')}/files/${issued.body.uploadId}`, {});
    expect(other).toMatchObject({ status: 403, body: { error: { code: 'fileScope' } } });
    expect((await listFiles(web.stack.store, cycleId)).filter((f) => f.unitId === 'ban-to-chuc')).toEqual([]);
  });

  it('takes a file from a plain form without JavaScript, with the CSRF token in the address, up to 4 MB', async () => {
    const id = await link('ban-tuyen-giao');
    // The token and its cookie as the unit's browser has them after opening the link's page.
    const browser = new Browser(web.stack.url);
    await browser.get(`/l/${id}`);
    const token = browser.csrf;
    const send = (content: Buffer, withToken = token) => {
      const form = new FormData();
      form.append('purpose', 'evidence');
      form.append('criterion', 'I.1');
      form.append('file', new Blob([new Uint8Array(content)]), 'minh-chung.pdf');
      return fetch(`${web.stack.url}/l/${id}/files?_csrf=${withToken}`, { method: 'POST', body: form, headers: { cookie: browser.cookieHeader() }, redirect: 'manual' });
    };
    expect((await send(smallPdf(), 'x'.repeat(43))).status).toBe(403);
    const added = await send(smallPdf());
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(`/l/${id}?file=added`);
    const big = await send(Buffer.concat([smallPdf(), Buffer.alloc(4 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    expect(await big.text()).toMatch(/Tệp quá lớn/);
    expect((await listFiles(web.stack.store, cycleId)).filter((f) => f.unitId === 'ban-tuyen-giao')).toHaveLength(1);
  });

  it('offers an evidence upload beside each criterion of the self-assessment that works without JavaScript, and lists the file there', async () => {
    const id = await link('ban-dan-van');
    const browser = new Browser(web.stack.url);
    const page = await browser.get(`/l/${id}`);
    // The page's script may send files to storage, and nowhere else but the site.
    expect(page.headers.get('content-security-policy')).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\d+;/);
    const action = (await page.text()).match(/<form id="upload-ev-I-1"[^>]*action="([^"]+)"/)![1]!.replaceAll('&amp;', '&');
    const form = new FormData();
    form.append('purpose', 'evidence');
    form.append('criterion', 'I.1');
    form.append('file', new Blob([new Uint8Array(smallPdf('I.1'))]), 'Báo cáo I.1.pdf');
    const sent = await fetch(`${web.stack.url}${action}`, { method: 'POST', body: form, headers: { cookie: browser.cookieHeader() }, redirect: 'manual' });
    expect(sent.status).toBe(303);
    const after = await (await browser.get(sent.headers.get('location')!)).text();
    expect(after).toContain('Đã nhận tệp.');
    expect(after).toMatch(/id="files-ev-I-1"><li><a href="\/l\/[\w-]+\/files\/[\w-]+">Báo cáo I.1.pdf<\/a>/);
    expect(after).toMatch(/id="files-ev-I-2"><\/ul>/);
  });

  it('takes a bonus claimed with an evidence file uploaded for it, without a note or link, and refuses one with neither, beside its note', async () => {
    const complete = (unitNote: Record<string, string>) => {
      const maxima: Record<string, number> = { 'I.1': 100, 'I.2': 150, 'I.3': 80, 'I.4': 70, 'II.1': 70, 'II.2': 70, 'II.3': 50, 'II.4': 60, 'III.1': 40, 'III.2': 40, 'III.3': 40, 'III.4': 30, 'IV.1': 50, 'IV.2': 60, 'IV.3': 50, 'IV.4': 40 };
      return { intent: 'submit', formVersion: '0', ...Object.fromEntries(Object.entries(maxima).map(([code, max]) => [`points.${code}`, String(max - 5)])), 'points.V.2': '5', ...unitNote };
    };
    const filed = await link('bao-tinh');
    const browser = new Browser(web.stack.url);
    const action = (await (await browser.get(`/l/${filed}`)).text()).match(/<form id="upload-ev-V-2"[^>]*action="([^"]+)"/)![1]!.replaceAll('&amp;', '&');
    const form = new FormData();
    form.append('purpose', 'evidence');
    form.append('criterion', 'V.2');
    form.append('file', new Blob([new Uint8Array(smallPdf('V.2'))]), 'Quyết định công nhận sáng kiến.pdf');
    expect((await fetch(`${web.stack.url}${action}`, { method: 'POST', body: form, headers: { cookie: browser.cookieHeader() }, redirect: 'manual' })).status).toBe(303);
    const sent = await browser.post(`/l/${filed}`, complete({}));
    expect(sent.status).toBe(303);
    expect(await (await browser.get(sent.headers.get('location')!)).text()).toContain('Đã nhận.');

    const bare = await link('ban-noi-chinh');
    const other = new Browser(web.stack.url);
    await other.get(`/l/${bare}`);
    const refused = await other.post(`/l/${bare}`, complete({}));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('điểm thưởng cần ghi chú, liên kết hoặc tệp minh chứng');
  });

  it('gives the leader a page for the signed scans that takes one without JavaScript and lists it', async () => {
    const now = new Date(web.stack.clock.now());
    const target = { purpose: 'dossierFiles' as const, cycleId, unitId: 'vp-tinh-uy', round: 1, files: ['signedMinutes' as const, 'signedProposal' as const] };
    const id = (await createLink(web.stack.store, target, { now, expiresAt: new Date(now.getTime() + 86_400_000), singleUse: false })).id;
    const browser = new Browser(web.stack.url);
    const page = await browser.get(`/l/${id}/files`);
    const html = await page.text();
    expect(html).toContain('Biên bản họp đã ký, đóng dấu (bản quét)');
    expect(html).toContain('Tờ trình đã ký, đóng dấu (bản quét)');
    expect(html).not.toContain('upload-achievementReport');
    const action = html.match(/<form id="upload-signedMinutes"[^>]*action="([^"]+)"/)![1]!.replaceAll('&amp;', '&');
    const form = new FormData();
    form.append('purpose', 'signedMinutes');
    form.append('file', new Blob([new Uint8Array(smallPdf('Bien ban'))]), 'Biên bản đã ký.pdf');
    const sent = await fetch(`${web.stack.url}${action}`, { method: 'POST', body: form, headers: { cookie: browser.cookieHeader() }, redirect: 'manual' });
    expect(sent.headers.get('location')).toBe(`/l/${id}/files?file=added`);
    const after = await (await browser.get(sent.headers.get('location')!)).text();
    expect(after).toMatch(/id="files-signedMinutes"[^>]*><li><a href="\/l\/[\w-]+\/files\/[\w-]+">Biên bản đã ký.pdf<\/a>/);
    expect((await browser.get(`/l/${await link('ban-to-chuc')}/files`)).status).toBe(403);
  });

  it('sends a files link opened at the address of a form to its files page', async () => {
    const now = new Date(web.stack.clock.now());
    const target = { purpose: 'dossierFiles' as const, cycleId, unitId: 'vp-tinh-uy', round: 1, files: ['signedMinutes' as const] };
    const id = (await createLink(web.stack.store, target, { now, expiresAt: new Date(now.getTime() + 86_400_000), singleUse: false })).id;
    const opened = await fetch(`${web.stack.url}/l/${id}`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/l/${id}/files`);
  });
});
