/** Task "Record…Missed": a unit's wait ended at its deadline; SPEC §3 says what that means per phase. */
import * as z from 'zod';
import { recordMissed } from '../cycle/phases.js';
import { PhaseStep, workflowTask } from './workflow-task.js';

const Payload = PhaseStep.extend({ unitId: z.string().min(1), reason: z.string().default('Thidua.DeadlinePassed') });

export const handler = workflowTask(Payload, recordMissed);
