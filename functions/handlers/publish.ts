/** Task "Publish": final results, next year's leaders, the results email to everyone (SPEC §3.8). */
import * as z from 'zod';
import { publishCycle } from '../cycle/publish.js';
import { At, CycleId, workflowTask } from './workflow-task.js';

const Payload = z.object({ cycleId: CycleId, at: At });

export const handler = workflowTask(Payload, publishCycle);
