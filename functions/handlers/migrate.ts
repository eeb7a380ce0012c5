/**
 * The data migrations (cycle/migrate.ts): after every deploy, invoked by the provider of a CloudFormation
 * custom resource once the table and the functions are in place (infra/data-migration.ts), with the
 * resource's event; at the local stack's start, with the local clock's time. A failed migration fails the
 * invocation (and on AWS the deploy).
 */
import * as z from 'zod';
import { migrate } from '../cycle/migrate.js';
import { At, workflowTask } from './workflow-task.js';

/** The custom resource's one physical id: the resource is updated in place, never replaced. */
const RESOURCE_ID = 'thidua-data-migrations';

const MigrateEvent = z.object({
  /** From CloudFormation: the deploy created, updated or deleted the custom resource. */
  RequestType: z.enum(['Create', 'Update', 'Delete']).optional(),
  /** From the local stack: its clock's time; on AWS the run is at the function's clock. */
  time: At.optional(),
});

export const handler = workflowTask(MigrateEvent, async (deps, event) => ({
  PhysicalResourceId: RESOURCE_ID,
  // Deleting the stack (or rolling back its creation) migrates nothing.
  ...(event.RequestType === 'Delete' ? {} : { report: await migrate(deps.store, event.time ?? new Date()) }),
}));
