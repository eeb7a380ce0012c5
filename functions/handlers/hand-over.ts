/** Task "HandOverAt…": the cycle continues in a new execution before this one's one-year limit. */
import * as z from 'zod';
import { handOverCycle } from '../cycle/hand-over.js';
import { PhaseNameSchema } from '../domain/index.js';
import { At, CycleId, workflowTask } from './workflow-task.js';

const Payload = z.object({ cycleId: CycleId, resumeAt: PhaseNameSchema, executionArn: z.string().min(1), generation: z.number().int().min(0), at: At });

export const handler = workflowTask(Payload, handOverCycle);
