/**
 * Task "Await…" (waitForTaskToken): keeps the task token server-side for one unit's wait. The token
 * never leaves the table; the unit's link maps to the task, and its submission answers the wait.
 */
import * as z from 'zod';
import { awaitResponse } from '../cycle/phases.js';
import { PhaseStep, workflowTask } from './workflow-task.js';

const Payload = PhaseStep.extend({ unitId: z.string().min(1), taskToken: z.string().min(1) });

export const handler = workflowTask(Payload, awaitResponse);
