/**
 * What a link's page shows (GET): whose form it is, its window, what the unit has saved or submitted, and
 * what the form needs to show beside its fields (the sheet, the checked unit's scores, the nominees, the
 * dossier). Reading only: opening a link changes nothing.
 */
import { assignCrossChecks, rotationProposal, type CycleConfig, type TaskPhase } from '../domain/index.js';
import { workOf } from '../cycle/actions.js';
import { knownPinnedCycle, loadCycleDossier, loadPinnedCycle, loadWindow, type PhaseWindowRecord } from '../cycle/context.js';
import type { CycleDeps } from '../shared/deps.js';
import { StateRefusedError } from '../cycle/errors.js';
import { ignoring } from '../shared/ignoring.js';
import { isReusable, unitName } from '../cycle/notify.js';
import { LinkUsedError } from '../links/errors.js';
import { peekLink, resolveLink } from '../links/links.js';
import { getApprovalRound } from '../store/approvals.js';
import { NotFoundError } from '../store/errors.js';
import { listFiles, type StoredFile } from '../store/files.js';
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
function evidenceOf(files: readonly StoredFile[], unitId: string): DossierFile[] {
  return files.filter((f) => f.unitId === unitId && f.purpose === 'evidence').map(({ key: _key, cycleId: _cycle, ...file }) => file);
}

const DOSSIER_PHASES: readonly TaskPhase[] = ['vote', 'leaderDecision', 'approval', 'revision'];
/** The pages that show evidence: the unit's own (self-assessment, mid-year), the checked unit's (cross-check). */
const EVIDENCE_PHASES: readonly TaskPhase[] = ['selfAssessment', 'midYear', 'crossCheck'];

type SelfAssessment = { scores: Record<string, { points: number }> };
const selfAssessmentOf = (cycleId: string, unitId: string) => ({ cycleId, phase: 'selfAssessment' as const, round: 1, unitId });

/** The unit a checker checks as the phase's opening assigns it (open-phase.ts), from the pinned configuration alone. */
function expectedCheckedUnit(config: CycleConfig, cycleId: string, checkerUnitId: string): string | undefined {
  return assignCrossChecks(config.bloc.units.map((u) => u.id), cycleId).find((a) => a.checkerUnitId === checkerUnitId)?.checkedUnitId;
}

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
  // What the page reads, in one round trip once the link is known: the items in one BatchGetItem
  // (store/reads.ts), the cycle's files and the unit's earlier years (queries) beside it. The years need the
  // cycle's bloc and a cross-check the unit it checks: known without a read once this container has read the
  // cycle (its pinned part never changes); a cold container reads them after.
  const known = knownPinnedCycle(store, ref.cycleId);
  const memberPage = ref.phase !== 'approval'; // the approver is no member unit: no years of its own
  const checkedGuess = ref.phase === 'crossCheck' && known ? expectedCheckedUnit(known.config, ref.cycleId, ref.unitId) : undefined;
  const [cycle, window, task, form, approvalRound, files, historyRead, checkedFormRead] = await Promise.all([
    loadPinnedCycle(store, ref.cycleId),
    loadWindow(store, ref.cycleId, ref.phase, ref.round),
    ignoring(NotFoundError, getUnitTask(store, ref)),
    getForm(store, ref),
    ref.phase === 'approval' || ref.phase === 'revision' ? getApprovalRound(store, ref.cycleId, ref.round) : undefined,
    EVIDENCE_PHASES.includes(ref.phase) ? listFiles(store, ref.cycleId) : undefined,
    known && memberPage ? listUnitHistory(store, known.config.bloc.id, ref.unitId) : undefined,
    checkedGuess ? getForm<SelfAssessment>(store, selfAssessmentOf(ref.cycleId, checkedGuess)) : undefined,
  ]);
  if (!window) throw new StateRefusedError({ reason: 'roundNotOpen', phase: ref.phase });
  const deadlineAt = task?.deadline ?? window.deadlineAt;
  const open =
    !used &&
    (ref.phase === 'approval' ? approvalRound?.status === 'pending' : task?.status !== 'missed' && at.getTime() <= Date.parse(deadlineAt));
  const config = cycle.config;
  const history = memberPage ? (historyRead ?? (await listUnitHistory(store, config.bloc.id, ref.unitId))) : undefined;
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
    // The window's assignment decides; the guess only saved the round trip when it was right.
    const checkedUnitId = window.assignments.find((a) => a.checkerUnitId === ref.unitId)?.checkedUnitId;
    if (checkedUnitId) {
      const checkedForm = checkedUnitId === checkedGuess ? checkedFormRead : await getForm<SelfAssessment>(store, selfAssessmentOf(ref.cycleId, checkedUnitId));
      view.checked = { unitId: checkedUnitId, name: config.bloc.units.find((u) => u.id === checkedUnitId)!.name, scores: checkedForm?.submitted?.scores ?? {} };
      view.evidence = evidenceOf(files ?? [], checkedUnitId);
    }
  }
  if (ref.phase === 'selfAssessment' || ref.phase === 'midYear') view.evidence = evidenceOf(files ?? [], ref.unitId);
  if (ref.phase === 'vote') view.rotation = rotationProposal(config.bloc);
  if (DOSSIER_PHASES.includes(ref.phase)) view.dossier = await loadCycleDossier(store, ref.cycleId);
  if (ref.phase === 'revision') {
    view.returnReason = approvalRound?.reason;
  }
  return view;
}
