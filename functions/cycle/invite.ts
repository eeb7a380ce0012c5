/**
 * The invitation that opens an actor's work in a window (SPEC §4), with its link; the approver's carries
 * the bloc's documents. Apart from the other emails of the cycle (notify.ts) so that only the functions
 * that open work — open-phase and the admin's interventions — bundle the document builders.
 */
import { APPROVER, type TaskPhase, type VoteRound } from '../domain/index.js';
import { buildDocuments } from '../documents/index.js';
import type { EmailData, EmailKind } from '../mail/kinds.js';
import { getOutboxEntry } from '../mail/outbox.js';
import type { Dossier } from '../dossier/index.js';
import { FILE_PHRASES } from '../shared/file-phrases.js';
import { getForm } from '../store/forms.js';
import { loadPlan, loadScoredDossier, type PhaseWindowRecord } from './context.js';
import type { CycleDeps } from '../shared/deps.js';
import { RESULT_NAMES, readResult } from './results.js';
import { common, linkOp, queueOp, recipientOf, unitName, type CycleOf } from './notify.js';
import { AlreadyExistsError } from '../store/errors.js';
import { transact } from '../store/items.js';
import { ignoring } from '../shared/ignoring.js';

/** The email that opens an actor's work in a window, with its link: queued, the drainer sends it. */
export async function invite(
  deps: CycleDeps,
  cycle: CycleOf,
  window: PhaseWindowRecord,
  actor: string,
  at: Date,
  /** Tells a second invitation to the same work apart (an admin reopening a form). */
  occasion?: string,
): Promise<void> {
  await inviteAll(deps, cycle, window, [actor], at, occasion);
}

/**
 * Invites every actor of a window: which were invited before (a retried step) is read for all of them at
 * once, then each remaining invitation is one transaction, its link and its queued email together (a link
 * is issued only with the email that carries it; should the email exist meanwhile, neither is written).
 * One after another: written side by side, 40 blocs opening together in the local stack's one process
 * queued hundreds of requests on its SDK client and starved the admin's start (the province drill failed).
 */
export async function inviteAll(deps: CycleDeps, cycle: CycleOf, window: PhaseWindowRecord, actors: readonly string[], at: Date, occasion?: string): Promise<void> {
  const phase = window.phase as TaskPhase;
  const kind = window.meeting ? 'meetingRecord' : INVITATION[phase];
  const round = `${phase}.${window.round}${occasion ? `.${occasion}` : ''}`;
  const keyOf = (actor: string) => ({ cycleId: cycle.cycleId, kind, recipient: recipientOf(cycle.config, actor), round });
  // Read together: one BatchGetItem (store/reads.ts); the plan says how long the links last.
  const [plan, ...queued] = await Promise.all([loadPlan(deps.store, cycle.cycleId), ...actors.map((actor) => getOutboxEntry(deps.store, keyOf(actor)))]);
  const dossier = phase === 'approval' ? await loadScoredDossier(deps.store, cycle.cycleId) : undefined;
  // The approver reads the bloc's dossier: the summary, the minutes and the proposal go with the request;
  // the files the members added are links to the approver's page (they may be large: SES caps a message).
  const attachments = dossier ? await buildDocuments(dossier) : undefined;
  for (const actor of actors.filter((_, i) => !queued[i])) {
    const link = linkOp(deps, cycle, window, plan, actor, at);
    const data = await invitationData(deps, cycle, window, actor, link.url, dossier, occasion !== undefined);
    const email = queueOp(deps, cycle, kind, keyOf(actor).recipient, round, data, at, attachments);
    await ignoring(AlreadyExistsError, transact(deps.store, [email, link.op]));
  }
}

const INVITATION: Record<TaskPhase, EmailKind> = {
  pledge: 'phaseOpened',
  midYear: 'phaseOpened',
  selfAssessment: 'phaseOpened',
  crossCheck: 'crossCheckAssignment',
  vote: 'ballot',
  leaderDecision: 'leaderDecision',
  approval: 'approvalRequest',
  revision: 'returnedForRevision',
};

/** The dossier's files as the approval request lists them: what, whose, its name, and its link. */
function fileLinks(cycle: CycleOf, dossier: Dossier, link: string) {
  const purposes = FILE_PHRASES[cycle.config.language].purposes;
  return dossier.files.map((f) => ({
    label: `${purposes[f.purpose as keyof typeof purposes] ?? f.purpose}${f.criterion ? ` ${f.criterion}` : ''} — ${unitName(cycle.config, f.unitId)}: ${f.fileName}`,
    url: `${link}/files/${f.fileId}`,
  }));
}

async function invitationData(deps: CycleDeps, cycle: CycleOf, window: PhaseWindowRecord, actor: string, link: string, dossier: Dossier | undefined, reopened: boolean): Promise<EmailData<EmailKind>> {
  const base = { ...common(cycle, actor), link, deadline: window.deadlineAt };
  const names = (ids: readonly string[]) => ids.map((id) => unitName(cycle.config, id));
  const nominees = { flagNominees: names(window.ballot?.flagCandidates ?? []), certificateNominees: names(window.ballot?.certificateNominees ?? []) };
  // A conference's secretary records the sitting: the year-end one with the nominees the room votes on.
  if (window.meeting) return { ...base, conference: window.meeting.kind, ...nominees, secretBallot: cycle.config.rules.voteMode === 'secretBallot' };
  switch (window.phase as TaskPhase) {
    case 'crossCheck': {
      const checked = window.assignments.find((a) => a.checkerUnitId === actor)!.checkedUnitId;
      return { ...base, checkedUnitName: unitName(cycle.config, checked) };
    }
    case 'vote': {
      const previous = window.round > 1 ? await readResult<VoteRound>(deps.store, cycle.cycleId, RESULT_NAMES.vote(window.round - 1)) : undefined;
      const tied = previous !== undefined && previous.flag.filter((t) => t.passes).length > 1;
      return { ...base, round: window.round, ...nominees, ...(previous ? { runoff: { thresholdPercent: cycle.config.rules.voteThresholds.flag, tied } } : {}) };
    }
    case 'leaderDecision':
      return { ...base, round: window.round, candidates: names(window.candidates ?? []) };
    case 'approval':
      return { ...base, round: window.round, files: dossier ? fileLinks(cycle, dossier, link) : [] };
    case 'revision': {
      const decision = await getForm<{ reason?: string }>(deps.store, { cycleId: cycle.cycleId, phase: 'approval', round: window.round, unitId: APPROVER });
      return { ...base, round: window.round, reason: decision?.submitted?.reason ?? '' };
    }
    default:
      // A reopened form says so: "mở giai đoạn" would tell the unit the phase opened only now.
      return { ...base, phase: window.phase as 'pledge' | 'midYear' | 'selfAssessment', ...(reopened ? { reopened } : {}) };
  }
}
