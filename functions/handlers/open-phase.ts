/** Task "Open…": fixes a phase's window and emails each unit that must act its link. */
import { openPhase } from '../cycle/open-phase.js';
import { PhaseStep, workflowTask } from './workflow-task.js';

export const handler = workflowTask(PhaseStep, openPhase);
