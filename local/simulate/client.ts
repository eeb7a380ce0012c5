/**
 * The demo's view of a running stack, through its public doors only: the JSON API (as a script would
 * use it), the SES emulator's mail store (as a person reads mail), the demo tools' clock.
 */
import { fetchRetrying } from '../services/fetch-retry.js';
import { isAddressedTo, readMail, type ReceivedMail } from '../services/ses.js';

/** A non-2xx answer of the JSON API, with the problem it reported. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** One API call as timed by the client: the route (ids replaced by `{id}`), its status and when it ran. */
export interface CallTiming {
  route: string;
  status: number;
  /** The phase a link's answer names (a form's page or an action on it), for timings by phase. */
  phase?: string;
  startedAt: number;
  ms: number;
}

/** The emails of the mail store at one moment, read once and looked up by recipient. */
export class Mailbox {
  constructor(private readonly mails: ReceivedMail[]) {}

  /** Link ids in the emails to `recipient` whose subject matches, oldest first. */
  links(recipient: string, subject: RegExp): string[] {
    return this.mails.filter((m) => subject.test(m.subject) && isAddressedTo(m, recipient)).flatMap((m) => m.body.text?.match(/\/l\/([A-Za-z0-9_-]{43})/)?.[1] ?? []);
  }
}

/** The route an API path belongs to, for timings: `/api/links/abc` → `/api/links/{id}`. */
export function routeOf(method: string, path: string): string {
  const route = path
    .replace(/^\/api\/(links|signin)\/[^/]+/, '/api/$1/{id}')
    .replace(/^\/api\/admin\/(blocs|cycles)\/[^/]+/, '/api/admin/$1/{id}')
    // An upload's confirmation carries its upload id: one route, not one row per file.
    .replace(/^(\/api\/links\/\{id\}\/files)\/[^/?]+/, '$1/{uploadId}');
  return `${method} ${route}`;
}

export class DemoClient {
  private bearer = '';
  /** Called after every API call (benchmarks). */
  observe?: (timing: CallTiming) => void;

  constructor(
    readonly url: string,
    readonly mailEndpoint: string,
    /** The allow-listed admin the demo signs in as. */
    readonly adminEmail = 'admin@thidua.local',
  ) {}

  /** Signs in with an admin sign-in link (its id is the last path segment); returns the session id. */
  async signIn(signInUrl: string): Promise<string> {
    const { sessionId } = await this.call<{ sessionId: string }>('POST', `/api/signin/${signInUrl.split('/').at(-1)}`, {});
    this.bearer = sessionId;
    return sessionId;
  }

  /**
   * Signs in again the way an admin would after the session ran out (the demo moves the clock by weeks):
   * asks for a sign-in link, reads it from the mail, uses it.
   */
  async signInByEmail(): Promise<void> {
    this.bearer = '';
    await this.call('POST', '/api/signin', { email: this.adminEmail });
    const mail = (await this.mail(this.adminEmail)).filter((m) => /đăng nhập/i.test(m.subject)).at(-1);
    const id = mail?.body.text?.match(/\/signin\/([A-Za-z0-9_-]{43})/)?.[1];
    if (!id) throw new Error(`no sign-in email reached ${this.adminEmail}`);
    await this.signIn(id);
  }

  /** A JSON API call; a non-2xx answer throws with the problem the API reported. */
  async call<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    const startedAt = performance.now();
    const response = await fetchRetrying(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const value = (await response.json()) as T & { error?: { code: string; message: string; fields: unknown[] }; phase?: unknown };
    const phase = typeof value.phase === 'string' ? { phase: value.phase } : {};
    this.observe?.({ route: routeOf(method, path), status: response.status, ...phase, startedAt, ms: performance.now() - startedAt });
    if (response.status === 401 && this.bearer && !retried) {
      await this.signInByEmail();
      return this.call(method, path, body, true);
    }
    if (!response.ok) throw new ApiError(`${method} ${path}: ${response.status} ${JSON.stringify(value.error)}`, response.status, value.error?.code);
    return value;
  }

  /**
   * Sends a PDF through a link as a unit's browser does: asks for a presigned POST, posts the file straight
   * to storage, then confirms it (the server reads it back and checks it before recording it).
   */
  async upload(linkId: string, purpose: string, fileName: string, content: Buffer): Promise<void> {
    const issued = await this.call<{ uploadId: string; url: string; fields: Record<string, string> }>('POST', `/api/links/${linkId}/files`, { purpose, fileName, contentType: 'application/pdf', size: content.byteLength });
    const form = new FormData();
    for (const [name, value] of Object.entries(issued.fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), fileName);
    const stored = await fetchRetrying(issued.url, { method: 'POST', body: form });
    if (!stored.ok) throw new ApiError(`upload of ${fileName}: storage answered ${stored.status}`, stored.status, undefined);
    await this.call('POST', `/api/links/${linkId}/files/${issued.uploadId}`, {});
  }

