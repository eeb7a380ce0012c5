/** Task "ScoreBloc": totals, ranking, classification and nominations (SPEC §3.5). */
import * as z from 'zod';
import { scoreCycle } from '../cycle/steps.js';
import { At, CycleId, workflowTask } from './workflow-task.js';

const Payload = z.object({ cycleId: CycleId, at: At });

export const handler = workflowTask(Payload, scoreCycle);
