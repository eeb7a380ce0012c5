/**
 * The data migrations (cycle/migrate.ts): after every deploy, invoked by a CloudFormation trigger once the
 * table and the functions are in place (infra/data-migration.ts), with an empty event; at the local stack's
 * start, with the local clock's time. Answers with what the run did; a failed migration fails the invocation.
 */
import * as z from 'zod';
import { migrate } from '../cycle/migrate.js';
import { At, workflowTask } from './workflow-task.js';

/** The trigger sends nothing: the run is at the function's clock unless a time is given (the local clock's). */
const MigrateEvent = z.object({ time: At.optional() });

export const handler = workflowTask(MigrateEvent, (deps, event) => migrate(deps.store, event.time ?? new Date()));
