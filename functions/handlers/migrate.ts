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
  /** The release the resource names: the deploy's own, or the previous one when a failed deploy is rolled back. */
  ResourceProperties: z.object({ Release: z.string().optional() }).optional(),
  /** From the local stack: its clock's time; on AWS the run is at the function's clock. */
  time: At.optional(),
});
type MigrateEvent = z.output<typeof MigrateEvent>;

/**
 * Whether this event asks for the migrations: not when the stack is deleted (or its creation rolled back),
 * nor when a failed deploy is rolled back, which updates the resource back to the previous release while
 * this function is still the new one (`RELEASE`, set by the stack): migrating then would fail the rollback
 * the same way the deploy failed.
 */
function asksForMigrations(event: MigrateEvent): boolean {
  if (event.RequestType === 'Delete') return false;
  const asked = event.ResourceProperties?.Release;
  return asked === undefined || asked === process.env.RELEASE;
}

export const handler = workflowTask(MigrateEvent, async (deps, event) => ({
  PhysicalResourceId: RESOURCE_ID,
  ...(asksForMigrations(event) ? { report: await migrate(deps.store, event.time ?? new Date()) } : {}),
}));
