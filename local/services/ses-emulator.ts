/**
 * The SES emulator with a durable record of what it accepted. With `--mail-file`, the messages survive a
 * restart of the local stack (so the links in them still work); with `--events-file` (mail in memory),
 * only what SES would publish as Send events is written. Either way each accepted message's line carries
 * its envelope (`ses`: destinations and message tags), written before SES answers: the local stack turns
 * these lines into SES's "Email Sent" events (local/ses-events.ts). Without either, the mail is in memory
 * only. The mail viewer has no authentication: it answers only requests that name this machine (no DNS
 * rebinding), and its POSTs (`/clear-store` empties the mail) only from its own page or from scripts,
 * never from another site's (local/loopback.ts). Run as its own process by `startSesEmulator`, directly
 * by Node (type stripping: only .ts imports, no syntax beyond types).
 *
 *   node local/services/ses-emulator.ts --port 8005 --host 127.0.0.1 --mail-file .data/mail.jsonl
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { crossSiteRefusal } from '../loopback.ts';
import { isAddressedTo, type Destination } from './mail-address.ts';

type Email = Record<string, unknown>;
interface EmulatorStore {
  saveEmail(email: Email): void;
  clearStore(): void;
  getStoreReadonly(): { emails: Email[] };
}
/** What SES knows of a message beyond its content: where it goes and how it is tagged. */
interface Envelope {
  destinations: string[];
  tags: Record<string, string[]>;
}
type Handler = (request: { body: Record<string, string> }, ...rest: unknown[]) => unknown;
/** The part of express's response the emulator's handlers use. */
interface Response {
  status(code: number): Response;
  type(type: string): Response;
  send(body: string): void;
}
interface Router {
  stack: { route?: { path: string; methods: Record<string, boolean> } }[];
}

const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' }, 'mail-file': { type: 'string' }, 'events-file': { type: 'string' }, 'max-send-rate': { type: 'string' } },
});
const mailFile = values['mail-file'];
const eventsFile = values['events-file'];
if (!values.port || !values.host) throw new Error('usage: ses-emulator.ts --port <n> --host <address> [--mail-file <path> | --events-file <path>] [--max-send-rate <n>]');
/** SES's MaxSendRate: messages per second it accepts before it answers Throttling (none when omitted). */
const maxSendRate = values['max-send-rate'] ? Number(values['max-send-rate']) : undefined;
const recordFile = mailFile ?? eventsFile;

const require = createRequire(import.meta.url);
const store = require('aws-ses-v2-local/dist/store.js') as EmulatorStore;
const startServer = (require('aws-ses-v2-local') as { default: (config: { port: number; host: string }) => Promise<Server> }).default;

if (recordFile) mkdirSync(dirname(recordFile), { recursive: true });
if (mailFile) store.getStoreReadonly().emails.push(...readMailFile(mailFile));
else if (eventsFile) writeFileSync(eventsFile, '');

// SendRawEmail's envelope (the form fields Destinations.member.N, Tags.member.N.Name/Value), carried to
// saveEmail through the handler's awaits. Wrapped before the server module reads the handler.
const envelopes = new AsyncLocalStorage<Envelope>();
const sendRawEmail = require('aws-ses-v2-local/dist/v1/sendRawEmail.js') as { default: Handler };
const handleSendRawEmail = sendRawEmail.default;
sendRawEmail.default = (request, ...rest) => {
  if (overRate()) return throttled(rest[0] as Response);
  return envelopes.run(envelopeOf(request.body ?? {}), () => handleSendRawEmail(request, ...rest));
};

// SES's sending rate, as SES enforces it: more than MaxSendRate messages within a second are refused with
// Throttling "Maximum sending rate exceeded." (a sender must slow down and try again).
const acceptedAt: number[] = [];
function overRate(): boolean {
  if (maxSendRate === undefined) return false;
  const now = performance.now();
  while (acceptedAt.length && acceptedAt[0]! <= now - 1000) acceptedAt.shift();
  if (acceptedAt.length >= maxSendRate) return true;
  acceptedAt.push(now);
  return false;
}
function throttled(response: Response): void {
  response.status(400).type('text/xml').send(sesError('Throttling', 'Maximum sending rate exceeded.'));
}
const sesError = (code: string, message: string) =>
  `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>local</RequestId></ErrorResponse>`;

