/**
 * What every step of the cycle reads: the cycle with its pinned configuration, and the windows of its
 * phases. A window ("đợt") is one phase (and round) as opened: its dates, who must act, and for the
 * cross-check who checks whom. Windows are stored as named results of the cycle.
 */
import * as z from 'zod';
import { CycleConfigSchema, type CycleConfig, type CyclePlan, type TaskPhase } from '../domain/index.js';
import type { Store } from '../store/client.js';
import { getCycle, type Cycle } from '../store/cycles.js';
import { NotFoundError } from '../store/errors.js';
import { getResult, saveResultOp } from '../store/results.js';
import type { WriteOp } from '../store/items.js';
import { CycleStateError } from './errors.js';

export const PhaseWindowRecordSchema = z.object({
  phase: z.string(),
  round: z.number().int().positive(),
  opensAt: z.string(),
  deadlineAt: z.string(),
  capAt: z.string(),
  /** The units (or the approver) who must act in this window. */
  actors: z.array(z.string()),
  /** Cross-check only: who checks whom. */
  assignments: z.array(z.object({ checkerUnitId: z.string(), checkedUnitId: z.string() })).default([]),
  /** Vote only: what this round's ballot asks. */
  ballot: z.object({ flagCandidates: z.array(z.string()), certificateNominees: z.array(z.string()), electLeaders: z.boolean() }).optional(),
  /** Leader decision only: the candidates the ballots left undecided. */
  candidates: z.array(z.string()).optional(),
  /** Set once every wait of the window has ended. */
  closedAt: z.string().optional(),
});
export type PhaseWindowRecord = z.infer<typeof PhaseWindowRecordSchema>;

export const windowName = (phase: TaskPhase, round: number) => `window.${phase}.${round}`;
export const PLAN = 'plan';

/** The cycle and its pinned configuration; an unknown cycle is a CycleStateError naming `cycleId`. */
export async function loadCycleConfig(store: Store, cycleId: string): Promise<Cycle<CycleConfig>> {
  try {
    return await getCycle(store, cycleId, CycleConfigSchema);
  } catch (error) {
    if (error instanceof NotFoundError) throw new CycleStateError(`unknown cycle "${cycleId}"`, 'cycleId', { cause: error });
    throw error;
  }
}

export async function loadPlan(store: Store, cycleId: string): Promise<CyclePlan> {
  const plan = await getResult<CyclePlan>(store, cycleId, PLAN);
  if (!plan) throw new CycleStateError(`cycle "${cycleId}" has not begun`, 'cycleId');
  return plan.data;
}

export async function loadWindow(store: Store, cycleId: string, phase: TaskPhase, round: number): Promise<PhaseWindowRecord | undefined> {
  return (await getResult(store, cycleId, windowName(phase, round), PhaseWindowRecordSchema))?.data;
}

/** The write that stores a window the first time its phase opens (fails with AlreadyExistsError after). */
export function openWindowOp(store: Store, cycleId: string, window: PhaseWindowRecord, now: Date): WriteOp {
  return saveResultOp(store, cycleId, windowName(window.phase as TaskPhase, window.round), { data: window, expectedVersion: 0, now });
}

/** The write that marks a window closed, or undefined when it is closed already. */
export async function closeWindowOp(store: Store, cycleId: string, phase: TaskPhase, round: number, now: Date): Promise<WriteOp | undefined> {
  const stored = await getResult(store, cycleId, windowName(phase, round), PhaseWindowRecordSchema);
  if (!stored) throw new CycleStateError(`${phase} round ${round} was never opened`, 'phase');
  if (stored.data.closedAt) return undefined;
  const data = { ...stored.data, closedAt: now.toISOString() };
  return saveResultOp(store, cycleId, windowName(phase, round), { data, expectedVersion: stored.version, now });
}

/** The unit that leads the bloc this year (Trưởng khối): the configured leader, else the first in rotation. */
export function currentLeader(config: CycleConfig): string {
  return config.bloc.leaderUnitId ?? [...config.bloc.units].sort((a, b) => a.rotationOrder - b.rotationOrder)[0]!.id;
}
