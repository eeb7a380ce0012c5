/**
 * The local stack for web tests: real HTTP to the same handlers, DynamoDB Local in memory, the SES
 * emulator, the local Step Functions runtime; and a tiny browser-like client that keeps cookies.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { readMail } from '../../local/services/ses.js';

export interface WebStack {
  stack: LocalStack;
  stop(): Promise<void>;
  /** The newest email to `address` whose subject matches, and the link id it carries. */
  linkFor(address: string, subject: RegExp): Promise<string>;
  mailTo(address: string): ReturnType<typeof readMail>;
}

export async function startWebStack(): Promise<WebStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'thidua-web-'));
  const stack = await startLocalStack({ dataDir, port: 0, inMemory: true, demoTools: true, log: () => {} });
  const mailTo = (address: string) => readMail(stack.endpoints.ses, { recipient: address });
  return {
    stack,
    mailTo,
    async linkFor(address, subject) {
      const mail = (await mailTo(address)).filter((m) => subject.test(m.subject)).at(-1);
      const id = mail?.body.text?.match(/\/(?:l|signin)\/([A-Za-z0-9_-]{43})/)?.[1];
      if (!id) throw new Error(`no email to ${address} matching ${subject}`);
      return id;
    },
    async stop() {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A client that keeps cookies between requests, as a browser would for one site, and the last page's CSRF token. */
export class Browser {
  private readonly jar = new Map<string, string>();
  /** The `_csrf` value of the last HTML page that had a form. */
  csrf = '';
  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: URLSearchParams | object, headers: Record<string, string> = {}): Promise<Response> {
    const init: RequestInit = { method, redirect: 'manual', headers: { ...headers, cookie: this.cookieHeader() } };
    if (body instanceof URLSearchParams) {
      init.body = body.toString();
      (init.headers as Record<string, string>)['content-type'] = 'application/x-www-form-urlencoded';
    } else if (body) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.base}${path}`, init);
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (/Max-Age=0/i.test(line)) this.jar.delete(name!);
      else this.jar.set(name!, value!);
    }
    if (/text\/html/.test(response.headers.get('content-type') ?? '')) {
      const token = (await response.clone().text()).match(/name="_csrf" value="([^"]+)"|[?&]_csrf=([\w-]+)/);
      if (token) this.csrf = token[1] ?? token[2]!;
    }
    return response;
  }

  get(path: string) {
    return this.request('GET', path);
  }

  /** Posts a form the way the page would, with the CSRF token the last page set. */
  post(path: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    body.set('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
    return this.request('POST', path, body);
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  /** The Cookie header this client sends. */
  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}
