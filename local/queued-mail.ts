/**
 * Which invocations queued mail for the outbox's drainer, locally. On AWS the drainer runs every minute;
 * the local stack kicks it right after a function that queued mail, so an email goes out seconds after its
 * phase opened. Kicking it after every function instead kept it listing the outbox back to back all the
 * time a drill ran (more than half of its DynamoDB requests, every listing finding nothing new): a
 * submission's receipt is queued already claimed and sent by its own request, a page's GET changes nothing.
 */
import { outboxKeys } from '../functions/store/keys.js';
import { currentInvocation, type Invocation } from './invocations.js';
import { observeSdkSends, type SdkCommand } from './sdk-sends.js';

/** The status-index keys the drainer lists (mail waiting, being sent or to be sent again: one listing), and the statuses it must come for. */
const DRAINABLE = [...new Set(['pending', 'failed'].map((status) => outboxKeys.byStatus(status, 0).replace(/0$/, '')))];
const WAITING = ['pending', 'failed'];

export interface QueuedMailWatch {
  /** Whether `invocation` wrote an outbox item the drainer must send. */
  queuedBy(invocation: Invocation): boolean;
  stop(): void;
}

/** Watches every DynamoDB write of this process from now on for outbox items left for the drainer. */
export function watchQueuedMail(): QueuedMailWatch {
  const queued = new WeakSet<Invocation>();
  const stop = observeSdkSends((serviceId, command) => {
    if (serviceId !== 'DynamoDB') return;
    const invocation = currentInvocation();
    if (invocation && !queued.has(invocation) && writesDrainable(command)) queued.add(invocation);
  });
  return { queuedBy: (invocation) => queued.has(invocation), stop };
}

/** Whether a write (plain or document client, alone, in a transaction or a batch) lists an item for the drainer. */
function writesDrainable(command: SdkCommand): boolean {
  const input = command.input ?? {};
  const writes: unknown[] = [input];
  for (const item of (input.TransactItems as Record<string, unknown>[] | undefined) ?? []) writes.push(item.Put, item.Update);
  for (const requests of Object.values((input.RequestItems as Record<string, Array<{ PutRequest?: unknown }>> | undefined) ?? {})) {
    if (Array.isArray(requests)) for (const request of requests) writes.push(request.PutRequest);
  }
  return writes.some((write) => {
    const { Item, ExpressionAttributeValues } = (write ?? {}) as { Item?: Record<string, unknown>; ExpressionAttributeValues?: Record<string, unknown> };
    const values = Item ?? ExpressionAttributeValues;
    if (!values || !Object.values(values).some((v) => DRAINABLE.some((prefix) => textOf(v)?.startsWith(prefix)))) return false;
    // A receipt written already claimed by its own request ('sending') is listed too, but is the request's to send.
    return Item ? WAITING.includes(textOf(Item.status) ?? '') : Object.values(values).some((v) => WAITING.includes(textOf(v) ?? ''));
  });
}

/** A string attribute as the document client or the plain client writes it. */
function textOf(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : (value as { S?: unknown } | null)?.S;
  return typeof text === 'string' ? text : undefined;
}
