/**
 * Requests and responses of the HTTP API (API Gateway HTTP API, payload v2): reading cookies, form bodies
 * and the client, and building HTML, JSON and redirect responses.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RequestRefusalReason } from '../shared/request-phrases.js';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type Lang = 'vi' | 'en';

/** Cookies of the request, by name (a name sent twice keeps its last value: see {@link cookieOnce}). */
export function cookiesOf(event: HttpEvent): Record<string, string> {
  return Object.fromEntries(cookiePairs(event));
}

/**
 * The value of a cookie the request carries exactly once. A second cookie of the same name can only have
 * been planted (by a sibling subdomain or a plain-HTTP page), and which one the browser sends first is not
 * ours to guess: a security cookie sent twice counts as absent.
 */
export function cookieOnce(event: HttpEvent, name: string): string | undefined {
  const values = cookiePairs(event).filter(([key]) => key === name);
  return values.length === 1 ? values[0]![1] : undefined;
}

function cookiePairs(event: HttpEvent): Array<[string, string]> {
  const pairs = (event.cookies ?? []).flatMap((c) => c.split(';')).map((c) => c.trim().split('='));
  return pairs.filter(([k, v]) => k && v !== undefined).map(([k, v]) => [k!, safeDecode(v!)]);
}

const safeDecode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a malformed %-escape is a cookie we did not set: it will not match anything
  }
};

/** The raw body as text (API Gateway base64-encodes what it does not take for text). */
export function bodyText(event: HttpEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** The fields of an `application/x-www-form-urlencoded` body (a field may repeat). */
export function formFields(event: HttpEvent): URLSearchParams {
  return new URLSearchParams(bodyText(event));
}

/** The request's JSON body; a malformed one is a BadRequestError naming the body. */
export function jsonBody(event: HttpEvent): unknown {
  const text = bodyText(event);
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError('body', { reason: 'notJson' }, { cause: error });
  }
}

/**
 * Why a request cannot be read, as data the page phrases in the reader's language (request-phrases.ts):
 * the reason and the values it names, never the log's English.
 */
export type BadRequest = { reason: Exclude<RequestRefusalReason, 'tooLarge'> } | { reason: 'tooLarge'; megabytes: number };

/**
 * A request that cannot be read at all (not a field's value: those are zod errors). `field` is the part of
 * the request at fault, shown by its label; the message is for logs.
 */
export class BadRequestError extends Error {
  constructor(readonly field: string, readonly problem: BadRequest, options?: { cause?: unknown }) {
    super(`bad request: ${field} ${JSON.stringify(problem)}`, options);
    this.name = 'BadRequestError';
  }
}

export function clientOf(event: HttpEvent): { ip?: string; userAgent?: string } {
  return { ip: event.requestContext?.http?.sourceIp, userAgent: event.requestContext?.http?.userAgent ?? event.headers?.['user-agent'] };
}

/** The instant of the request, as API Gateway saw it (the local stack's clock locally). */
export function requestTime(event: HttpEvent): Date {
  return new Date(event.requestContext?.timeEpoch ?? Date.now());
}

/** The page language: `?lang=` first (remembered in a cookie), then the cookie, else Vietnamese. */
export function langOf(event: HttpEvent): Lang {
  const asked = event.queryStringParameters?.lang ?? cookiesOf(event).thidua_lang;
  return asked === 'en' ? 'en' : 'vi';
}

/** Whether cookies must be Secure: everywhere but plain-HTTP local development. */
const secure = () => !(process.env.PUBLIC_URL ?? '').startsWith('http://');

/**
 * A security cookie's name: `__Host-` where the site is HTTPS, so that the browser refuses it from a
 * sibling subdomain or a plain-HTTP page (it must be Secure, Path=/, with no Domain); the bare name on
 * plain-HTTP localhost, where browsers would drop a `__Host-` cookie.
 */
export const hostCookieName = (name: string) => (secure() ? `__Host-${name}` : name);

export function cookie(name: string, value: string, options: { maxAge?: number; path?: string; sameSite?: 'Strict' | 'Lax' } = {}): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? '/'}`,
    'HttpOnly',
    `SameSite=${options.sameSite ?? 'Strict'}`,
    ...(options.maxAge !== undefined ? [`Max-Age=${options.maxAge}`] : []),
    ...(secure() ? ['Secure'] : []),
  ].join('; ');
}

export function html(statusCode: number, body: string, cookies: string[] = []): HttpResult {
  return { statusCode, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body, cookies };
}

export function json(statusCode: number, value: unknown, cookies: string[] = []): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(value), cookies };
}

/** 303 See Other: after a POST, the browser GETs the result page (no resubmission on reload). */
export function seeOther(location: string, cookies: string[] = []): HttpResult {
  return { statusCode: 303, headers: { location, 'cache-control': 'no-store' }, body: '', cookies };
}

export function download(filename: string, contentType: string, content: Uint8Array): HttpResult {
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
    body: Buffer.from(content).toString('base64'),
    isBase64Encoded: true,
  };
}
