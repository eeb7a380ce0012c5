import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandlerModuleMissingError, startHttpServer, type RunningHttpServer } from '../../local/http-server.js';
import type { LambdaHandler } from '../../local/stepfunctions/index.js';

/** Test handlers behind routes, as the catalog's would be. */
const received: APIGatewayProxyEventV2[] = [];
const echo: LambdaHandler = async (event, context) => {
  received.push(event as APIGatewayProxyEventV2);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ function: context.functionName, remaining: context.getRemainingTimeInMillis() }) };
};
const TIME = Date.UTC(2026, 10, 1, 1, 2, 3);

let server: RunningHttpServer;
const lastEvent = () => received.at(-1)!;
const request = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

beforeAll(async () => {
  server = await startHttpServer({
    clock: { now: () => TIME },
    log: () => {},
    functions: [
      { name: 'pages', routes: ['GET /', 'GET /l/{id}', 'POST /l/{id}', 'GET /l/{id}/documents/{name}'], timeoutSeconds: 29, load: async () => echo },
      { name: 'console', routes: ['ANY /admin', 'ANY /admin/{proxy+}', 'GET /admin/blocs'], timeoutSeconds: 29, load: async () => echo },
      { name: 'thrower', routes: ['GET /boom'], timeoutSeconds: 3, load: async () => async () => Promise.reject(new Error('kaboom')) },
      { name: 'plain', routes: ['GET /plain'], timeoutSeconds: 3, load: async () => async () => 'just text' },
      { name: 'object', routes: ['GET /object'], timeoutSeconds: 3, load: async () => async () => ({ ok: true }) },
      {
        name: 'cookies',
        routes: ['GET /cookies'],
        timeoutSeconds: 3,
        load: async () => async () => ({ statusCode: 303, headers: { Location: '/admin' }, cookies: ['a=1; HttpOnly', 'b=2; Path=/'], body: '' }),
      },
      { name: 'binary', routes: ['GET /binary'], timeoutSeconds: 3, load: async () => async () => ({ statusCode: 200, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 255, 1]).toString('base64'), isBase64Encoded: true }) },
      { name: 'unwritten', routes: ['GET /later'], timeoutSeconds: 3, load: async () => Promise.reject(new HandlerModuleMissingError('functions/handlers/later.ts')) },
    ],
  });
});
afterAll(() => server.stop());

describe('the local HTTP server', () => {
  it('answers GET /health', async () => {
    expect((await request('/health')).status).toBe(200);
  });

  it('hands a form post to its route as the API Gateway v2 event AWS builds', async () => {
    const response = await request('/l/abc%20d?x=1&y=2&x=3', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'session=s1; theme=dark', 'user-agent': 'test-agent', 'x-multi': 'a' },
      body: 'score=9.5&note=T%E1%BB%91t',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ function: 'pages' });
    const event = lastEvent();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /l/{id}',
      rawPath: '/l/abc%20d',
      rawQueryString: 'x=1&y=2&x=3',
      cookies: ['session=s1', 'theme=dark'],
      queryStringParameters: { x: '1,3', y: '2' },
      pathParameters: { id: 'abc d' },
      isBase64Encoded: true,
      requestContext: {
        accountId: expect.any(String),
        apiId: expect.any(String),
        domainName: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
        http: { method: 'POST', path: '/l/abc%20d', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test-agent' },
        requestId: expect.any(String),
        routeKey: 'POST /l/{id}',
        stage: '$default',
        time: '01/Nov/2026:01:02:03 +0000',
        timeEpoch: TIME,
      },
    });
    expect(Buffer.from(event.body!, 'base64').toString()).toBe('score=9.5&note=T%E1%BB%91t');
    expect(event.headers).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'test-agent', 'x-multi': 'a' });
    expect(event.headers.cookie).toBeUndefined();
  });

  it('passes a JSON body as text', async () => {
    await request('/admin/cycles/x', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"a":"Tốt"}' });
    expect(lastEvent()).toMatchObject({ routeKey: 'ANY /admin/{proxy+}', pathParameters: { proxy: 'cycles/x' }, body: '{"a":"Tốt"}', isBase64Encoded: false });
  });

  it('joins a repeated header with commas', async () => {
    await new Promise<void>((resolve, reject) => {
      const { port } = new URL(server.url);
      const req = httpRequest({ host: '127.0.0.1', port, path: '/' }, (res) => res.resume().on('end', resolve));
      req.setHeader('x-multi', ['a', 'b']); // two header lines
      req.on('error', reject).end();
    });
    expect(lastEvent().headers['x-multi']).toBe('a,b');
  });

  it('leaves out what a bare GET does not have', async () => {
    await request('/');
    const event = lastEvent();
    expect(event.routeKey).toBe('GET /');
    expect(event).not.toHaveProperty('body');
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('prefers an exact path to a {proxy+} route, and {param} segments to a greedy one', async () => {
    await request('/admin/blocs');
    expect(lastEvent().routeKey).toBe('GET /admin/blocs');
    await request('/admin/blocs', { method: 'DELETE' });
    expect(lastEvent().routeKey).toBe('ANY /admin/{proxy+}');
    await request('/admin');
    expect(lastEvent().routeKey).toBe('ANY /admin');
    await request('/l/x/documents/ket-qua.xlsx');
    expect(lastEvent()).toMatchObject({ routeKey: 'GET /l/{id}/documents/{name}', pathParameters: { id: 'x', name: 'ket-qua.xlsx' } });
  });

  it('answers an unknown route or method with API Gateway\'s 404', async () => {
    for (const response of [await request('/nowhere'), await request('/l/x', { method: 'DELETE' })]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: 'Not Found' });
    }
  });

  it('refuses a body over 10 MB with 413, without calling the function', async () => {
    const before = received.length;
    const response = await request('/l/big', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'Request Entity Too Large' });
    expect(received.length).toBe(before);
  });

  it('answers a handler that throws with API Gateway\'s 500', async () => {
    const response = await request('/boom');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('sends a result without statusCode as a 200 JSON response', async () => {
    const plain = await request('/plain');
    expect([plain.status, plain.headers.get('content-type'), await plain.text()]).toEqual([200, 'application/json', 'just text']);
    expect(await (await request('/object')).json()).toEqual({ ok: true });
  });

  it('turns cookies into Set-Cookie lines and keeps the status and headers', async () => {
    const response = await request('/cookies', { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin');
    expect(response.headers.getSetCookie()).toEqual(['a=1; HttpOnly', 'b=2; Path=/']);
  });

  it('decodes a base64 result body', async () => {
    expect([...new Uint8Array(await (await request('/binary')).arrayBuffer())]).toEqual([0, 255, 1]);
  });

  it('keeps an idle keep-alive connection open longer than a client keeps it (Node\'s fetch: 4 s; browsers up to 60 s)', { timeout: 20_000 }, async () => {
    const socket = connect(server.port, '127.0.0.1');
    let closed = false;
    socket.on('close', () => (closed = true)).on('error', () => {});
    const answered = new Promise((resolve) => socket.once('data', resolve));
    socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    await answered;
    await new Promise((resolve) => setTimeout(resolve, 10_000)); // past Node's default (5 s, and 1 s of grace in Node 24)
    expect(closed).toBe(false);
    socket.destroy();
  });

  it('says which handler module is missing instead of failing', async () => {
    const response = await request('/later');
    expect(response.status).toBe(501);
    expect(await response.text()).toContain('functions/handlers/later.ts');
  });
});
