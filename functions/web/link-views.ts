/**
 * What a link's page shows (GET): whose form it is, its window, what the unit has saved or submitted, and
 * what the form needs to show beside its fields (the sheet, the checked unit's scores, the nominees, the
 * dossier). Reading only: opening a link changes nothing.
 */
import { rotationProposal, type CycleConfig, type TaskPhase } from '../domain/index.js';
import { workOf } from '../cycle/actions.js';
import { loadCycleConfig, loadCycleDossier, loadWindow, type PhaseWindowRecord } from '../cycle/context.js';
import type { CycleDeps } from '../shared/deps.js';
import { CycleStateError } from '../cycle/errors.js';
import { ignoring } from '../shared/ignoring.js';
import { isReusable, unitName } from '../cycle/notify.js';
import { LinkUsedError } from '../links/errors.js';
import { peekLink, resolveLink } from '../links/links.js';
import { getApprovalRound } from '../store/approvals.js';
import { NotFoundError } from '../store/errors.js';
import { listFiles } from '../store/files.js';
import { listUnitHistory, type UnitYearResult } from '../store/history.js';
import { getForm, type Form } from '../store/forms.js';
import { getUnitTask, type UnitTask } from '../store/tasks.js';
import type { Dossier, DossierFile } from '../dossier/index.js';

export interface LinkView {
  linkId: string;
  phase: TaskPhase;
  round: number;
  cycleId: string;
  year: number;
  config: CycleConfig;
  unitId: string;
  unitName: string;
  window: PhaseWindowRecord;
  task?: UnitTask | undefined;
  form?: Form | undefined;
  deadlineAt: string;
  /** Whether the form still accepts a submission. */
  open: boolean;
  /** A single-use link that has already acted (shown read-only). */
  used: boolean;
  reusable: boolean;
  /** Cross-check: the checked unit and what it submitted. */
  checked?: { unitId: string; name: string; scores: Record<string, { points: number; note?: string; evidenceUrl?: string }> } | undefined;
  /** Ballot: next year's leaders proposed by rotation. */
  rotation?: { leaderUnitId: string; deputyUnitId: string } | undefined;
  /** Approval, revision, ballot, leaders' decision: the bloc's dossier. */
  dossier?: Dossier | undefined;
  /** Revision: why the province returned the dossier. */
  returnReason?: string | undefined;
  /** Self-assessment: the unit's own evidence files; cross-check: the checked unit's (minh chứng). */
  evidence?: DossierFile[] | undefined;
  /** A member unit's page: its results of the years published so far (not the approver's). */
  history?: UnitYearResult[] | undefined;
}

/** The evidence files a unit added, oldest first, as the pages show them (without their storage key). */
async function evidenceOf(store: CycleDeps['store'], cycleId: string, unitId: string): Promise<DossierFile[]> {
  return (await listFiles(store, cycleId)).filter((f) => f.unitId === unitId && f.purpose === 'evidence').map(({ key: _key, cycleId: _cycle, ...file }) => file);
}

const DOSSIER_PHASES: readonly TaskPhase[] = ['vote', 'leaderDecision', 'approval', 'revision'];

/**
 * The page model of a link. With `allowUsed`, a single-use link that has acted still shows (read-only,
 * `used`), so opening it again shows what was sent instead of an error.
 */
export async function viewLink(deps: CycleDeps, linkId: string, at: Date, options: { allowUsed?: boolean } = {}): Promise<LinkView> {
  const { store } = deps;
  let used = false;
  const link = await resolveLink(store, linkId, at).catch(async (error: unknown) => {
    const peeked = options.allowUsed && error instanceof LinkUsedError ? await peekLink(store, linkId) : undefined;
    if (!peeked) throw error;
    used = true;
    return peeked;
  });
  const ref = workOf(link);
  // What the page reads, asked for together: one BatchGetItem (store/items.ts), not one read each.
  const [cycle, window, task, form, approvalRound] = await Promise.all([
    loadCycleConfig(store, ref.cycleId),
    loadWindow(store, ref.cycleId, ref.phase, ref.round),
    ignoring(NotFoundError, getUnitTask(store, ref)),
    getForm(store, ref),
    ref.phase === 'approval' || ref.phase === 'revision' ? getApprovalRound(store, ref.cycleId, ref.round) : undefined,
  ]);
  if (!window) throw new CycleStateError(`${ref.phase} round ${ref.round} is not open`, 'link');
  const deadlineAt = task?.deadline ?? window.deadlineAt;
  const open =
    !used &&
    (ref.phase === 'approval' ? approvalRound?.status === 'pending' : task?.status !== 'missed' && at.getTime() <= Date.parse(deadlineAt));
  const config = cycle.config;
  // The approver is no member unit: its page has no years of its own.
  const history = ref.phase === 'approval' ? undefined : await listUnitHistory(store, config.bloc.id, ref.unitId);
  const view: LinkView = {
    linkId,
    phase: ref.phase,
    round: ref.round,
    cycleId: ref.cycleId,
    year: cycle.year,
    config,
    unitId: ref.unitId,
    unitName: unitName(config, ref.unitId),
    window,
    task,
    form,
    deadlineAt,
    open,
    used,
    reusable: isReusable(window),
    history,
  };
  if (ref.phase === 'crossCheck') {
    const checkedUnitId = window.assignments.find((a) => a.checkerUnitId === ref.unitId)?.checkedUnitId;
    if (checkedUnitId) {
      const submitted = (await getForm<{ scores: Record<string, { points: number }> }>(store, { cycleId: ref.cycleId, phase: 'selfAssessment', round: 1, unitId: checkedUnitId }))?.submitted;
      view.checked = { unitId: checkedUnitId, name: config.bloc.units.find((u) => u.id === checkedUnitId)!.name, scores: submitted?.scores ?? {} };
      view.evidence = await evidenceOf(store, ref.cycleId, checkedUnitId);
    }
  }
  if (ref.phase === 'selfAssessment' || ref.phase === 'midYear') view.evidence = await evidenceOf(store, ref.cycleId, ref.unitId);
  if (ref.phase === 'vote') view.rotation = rotationProposal(config.bloc);
  if (DOSSIER_PHASES.includes(ref.phase)) view.dossier = await loadCycleDossier(store, ref.cycleId);
  if (ref.phase === 'revision') {
    view.returnReason = approvalRound?.reason;
  }
  return view;
}
