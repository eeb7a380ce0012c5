/**
 * The emails of the cycle (SPEC §4), each sent once per (cycle, kind, recipient, phase and round) through
 * the outbox. An email that carries a link gets a fresh link only when its outbox item does not exist yet,
 * so a retried step neither issues links nobody receives nor sends twice.
 */
import { APPROVER, type CycleConfig, type TaskPhase } from '../domain/index.js';
import { dossierDocuments } from '../documents/index.js';
import { createLink } from '../links/links.js';
import type { LinkPurpose, LinkTarget } from '../links/link.js';
import type { EmailData, EmailKind } from '../mail/kinds.js';
import { queueEmailOp, sendEmailOnce, type SendOutcome } from '../mail/mailer.js';
import type { Attachment } from '../mail/mime.js';
import { getOutboxEntry } from '../mail/outbox.js';
import { getForm } from '../store/forms.js';
import type { Cycle } from '../store/cycles.js';
import type { PhaseWindowRecord } from './context.js';
import type { CycleDeps } from './deps.js';

type CycleOf = Cycle<CycleConfig>;

/** The link purpose of each kind of work. */
export const LINK_PURPOSE: Record<TaskPhase, Exclude<LinkPurpose, 'adminSignIn'>> = {
  pledge: 'pledge',
  midYear: 'midYear',
  selfAssessment: 'selfAssessment',
  crossCheck: 'crossCheck',
  vote: 'ballot',
  leaderDecision: 'leaderDecision',
  approval: 'approval',
  revision: 'revision',
};

/** Forms kept as drafts and resubmittable until the deadline; the others act once. */
export const REUSABLE_PHASES: readonly TaskPhase[] = ['midYear', 'selfAssessment', 'crossCheck'];

export function unitName(config: CycleConfig, unitId: string): string {
  if (unitId === APPROVER) return config.language === 'en' ? 'Emulation and Commendation Board' : 'Ban Thi đua – Khen thưởng';
  return config.bloc.units.find((u) => u.id === unitId)?.name ?? unitId;
}

export function recipientOf(config: CycleConfig, actor: string): string {
  return actor === APPROVER ? config.approverEmail : config.bloc.units.find((u) => u.id === actor)!.email;
}

const common = (cycle: CycleOf, actor: string) => ({ recipientName: unitName(cycle.config, actor), blocName: cycle.config.bloc.name, year: cycle.year });

/** Issues a link for an actor's work in a window; its expiry is the window's safety cap, deadlines are checked on use. */
export async function issueLink(deps: CycleDeps, cycle: CycleOf, window: PhaseWindowRecord, actor: string, at: Date): Promise<string> {
  const phase = window.phase as TaskPhase;
  const purpose = LINK_PURPOSE[phase];
  const target: LinkTarget =
    purpose === 'approval'
      ? { purpose, cycleId: cycle.cycleId, round: window.round, approverEmail: cycle.config.approverEmail }
      : { purpose, cycleId: cycle.cycleId, unitId: actor, round: window.round };
  const { id } = await createLink(deps.store, target, { expiresAt: new Date(window.capAt), now: at, singleUse: !REUSABLE_PHASES.includes(phase) });
  return `${deps.publicUrl}/l/${id}`;
}

/** The email that opens an actor's work in a window, with its link. */
export async function invite(
  deps: CycleDeps,
  cycle: CycleOf,
  window: PhaseWindowRecord,
  actor: string,
  at: Date,
  /** Tells a second invitation to the same work apart (an admin reopening a form). */
  occasion?: string,
): Promise<SendOutcome | undefined> {
  const phase = window.phase as TaskPhase;
  const kind = INVITATION[phase];
  const recipient = recipientOf(cycle.config, actor);
  const round = `${phase}.${window.round}${occasion ? `.${occasion}` : ''}`;
  if (await getOutboxEntry(deps.store, { cycleId: cycle.cycleId, kind, recipient, round })) return undefined;
  const link = await issueLink(deps, cycle, window, actor, at);
  const data = await invitationData(deps, cycle, window, actor, link);
  // The approver reads the bloc's dossier: the summary, the minutes and the proposal go with the request.
  const attachments = phase === 'approval' ? await dossierDocuments(deps.store, cycle.cycleId) : undefined;
  return send(deps, cycle, kind, recipient, round, data, at, attachments);
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

async function invitationData(deps: CycleDeps, cycle: CycleOf, window: PhaseWindowRecord, actor: string, link: string): Promise<EmailData<EmailKind>> {
  const base = { ...common(cycle, actor), link, deadline: window.deadlineAt };
  const names = (ids: readonly string[]) => ids.map((id) => unitName(cycle.config, id));
  switch (window.phase as TaskPhase) {
    case 'crossCheck': {
      const checked = window.assignments.find((a) => a.checkerUnitId === actor)!.checkedUnitId;
      return { ...base, checkedUnitName: unitName(cycle.config, checked) };
    }
    case 'vote':
      return { ...base, round: window.round, nominees: names([...(window.ballot?.flagCandidates ?? []), ...(window.ballot?.certificateNominees ?? [])]) };
    case 'leaderDecision':
      return { ...base, round: window.round, candidates: names(window.candidates ?? []) };
    case 'approval':
      return { ...base, round: window.round };
    case 'revision': {
      const decision = await getForm<{ reason?: string }>(deps.store, { cycleId: cycle.cycleId, phase: 'approval', round: window.round, unitId: APPROVER });
      return { ...base, round: window.round, reason: decision?.submitted?.reason ?? '' };
    }
    default:
      return { ...base, phase: window.phase as 'pledge' | 'midYear' | 'selfAssessment' };
  }
}

/** Sends one email of the cycle, once per key. */
export function send<K extends EmailKind>(
  deps: CycleDeps,
  cycle: CycleOf,
  kind: K,
  recipient: string,
  round: string,
  data: EmailData<K>,
  at: Date,
  attachments?: Attachment[],
): Promise<SendOutcome> {
  return sendEmailOnce(deps.mailer, { cycleId: cycle.cycleId, kind, recipient, round, data, language: cycle.config.language, now: at, ...(attachments ? { attachments } : {}) });
}

/** One email of the cycle as a write of the caller's transaction; `sendQueued` (mail/mailer.ts) sends it after the commit. */
export function queueEmail<K extends EmailKind>(deps: CycleDeps, cycle: CycleOf, kind: K, recipient: string, round: string, data: EmailData<K>, at: Date) {
  return queueEmailOp(deps.mailer, { cycleId: cycle.cycleId, kind, recipient, round, data, language: cycle.config.language, now: at });
}

/** Alerts every admin of the cycle, once per `key`. */
export async function alertAdmins(deps: CycleDeps, cycle: CycleOf, key: string, title: string, detail: string, at: Date): Promise<void> {
  for (const admin of cycle.config.adminEmails) {
    await send(deps, cycle, 'adminAlert', admin, key, { recipientName: admin, title, detail, link: `${deps.publicUrl}/admin/cycles/${cycle.cycleId}` }, at);
  }
}
