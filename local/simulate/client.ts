/**
 * The demo's view of a running stack, through its public doors only: the JSON API (as a script would
 * use it), the SES emulator's mail store (as a person reads mail), the demo tools' clock.
 */
import { readMail, type ReceivedMail } from '../services/ses.js';

export class DemoClient {
  private bearer = '';

  constructor(
    readonly url: string,
    readonly mailEndpoint: string,
    /** The allow-listed admin the demo signs in as. */
    readonly adminEmail = 'admin@thidua.local',
  ) {}

  /** Signs in with an admin sign-in link (its id is the last path segment). */
  async signIn(signInUrl: string): Promise<void> {
    const { sessionId } = await this.call<{ sessionId: string }>('POST', `/api/signin/${signInUrl.split('/').at(-1)}`, {});
    this.bearer = sessionId;
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
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const value = (await response.json()) as T & { error?: { message: string; fields: unknown[] } };
    if (response.status === 401 && this.bearer && !retried) {
      await this.signInByEmail();
      return this.call(method, path, body, true);
    }
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(value.error)}`);
    return value;
  }

  /** The local stack's time. */
  async now(): Promise<number> {
    const { now } = (await (await fetch(`${this.url}/_local/clock`)).json()) as { now: string | number };
    return typeof now === 'number' ? now : Date.parse(now);
  }

  /** Jumps the local clock forward to `to` (epoch ms) and waits until the workflows settle. */
  async jumpTo(target: number): Promise<void> {
    // The clock keeps running meanwhile: never ask for an instant it may already have passed.
    const to = Math.max(target, (await this.now()) + 1000);
    const response = await fetch(`${this.url}/_local/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: new Date(to).toISOString() }) });
    if (!response.ok) throw new Error(`clock jump: ${response.status} ${await response.text()}`);
  }

  mail(recipient?: string): Promise<ReceivedMail[]> {
    return readMail(this.mailEndpoint, recipient ? { recipient } : {});
  }

  /** Link ids in the emails to `recipient` whose subject matches, oldest first. */
  async links(recipient: string, subject: RegExp): Promise<string[]> {
    return (await this.mail(recipient))
      .filter((m) => subject.test(m.subject))
      .flatMap((m) => m.body.text?.match(/\/l\/([A-Za-z0-9_-]{43})/)?.[1] ?? []);
  }
}
