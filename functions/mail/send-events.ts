/**
 * SES's Send events, as EventBridge delivers them from the configuration set ("Email Sent"): each says
 * SES accepted one message, and its `thidua-outbox` tag says which outbox item that was. Recording it
 * makes the outbox exact even when the sender died between SES's answer and its own record.
 */
import * as z from 'zod';
import type { Store } from '../store/client.js';
import { OUTBOX_TAG, keyFromTag, markSentByEvent } from './outbox.js';

/** The part of an SES event-publishing record this needs (SES adds much more; it is ignored). */
export const SesSendEventSchema = z.object({
  time: z.iso.datetime({ offset: true }).transform((iso) => new Date(iso)),
  detail: z.object({
    eventType: z.string(),
    mail: z.object({
      messageId: z.string().min(1),
      destination: z.array(z.string()).min(1),
      tags: z.record(z.string(), z.array(z.string())).default({}),
    }),
  }),
});
export type SesSendEvent = z.output<typeof SesSendEventSchema>;

export type SendEventOutcome = 'recorded' | 'alreadySent' | 'unknown' | 'notOurs';

/**
 * Marks the tagged outbox item sent. Events of other types, or of messages without our tag (sent by
 * something else through the same configuration set), change nothing; so does a repeated event.
 */
export async function recordSendEvent(store: Store, event: SesSendEvent): Promise<SendEventOutcome> {
  const { eventType, mail } = event.detail;
  const tag = mail.tags[OUTBOX_TAG]?.[0];
  // SendRawEmail is called with exactly one destination: the item's recipient.
  const key = eventType === 'Send' && tag && mail.destination.length === 1 ? keyFromTag(tag, mail.destination[0]!) : undefined;
  if (!key) return 'notOurs';
  return markSentByEvent(store, key, mail.messageId, event.time);
}
