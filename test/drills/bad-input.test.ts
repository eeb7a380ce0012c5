/**
 * Bad-input drill: fast-check sends every endpoint 10,000 requests: malformed JSON, wrong types, missing
 * and extra fields, huge strings, unicode, HTML and script, characters XML cannot carry, forged ids,
 * multipart uploads (well formed, malformed, cut short), bodies cut short in their text and at the
 * socket, and valid requests with one XML-illegal character in one text field. Every answer is a 4xx that
 * says what is wrong (for the JSON API: a code and a message, and for invalid input the fields at fault),
 * never a 5xx, the server never stops answering, and the table holds exactly what it held before (the
 * unknown-link rate counters aside, which exist to count such requests). Requests go 8 at a time.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCriteriaSheet, phaseInstants } from '../../functions/domain/index.js';
import { demoTimeline } from '../../local/demo/index.js';
import { DemoClient } from '../../local/simulate/client.js';
import { startWebStack, type WebStack } from '../support/web.js';

interface Target {
  method: string;
  /** `{id}` is replaced by a generated id or a real one. */
  path: string;
  /** Real ids for `{id}`, besides forged ones. */
  ids: () => string[];
  /** Field names the endpoint reads, to send them with wrong values, plus others it does not know. */
  fields: string[];
  json: boolean;
}

/** One of each kind XML 1.0 cannot carry. */
const XML_ILLEGAL_CHARS = ['\u0000', '\u0008', '\u000B', '\u000C', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF'];
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{ 7*7 }}', '${7*7}', '\u0000', '\u202e', 'Đơn vị 🏆', '../../etc/passwd', 'null', '__proto__', 'constructor'),
  fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...XML_ILLEGAL_CHARS)).map(([text, c]) => `${text}${c}`),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => 'x'.repeat(n)),
);
const wrongValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), nasty, fc.constantFrom(-1, 1e308, 0.5, true, [], {}));
const forgedId = fc.oneof(nasty, fc.stringMatching(/^[A-Za-z0-9_-]{43}$/));

