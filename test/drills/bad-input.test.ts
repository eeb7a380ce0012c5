/**
 * Bad-input drill: fast-check sends every endpoint malformed JSON, wrong types, missing and extra
 * fields, huge strings, unicode, HTML and script, and forged ids. Every answer is a 4xx that says what is
 * wrong (for the JSON API: a code and a message, and for invalid input the fields at fault), never a 5xx,
 * and the table holds exactly what it held before (the unknown-link rate counters aside, which exist to
 * count such requests).
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phaseInstants } from '../../functions/domain/index.js';
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

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{ 7*7 }}', '${7*7}', '\u0000', '\u202e', 'Đơn vị 🏆', '../../etc/passwd', 'null', '__proto__', 'constructor'),
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

  it('answers every malformed request with a 4xx naming the problem, and changes nothing', async () => {
    const before = await snapshot();
    const all = targets();
    const request = fc.integer({ min: 0, max: all.length - 1 }).chain((t) => {
      const target = all[t]!;
      return fc.record({
        target: fc.constant(target),
        id: target.ids().length ? fc.oneof(fc.constantFrom(...target.ids()), forgedId) : forgedId,
        body: fc.oneof(objectBody(target.fields), fc.string({ maxLength: 30 }), fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), fc.constantFrom('', '{', '{"a":', '[1,2', '\u00ff\u00fe', 'null')),
        contentType: target.json ? fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded') : fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'multipart/form-data; boundary=x'),
        auth: fc.constantFrom('bearer', 'bearer', 'none', 'forged'),
      });
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ target, id, body, contentType, auth }) => {
        const path = target.path.replace('{id}', encodeURIComponent(id));
        const headers: Record<string, string> = { 'content-type': contentType };
        if (auth === 'bearer') headers.authorization = `Bearer ${bearer}`;
        if (auth === 'forged') headers.authorization = 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
        const response = await fetch(`${web.stack.url}${path}`, { method: target.method, headers, redirect: 'manual', ...(target.method === 'GET' ? {} : { body }) });
        const text = await response.text();
        const what = `${target.method} ${path.slice(0, 80)} ${body.slice(0, 80)} → ${response.status} ${text.slice(0, 300)}`;
        expect(response.status, what).toBeLessThan(500);
        // An address too long for the HTTP server is refused before any handler (API Gateway does the same).
        if (response.status === 431 || response.status === 414) return;
        // A GET of a real id with a real session is a fair request (and GET never changes anything).
        if (target.method === 'GET' && response.status === 200) return;
        // A page sends a visitor without a session to the sign-in page.
        if (!target.json && response.status === 303) {
          expect(response.headers.get('location'), what).toMatch(/signin/);
          return;
        }
        expect(response.status, what).toBeGreaterThanOrEqual(400);
        if (target.json) {
          const { error } = JSON.parse(text) as { error: { code: string; message: string; fields: Array<{ path: string; message: string }> } };
          expect(error.message, what).toMatch(/\S/);
          if (error.code === 'invalid' || error.code === 'badRequest') expect(error.fields.length, what).toBeGreaterThan(0);
        } else {
          expect(text, what).toMatch(/\S/);
        }
      }),
      { numRuns: 1000, seed: 2026 },
    );
    expect(await snapshot()).toEqual(before);
  }, 300_000);
});
