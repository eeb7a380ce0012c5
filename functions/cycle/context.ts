/**
 * What every step of the cycle reads: the cycle with its pinned configuration, the windows of its phases,
 * and its dossier. A window ("đợt") is one phase (and round) as opened: its dates, who must act, and for
 * the cross-check who checks whom. Windows are stored as named results of the cycle.
 */
import { CycleConfigSchema, PhaseWindowRecordSchema, PLAN, windowName, type CycleConfig, type CyclePlan, type PhaseWindowRecord, type TaskPhase } from '../domain/index.js';
import { isScored, loadDossier, type Dossier, type ScoredDossier } from '../dossier/index.js';
import type { Store } from '../store/client.js';
import { getCycle, getPinnedCycle, knownPinnedCycle as knownPinned, type Cycle, type PinnedCycle as Pinned } from '../store/cycles.js';
import { NotFoundError } from '../store/errors.js';
import { getResult, saveResultOp } from '../store/results.js';
import type { WriteOp } from '../store/items.js';
import { CycleNotFoundError, CycleStateError, StateRefusedError } from './errors.js';

// The window's shape and the names of the cycle's records are domain types; re-exported for the steps.
export { PhaseWindowRecordSchema, PLAN, windowName, type PhaseWindowRecord };

/** Runs a read of a cycle; an unknown cycle is a CycleNotFoundError naming `cycleId`. */
async function ofKnownCycle<T>(cycleId: string, read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) throw new CycleNotFoundError('cycle', cycleId, 'cycleId', { cause: error });
    throw error;
  }
}

/** The cycle and its pinned configuration; an unknown cycle is a CycleNotFoundError naming `cycleId`. */
export function loadCycleConfig(store: Store, cycleId: string): Promise<Cycle<CycleConfig>> {
  return ofKnownCycle(cycleId, getCycle(store, cycleId, CycleConfigSchema));
}

/** What no write changes once a cycle starts: its bloc, its year and its configuration. */
export type PinnedCycle = Pinned<CycleConfig>;

/**
 * The cycle's bloc, year and configuration, read once per container (store/cycles.ts says why that is
 * safe); an unknown cycle is a CycleNotFoundError naming `cycleId`. For what acts on a cycle's forms (a
 * link's page and action), which reads nothing that changes from the cycle's item.
 */
export function loadPinnedCycle(store: Store, cycleId: string): Promise<PinnedCycle> {
  return ofKnownCycle(cycleId, getPinnedCycle(store, cycleId, CycleConfigSchema));
}

/** The cycle's pinned part if this container has read it already. */
export function knownPinnedCycle(store: Store, cycleId: string): PinnedCycle | undefined {
  return knownPinned(store, cycleId, CycleConfigSchema);
}

/** The cycle's dossier (functions/dossier/), read in one query; an unknown cycle is a CycleNotFoundError naming `cycleId`. */
export function loadCycleDossier(store: Store, cycleId: string): Promise<Dossier> {
  return ofKnownCycle(cycleId, loadDossier(store, cycleId));
}

/** The dossier of a cycle that has been scored, for its documents; a cycle not yet scored is a StateRefusedError. */
export async function loadScoredDossier(store: Store, cycleId: string): Promise<ScoredDossier> {
  const dossier = await loadCycleDossier(store, cycleId);
  if (!isScored(dossier)) throw new StateRefusedError({ reason: 'notScored' });
  return dossier;
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
