/** Task "Close…": every wait of the phase has ended. */
import { closePhase } from '../cycle/phases.js';
import { PhaseStep, workflowTask } from './workflow-task.js';

export const handler = workflowTask(PhaseStep, closePhase);
