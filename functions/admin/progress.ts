/**
 * A cycle as the admin follows it (SPEC §2): each opened phase with its deadline and, per unit, whether
 * it has acted, is still expected, or missed the deadline; the results so far; the audit trail's state.
 */
import { PhaseWindowRecordSchema, type PhaseWindowRecord } from '../cycle/context.js';
import type { CycleDeps } from '../shared/deps.js';
import { loadCycleConfig } from '../cycle/context.js';
import { verifyAuditChain, listAuditEvents, type AuditEvent, type AuditVerification } from '../audit/trail.js';
import { listCyclesOfYear, type Cycle } from '../store/cycles.js';
import { loadCycle, type CycleView } from '../store/cycle-view.js';
import type { CycleConfig } from '../domain/index.js';
import { dossierOf, type Dossier } from '../dossier/dossier.js';

export type ActorState = 'acted' | 'draft' | 'waiting' | 'missed';

export interface PhaseProgress {
  window: PhaseWindowRecord;
  actors: { unitId: string; state: ActorState; submittedAt?: string | undefined; deadline: string }[];
  acted: number;
}

export interface CycleProgress {
  cycle: Cycle<CycleConfig>;
  phases: PhaseProgress[];
}

/** The cycle's phases in the order they opened, with each actor's state. */
export async function cycleProgress(deps: CycleDeps, cycleId: string): Promise<CycleProgress> {
  const cycle = await loadCycleConfig(deps.store, cycleId);
  return progressOfView(cycle, await loadCycle(deps.store, cycleId));
}

/** The cycle's progress and its dossier from one read of its partition (the cycle's page and its JSON show both). */
export async function cycleProgressAndDossier(deps: CycleDeps, cycleId: string): Promise<{ progress: CycleProgress; dossier: Dossier }> {
  const cycle = await loadCycleConfig(deps.store, cycleId);
  const view = await loadCycle(deps.store, cycleId);
  return { progress: progressOfView(cycle, view), dossier: dossierOf(view) };
}

/** The progress of a cycle from its partition as read in one query (the province view reads many). */
export function progressOfView(cycle: Cycle<CycleConfig>, view: CycleView): CycleProgress {
  const windows = view.results
    .filter((r) => r.name.startsWith('window.'))
    .map((r) => PhaseWindowRecordSchema.parse(r.data))
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt) || a.round - b.round);
  const phases = windows.map((window) => {
    const actors = window.actors.map((unitId) => {
      const same = (x: { phase: string; round: number; unitId: string }) => x.phase === window.phase && x.round === window.round && x.unitId === unitId;
      const task = view.tasks.find(same);
      const form = view.forms.find(same);
      // A task closed as done was submitted, also where its form was not read (the province reads no forms).
      const state: ActorState = form?.submittedAt || task?.status === 'done' ? 'acted' : task?.status === 'missed' ? 'missed' : form ? 'draft' : 'waiting';
      return { unitId, state, submittedAt: form?.submittedAt, deadline: task?.deadline ?? window.deadlineAt };
    });
    return { window, actors, acted: actors.filter((a) => a.state === 'acted').length };
  });
  return { cycle, phases };
}

/** The cycles of a year, newest bloc first. */
export async function cyclesOfYear(deps: CycleDeps, year: number): Promise<Cycle[]> {
  return (await listCyclesOfYear(deps.store, year)).sort((a, b) => a.blocId.localeCompare(b.blocId));
}

/** The cycle's audit trail and whether its hash chain holds. */
export async function auditOf(deps: CycleDeps, cycleId: string): Promise<{ events: AuditEvent[]; verification: AuditVerification }> {
  const [events, verification] = await Promise.all([listAuditEvents(deps.store, cycleId), verifyAuditChain(deps.store, cycleId)]);
  return { events, verification };
}
