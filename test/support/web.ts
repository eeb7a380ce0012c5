/**
 * The local stack for web tests: real HTTP to the same handlers, DynamoDB Local in memory, the SES
 * emulator, the local Step Functions runtime; and a tiny browser-like client that keeps cookies.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack.js';
import { readMail } from '../../local/services/ses.js';

export interface WebStack {
  stack: LocalStack;
  stop(): Promise<void>;
  /** The newest email to `address` whose subject matches, and the link id it carries. */
  linkFor(address: string, subject: RegExp): Promise<string>;
  mailTo(address: string): ReturnType<typeof readMail>;
}

export async function startWebStack(options: Partial<LocalStackOptions> = {}): Promise<WebStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'thidua-web-'));
  const stack = await startLocalStack({ dataDir, port: 0, inMemory: true, demoTools: true, log: () => {}, ...options });
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

/** An admin signed in through the stack's sign-in link: its browser (the session cookie) and the Bearer header the JSON API takes. */
export async function signedInAdmin(web: WebStack): Promise<{ admin: Browser; bearer: Record<string, string> }> {
  const admin = new Browser(web.stack.url);
  const signInPath = new URL(web.stack.adminSignInUrl).pathname;
  await admin.get(signInPath);
  await admin.post(signInPath, {});
  return { admin, bearer: { authorization: `Bearer ${admin.cookie('thidua_session')}` } };
}

/** A client that keeps cookies between requests, as a browser would for one site, and the last page's CSRF token. */
export class Browser {
  private readonly jar = new Map<string, string>();
  /** The `_csrf` value of the last HTML page that had a form. */
  csrf = '';
  /** `from`: the loopback address to send from (e.g. 127.0.0.2), to be another source address than the other tests. */
  constructor(
    private readonly base: string,
    private readonly from?: string,
  ) {}

  async request(method: string, path: string, body?: URLSearchParams | object, headers: Record<string, string> = {}): Promise<Response> {
    const init: RequestInit = { method, redirect: 'manual', headers: { ...headers, cookie: this.cookieHeader() } };
    if (body instanceof URLSearchParams) {
      init.body = body.toString();
      (init.headers as Record<string, string>)['content-type'] = 'application/x-www-form-urlencoded';
    } else if (body) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const url = `${this.base}${path}`;
    const response = this.from ? await requestFrom(this.from, url, init as { method: string; headers: Record<string, string>; body?: string }) : await fetch(url, init);
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

/**
 * A request from another loopback address (127.0.0.2, …), which the server sees as another client's
 * source address; fetch cannot choose the address it sends from, node:http can.
 */
function requestFrom(localAddress: string, url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Response> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: target.port, path: `${target.pathname}${target.search}`, method: init.method, headers: { host: target.host, ...init.headers }, localAddress, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) for (const one of [value ?? []].flat()) headers.append(name, one);
        resolve(new Response(Buffer.concat(chunks), { status: response.statusCode ?? 500, headers }));
      });
    });
    request.on('error', reject);
    request.end(init.body);
  });
}
