/**
 * SES's Send events (configuration set → EventBridge rule → here; the local stack delivers the
 * emulator's): records the tagged outbox item as sent, so a retry never sends it a second time.
 */
import { recordSendEvent, SesSendEventSchema } from '../mail/send-events.js';
import { workflowTask } from './workflow-task.js';

export const handler = workflowTask(SesSendEventSchema, (deps, event) => recordSendEvent(deps.store, event));
