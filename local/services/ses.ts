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
  destination: { to: string[]; cc: string[]; bcc: string[] };
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
  const response = await fetchRetrying(`${endpoint}/store${filter.since === undefined ? '' : `?since=${Math.floor(filter.since)}`}`);
  if (!response.ok) throw new Error(`SES emulator store answered ${response.status}`);
  const { emails } = (await response.json()) as { emails: ReceivedMail[] };
  const recipient = filter.recipient;
  return recipient === undefined ? emails : emails.filter((mail) => isAddressedTo(mail, recipient));
}

/** Whether `recipient` is among the message's To, Cc or Bcc addresses (case and display names aside). */
export function isAddressedTo(mail: ReceivedMail, recipient: string): boolean {
  const wanted = recipient.trim().toLowerCase();
  return [...mail.destination.to, ...mail.destination.cc, ...mail.destination.bcc].some((address) => bareAddress(address) === wanted);
}

/** "Name <a@b>" or "a@b" → "a@b", lower case. */
function bareAddress(address: string): string {
  return (/<([^<>]+)>\s*$/.exec(address)?.[1] ?? address).trim().toLowerCase();
}

/** Empties the emulator's store. */
export async function clearMail(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/clear-store`, { method: 'POST' });
  if (!response.ok) throw new Error(`SES emulator clear-store answered ${response.status}`);
}
