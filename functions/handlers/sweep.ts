/**
 * The scheduled sweep (EventBridge schedule; a timer in the local stack): on the cycles with something
 * due, closes overdue waits, queues reminders, alerts about late approvals, answers waits left unanswered.
 */
import * as z from 'zod';
import { sweep } from '../cycle/scheduler.js';
import { workflowTask } from './workflow-task.js';

/** The fields of an EventBridge scheduled event that matter here: its time. */
const ScheduledEvent = z.object({ time: z.iso.datetime({ offset: true }).transform((iso) => new Date(iso)) });

export const handler = workflowTask(ScheduledEvent, (deps, event) => sweep(deps, event.time));
