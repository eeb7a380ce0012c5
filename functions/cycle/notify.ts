/**
 * The emails of the cycle (SPEC §4), each sent once per (cycle, kind, recipient, phase and round) through
 * the outbox. An email that carries a link gets a fresh link only when its outbox item does not exist yet,
 * so a retried step neither issues links nobody receives nor sends twice.
 */
import { APPROVER, currentLeader, linkLastsUntil, type CycleConfig, type CyclePlan, type TaskPhase } from '../domain/index.js';
import { newLinkOp } from '../links/links.js';
import type { LinkPurpose, LinkTarget } from '../links/link.js';
import type { EmailData, EmailKind } from '../mail/kinds.js';
import { queueEmailOnce, queueEmailOp, queueEmailPendingOp, type SendRequest } from '../mail/compose.js';
import type { SendOutcome } from '../mail/mailer.js';
import { execute, type WriteOp } from '../store/items.js';
import type { Attachment } from '../mail/mime.js';
import type { PhaseWindowRecord, PinnedCycle } from './context.js';
import type { CycleDeps } from '../shared/deps.js';

/** What an email of the cycle says of it: its bloc, year and configuration (never its phase or status). */
export type CycleOf = PinnedCycle;

/** The link purpose of each kind of work. */
export const LINK_PURPOSE: Record<TaskPhase, Exclude<LinkPurpose, 'adminSignIn' | 'dossierFiles'>> = {
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

/** Whether a window's form keeps drafts and may be sent again: never a conference's record, which is sent once. */
export const isReusable = (window: Pick<PhaseWindowRecord, 'phase' | 'meeting'>) => REUSABLE_PHASES.includes(window.phase as TaskPhase) && !window.meeting;

export function unitName(config: CycleConfig, unitId: string): string {
  if (unitId === APPROVER) return config.language === 'en' ? 'Emulation and Commendation Board' : 'Ban Thi đua – Khen thưởng';
  return config.bloc.units.find((u) => u.id === unitId)?.name ?? unitId;
}

export function recipientOf(config: CycleConfig, actor: string): string {
  return actor === APPROVER ? config.approverEmail : config.bloc.units.find((u) => u.id === actor)!.email;
}

/** What every email to an actor says: whom it is for, the bloc and the year. */
export const common = (cycle: CycleOf, actor: string) => ({ recipientName: unitName(cycle.config, actor), blocName: cycle.config.bloc.name, year: cycle.year });

/**
 * Issues a link for an actor's work in a window, lasting as {@link linkLastsUntil} says (the window's safety
 * cap; a conference secretary's, the cycle's last); deadlines are checked on use.
 */
export async function issueLink(deps: CycleDeps, cycle: CycleOf, window: PhaseWindowRecord, plan: Pick<CyclePlan, 'lastCapAt'>, actor: string, at: Date): Promise<string> {
  const { url, op } = linkOp(deps, cycle, window, plan, actor, at);
  await execute(deps.store, op);
  return url;
}

/** The write that issues {@link issueLink}'s link, for a transaction with the email that carries it, and its address. */
export function linkOp(deps: CycleDeps, cycle: CycleOf, window: PhaseWindowRecord, plan: Pick<CyclePlan, 'lastCapAt'>, actor: string, at: Date): { url: string; op: WriteOp } {
  const phase = window.phase as TaskPhase;
  // The secretary's link records the conference: its own purpose (naming the conference's phase), through
  // which the signed minutes may be added too. It is not single-use and outlives its phase: after the record
  // (sent once, the form refuses a second) it still opens the page where the signed scan is uploaded.
  const purpose = window.meeting ? 'meetingRecord' : LINK_PURPOSE[phase];
  const target: LinkTarget =
    purpose === 'approval'
      ? { purpose, cycleId: cycle.cycleId, round: window.round, approverEmail: cycle.config.approverEmail }
      : { purpose, cycleId: cycle.cycleId, unitId: actor, round: window.round, ...(window.meeting && phase !== 'vote' ? { phase: phase as 'pledge' | 'midYear' } : {}) };
  const { id, op } = newLinkOp(deps.store, target, { expiresAt: new Date(linkLastsUntil(window, plan)), now: at, singleUse: !isReusable(window) && !window.meeting });
  return { url: `${deps.publicUrl}/l/${id}`, op };
}

/** How an email addresses the system's admins: by their role, never by their address. */
export const adminTitle = (config: CycleConfig) => (config.language === 'en' ? 'System administrator' : 'Quản trị viên hệ thống Thi đua');

/** The bloc's leading unit, named in every email of the cycle as its sender and the contact for questions. */
export function senderOf(config: CycleConfig): { blocName: string; unitName: string; email: string } | undefined {
  const leaderUnitId = currentLeader(config.bloc); // the configured leader, else the first in rotation, who leads then
  const leader = config.bloc.units.find((u) => u.id === leaderUnitId);
  return leader ? { blocName: config.bloc.name, unitName: leader.name, email: leader.email } : undefined;
}

/** Every email of the cycle says who sends it for the bloc (the kinds without a sender drop it). */
const signed = <K extends EmailKind>(cycle: CycleOf, data: EmailData<K>): EmailData<K> => {
  const sender = senderOf(cycle.config);
  return sender ? { ...data, sender } : data;
};

/**
 * Queues one email of the cycle, once per key; the outbox's drainer (mail/drain.ts) sends it at the
 * account's rate. A phase opening of every bloc at once queues thousands and sends none inline.
 */
export function queue<K extends EmailKind>(
  deps: CycleDeps,
  cycle: CycleOf,
  kind: K,
  recipient: string,
  round: string,
  data: EmailData<K>,
  at: Date,
  attachments?: Attachment[],
): Promise<SendOutcome> {
  return queueEmailOnce(deps.mailer, requestOf(cycle, kind, recipient, round, data, at, attachments));
}

/**
 * {@link queue} as a write of the caller's transaction (the link the email carries issued with it): the
 * item created only if its key is new (AlreadyExistsError otherwise), pending for the drainer.
 */
export function queueOp<K extends EmailKind>(deps: CycleDeps, cycle: CycleOf, kind: K, recipient: string, round: string, data: EmailData<K>, at: Date, attachments?: Attachment[]): WriteOp {
  return queueEmailPendingOp(deps.mailer, requestOf(cycle, kind, recipient, round, data, at, attachments));
}

/** One email of the cycle as a write of the caller's transaction; `sendQueued` (mail/mailer.ts) sends it after the commit. */
export function queueEmail<K extends EmailKind>(deps: CycleDeps, cycle: CycleOf, kind: K, recipient: string, round: string, data: EmailData<K>, at: Date) {
  return queueEmailOp(deps.mailer, requestOf(cycle, kind, recipient, round, data, at));
}

/** An email of the cycle as the mailer takes it: signed by the cycle's bloc, in its language. */
function requestOf<K extends EmailKind>(cycle: CycleOf, kind: K, recipient: string, round: string, data: EmailData<K>, at: Date, attachments?: Attachment[]): SendRequest<K> {
  return { cycleId: cycle.cycleId, kind, recipient, round, data: signed(cycle, data), language: cycle.config.language, now: at, ...(attachments ? { attachments } : {}) };
}

/** Alerts every admin of the cycle, once per `key` (queued). */
export async function alertAdmins(deps: CycleDeps, cycle: CycleOf, key: string, title: string, detail: string, at: Date): Promise<void> {
  for (const admin of cycle.config.adminEmails) {
    await queue(deps, cycle, 'adminAlert', admin, key, { recipientName: adminTitle(cycle.config), title, detail, link: `${deps.publicUrl}/admin/cycles/${cycle.cycleId}` }, at);
  }
}
