/**
 * The audit trail as an officer reads it: one sentence per event ("Văn phòng Tỉnh ủy nộp bản tự chấm điểm
 * lần 2, 14:05 10/12/2026") in the phrase book's words, filterable by unit and kind, with the raw event
 * kept one click away. The stored events stay as they are (their hash chain must not change).
 */
import type { AuditEvent } from '../audit/trail.js';
import { unitName } from '../cycle/notify.js';
import { APPROVER, TASK_PHASES, formatLocalDate, formatVietnamDate, formatVietnamDateTime, type CycleConfig, type TaskPhase } from '../domain/index.js';
import type { Lang } from './http.js';
import { PHRASES } from '../shared/phrases.js';

export const AUDIT_KINDS = ['submissions', 'phases', 'admin', 'system'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** One event in words, with what the filters need and the raw record. */
export interface AuditLine {
  seq: number;
  sentence: string;
  kind: AuditKind;
  /** The unit the event is about, if any. */
  unitId?: string | undefined;
  raw: string;
}

const isPhase = (value: string | undefined): value is TaskPhase => TASK_PHASES.includes(value as TaskPhase);

/** Who acted, named as people know them: the unit, the province's board, an administrator, the system. */
function actorName(config: CycleConfig, actor: string, lang: Lang): string {
  const a = PHRASES[lang].audit;
  const [kind, id] = [actor.split(':')[0], actor.slice(actor.indexOf(':') + 1)];
  if (kind === 'unit') return unitName(config, id);
  if (kind === 'approver') return unitName(config, APPROVER);
  if (kind === 'admin') return `${a.admin} ${id}`;
  return a.system;
}

/** What happened, as the verb phrase after the actor. */
function whatHappened(config: CycleConfig, event: AuditEvent, times: number, lang: Lang): { text: string; kind: AuditKind; unitId?: string } {
  const t = PHRASES[lang];
  const a = t.audit;
  const [action, verb] = [event.action.slice(0, event.action.lastIndexOf('.')), event.action.slice(event.action.lastIndexOf('.') + 1)];
  const [, targetPhase, round, unitId] = event.target.split(':');
  const phaseName = isPhase(targetPhase) ? t.phases[targetPhase] : '';
  const roundText = Number(round) > 1 ? ` (${t.round.toLowerCase()} ${round})` : '';
  const after = (event.after ?? {}) as Record<string, unknown>;
  if (verb === 'submitted' && isPhase(action)) {
    const unit = event.actor.startsWith('unit:') ? event.actor.slice(5) : undefined;
    if (action === 'approval') {
      const approved = after.decision === 'approve';
      const decision = approved && after.decisionNumber ? ` ${a.byDecision} ${String(after.decisionNumber)}${after.decisionDate ? ` ${formatLocalDate(String(after.decisionDate))}` : ''}` : '';
      return { text: `${approved ? a.approved : a.returned}${decision}${roundText}`, kind: 'submissions' };
    }
    return { text: `${a.submitted[action]}${times > 1 ? ` ${a.time} ${times}` : ''}${roundText}`, kind: 'submissions', ...(unit ? { unitId: unit } : {}) };
  }
  if (isPhase(action) && (verb === 'opened' || verb === 'closed')) return { text: `${a[verb]} ${phaseName}${roundText}`, kind: 'phases' };
  if (isPhase(action) && (verb === 'missed' || verb === 'done') && unitId) return { text: `${a[verb]} ${unitName(config, unitId)} – ${phaseName}`, kind: 'phases', unitId };
  const until = (value: unknown) => (typeof value === 'string' ? ` ${a.until} ${formatVietnamDate(value)}` : '');
  switch (event.action) {
    case 'deadline.extended':
      return { text: `${a.extended} ${phaseName}${until(after.deadlineAt)}`, kind: 'admin' };
    case 'form.reopened':
      return { text: `${a.reopened} ${phaseName} ${a.of} ${unitName(config, unitId ?? '')}${until(after.deadline)}`, kind: 'admin', ...(unitId ? { unitId } : {}) };
    case 'unit.eligibility': {
      const unit = event.target.split(':')[1] ?? '';
      return { text: `${after.eligible === false ? a.ineligible : a.eligible} ${unitName(config, unit)}`, kind: 'admin', unitId: unit };
    }
    case 'cycle.started':
      return { text: a.started, kind: 'admin' };
  }
  const steps: Record<string, string> = { 'cycle.begun': a.begun, 'scoring.done': a.scored, 'vote.tallied': `${a.tallied}${Number(event.target.split(':')[1]) > 1 ? ` (${t.round.toLowerCase()} ${event.target.split(':')[1]})` : ''}`, 'proposal.made': a.proposed, 'cycle.published': a.published, 'cycle.failed': a.failed };
  return { text: steps[event.action] ?? a.other, kind: 'system' };
}

/** The trail's events as sentences, oldest first, kept to those matching the filters. */
export function auditLines(config: CycleConfig, events: readonly AuditEvent[], lang: Lang, filter: { unitId?: string | undefined; kind?: string | undefined } = {}): AuditLine[] {
  const submissions = new Map<string, number>();
  const lines = events.map((event): AuditLine => {
    const times = event.action.endsWith('.submitted') ? (submissions.get(event.target) ?? 0) + 1 : 0;
    if (times) submissions.set(event.target, times);
    const what = whatHappened(config, event, times, lang);
    // The board deciding for the approver reads "Quản trị viên … thay mặt <the approver> đã phê duyệt …".
    const actor = event.onBehalfOf ? `${actorName(config, event.actor, lang)} ${PHRASES[lang].audit.onBehalfOf} ${actorName(config, event.onBehalfOf, lang)}` : actorName(config, event.actor, lang);
    const sentence = `${actor} ${what.text}, ${formatVietnamDateTime(event.at)}`;
    return { seq: event.seq, sentence, kind: what.kind, unitId: what.unitId, raw: JSON.stringify(event, null, 2) };
  });
  return lines.filter((l) => (!filter.unitId || l.unitId === filter.unitId) && (!filter.kind || l.kind === filter.kind));
}
