/**
 * The SES emulator (`aws-ses-v2-local`) in its own Node process on a free port. It accepts the SES v1
 * SendEmail/SendRawEmail calls of `@aws-sdk/client-ses`, keeps every message in memory (and, with a mail
 * or events file, on disk with its envelope: see ses-emulator.ts), shows them in a mail viewer at its
 * base URL and returns them as JSON from `GET /store`.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { RunningService } from './dynamodb.js';
import { fetchRetrying } from './fetch-retry.js';
import { freePort, superviseUntilReady } from './process.js';
import { isAddressedTo, type Destination } from './mail-address.js';

export { isAddressedTo };

export interface SesEmulatorOptions {
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** Interface to bind; loopback by default (the viewer has no authentication). */
  host?: string;
  startTimeoutMs?: number;
  /** Keeps every message in this file (JSON Lines) and loads it again on the next start; in memory only when omitted. */
  mailFile?: string;
  /** With the mail in memory: writes only what SES would publish as Send events here (emptied at start). */
  eventsFile?: string;
  /** SES's MaxSendRate: more messages than this in a second are refused with Throttling (no limit when omitted). */
  maxSendRate?: number;
}

/** Starts the emulator; its base URL is both the SES endpoint and the mail viewer. */
export async function startSesEmulator(options: SesEmulatorOptions = {}): Promise<RunningService> {
  const port = options.port ?? (await freePort());
  const host = options.host ?? '127.0.0.1';
  const records = options.mailFile !== undefined ? ['--mail-file', resolve(options.mailFile)] : options.eventsFile !== undefined ? ['--events-file', resolve(options.eventsFile)] : [];
  const rate = options.maxSendRate !== undefined ? ['--max-send-rate', String(options.maxSendRate)] : [];
  const child = spawn(process.execPath, [join(import.meta.dirname, 'ses-emulator.ts'), '--port', String(port), '--host', host, ...records, ...rate], { stdio: 'pipe' });
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const probe = async () => (await fetch(`${endpoint}/health-check`)).ok;
  const stop = await superviseUntilReady('SES emulator', child, probe, options.startTimeoutMs ?? 60_000);
  return { endpoint, port, stop };
}

/** A message as the emulator stored it (parsed back from what was sent). */
export interface ReceivedMail {
  messageId: string;
  from: string;
  destination: Destination;
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string; size: number }[];
  /** Epoch seconds. */
  at: number;
}

/**
 * Every message the emulator holds, optionally only those addressed (To/Cc/Bcc) to `recipient`, or
 * received at or after `since` (epoch seconds, the emulator's own clock): what a reader who polls needs.
 */
export async function readMail(endpoint: string, filter: { recipient?: string; since?: number } = {}): Promise<ReceivedMail[]> {
  // The emulator answers with one mailbox when asked (ses-emulator.ts): not every message of the run.
  const query = new URLSearchParams();
  if (filter.recipient !== undefined) query.set('recipient', filter.recipient);
  if (filter.since !== undefined) query.set('since', String(Math.floor(filter.since)));
  const response = await fetchRetrying(`${endpoint}/store${query.size ? `?${query}` : ''}`);
  if (!response.ok) throw new Error(`SES emulator store answered ${response.status}`);
  const { emails } = (await response.json()) as { emails: ReceivedMail[] };
  const recipient = filter.recipient;
  return recipient === undefined ? emails : emails.filter((mail) => isAddressedTo(mail, recipient));
}

/** Empties the emulator's store. */
export async function clearMail(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/clear-store`, { method: 'POST' });
  if (!response.ok) throw new Error(`SES emulator clear-store answered ${response.status}`);
}
