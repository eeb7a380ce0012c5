/** Task "RecordFailure": the Catch-all of the cycle; marks it failed and alerts the admins. */
import * as z from 'zod';
import { recordFailure } from '../cycle/failure.js';
import { At, CycleId, workflowTask } from './workflow-task.js';

const Payload = z.object({ cycleId: CycleId, error: z.unknown(), at: At });

export const handler = workflowTask(Payload, recordFailure);
