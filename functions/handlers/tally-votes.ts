/** Tasks "TallyVotes" and "ApplyLeaderDecision": count a ballot round, or apply the leaders' decision (SPEC §3.6). */
import * as z from 'zod';
import { tallyVotes } from '../cycle/tally.js';
import { At, CycleId, workflowTask } from './workflow-task.js';

const Payload = z.object({ cycleId: CycleId, round: z.number().int().positive(), leaderDecision: z.boolean().default(false), at: At });

export const handler = workflowTask(Payload, tallyVotes);