// The emulator's handlers call these through the module's exports, so wrapping them here is enough.
// The line is on disk before the emulator answers: a kill after SES "accepted" still finds it.
const save = store.saveEmail;
store.saveEmail = (email) => {
  const envelope = envelopes.getStore();
  const record = envelope ? { ...email, ses: envelope } : email;
  const line = mailFile ? record : { messageId: email.messageId, at: email.at, ses: envelope };
  if (recordFile) appendFileSync(recordFile, JSON.stringify(line) + '\n');
  save(record);
};
const clear = store.clearStore;
store.clearStore = () => {
  if (mailFile) writeFileSync(mailFile, '');
  clear();
};

// The stack holds our stdin open: when it dies, even by kill -9, the pipe closes and we go with it.
process.stdin.on('end', () => process.exit(0)).resume();

const server = await startServer({ port: Number(values.port), host: values.host });
// In front of the emulator's express app: it has no hook of its own before its routes.
const [app] = server.listeners('request') as Array<((...args: unknown[]) => void) & { router: Router; post(path: string, handler: Handler): void }>;
answerGetSendQuota(app!);
server.removeAllListeners('request');
server.on('request', (request, response) => {
  const refusal = crossSiteRefusal(request);
  if (refusal) response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(`Refused: ${refusal}.\n`);
  else if (!answerStoreForRecipient(request, response)) app!(request, response);
});
console.log(`SES emulator on ${values.host}:${values.port}, ${mailFile ? `mail kept in ${mailFile}` : eventsFile ? `Send events in ${eventsFile}` : 'mail in memory'}`);

/**
 * SES v1 GetSendQuota, which the emulator lacks (its POST / route answers only the send actions and leaves
 * others hanging): a route put in front of that one. The outbox's drainer reads MaxSendRate from it.
 */
function answerGetSendQuota(express: { router: Router; post(path: string, handler: Handler): void }): void {
  express.post('/', (request, ...rest) => {
    const [response, next] = rest as [Response, () => void];
    if (request.body?.Action !== 'GetSendQuota') return next();
    const rate = maxSendRate ?? 14;
    response
      .status(200)
      .type('text/xml')
      .send(
        `<GetSendQuotaResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><GetSendQuotaResult><Max24HourSend>50000</Max24HourSend><MaxSendRate>${rate}</MaxSendRate><SentLast24Hours>0</SentLast24Hours></GetSendQuotaResult><ResponseMetadata><RequestId>local</RequestId></ResponseMetadata></GetSendQuotaResponse>`,
      );
  });
  const stack = express.router.stack;
  const added = stack.pop()!;
  const sending = stack.findIndex((layer) => layer.route?.path === '/' && layer.route.methods.post);
  stack.splice(sending, 0, added);
}

/**
 * `GET /store?recipient=a@b[&since=<epoch seconds>]`: the emulator's `/store` answer with only the messages
 * addressed (To/Cc/Bcc) to one address. The emulator itself can only answer with every message it holds:
 * a reader of one mailbox (a test reading its unit's links, late in a run that has sent thousands of
 * messages with attachments) would receive, and parse, megabytes at every look.
 */
function answerStoreForRecipient(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== 'GET') return false;
  const url = new URL(request.url ?? '/', 'http://emulator');
  const recipient = url.searchParams.get('recipient');
  if (url.pathname !== '/store' || recipient === null) return false;
  const since = url.searchParams.get('since');
  if (since !== null && !/^\d+$/.test(since)) {
    response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Bad since query param, expected integer representing epoch timestamp in seconds' }));
    return true;
  }
  const emails = store.getStoreReadonly().emails.filter((email) => (since === null || (email.at as number) >= Number(since)) && isAddressedTo(email as { destination: Destination }, recipient));
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ emails }));
  return true;
}

/** The saved messages; a line cut short by a crash is skipped. */
function readMailFile(file: string): Email[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return text.split('\n').flatMap((line) => {
    try {
      return line.trim() ? [JSON.parse(line) as Email] : [];
    } catch {
      return [];
    }
  });
}

function envelopeOf(body: Record<string, string>): Envelope {
  const member = (prefix: string) => Object.keys(body).filter((key) => key.startsWith(prefix)).sort((a, b) => Number(a.slice(prefix.length).split('.')[0]) - Number(b.slice(prefix.length).split('.')[0]));
  const destinations = member('Destinations.member.').map((key) => body[key]!);
  const tags: Record<string, string[]> = {};
  for (const key of member('Tags.member.').filter((k) => k.endsWith('.Name'))) {
    const name = body[key]!;
    (tags[name] ??= []).push(body[key.replace(/\.Name$/, '.Value')] ?? '');
  }
  return { destinations, tags };
}