describe('the bad-input drill', () => {
  let web: WebStack;
  let client: DemoClient;
  let bearer: string;
  let cycleId: string;
  let liveLink: string;

  const snapshot = async () => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await web.stack.store.doc.send(new ScanCommand({ TableName: web.stack.tableName, ExclusiveStartKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items.filter((item) => !String(item.pk).startsWith('RATE#')).map((item) => JSON.stringify(item)).sort();
  };

  beforeAll(async () => {
    web = await startWebStack();
    client = new DemoClient(web.stack.url, web.stack.endpoints.ses);
    bearer = await client.signIn(web.stack.adminSignInUrl);
    const timeline = demoTimeline(await client.now());
    ({ cycles: [{ cycleId }] } = await client.call<{ cycles: [{ cycleId: string }] }>('POST', '/api/admin/cycles', { blocIds: ['khoi-dang'], timeline }));
    await client.jumpTo(Date.parse(phaseInstants(timeline.selfAssessment).opensAt) + 60_000);
    [liveLink] = (await client.mailbox()).links('vp-tinh-uy@dangbo.thidua.local', /mở giai đoạn tự chấm điểm/) as [string];
  }, 120_000);
  afterAll(() => web?.stop());

  const targets = (): Target[] => {
    const link = () => [liveLink];
    const cycle = () => [cycleId];
    const bloc = () => ['khoi-dang'];
    const none = () => [];
    const api = (method: string, path: string, ids: () => string[], fields: string[]): Target => ({ method, path, ids, fields, json: true });
    return [
      api('GET', '/api/links/{id}', link, []),
      api('POST', '/api/links/{id}', link, ['intent', 'data', 'formVersion', 'data.scores', 'data.items']),
      api('POST', '/api/signin', none, ['email']),
      api('POST', '/api/signin/{id}', none, []),
      api('GET', '/api/admin/blocs', none, []),
      api('PUT', '/api/admin/blocs/{id}', bloc, ['bloc', 'sheet', 'version', 'bloc.units', 'bloc.rules']),
      api('GET', '/api/admin/cycles', none, []),
      api('POST', '/api/admin/cycles', none, ['blocIds', 'timeline']),
      api('GET', '/api/admin/cycles/{id}', cycle, []),
      api('POST', '/api/admin/cycles/{id}/deadline', cycle, ['phase', 'round', 'deadlineOn']),
      api('POST', '/api/admin/cycles/{id}/reopen', cycle, ['phase', 'round', 'unitId', 'deadlineOn']),
      api('POST', '/api/admin/cycles/{id}/eligibility', cycle, ['unitId', 'reason', 'eligible']),
      api('GET', '/api/admin/cycles/{id}/audit', cycle, []),
      { method: 'POST', path: '/l/{id}', ids: link, fields: ['intent', 'csrf', 'scores'], json: false },
      { method: 'POST', path: '/signin', ids: none, fields: ['email', 'csrf'], json: false },
      { method: 'POST', path: '/admin/cycles/{id}/deadline', ids: cycle, fields: ['phase', 'deadlineOn', 'csrf'], json: false },
    ];
  };

  /** A body with some of the endpoint's fields (dotted names nest) holding wrong values, and unknown ones. */
  const objectBody = (fields: string[]) =>
    fc.tuple(fc.subarray(fields), fc.array(wrongValue, { minLength: fields.length, maxLength: fields.length }), fc.dictionary(nasty, wrongValue, { maxKeys: 3 })).map(([chosen, values, extra]) => {
      const body: Record<string, unknown> = { ...extra };
      chosen.forEach((field, i) => {
        const [head, tail] = field.split('.') as [string, string | undefined];
        if (tail) body[head] = { ...(typeof body[head] === 'object' && body[head] !== null ? body[head] : {}), [tail]: values[i] };
        else body[head] = values[i];
      });
      return JSON.stringify(body);
    });

  /** A multipart upload: parts of any name and content, a boundary that may not match, closed or not, cut short or not. */
  const multipartBody = fc
    .record({
      boundary: fc.constantFrom('x', '----thidua', '----WebKitFormBoundary7MA4YWxkTrZu0gW'),
      declared: fc.constantFrom('same', 'same', 'other', 'none'),
      parts: fc.array(
        fc.record({
          name: fc.oneof(fc.constantFrom('sheet', 'sheet', '_csrf'), nasty),
          filename: fc.option(nasty, { nil: undefined }),
          content: fc.oneof(nasty.map((t) => Buffer.from(t)), fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)), fc.constant(Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000', 'latin1'))),
        }),
        { maxLength: 3 },
      ),
      close: fc.boolean(),
      cut: fc.option(fc.nat({ max: 4000 }), { nil: undefined }),
    })
    .map(({ boundary, declared, parts, close, cut }) => {
      const chunks = parts.flatMap((p) => [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}\r\nContent-Type: application/octet-stream\r\n\r\n`), p.content, Buffer.from('\r\n')]);
      const body = Buffer.concat([...chunks, Buffer.from(close ? `--${boundary}--\r\n` : '')]);
      const contentType = declared === 'none' ? 'multipart/form-data' : `multipart/form-data; boundary=${declared === 'same' ? boundary : 'other'}`;
      return { body: cut === undefined ? body : body.subarray(0, cut), contentType };
    });

  interface Sent {
    method: string;
    path: string;
    json: boolean;
    body?: string | Buffer;
    headers: Record<string, string>;
    /** For a valid request with one XML-illegal character: the field the answer must name. */
    field?: RegExp;
  }

  /** Valid requests but for one XML-illegal character in one text field: refused, naming that field. */
  const taintedRequests = async (): Promise<fc.Arbitrary<Sent>> => {
    const [bloc] = (await client.call<{ blocs: Array<Record<string, unknown> & { units: Array<Record<string, unknown>> }> }>('GET', '/api/admin/blocs')).blocs;
    const auth = { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' };
    const char = fc.constantFrom(...XML_ILLEGAL_CHARS);
    const text = fc.tuple(fc.string({ maxLength: 8 }), char, fc.string({ maxLength: 8 })).map(([a, c, b]) => `Tên${a}${c}${b}`);
    const blocField = fc.constantFrom('name', 'province', 'units.0.name', 'units.3.shortName');
    return fc.oneof(
      fc.tuple(blocField, text).map(([field, value]): Sent => {
        const tainted = structuredClone(bloc!) as Record<string, unknown> & { units: Array<Record<string, unknown>> };
        const [head, index, leaf] = field.split('.');
        if (leaf) tainted.units[Number(index)]![leaf] = value;
        else tainted[head!] = value;
        return { method: 'PUT', path: '/api/admin/blocs/khoi-dang', json: true, headers: auth, body: JSON.stringify({ bloc: tainted, version: 1 }), field: new RegExp(`^bloc\\.?|${field.replaceAll('.', '\\.')}`) };
      }),
      text.map((title): Sent => ({ method: 'PUT', path: '/api/admin/blocs/khoi-dang', json: true, headers: auth, body: JSON.stringify({ bloc, version: 1, sheet: { ...defaultCriteriaSheet, title } }), field: /sheet\.title/ })),
      text.map((note): Sent => ({ method: 'POST', path: `/api/admin/cycles/${cycleId}/eligibility`, json: true, headers: auth, body: JSON.stringify({ unitId: 'bao-tinh', eligibility: { eligible: false, reason: 'other', note } }), field: /eligibility\.note/ })),
      text.map((note): Sent => ({ method: 'POST', path: `/api/links/${liveLink}`, json: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ intent: 'draft', data: { scores: { 'I.1': { points: 1, note } } } }), field: /scores\.I\.1\.note/ })),
    );
  };

  /** Sends a request whose body stops before its Content-Length, then closes: the answer, if any, is not a 5xx. */
  const cutAtSocket = (path: string, declared: number, sent: string) =>
    new Promise<string>((resolve) => {
      const socket = connect(web.stack.ports.http, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => resolve(answer));
      socket.on('error', () => resolve(answer));
      socket.end(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n${sent}`);
    });

  it('answers 10,000 malformed requests with a 4xx naming the problem, never stops, and changes nothing', async () => {
    const before = await snapshot();
    const all = targets();
    const page = await fetch(`${web.stack.url}/admin/blocs/khoi-dang`, { headers: { authorization: `Bearer ${bearer}` } });
    const csrfCookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
    const csrf = (await page.text()).match(/[?&]_csrf=([\w-]+)/)![1]!;
    const malformed = fc.integer({ min: 0, max: all.length - 1 }).chain((t) => {
      const target = all[t]!;
      const json = fc.oneof(objectBody(target.fields), fc.string({ maxLength: 30 }), fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), fc.constantFrom('', '{', '{"a":', '[1,2', '\u00ff\u00fe', 'null'));
      return fc.record({
        id: target.ids().length ? fc.oneof(fc.constantFrom(...target.ids()), forgedId) : forgedId,
        // A body cut short in its text, as a dropped connection leaves it.
        body: fc.oneof(json, fc.tuple(objectBody(target.fields), fc.nat()).map(([b, n]) => b.slice(0, n % Math.max(1, b.length)))),
        contentType: target.json ? fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded') : fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'multipart/form-data; boundary=x'),
        auth: fc.constantFrom('bearer', 'bearer', 'none', 'forged'),
      }).map(({ id, body, contentType, auth }): Sent => ({
        method: target.method,
        path: target.path.replace('{id}', encodeURIComponent(id.toWellFormed())),
        json: target.json,
        body: target.method === 'GET' ? undefined : body,
        headers: { 'content-type': contentType, ...(auth === 'bearer' ? { authorization: `Bearer ${bearer}` } : auth === 'forged' ? { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } : {}) },
      }));
    });
    const upload = fc
      .record({ upload: multipartBody, id: fc.oneof(fc.constant('khoi-dang'), forgedId), token: fc.constantFrom('valid', 'valid', 'valid', 'none', 'forged'), auth: fc.constantFrom('bearer', 'bearer', 'bearer', 'none') })
      .map(({ upload: { body, contentType }, id, token, auth }): Sent => ({
        method: 'POST',
        path: `/admin/blocs/${encodeURIComponent(id.toWellFormed())}/sheet${token === 'valid' ? `?_csrf=${csrf}` : token === 'forged' ? '?_csrf=AAAA' : ''}`,
        json: false,
        body,
        headers: { 'content-type': contentType, cookie: csrfCookie, ...(auth === 'bearer' ? { authorization: `Bearer ${bearer}` } : {}) },
      }));
    const requests = fc.sample(fc.oneof({ arbitrary: malformed, weight: 6 }, { arbitrary: upload, weight: 2 }, { arbitrary: await taintedRequests(), weight: 2 }), { numRuns: 10_000, seed: 2026 });

    const check = async ({ method, path, json, body, headers, field }: Sent) => {
      const response = await fetch(`${web.stack.url}${path}`, { method, headers, redirect: 'manual', ...(body === undefined ? {} : { body: typeof body === 'string' ? body : new Uint8Array(body) }) });
      const text = await response.text();
      const what = `${method} ${path.slice(0, 80)} ${String(body).slice(0, 80)} → ${response.status} ${text.slice(0, 300)}`;
      expect(response.status, what).toBeLessThan(500);
      // An address too long for the HTTP server is refused before any handler (API Gateway does the same).
      if (response.status === 431 || response.status === 414) return;
      // A GET of a real id with a real session is a fair request (and GET never changes anything).
      if (method === 'GET' && response.status === 200) return;
      // A page sends a visitor without a session to the sign-in page.
      if (!json && response.status === 303) {
        expect(response.headers.get('location'), what).toMatch(/signin/);
        return;
      }
      expect(response.status, what).toBeGreaterThanOrEqual(400);
      if (json) {
        const { error } = JSON.parse(text) as { error: { code: string; message: string; fields: Array<{ path: string; message: string }> } };
        expect(error.message, what).toMatch(/\S/);
        if (error.code === 'invalid' || error.code === 'badRequest') expect(error.fields.length, what).toBeGreaterThan(0);
        if (field) expect(error.fields.map((f) => f.path), what).toContainEqual(expect.stringMatching(field));
      } else {
        expect(text, what).toMatch(/\S/);
      }
    };
    // Eight at a time: the drill's 10,000 requests in minutes, and requests that meet in the handlers.
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < requests.length) await check(requests[next++]!);
    }));
    for (const [path, declared, sent] of [['/api/links/x', 100, '{"intent":'], [`/api/admin/cycles/${cycleId}/deadline`, 5000, '{}'], ['/signin', 10, '']] as const) {
      expect(await cutAtSocket(path, declared, sent)).not.toMatch(/^HTTP\/1\.1 5/);
    }
    expect((await fetch(`${web.stack.url}/health`)).status).toBe(200);
    expect(await snapshot()).toEqual(before);
  }, 900_000);
});
