/**
 * What a person does through an emailed link (SPEC §2, §4): save a draft or submit a form. The link
 * decides whose form it is; the submission, the task it completes, the link's use, the audit event and
 * the receipt email (queued in the outbox) are written in one transaction; then the workflow's wait is
 * answered and the receipt sent. Double clicks and two tabs are safe: an identical resubmission is
 * acknowledged as such, a stale one is a VersionConflictError.
 */
import { isDeepStrictEqual } from 'node:util';
import { APPROVER, BONUS_WITHOUT_EVIDENCE, type ConferenceRecord, type Proposal, type TaskPhase } from '../domain/index.js';
import { FilesLinkError, LinkUsedError } from '../links/errors.js';
import { readAuditHead } from '../audit/trail.js';
import { consumeLink, peekLink, resolveLink } from '../links/links.js';
import type { Link } from '../links/link.js';
import { getApprovalRound } from '../store/approvals.js';
import { NotFoundError, StoreError, VersionConflictError } from '../store/errors.js';
import { getForm, saveDraft } from '../store/forms.js';
import { listFiles } from '../store/files.js';
import { cycleKeys } from '../store/keys.js';
import { getTaskToken, getUnitTask, type TaskRef } from '../store/tasks.js';
import { loadPinnedCycle, loadWindow } from './context.js';
import type { CycleDeps } from '../shared/deps.js';
import { AlreadyRecordedError, PhaseClosedError, StateRefusedError } from './errors.js';
import { formSchema } from './forms.js';
import { castSecretBallot, isOnlineBallot, repeatOf as secretRepeatOf } from './secret-ballot.js';
import { ignoring } from '../shared/ignoring.js';
import { LINK_PURPOSE, isReusable } from './notify.js';
import { SUMMARY_AT_ONCE, sendConferenceSummary } from './meeting-mail.js';
import { settleSubmission, submissionWrites } from './submission.js';
import { RESULT_NAMES, readResult } from './results.js';

export interface ActInput {
  linkId: string;
  intent: 'draft' | 'submit';
  /** The form's fields. */
  data: unknown;
  /** An online secret ballot's receipt code, carried by the ballot page; without one a fresh code is drawn. */
  receiptCode?: string | undefined;
  /** The form version the page was rendered from; without it the current version is assumed. */
  formVersion?: number | undefined;
  at: Date;
  source?: { ip?: string | undefined; userAgent?: string | undefined };
}

export type ActResult =
  | { kind: 'draftSaved'; phase: TaskPhase; formVersion: number }
  | { kind: 'submitted'; phase: TaskPhase; formVersion: number; duplicate: boolean; receiptCode?: string | undefined };

const PHASE_OF = { ...Object.fromEntries(Object.entries(LINK_PURPOSE).map(([phase, purpose]) => [purpose, phase])), meetingRecord: 'vote' } as Record<string, TaskPhase>;

/** The piece of work a link stands for. */
export function workOf(link: Link): TaskRef & { phase: TaskPhase; round: number } {
  if (link.purpose === 'adminSignIn') throw new StateRefusedError({ reason: 'signInLink' });
  if (link.purpose === 'dossierFiles') throw new FilesLinkError();
  const phase = link.purpose === 'meetingRecord' ? (link.phase ?? 'vote') : PHASE_OF[link.purpose]!;
  return { cycleId: link.cycleId, phase, round: link.round, unitId: link.purpose === 'approval' ? APPROVER : link.unitId };
}

/** Saves a draft or submits the form a link opens. */
export async function actOnLink(deps: CycleDeps, input: ActInput): Promise<ActResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await actOnce(deps, input);
    } catch (error) {
      // The task moved under us (a deadline extended, the wait registered), or a submission sent at the same
      // instant stored the form first (a double click): read again and retry; an identical one is then a duplicate.
      const moved = error instanceof VersionConflictError && (cycleKeys.isTask(error.key) || (cycleKeys.isForm(error.key) && input.formVersion === undefined));
      if (!moved || attempt >= 3) throw error;
    }
  }
}

