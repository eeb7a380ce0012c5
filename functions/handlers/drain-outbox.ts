/**
 * The outbox's drainer (EventBridge schedule every minute, reserved concurrency 1; locally kicked after
 * every function that may have queued mail): sends the due emails at the account's rate until none is due
 * or its time is nearly up (mail/drain.ts).
 */
import * as z from 'zod';
import { DRAIN_BUDGET_MS } from '../catalog.js';
import { drainOutbox, sendRate } from '../mail/drain.js';
import { workflowTask } from './workflow-task.js';

/** The fields of an EventBridge scheduled event that matter here: its time. */
const ScheduledEvent = z.object({ time: z.iso.datetime({ offset: true }).transform((iso) => new Date(iso)) });

/**
 * The run starts at the later of the event's time and this moment: a schedule's event names its minute
 * (and the local trigger its second), so mail queued between that mark and the run is due now too, not at
 * the next run; a local clock moved ahead of real time still rules, being the later.
 */
export const handler = workflowTask(ScheduledEvent, async (deps, event) =>
  drainOutbox(deps.mailer, { rate: await sendRate(deps.mailer), startedAt: new Date(Math.max(event.time.getTime(), Date.now())), budgetMs: DRAIN_BUDGET_MS }),
);
