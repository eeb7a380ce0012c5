/** Task "Plan": marks the cycle running and returns its timeline as instants with safety caps. */
import * as z from 'zod';
import { beginCycle } from '../cycle/steps.js';
import { At, CycleId, workflowTask } from './workflow-task.js';

const Payload = z.object({ cycleId: CycleId, executionArn: z.string().min(1), at: At });

export const handler = workflowTask(Payload, beginCycle);
