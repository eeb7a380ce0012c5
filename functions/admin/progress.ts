/**
 * A cycle as the admin follows it (SPEC §2): each opened phase with its deadline and, per unit, whether
 * it has acted, is still expected, or missed the deadline; the results so far; the audit trail's state.
 */
import { PhaseWindowRecordSchema, type PhaseWindowRecord } from '../cycle/context.js';
import type { CycleDeps } from '../shared/deps.js';
import { loadCycleConfig } from '../cycle/context.js';
import { verifyAuditChain, listAuditEvents, type AuditEvent, type AuditVerification } from '../audit/trail.js';
import { getPinnedCycle, listCycleHeadsOfYear, type Cycle } from '../store/cycles.js';
import { inPool } from '../shared/in-pool.js';
import { loadCycle, loadCycleProgressView, type CycleView } from '../store/cycle-view.js';
import { CycleConfigSchema, type CycleConfig } from '../domain/index.js';
import { RESULT_NAMES, type FinalResult } from '../cycle/results.js';
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

/**
 * A cycle's progress and how it ended (approved or not, once published), from its windows, its final
 * result and its tasks only (`cycle` as the year's listing gave it): the dashboard lists a year's cycles.
 * Who has acted is read from the tasks, which say when their unit submitted (the unit may still correct its
 * form until the deadline); drafts are not told.
 */
export async function cycleSummary(deps: CycleDeps, cycle: Cycle<CycleConfig>): Promise<{ progress: CycleProgress; outcome?: string | undefined }> {
  // Tasks of a closed cycle too: its last phase reads "1/1" once the approver decided, not "0/1".
  const view = await loadCycleProgressView(deps.store, cycle);
  const final = view.results.find((r) => r.name === RESULT_NAMES.final)?.data as FinalResult | undefined;
  return { progress: progressOfView(cycle, view), outcome: final?.status };
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
      // A task closed as done, or open and marked submitted, was submitted, also where its form was not read
      // (the province reads no forms).
      const submittedAt = form?.submittedAt ?? task?.submittedAt;
      const state: ActorState = submittedAt || task?.status === 'done' ? 'acted' : task?.status === 'missed' ? 'missed' : form ? 'draft' : 'waiting';
      return { unitId, state, submittedAt, deadline: task?.deadline ?? window.deadlineAt };
    });
    return { window, actors, acted: actors.filter((a) => a.state === 'acted').length };
  });
  return { cycle, phases };
}

/**
 * The cycles of a year by bloc, each with its configuration: the listing reads only the cycles' heads, the
 * configurations (about 20 KB each, that never change) are kept per container once read.
 */
export async function cyclesOfYear(deps: CycleDeps, year: number): Promise<Cycle<CycleConfig>[]> {
  const heads = await cycleHeadsOfYear(deps, year);
  const cycles: Cycle<CycleConfig>[] = [];
  await inPool(heads, 16, async (head, i) => {
    cycles[i] = { ...head, config: (await getPinnedCycle(deps.store, head.cycleId, CycleConfigSchema)).config };
  });
  return cycles;
}

/** The cycles of a year by bloc, without their configuration: ids, bloc, phase, status. */
export async function cycleHeadsOfYear(deps: CycleDeps, year: number): Promise<Omit<Cycle, 'config'>[]> {
  return (await listCycleHeadsOfYear(deps.store, year)).sort((a, b) => a.blocId.localeCompare(b.blocId));
}

/** The cycle's audit trail and whether its hash chain holds. */
export async function auditOf(deps: CycleDeps, cycleId: string): Promise<{ events: AuditEvent[]; verification: AuditVerification }> {
  const [events, verification] = await Promise.all([listAuditEvents(deps.store, cycleId), verifyAuditChain(deps.store, cycleId)]);
  return { events, verification };
}
