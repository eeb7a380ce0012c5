/**
 * Every AWS SDK request this process sends, seen as it goes: the local stack learns from it which
 * invocation queued mail (so that only those kick the outbox's drainer), the benchmarks count requests by
 * origin. The SDK's clients, plain and document, share one base `send`; it is wrapped once, and observers
 * come and go. Nothing in functions/ reads it: handlers cannot tell the difference.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** A command as the base `send` gets it (a plain or a document client's). */
export type SdkCommand = { constructor: { name: string }; input?: Record<string, unknown> };

/**
 * Hears a command before it is sent (it may still set an input field, as the meter does); what it returns
 * hears the request's end: its output once it succeeded, `undefined` when it failed.
 */
export type SendObserver = (serviceId: string | undefined, command: SdkCommand) => ((output: unknown) => void) | void;

type Send = (this: { config?: { serviceId?: string } }, command: SdkCommand, ...rest: unknown[]) => Promise<unknown>;

const observers = new Set<SendObserver>();
let installed = false;

/** Observes every SDK request of this process from now on; returns the function that stops observing. */
export function observeSdkSends(observer: SendObserver): () => void {
  install();
  observers.add(observer);
  return () => observers.delete(observer);
}

function install(): void {
  if (installed) return;
  installed = true;
  const base = Object.getPrototypeOf(DynamoDBClient.prototype) as { send: Send };
  const send = base.send;
  base.send = async function observedSend(command, ...rest) {
    if (observers.size === 0) return send.call(this, command, ...rest);
    const serviceId = this.config?.serviceId;
    const after: Array<(output: unknown) => void> = [];
    for (const observer of observers) {
      const then = observer(serviceId, command);
      if (then) after.push(then);
    }
    let output: unknown;
    try {
      output = await send.call(this, command, ...rest);
      return output;
    } finally {
      for (const then of after) then(output);
    }
  };
}
