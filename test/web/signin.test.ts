import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_ANSWER_MS, SIGN_IN_BY_ADDRESS, SIGN_IN_BY_SOURCE } from '../../functions/admin/sessions.js';
import { Browser, startWebStack, type WebStack } from '../support/web.js';

const ADMINS = ['admin@thidua.local', 'second@thidua.local', 'third@thidua.local', 'fourth@thidua.local'];
const SUBJECT = /đăng nhập/;

describe('admin sign-in requests', () => {
  let web: WebStack;
  /** Each test asks from a loopback address of its own, so the per-source limit of one does not touch another. */
  const from = (n: number) => new Browser(web.stack.url, `127.0.0.${n}`);
  const ask = async (client: Browser, email: string) => (await client.request('POST', '/api/signin', { email })).status;
  const signInLinks = async (address: string) =>
    (await web.mailTo(address)).filter((m) => SUBJECT.test(m.subject)).map((m) => m.body.text?.match(/\/signin\/([A-Za-z0-9_-]{43})/)?.[1]);

  beforeAll(async () => {
    web = await startWebStack({ adminEmails: ADMINS });
  }, 60_000);

  afterAll(() => web?.stop());

  it('emails an address only a few times per window, refusing the rest alike for an admin and anyone else', async () => {
    const client = from(2);
    const times = SIGN_IN_BY_ADDRESS.max + 2;
    const admin = [];
    const stranger = [];
    for (let i = 0; i < times; i++) {
      admin.push(await ask(client, ADMINS[1]!));
      stranger.push(await ask(client, 'someone@example.com'));
    }
    const expected = Array.from({ length: times }, (_, i) => (i < SIGN_IN_BY_ADDRESS.max ? 200 : 429));
    expect(admin).toEqual(expected);
    expect(stranger).toEqual(expected);
    expect(await signInLinks(ADMINS[1]!)).toHaveLength(SIGN_IN_BY_ADDRESS.max);
  }, 60_000);

  it('refuses a source address that asks too often, whatever addresses it names', async () => {
    const client = from(3);
    const statuses = [];
    for (let i = 0; i <= SIGN_IN_BY_SOURCE.max; i++) statuses.push(await ask(client, `someone-${i}@example.com`));
    expect(statuses).toEqual(Array.from({ length: SIGN_IN_BY_SOURCE.max + 1 }, (_, i) => (i < SIGN_IN_BY_SOURCE.max ? 200 : 429)));
  }, 60_000);

  it('answers an admin address and an unknown one in the same time', async () => {
    const client = from(4);
    const timed = async (email: string) => {
      const began = performance.now();
      expect(await ask(client, email)).toBe(200);
      return performance.now() - began;
    };
    const admin = [];
    const stranger = [];
    for (let i = 0; i < SIGN_IN_BY_ADDRESS.max; i++) {
      admin.push(await timed(ADMINS[2]!));
      stranger.push(await timed(`nobody-${i}@example.com`));
    }
    // Both wait for the fixed answer time; what differs is only the machine's jitter, far below the ~100 ms an email took.
    for (const ms of [...admin, ...stranger]) expect(ms).toBeGreaterThanOrEqual(SIGN_IN_ANSWER_MS - 5);
    // The quickest answer of each: a loaded machine only ever adds time, and to single requests (a median of
    // three still moved by 190 ms when other suites shared the two cores).
    expect(Math.abs(Math.min(...admin) - Math.min(...stranger))).toBeLessThan(SIGN_IN_ANSWER_MS / 5);
    expect(await signInLinks(ADMINS[2]!)).toHaveLength(SIGN_IN_BY_ADDRESS.max);
  }, 60_000);

  it('rejects an address that is not one, or longer than an address can be, beside its field, in Vietnamese, counting nothing', async () => {
    const client = from(6);
    await client.get('/signin');
    for (const email of ['không phải địa chỉ', `${'a'.repeat(3000)}@thidua.local`]) {
      const page = await client.post('/signin', { email });
      expect(page.status).toBe(400);
      expect(await page.text()).toMatch(/<p class="field-error" id="err-email">(phải là một địa chỉ thư điện tử|tối đa 254 ký tự)<\/p>\n<input type="email" id="email"[^>]* class="invalid"/);
    }
    const api = await client.request('POST', '/api/signin', { email: `${'a'.repeat(3000)}@thidua.local` });
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ error: { fields: [{ path: 'email', message: 'tối đa 254 ký tự' }] } });
    // Nothing was counted against the source: its whole allowance is still there.
    const statuses = [];
    for (let i = 0; i < SIGN_IN_BY_SOURCE.max; i++) statuses.push(await ask(client, `someone-else-${i}@example.com`));
    expect(statuses).toEqual(statuses.map(() => 200));
  }, 60_000);

  it('withdraws the older sign-in links of an address when it sends a new one', async () => {
    const client = from(5);
    await ask(client, ADMINS[3]!);
    await ask(client, ADMINS[3]!);
    const [older, newer] = await signInLinks(ADMINS[3]!);
    const olderPage = await client.get(`/signin/${older}`);
    expect(olderPage.status).toBe(410);
    expect(await olderPage.text()).toContain('Liên kết này đã được thu hồi');
    expect((await client.get(`/signin/${newer}`)).status).toBe(200);
  }, 60_000);
});
