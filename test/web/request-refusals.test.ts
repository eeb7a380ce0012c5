/**
 * Requests a person can send that cannot be read (a body that is not JSON, an upload without its file, a
 * share that is not a number, a document that does not exist): real HTTP through the local server, each
 * answered in the reader's language, the part at fault by its label, never the program's English or name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedInAdmin, startWebStack, type WebStack } from '../support/web.js';

let web: WebStack;
let admin: Browser;
const heading = async (response: Response) => (await response.text()).match(/<h1>([^<]*)<\/h1>/)?.[1];

beforeAll(async () => {
  web = await startWebStack();
  ({ admin } = await signedInAdmin(web));
  await admin.get('/admin/blocs/khoi-dang');
}, 60_000);
afterAll(() => web?.stop());

describe('the JSON API, for a body it cannot read', () => {
  const post = (path: string, body: string, contentType: string) => fetch(`${web.stack.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('tells a Vietnamese reader that the request body is not valid JSON, naming it by its label', async () => {
    const response = await post('/api/links/khong-co', '{"intent": ', 'application/json');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'badRequest', message: 'Nội dung yêu cầu không phải JSON hợp lệ; vui lòng kiểm tra lại rồi gửi lại.', fields: [{ path: 'body' }] } });
  });

  it('tells an English reader that the content type must be JSON', async () => {
    const response = await post('/api/links/khong-co?lang=en', '{}', 'text/plain');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'badRequest', message: "The request's content type must be JSON (application/json).", fields: [{ path: 'content-type' }] } });
  });
});

describe("the admin's pages, for a form they cannot read", () => {
  it('asks the admin to choose the Excel file when the criteria sheet is sent without one', async () => {
    const boundary = '----thidua';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="sheet"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--${boundary}--\r\n`;
    const response = await fetch(`${web.stack.url}/admin/blocs/khoi-dang/sheet?_csrf=${admin.csrf}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: admin.cookieHeader() }, body });
    expect(response.status).toBe(400);
    expect(await heading(response)).toBe('Tệp bảng tiêu chí: chưa chọn tệp. Vui lòng chọn tệp Excel (.xlsx) rồi gửi.');
  });

  it('asks for the criteria sheet to be sent with the form when the upload is not a form with a file', async () => {
    const response = await fetch(`${web.stack.url}/admin/blocs/khoi-dang/sheet?_csrf=${admin.csrf}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookieHeader() }, body: 'sheet=a.xlsx' });
    expect(response.status).toBe(400);
    expect(await heading(response)).toBe('Tệp bảng tiêu chí phải được gửi kèm biểu mẫu: hãy chọn tệp rồi bấm gửi.');
  });

  it("says the Government flag's share must be a number, naming it by the page's label", async () => {
    await admin.get('/admin/province/flag');
    const response = await admin.post('/admin/province/flag', { year: '2026', version: '0', sharePercent: 'hai mươi' });
    expect(response.status).toBe(400);
    expect(await heading(response)).toBe('Tỷ lệ (% số Cờ thi đua cấp tỉnh) phải là một số (ví dụ 20 hoặc 12,5).');
  });

  it("tells an English reader the province has no such document", async () => {
    const response = await admin.get('/admin/province/documents/khong-co.pdf?lang=en');
    expect(response.status).toBe(400);
    expect(await heading(response)).toBe("The province has no such document; please choose one from the year&#39;s list.");
  });
});
