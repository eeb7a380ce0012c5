/**
 * The local stand-in for the HTTP API: a Node http server that picks the route as API Gateway would,
 * hands the function an API Gateway v2 event, invokes it like Lambda (its own timeout, a Lambda-like
 * context) and writes its result back. The server answers `GET /health` itself, and `/_local/…` through
 * an `own` hook (the stack's demo tools); everything else is the functions' business.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromResultV2, gatewayResponses, matchRoute, parseRoute, toEventV2, type HttpResponse, type Route } from './http-event.js';
import { SystemClock, type Clock } from './stepfunctions/clock.js';
import { LocalFunctions, type LambdaHandler } from './stepfunctions/lambda.js';

/** API Gateway's limit on a request's payload. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

/**
 * How long an idle keep-alive connection stays open: longer than any client keeps one (Node's fetch 4 s,
 * the AWS SDK's agent, browsers up to 60 s), so that no client sends a request on a socket the server is
 * closing at that moment (Node's default, 5 s, reset a request of the province drill on a busy machine).
 */
export const KEEP_ALIVE_MS = 65_000;

/** A function behind routes, loaded on its first request (its module may not exist yet while it is written). */
export interface HttpFunction {
  name: string;
  routes: readonly string[];
  timeoutSeconds: number;
  load: () => Promise<LambdaHandler>;
}

/** Thrown by a loader whose handler module is not there: the page says which module, not "500". */
export class HandlerModuleMissingError extends Error {
  override name = 'HandlerModuleMissingError';
  constructor(readonly entry: string) {
    super(`the handler module ${entry} does not exist yet`);
  }
}

export interface HttpServerOptions {
  functions: readonly HttpFunction[];
  /** The time handlers see (`requestContext.timeEpoch`); timeouts run on real time, whatever the clock does. */
  clock: Pick<Clock, 'now'>;
  port?: number;
  host?: string;
  /** Whether `GET /health` answers 200; the stack says so once every service is ready. */
  ready?: () => boolean;
  /** The server's own pages; returns false to fall through to the routes. */
  own?: (request: IncomingMessage, body: Buffer, response: ServerResponse) => Promise<boolean>;
  log?: (message: string, error?: unknown) => void;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const routes = options.functions.flatMap((fn) => fn.routes.map((key) => parseRoute(key, fn)));
  const invoker = new LocalFunctions(new SystemClock());
  const loaded = new Map<string, Promise<void>>();
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));

  const load = (fn: HttpFunction) => {
    let loading = loaded.get(fn.name);
    if (!loading) {
      loading = fn.load().then((handler) => invoker.register(fn.name, { handler, timeoutSeconds: fn.timeoutSeconds }));
      // A module that is missing now may be written in a minute: try again on the next request.
      loading.catch(() => loaded.delete(fn.name));
      loaded.set(fn.name, loading);
    }
    return loading;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request).catch(() => null);
    // A body cut short (the client closed before its Content-Length): the client's fault, never a 5xx.
    if (body === null) return send(response, gatewayResponses.badRequest(), { close: true });
    if (body === undefined) return send(response, gatewayResponses.tooLarge(), { close: true });
    const path = (request.url ?? '/').split('?')[0]!;
    if (request.method === 'GET' && path === '/health') {
      const ready = options.ready?.() ?? true;
      return send(response, { statusCode: ready ? 200 : 503, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ ready })) });
    }
    if (options.own && (await options.own(request, body, response))) return;
    const match = matchRoute(routes, request.method ?? 'GET', path);
    if (!match) return send(response, gatewayResponses.notFound());
    send(response, await invoke(match, request, body));
  };

  const invoke = async (match: { route: Route<HttpFunction>; pathParameters: Record<string, string> }, request: IncomingMessage, body: Buffer): Promise<HttpResponse> => {
    const fn = match.route.target;
    try {
      await load(fn);
    } catch (error) {
      if (error instanceof HandlerModuleMissingError) return missingModulePage(error.entry);
      log(`${fn.name}: the handler module failed to load`, error);
      return gatewayResponses.internalError();
    }
    const event = toEventV2(
      {
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        httpVersion: request.httpVersion,
        headers: request.headersDistinct,
        body,
        sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        timeEpoch: options.clock.now(),
        domainName: request.headers.host ?? 'localhost',
      },
      match.route.routeKey,
      match.pathParameters,
    );
    const outcome = await invoker.invoke({ functionName: fn.name, payload: event, requestId: randomUUID(), region: 'ap-southeast-1', accountId: '123456789012' });
    if (!outcome.ok) {
      log(`${fn.name} failed on ${match.route.routeKey}: ${outcome.error}`, outcome.cause);
      return gatewayResponses.internalError();
    }
    return fromResultV2(outcome.output.Payload);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`local HTTP server: ${request.method} ${request.url}`, error);
      if (!response.headersSent) send(response, gatewayResponses.internalError());
      else response.destroy();
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000; // must exceed keepAliveTimeout, or Node closes first anyway
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    server,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The body, or undefined once it passes {@link MAX_REQUEST_BYTES} (the rest is not read). */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, result: HttpResponse, options: { close?: boolean } = {}): void {
  response.writeHead(result.statusCode, {
    ...result.headers,
    'content-length': String(result.body.length),
    'apigw-requestid': randomUUID(),
    ...(options.close ? { connection: 'close' } : {}),
  });
  response.end(result.body);
}

/** 501: the route exists but the module behind it is still being written. */
function missingModulePage(entry: string): HttpResponse {
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Not built yet</title>
<h1>Not built yet</h1><p>This route is served by <code>${entry.replace(/[<>&"]/g, '')}</code>, which does not exist yet.
The local stack loads it on the next request once it is there; no restart needed.</p></html>`;
  return { statusCode: 501, headers: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(html) };
}
