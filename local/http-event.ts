/**
 * What API Gateway (HTTP API, Lambda payload format 2.0) does around a Lambda, for the local HTTP server:
 * choose the route, build the event, turn the function's result into the HTTP response. Written after
 * AWS's documentation of the 2.0 format ("Working with AWS Lambda proxy integrations for HTTP APIs").
 */
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

type Segment = { literal: string } | { param: string } | { greedy: string };

/** A parsed route key, "GET /l/{id}" or "ANY /admin/{proxy+}". */
export interface Route<T> {
  routeKey: string;
  method: string;
  segments: Segment[];
  target: T;
}

export function parseRoute<T>(routeKey: string, target: T): Route<T> {
  const [method, path] = routeKey.split(' ') as [string, string | undefined];
  if (!path?.startsWith('/')) throw new Error(`invalid route key "${routeKey}"`);
  const segments = path
    .split('/')
    .slice(1)
    .filter((s, i, all) => s !== '' || i < all.length - 1)
    .map((s): Segment => {
      const variable = /^\{(\w+)(\+?)\}$/.exec(s);
      if (!variable) return { literal: s };
      return variable[2] ? { greedy: variable[1]! } : { param: variable[1]! };
    });
  return { routeKey, method: method.toUpperCase(), segments, target };
}

/** How specific a segment is: a literal beats `{param}`, which beats `{proxy+}`. */
const rank = (s: Segment | undefined) => (s === undefined ? 0 : 'literal' in s ? 3 : 'param' in s ? 2 : 1);

/** The matching route API Gateway would pick, with its path parameters; undefined for a 404. */
export function matchRoute<T>(routes: readonly Route<T>[], method: string, rawPath: string): { route: Route<T>; pathParameters: Record<string, string> } | undefined {
  const parts = rawPath.split('/').slice(1);
  if (parts.at(-1) === '' && parts.length > 0) parts.pop();
  let best: { route: Route<T>; pathParameters: Record<string, string> } | undefined;
  for (const route of routes) {
    if (route.method !== 'ANY' && route.method !== method.toUpperCase()) continue;
    const pathParameters = bind(route.segments, parts);
    if (pathParameters && (!best || moreSpecific(route, best.route))) best = { route, pathParameters };
  }
  return best;
}

function bind(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if ('greedy' in segment) {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join('/') === '') return undefined;
      params[segment.greedy] = decode(rest.join('/'));
      return params;
    }
    const part = parts[i];
    if (part === undefined || part === '') return undefined;
    if ('literal' in segment && segment.literal !== part) return undefined;
    if ('param' in segment) params[segment.param] = decode(part);
  }
  return segments.length === parts.length ? params : undefined;
}

function moreSpecific<T>(a: Route<T>, b: Route<T>): boolean {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const diff = rank(a.segments[i]) - rank(b.segments[i]);
    if (diff !== 0) return diff > 0;
  }
  return a.method !== 'ANY' && b.method === 'ANY';
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Content types API Gateway passes as text; every other body reaches the function base64-encoded. */
export function isTextContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return /^text\//.test(type) || /^application\/(json|javascript|xml|[\w.+-]+\+(json|xml))$/.test(type);
}

export interface IncomingRequest {
  method: string;
  /** The request target as received: path and query. */
  url: string;
  httpVersion: string;
  /** Node's `headersDistinct`: lower-case names, every value. */
  headers: Record<string, string[] | undefined>;
  body: Buffer;
  sourceIp: string;
  /** Epoch ms, from the stack's clock. */
  timeEpoch: number;
  /** Host and port the server is reached at, for `domainName`. */
  domainName: string;
}

/** The event API Gateway sends to the route's function. */
export function toEventV2(request: IncomingRequest, routeKey: string, pathParameters: Record<string, string>): APIGatewayProxyEventV2 {
  const queryAt = request.url.indexOf('?');
  const rawPath = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
  const rawQueryString = queryAt < 0 ? '' : request.url.slice(queryAt + 1);
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.headers)) {
    if (name !== 'cookie' && values) headers[name] = values.join(',');
  }
  headers['x-forwarded-for'] ??= request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  const cookies = (request.headers.cookie ?? []).flatMap((line) => line.split(';')).map((c) => c.trim()).filter(Boolean);
  const queryStringParameters = parseQuery(rawQueryString);
  const hasBody = request.body.length > 0;
  const text = isTextContentType(headers['content-type']);
  const requestId = randomBytes(10).toString('base64');
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      domainName: request.domainName,
      domainPrefix: request.domainName.split('.')[0]!.split(':')[0]!,
      http: {
        method: request.method,
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: apiGatewayTime(request.timeEpoch),
      timeEpoch: request.timeEpoch,
    },
    ...(hasBody ? { body: request.body.toString(text ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: hasBody && !text,
  };
}

/** Repeated names are joined with commas, as API Gateway does; values are URL-decoded. */
function parseQuery(raw: string): Record<string, string> | undefined {
  if (raw === '') return undefined;
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw)) params[name] = name in params ? `${params[name]},${value}` : value;
  return params;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "10/Apr/2022:13:30:05 +0000" */
function apiGatewayTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

export interface HttpResponse {
  statusCode: number;
  /** Header name → value; `set-cookie` may hold several. */
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const json = (statusCode: number, value: unknown): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(value)),
});

/** API Gateway's own answers. */
export const gatewayResponses = {
  badRequest: () => json(400, { message: 'Bad Request' }),
  notFound: () => json(404, { message: 'Not Found' }),
  tooLarge: () => json(413, { message: 'Request Entity Too Large' }),
  internalError: () => json(500, { message: 'Internal Server Error' }),
};

/**
 * The HTTP response for a function's result: a structured result as given (cookies become Set-Cookie
 * lines, a base64 body is decoded); anything without a `statusCode` is a 200 JSON body, as API Gateway
 * infers it; a malformed result is API Gateway's 500.
 */
export function fromResultV2(result: unknown): HttpResponse {
  if (!isStructured(result)) {
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(typeof result === 'string' ? result : JSON.stringify(result ?? null)) };
  }
  const { statusCode, headers = {}, cookies = [], body = '', isBase64Encoded = false } = result;
  if (!Number.isInteger(statusCode) || statusCode! < 100 || statusCode! > 599 || typeof body !== 'string') return gatewayResponses.internalError();
  const out: HttpResponse['headers'] = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = String(value);
  if (cookies.length) out['set-cookie'] = cookies;
  return { statusCode: statusCode!, headers: out, body: Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8') };
}

function isStructured(result: unknown): result is APIGatewayProxyStructuredResultV2 {
  return typeof result === 'object' && result !== null && 'statusCode' in result;
}
