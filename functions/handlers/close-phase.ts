/** Task "Close…": every wait of the phase has ended; those that ended without an answer are recorded with it. */
import * as z from 'zod';
import { closePhase } from '../cycle/phase-close.js';
import { PhaseStep, workflowTask } from './workflow-task.js';

// An execution started before the Close step took the ended waits (each recorded by its own step) sends none.
const Payload = PhaseStep.extend({ ended: z.array(z.object({ unitId: z.string().min(1), reason: z.string().min(1) })).default([]) });

export const handler = workflowTask(Payload, closePhase);
