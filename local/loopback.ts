/**
 * What the local services accept from a browser. Nothing local has real authentication, so a request must
 * name this machine in its Host header (a page that rebinds its own DNS name to 127.0.0.1 still sends its
 * own name, and is refused), and a request that acts must not come from another site's page (a cross-site
 * form or no-cors fetch is sent with that page's Origin). Scripts and the SDK send no Origin. No imports of
 * our own: the SES emulator's process loads this file directly (Node's type stripping).
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d{1,5})?$/i;

/**
 * Why the request is refused, or undefined when it may go on: its Host is loopback (or one of `hosts`, e.g.
 * the public address's), and a request other than GET or HEAD has no Origin or one of that same host.
 */
export function crossSiteRefusal(request: IncomingMessage, hosts: readonly string[] = []): string | undefined {
  const host = (request.headers.host ?? '').toLowerCase();
  if (!LOOPBACK_HOST.test(host) && !hosts.includes(host)) return `the Host header (${host || 'none'}) does not name this machine`;
  const origin = request.headers.origin;
  if (request.method === 'GET' || request.method === 'HEAD' || origin === undefined) return undefined;
  return originHost(origin) === host ? undefined : `the request came from another site (${origin})`;
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined; // "null" (a sandboxed frame, a file) is no site of ours
  }
}