async function actOnce(deps: CycleDeps, input: ActInput): Promise<ActResult> {
  const { store } = deps;
  const link = await resolveLink(store, input.linkId, input.at).catch((error: unknown) => repeatedClick(deps, input, error));
  if ('kind' in link) return link;
  const ref = workOf(link);
  const { phase } = ref;
  // Everything the action reads, asked for together: one BatchGetItem (store/reads.ts), not one read each.
  // The task's token and the audit chain's head come with it (the token is on the task's item): nothing is read twice.
  const [cycle, window, task, form, approvalRound, proposal, taskToken, auditHead] = await Promise.all([
    loadPinnedCycle(store, ref.cycleId),
    loadWindow(store, ref.cycleId, phase, ref.round),
    ignoring(NotFoundError, getUnitTask(store, ref)),
    getForm(store, ref),
    phase === 'approval' ? getApprovalRound(store, ref.cycleId, ref.round) : undefined,
    phase === 'revision' ? readResult<Proposal>(store, ref.cycleId, RESULT_NAMES.proposal) : undefined,
    ignoring(NotFoundError, getTaskToken(store, ref)),
    input.intent === 'submit' ? readAuditHead(store, ref.cycleId) : undefined,
  ]);
  if (!window) throw new StateRefusedError({ reason: 'roundNotOpen', phase });
  const deadline = task?.deadline ?? window.deadlineAt;
  const closed =
    task?.status === 'missed' ||
    task?.status === 'cancelled' ||
    (phase === 'approval' ? approvalRound?.status !== 'pending' : input.at.getTime() > Date.parse(deadline));
  // The online ballot is secret: who voted and what was chosen are written apart (secret-ballot.ts).
  if (phase === 'vote' && isOnlineBallot(cycle.config, window)) {
    if (input.intent !== 'submit') throw new StateRefusedError({ reason: 'ballotNoDrafts' });
    return castSecretBallot(deps, input, { ref: { ...ref, phase: 'vote' }, cycle, window, task, form, closed });
  }
  // A repeat of what was submitted (a double click that lost the race, a retried request) is acknowledged, not refused.
  if (closed) {
    const repeat = await repeatOf(deps, input, ref);
    if (repeat) return repeat;
    throw new PhaseClosedError(phase);
  }
  const data = await parseForm(deps, ref, { config: cycle.config, window, proposal }, input);
  const reusable = isReusable(window);
  const actor = phase === 'approval' ? `approver:${cycle.config.approverEmail}` : `unit:${ref.unitId}`;

  if (input.intent === 'draft') {
    if (!reusable) throw new StateRefusedError({ reason: 'formNoDrafts', phase });
    const formVersion = await saveDraft(store, ref, { data, expectedVersion: input.formVersion ?? form?.version ?? 0, now: input.at, actor });
    return { kind: 'draftSaved', phase, formVersion };
  }

  // Sending again exactly what was submitted (a double click, a retried request) changes nothing.
  if (form?.submitted !== undefined && isDeepStrictEqual(form.submitted, data)) return { kind: 'submitted', phase, formVersion: form.version, duplicate: true };
  if (form?.submitted !== undefined && window.meeting) throw new AlreadyRecordedError();
  if (form?.submitted !== undefined && !reusable) throw new StateRefusedError({ reason: 'alreadySubmitted', phase });
  const expectedVersion = input.formVersion ?? form?.version ?? 0;
  const checkedUnitId = phase === 'crossCheck' ? window.assignments.find((a) => a.checkerUnitId === ref.unitId)?.checkedUnitId : undefined;
  const { ops, receipt, endsWait } = await submissionWrites(deps, { ref, cycle, task, form, data, approvalRound, actor, expectedVersion, changeableUntil: reusable ? deadline : undefined, checkedUnitId, at: input.at });
  try {
    await consumeLink(store, {
      id: input.linkId,
      now: input.at,
      read: { link, auditHead },
      ops,
      audit: {
        chainId: ref.cycleId,
        actor,
        action: `${phase}.submitted`,
        target: `form:${phase}:${ref.round}:${ref.unitId}`,
        before: form?.submitted,
        after: data,
        ...(input.source?.ip ? { sourceIp: input.source.ip } : {}),
        ...(input.source?.userAgent ? { userAgent: input.source.userAgent } : {}),
      },
    });
  } catch (error) {
    // Another click stored the same submission first (the link used, a version moved, the items contended):
    // the same answer as a repeat.
    const repeat = error instanceof LinkUsedError || error instanceof StoreError ? await repeatOf(deps, input, ref) : undefined;
    if (repeat) return repeat;
    throw error;
  }
  await settleSubmission(deps, { ref, task, taskToken, data, endsWait, receipt, at: input.at });
  // The conference's record goes to every unit and guest now; the tally step (the year-end conference) or the
  // phase's close (the pledge and mid-year ones) queues it again, once, should this request die here.
  if (window.meeting) await sendConferenceSummary(deps, cycle, window, data as unknown as ConferenceRecord, input.at, SUMMARY_AT_ONCE);
  return { kind: 'submitted', phase, formVersion: expectedVersion + 1, duplicate: false };
}

