/**
 * Requests an attacker can make from any web page or from the machine: uploads cut short, planted CSRF
 * cookies, tokens of another session. Real HTTP through the local server to the real handlers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBlocSettings } from '../../functions/admin/settings.js';
import { csrfCookieName, csrfToken } from '../../functions/web/csrf.js';
import { cookie, type HttpEvent } from '../../functions/web/http.js';
import { Browser, startWebStack, type WebStack } from '../support/web.js';

let web: WebStack;
let admin: Browser;

beforeAll(async () => {
  web = await startWebStack();
  admin = new Browser(web.stack.url);
  const signInPath = new URL(web.stack.adminSignInUrl).pathname;
  await admin.get(signInPath);
  expect((await admin.post(signInPath, {})).headers.get('location')).toBe('/admin');
  await admin.get('/admin/blocs/khoi-dang');
}, 60_000);
afterAll(() => web?.stop());

const BOUNDARY = '----thidua';
/** A multipart body whose file part stops in the middle, as a dropped connection or an attacker leaves it. */
const truncated = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="sheet"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\nPK\u0003\u0004${'x'.repeat(500)}`;
const multipart = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

describe('the criteria sheet upload', () => {
  it('sends a stranger\'s truncated upload to the sign-in page without reading it, and keeps serving', async () => {
    const response = await fetch(`${web.stack.url}/admin/blocs/x/sheet`, { method: 'POST', headers: multipart, body: truncated, redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/signin');
    expect((await fetch(`${web.stack.url}/health`)).status).toBe(200);
  });

  it('refuses an upload without the page\'s token before reading it', async () => {
    const response = await fetch(`${web.stack.url}/admin/blocs/khoi-dang/sheet`, { method: 'POST', headers: { ...multipart, cookie: admin.cookieHeader() }, body: truncated, redirect: 'manual' });
    expect(response.status).toBe(403);
  });

  it('answers the admin\'s truncated upload with a 400 naming the criteria sheet file by its label, in Vietnamese, and changes nothing', async () => {
    const before = await loadBlocSettings(web.stack.store, 'khoi-dang');
    const response = await fetch(`${web.stack.url}/admin/blocs/khoi-dang/sheet?_csrf=${admin.csrf}`, { method: 'POST', headers: { ...multipart, cookie: admin.cookieHeader() }, body: truncated, redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<h1>Tệp bảng tiêu chí không đọc được: tệp gửi lên chưa trọn vẹn hoặc bị lỗi. Vui lòng gửi lại tệp.</h1>');
    expect(await loadBlocSettings(web.stack.store, 'khoi-dang')).toEqual(before);
    expect((await fetch(`${web.stack.url}/health`)).status).toBe(200);
  });
});

describe('CSRF tokens', () => {
  const signOut = (cookies: string, token: string) =>
    fetch(`${web.stack.url}/admin/signout`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies }, body: `_csrf=${encodeURIComponent(token)}` }).then((r) => r.status);

  it('refuses a token issued to another session, even with its own cookie planted beside the admin\'s session', async () => {
    const attacker = new Browser(web.stack.url);
    await attacker.get('/signin'); // the attacker's own cookie and the token of its page
    const planted = `thidua_session=${admin.cookie('thidua_session')}; thidua_csrf=${attacker.cookie('thidua_csrf')}`;
    expect(await signOut(planted, attacker.csrf)).toBe(403);
  });

  it('refuses a form when the CSRF cookie comes twice, whichever the browser sends first', async () => {
    const attacker = new Browser(web.stack.url);
    await attacker.get('/signin');
    const mine = `thidua_csrf=${admin.cookie('thidua_csrf')}`;
    const theirs = `thidua_csrf=${attacker.cookie('thidua_csrf')}`;
    const session = `thidua_session=${admin.cookie('thidua_session')}`;
    expect(await signOut(`${session}; ${mine}; ${theirs}`, admin.csrf)).toBe(403);
    expect(await signOut(`${session}; ${theirs}; ${mine}`, admin.csrf)).toBe(403);
  });

  it('names its cookies __Host- and marks them Secure where the site is HTTPS, and keeps plain names on http://localhost', () => {
    const publicUrl = process.env.PUBLIC_URL;
    const event = { cookies: [] } as unknown as HttpEvent;
    try {
      process.env.PUBLIC_URL = 'https://thidua.example.gov.vn';
      expect(csrfCookieName()).toBe('__Host-thidua_csrf');
      expect(csrfToken(event).setCookie[0]).toMatch(/^__Host-thidua_csrf=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
      process.env.PUBLIC_URL = 'http://localhost:3000';
      expect(csrfCookieName()).toBe('thidua_csrf');
      expect(cookie('x', 'y')).not.toMatch(/Secure/);
    } finally {
      process.env.PUBLIC_URL = publicUrl;
    }
  });
});
