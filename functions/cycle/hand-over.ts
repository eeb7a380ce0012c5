/**
 * The cycle continues in a new execution ("bàn giao") before a Standard execution's one-year limit: a
 * real calendar runs up to 18 months (SPEC §3). The workflow decides when (before a phase whose waits the
 * running execution could not outlast, docs/workflow.md); this step starts the next execution of the same
 * state machine, at that phase, and records it on the cycle with its audit event.
 *
 * Everything the rest of the cycle needs is in the table (the plan, the windows, the forms, the results),
 * so the new execution carries only the cycle, where to resume and the link to the one before. It is
 * named after the cycle and its generation, so a retried or replayed step finds it instead of a second.
 */
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { appendAuditEvent } from '../audit/trail.js';
import type { PhaseName } from '../domain/index.js';
import { updateCycleOp } from '../store/cycles.js';
import type { CycleDeps } from '../shared/deps.js';
import { loadCycleConfig } from './context.js';

export interface HandOverInput {
  cycleId: string;
  /** The phase the new execution starts at (its reach check, then its opening). */
  resumeAt: PhaseName;
  /** The execution handing over. */
  executionArn: string;
  /** How many hand-overs came before: 0 in the execution the admin started. */
  generation: number;
  at: Date;
}

/** The execution name of a cycle's `generation`-th continuation: "khoi-dang-2026-h1". */
export const continuationName = (cycleId: string, generation: number) => `${cycleId}-h${generation}`;

/** Starts the cycle's next execution (once) and records it on the cycle; returns its ARN. */
export async function handOverCycle(deps: CycleDeps, input: HandOverInput): Promise<{ executionArn: string }> {
  const generation = input.generation + 1;
  const name = continuationName(input.cycleId, generation);
  const executionArn = executionArnOf(deps.stateMachineArn, name);
  const payload = { cycleId: input.cycleId, resumeAt: input.resumeAt, generation, previousExecutionArn: input.executionArn };
  try {
    await deps.sfn.send(new StartExecutionCommand({ stateMachineArn: deps.stateMachineArn, name, input: JSON.stringify(payload) }));
  } catch (error) {
    // Started by an earlier attempt of this step, which then ended (a crash, a lost answer): the same one.
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
  const cycle = await loadCycleConfig(deps.store, input.cycleId);
  if (cycle.executionArn === executionArn) return { executionArn };
  await appendAuditEvent(
    deps.store,
    {
      chainId: input.cycleId,
      actor: 'workflow',
      action: 'cycle.handedOver',
      target: `cycle:${input.cycleId}`,
      at: input.at,
      before: { executionArn: input.executionArn },
      after: { executionArn, resumeAt: input.resumeAt, generation },
    },
    [updateCycleOp(deps.store, input.cycleId, cycle.version, { executionArn }, input.at)],
  );
  return { executionArn };
}

/** arn:…:stateMachine:<machine> → arn:…:execution:<machine>:<name>, as Step Functions names it. */
function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}