  /**
   * Fills and sends a page's form as a browser does without JavaScript: opens the page (its CSRF cookie and
   * token), then posts the fields; a form sent back with errors throws with the page's error summary.
   */
  async postForm(path: string, fields: Array<[string, string]>): Promise<void> {
    const page = await fetchRetrying(`${this.url}${path}`);
    const token = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (!token) throw new ApiError(`GET ${path}: no form on the page (${page.status})`, page.status, undefined);
    const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const body = new URLSearchParams([['_csrf', token], ...fields, ['intent', 'submit']]);
    const sent = await fetchRetrying(`${this.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies }, body });
    if (sent.status !== 303) {
      const summary = (await sent.text()).match(/<div class="alert" role="alert">([\s\S]*?)<\/div>/)?.[1]?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
      throw new ApiError(`POST ${path}: ${sent.status} ${summary ?? ''}`, sent.status, undefined);
    }
  }

  /** The local stack's time (and the demo tools' token, which every jump sends back). */
  async now(): Promise<number> {
    const { now, token } = (await (await fetchRetrying(`${this.url}/_local/clock`)).json()) as { now: string | number; token: string };
    this.demoToken = token;
    return typeof now === 'number' ? now : Date.parse(now);
  }

  private demoToken = '';

  /** Jumps the local clock forward to `to` (epoch ms) and waits until the workflows settle. */
  jumpTo(target: number): Promise<void> {
    // One jump at a time: parallel workers (the approvals) each settle, and the stack moves one clock.
    const jump = this.jumping.then(() => this.jumpOnce(target));
    this.jumping = jump.catch(() => undefined);
    return jump;
  }

  private jumping: Promise<void> = Promise.resolve();

  private async jumpOnce(target: number): Promise<void> {
    // The clock keeps running meanwhile: never ask for an instant it may already have passed (on a busy
    // stack the request may arrive seconds later; then ask again from the new time).
    for (let margin = 1000; ; margin *= 4) {
      const to = Math.max(target, (await this.now()) + margin);
      const response = await fetchRetrying(`${this.url}/_local/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-demo-token': this.demoToken }, body: JSON.stringify({ to: new Date(to).toISOString() }) });
      if (response.ok) return;
      const problem = await response.text();
      if (response.status !== 400 || !/only moves forward/.test(problem) || margin > 60_000) throw new Error(`clock jump: ${response.status} ${problem}`);
    }
  }

  /**
   * Lets the workflows finish what the last actions started (their answers, the steps they set going, the
   * mail those queued), without moving the clock: a jump would sweep every cycle too, for nothing.
   */
  async settle(): Promise<void> {
    if (!this.demoToken) await this.now();
    const response = await fetchRetrying(`${this.url}/_local/idle`, { method: 'POST', headers: { 'x-demo-token': this.demoToken } });
    if (!response.ok) throw new Error(`settling: ${response.status} ${await response.text()}`);
  }

  /** Settles after moving the clock a second on, which sweeps every cycle (a wait whose answer a crash lost is answered). */
  sweepAndSettle(): Promise<void> {
    return this.jumpTo(0);
  }

  /** Every email in the mail store now, for many look-ups. */
  async mailbox(): Promise<Mailbox> {
    return new Mailbox(await this.mail());
  }

  /**
   * The emails in the mail store now, oldest first. Only what arrived since the last read is fetched (the
   * store of a province's cycle holds thousands, read again at every step of the demo).
   */
  async mail(recipient?: string): Promise<ReceivedMail[]> {
    for (const mail of await readMail(this.mailEndpoint, { since: this.readUpTo })) {
      this.received.set(mail.messageId, mail);
      this.readUpTo = Math.max(this.readUpTo, mail.at);
    }
    const mails = [...this.received.values()];
    return recipient === undefined ? mails : mails.filter((mail) => isAddressedTo(mail, recipient));
  }

  /** What {@link mail} has read, by message id, and the newest arrival (epoch seconds; re-read from its second on). */
  private readonly received = new Map<string, ReceivedMail>();
  private readUpTo = 0;

  /** Link ids in the emails to `recipient` whose subject matches, oldest first. */
  async links(recipient: string, subject: RegExp): Promise<string[]> {
    return (await this.mail(recipient))
      .filter((m) => subject.test(m.subject))
      .flatMap((m) => m.body.text?.match(/\/l\/([A-Za-z0-9_-]{43})/)?.[1] ?? []);
  }
}
