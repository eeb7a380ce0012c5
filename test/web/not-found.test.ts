import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedInAdmin, startWebStack, type WebStack } from '../support/web.js';

/** Pages asked for what does not exist: said in the reader's language, the id asked for not shown back. */
describe('a page for something that does not exist', () => {
  let web: WebStack;
  let admin: Browser;

  beforeAll(async () => {
    web = await startWebStack();
    ({ admin } = await signedInAdmin(web));
  }, 60_000);

  afterAll(() => web?.stop());

  it('tells the admin in Vietnamese that a cycle was not found, without the id asked for', async () => {
    const response = await admin.get('/admin/cycles/nope-zz');
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<h1>Không tìm thấy kỳ thi đua này. Vui lòng kiểm tra lại đường dẫn.</h1>');
    expect(html).not.toContain('nope-zz');
    expect(html.match(/Không tìm thấy kỳ thi đua này/g)).toHaveLength(2); // the title and the heading, not a list item besides
  });

  it('tells the admin in Vietnamese that a bloc was not found', async () => {
    const html = await (await admin.get('/admin/blocs/nope-zz')).text();
    expect(html).toContain('<h1>Không tìm thấy khối thi đua này. Vui lòng kiểm tra lại đường dẫn.</h1>');
    expect(html).not.toContain('nope-zz');
  });

  it('tells the admin in Vietnamese that a document was not found', async () => {
    const response = await admin.get('/admin/cycles/nope-zz/documents/zzz-doc');
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<h1>Không tìm thấy văn bản này.</h1>');
    expect(html).not.toContain('zzz-doc');
  });

  it('tells a unit on the ballot receipt page in Vietnamese that the cycle was not found', async () => {
    const html = await (await new Browser(web.stack.url).get('/ballot/nope-zz')).text();
    expect(html).toContain('Không tìm thấy kỳ thi đua này.');
    expect(html).not.toContain('unknown cycle');
  });

  it('gives the admin an unknown file\'s page without the help meant for a unit', async () => {
    const html = await (await admin.get('/admin/cycles/nope-zz/files/zzz')).text();
    expect(html).toContain('Vui lòng liên hệ quản trị viên hệ thống');
    expect(html).not.toContain('Đơn vị vui lòng liên hệ Trưởng khối');
  });
});