/**
 * A used single-use link posted again with exactly what it submitted (a double click, a retried request)
 * is acknowledged as that submission; anything else gets the link's own error.
 */
async function repeatedClick(deps: CycleDeps, input: ActInput, error: unknown): Promise<ActResult> {
  const link = error instanceof LinkUsedError ? await peekLink(deps.store, input.linkId) : undefined;
  if (!link || link.purpose === 'adminSignIn') throw error;
  const ref = workOf(link);
  if (ref.phase === 'vote' && input.intent === 'submit') {
    const [cycle, window] = await Promise.all([loadPinnedCycle(deps.store, ref.cycleId), loadWindow(deps.store, ref.cycleId, 'vote', ref.round)]);
    if (window && isOnlineBallot(cycle.config, window)) {
      // Any repeat of a cast ballot is told it was cast; only the code's holder sees the code again.
      const repeat = await secretRepeatOf(deps, input, { ...ref, phase: 'vote' }, cycle.config, window);
      const form = repeat ? undefined : await getForm(deps.store, ref);
      if (repeat) return repeat;
      if (form?.submitted !== undefined) return { kind: 'submitted', phase: 'vote', formVersion: form.version, duplicate: true };
      throw error;
    }
  }
  const repeat = await repeatOf(deps, input, ref);
  if (!repeat) throw error;
  return repeat;
}

/**
 * The form, parsed by its phase's schema. A self-assessment refused for a bonus claimed without a note or a
 * link is read again against the evidence files the unit uploaded for its criteria: a decision uploaded as
 * a file is evidence too. The files are read only then, so a submission otherwise costs no extra read.
 */
async function parseForm(
  deps: CycleDeps,
  ref: TaskRef & { phase: TaskPhase },
  of: { config: Parameters<typeof formSchema>[1]; window: Parameters<typeof formSchema>[2]; proposal: Proposal | undefined },
  input: ActInput,
): Promise<Record<string, unknown>> {
  const mode = input.intent === 'draft' ? 'draft' : 'submission';
  const parsed = formSchema(ref.phase, of.config, of.window, mode, of.proposal, input.at).safeParse(input.data);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  if (mode === 'draft' || !parsed.error.issues.some((i) => i.message === BONUS_WITHOUT_EVIDENCE)) throw parsed.error;
  const files = await listFiles(deps.store, ref.cycleId);
  const filed = new Set(files.filter((f) => f.unitId === ref.unitId && f.purpose === 'evidence' && f.criterion).map((f) => f.criterion!));
  return formSchema(ref.phase, of.config, of.window, mode, of.proposal, input.at, filed).parse(input.data) as Record<string, unknown>;
}

/** The acknowledgement of a submission identical to the one stored (a repeat); undefined for anything else. */
async function repeatOf(deps: CycleDeps, input: ActInput, ref: TaskRef & { phase: TaskPhase; round: number }): Promise<ActResult | undefined> {
  if (input.intent !== 'submit') return undefined;
  const form = await getForm(deps.store, ref);
  if (form?.submitted === undefined) return undefined;
  const cycle = await loadPinnedCycle(deps.store, ref.cycleId);
  const window = await loadWindow(deps.store, ref.cycleId, ref.phase, ref.round);
  const parsed = window && formSchema(ref.phase, cycle.config, window, 'submission', await readResult<Proposal>(deps.store, ref.cycleId, RESULT_NAMES.proposal)).safeParse(input.data);
  if (!parsed?.success || !isDeepStrictEqual(form.submitted, parsed.data)) return undefined;
  return { kind: 'submitted', phase: ref.phase, formVersion: form.version, duplicate: true };
}
