/**
 * SES's Send events, locally: what the configuration set's EventBridge destination and rule do on AWS.
 * The SES emulator writes one line per accepted message, envelope included, before it answers
 * (services/ses-emulator.ts); this reads the lines it has not delivered yet and invokes the catalog's
 * mail-events function with each as an "Email Sent" event. Lines are delivered in order; a failed
 * invocation is retried on the next drain (EventBridge retries too), and a repeated event changes
 * nothing, so the delivered position is saved after the invocations, not before.
 */
import { randomUUID } from 'node:crypto';
import { open, readFile, writeFile } from 'node:fs/promises';
import type { LocalFunctions } from './stepfunctions/lambda.js';

/** Where the next drain starts: the bytes of the record file delivered so far. */
interface DeliveryOptions {
  /** The emulator's mail file, or its events file when the mail is in memory. */
  recordFile: string;
  /** Keeps the delivered position across restarts; from the start of the file when omitted. */
  positionFile?: string;
  invoker: LocalFunctions;
  functionName: string;
  account: { region: string; accountId: string };
  /** The stack's clock: the events' time. */
  now: () => number;
  log: (message: string, error?: unknown) => void;
  /** Real-time cadence between drains (EventBridge delivers within about a second). */
  everyMs?: number;
}

/** A line of the record file: the emulator's message id and the envelope SES knows. */
interface AcceptedMessage {
  messageId?: string;
  ses?: { destinations: string[]; tags: Record<string, string[]> };
}

export interface SesEventDelivery {
  /** Delivers every event written so far; resolves when they are recorded (or failed, to be retried). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSesEventDelivery(options: DeliveryOptions): Promise<SesEventDelivery> {
  let position = options.positionFile ? Number(await readFile(options.positionFile, 'utf8').catch(() => '0')) || 0 : 0;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const deliverNew = async () => {
    const file = await open(options.recordFile, 'r').catch(() => undefined);
    if (!file) return;
    try {
      const { size } = await file.stat();
      if (size < position) position = 0; // the file was emptied (the mail viewer's "clear")
      if (size === position) return;
      const { buffer, bytesRead } = await file.read(Buffer.alloc(size - position), 0, size - position, position);
      const complete = buffer.subarray(0, bytesRead).lastIndexOf(0x0a) + 1; // a line being written waits
      let offset = 0;
      for (const line of buffer.subarray(0, complete).toString('utf8').split('\n').slice(0, -1)) {
        const lineBytes = Buffer.byteLength(line) + 1;
        if (!(await deliver(line))) break;
        offset += lineBytes;
      }
      if (offset === 0) return;
      position += offset;
      if (options.positionFile) await writeFile(options.positionFile, String(position));
    } finally {
      await file.close();
    }
  };

  /** False when the function failed: the line stays undelivered. */
  const deliver = async (line: string): Promise<boolean> => {
    let message: AcceptedMessage;
    try {
      message = JSON.parse(line) as AcceptedMessage;
    } catch {
      return true; // cut short by a kill: the emulator skips it too, so SES never accepted it
    }
    if (!message.messageId || !message.ses) return true;
    const outcome = await options.invoker.invoke({ functionName: options.functionName, payload: sendEvent(message, options.now(), options.account), requestId: randomUUID(), ...options.account });
    if (!outcome.ok) options.log(`${options.functionName} failed, retried on the next delivery: ${outcome.error}`, outcome.cause);
    return outcome.ok;
  };

  const drain = (): Promise<void> => {
    if (stopped) return chain;
    chain = chain.then(deliverNew).catch((error: unknown) => options.log('delivering SES Send events', error));
    return chain;
  };
  const timer = setInterval(() => void drain(), options.everyMs ?? 250);
  return {
    drain,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await chain;
    },
  };
}

/** The event SES publishes to EventBridge for an accepted message (the fields the function reads, and the frame). */
function sendEvent(message: AcceptedMessage, now: number, { region, accountId }: { region: string; accountId: string }) {
  const time = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Email Sent',
    source: 'aws.ses',
    account: accountId,
    time,
    region,
    resources: [],
    detail: {
      eventType: 'Send',
      mail: { timestamp: new Date(now).toISOString(), messageId: message.messageId, destination: message.ses!.destinations, tags: message.ses!.tags },
      send: {},
    },
  };
}
