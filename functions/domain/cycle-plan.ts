import * as z from 'zod';
import { freeText } from './text.js';
import { BlocSchema, type Bloc } from './bloc.js';
import { CriteriaSheetSchema, sheetVersion, type CriteriaSheet } from './criteria-sheet.js';
import { unheldVoteConference, unknownHosts } from './conference.js';
import { BlocRulesSchema, type BlocRules } from './rules.js';
import { PHASES, TimelineSchema, checkCycleFitsFrom, localDeadline, phaseInstants, vietnamDateOf, type PhaseName, type Timeline } from './timeline.js';

/** Where a pledge text names the cycle's year: "giao ước thi đua năm {năm}" reads "năm 2026". */
export const PLEDGE_YEAR_PLACEHOLDER = '{năm}';

/** The pledge text when a bloc sets none: the commitments every bloc's pledge shares. */
export const DEFAULT_PLEDGE_TEXT = [
  `Các đơn vị thành viên khối thi đua cùng ký giao ước thi đua năm ${PLEDGE_YEAR_PLACEHOLDER}, cam kết:`,
  '1. Thực hiện tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước; hoàn thành xuất sắc nhiệm vụ chính trị được giao.',
  '2. Đẩy mạnh các phong trào thi đua yêu nước; phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến.',
  '3. Xây dựng tổ chức đảng, cơ quan, đoàn thể trong sạch, vững mạnh; thực hiện tốt cải cách hành chính, chuyển đổi số và văn hóa công sở.',
  '4. Tham gia đầy đủ các hoạt động của khối; thực hiện đúng quy chế hoạt động của khối thi đua.',
].join('\n');

/**
 * A cycle's configuration, pinned when it starts (one bloc × one year): later edits of the bloc, its sheet
 * or its rules do not change a running cycle.
 */
export const CycleConfigSchema = z.object({
  bloc: BlocSchema,
  sheet: CriteriaSheetSchema,
  sheetVersion: z.string(),
  rules: BlocRulesSchema,
  timeline: TimelineSchema,
  /** Who approves at the province (Ban Thi đua – Khen thưởng): the address the dossier link goes to. */
  approverEmail: z.email(),
  /** Admins alerted on failures and copied on results. */
  adminEmails: z.array(z.email()).min(1),
  /** The language of the emails and documents. */
  language: z.enum(['vi', 'en']).default('vi'),
  /** The year's emulation pledge ("nội dung giao ước thi đua") units confirm; a paragraph a line. */
  pledgeText: freeText().max(20_000).default(DEFAULT_PLEDGE_TEXT),
});
export type CycleConfig = z.infer<typeof CycleConfigSchema>;

/** The pledge as units read it: the configured text with the cycle's year in place of {năm}. */
export function pledgeTextOf(config: CycleConfig): string {
  return config.pledgeText.replaceAll(PLEDGE_YEAR_PLACEHOLDER, String(config.timeline.year));
}

/** The kinds of work units (and the approver) are asked for: the timeline's phases and the follow-up steps. */
export const TASK_PHASES = ['pledge', 'midYear', 'selfAssessment', 'crossCheck', 'vote', 'leaderDecision', 'approval', 'revision'] as const;
export const TaskPhaseSchema = z.enum(TASK_PHASES);
export type TaskPhase = z.infer<typeof TaskPhaseSchema>;

/** The steps in which every unit that must act has its own form: they stay open to the deadline unless the rules close early. */
const UNIT_PHASES: readonly TaskPhase[] = ['pledge', 'midYear', 'selfAssessment', 'crossCheck', 'vote'];

/**
 * Whether acting ends the wait at once (true) or the wait lasts to the deadline (false): one party's
 * answer (the leaders' decision, the approval, a revision) moves the cycle on; a unit's form in a phase
 * every unit takes part in waits for the deadline, unless the bloc's rules close phases early.
 */
export function endsOnAnswer(phase: TaskPhase, rules: BlocRules): boolean {
  return rules.closeEarly || !UNIT_PHASES.includes(phase);
}

/** The id of the approver's task: the approver is a role, not a unit. */
export const APPROVER = 'approver';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Margin kept before the one-year limit of a Standard workflow, so the cycle can still publish. */
const CAP_MARGIN_MS = 2 * DAY_MS;
/** How long the approver's wait may go on past the approval deadline in a calendar longer than a year. */
const APPROVAL_GRACE_MS = 60 * DAY_MS;

export interface PhaseInstants {
  opensAt: string;
  deadlineAt: string;
  /** The wait's safety cap (its TimeoutSeconds): the latest an extended deadline may reach, a day before the next phase's deadline. */
  capAt: string;
  /**
   * The latest instant any wait of the phase may last, its follow-ups (runoffs, the leaders' decision,
   * revisions) included: an execution that could not outlive it hands the cycle over to a new one first.
   */
  reachAt: string;
}

export interface CyclePlan {
  cycleId: string;
  phases: Partial<Record<PhaseName, PhaseInstants>>;
  approvalRounds: number;
  /**
   * The last wait's cap, and the follow-ups': a year from the start less a margin, or, for a calendar
   * longer than that, 60 days past the approval deadline.
   */
  lastCapAt: string;
}

/**
 * Builds a pinned configuration from its parts, fixing the sheet's version. A conference the calendar
 * hosts at a unit that is not the bloc's is refused at its field (`timeline.<phase>.conference.hostUnitId`),
 * and so is a year-end conference planned for a bloc whose rules vote online (`timeline.vote.conference`).
 */
export function pinConfig(input: { bloc: Bloc; sheet: CriteriaSheet; rules: BlocRules; timeline: Timeline; approverEmail: string; adminEmails: string[]; language?: 'vi' | 'en' }): CycleConfig {
  const config = CycleConfigSchema.parse({ ...input, sheetVersion: sheetVersion(input.sheet) });
  const issues = [...unknownHosts(config.timeline, config.bloc), ...unheldVoteConference(config.timeline, config.rules)];
  // ZodRealError, as a failed parse throws: an Error (z.ZodError itself is not one), so every caller answers it as bad input.
  if (issues.length > 0) throw new z.ZodRealError(issues);
  return config;
}

/**
 * The cycle's timeline as instants for the state machine, with each wait's safety cap: a phase's wait may
 * last until a day before the next phase's deadline (so an admin can extend its deadline; the next phase
 * then opens when this one closes), the last one until {@link CyclePlan.lastCapAt}. Each phase's
 * `reachAt` tells the workflow when to continue in a new execution. Returns an error message when every
 * deadline has passed.
 */
export function planCycle(cycleId: string, config: CycleConfig, startedAt: number): CyclePlan | { error: string } {
  const problem = checkCycleFitsFrom(config.timeline, startedAt);
  if (problem) return { error: problem };
  const lastCap = Math.max(startedAt + YEAR_MS - CAP_MARGIN_MS, localDeadline(config.timeline.approval.deadlineOn) + APPROVAL_GRACE_MS);
  const present = PHASES.filter((p) => config.timeline[p] !== undefined);
  const phases: CyclePlan['phases'] = {};
  present.forEach((phase, i) => {
    const next = present[i + 1];
    const instants = phaseInstants(config.timeline[phase]!);
    // An extended deadline may run into the next phase (which then opens when this one closes), but must
    // leave it at least a day before its own deadline.
    const cap = next ? Date.parse(phaseInstants(config.timeline[next]!).deadlineAt) - DAY_MS : lastCap;
    const capAt = new Date(Math.max(cap, Date.parse(instants.deadlineAt))).toISOString();
    // The vote's runoffs and leaders' decision, and the approval's revisions, may last until the last cap.
    const reachAt = phase === 'vote' || phase === 'approval' ? new Date(Math.max(lastCap, Date.parse(capAt))).toISOString() : capAt;
    phases[phase] = { ...instants, capAt, reachAt };
  });
  return { cycleId, phases, approvalRounds: config.rules.approvalRounds, lastCapAt: new Date(lastCap).toISOString() };
}

/**
 * Until when the emailed link to an actor's work in a window lasts. A form's link lasts to its wait's cap
 * (the deadline, which an admin may extend up to it, is checked on use). A conference secretary's link
 * lasts as long as the cycle may: the record is taken once, by the deadline, but after it the same link
 * opens the page where the signed, sealed minutes are uploaded, which may come weeks after the sitting.
 */
export function linkLastsUntil(window: { capAt: string; meeting?: unknown }, plan: Pick<CyclePlan, 'lastCapAt'>): string {
  if (!window.meeting) return window.capAt;
  return new Date(Math.max(Date.parse(window.capAt), Date.parse(plan.lastCapAt))).toISOString();
}

/**
 * The deadline of a follow-up step (a runoff ballot, the leaders' decision, a revision) opened at `at`:
 * the end of the day `followUpDays` later, Vietnam time, and its cap a further 30 days on, never past the
 * cycle's last cap.
 */
export function followUpInstants(at: number, rules: BlocRules, lastCapAt: string): Omit<PhaseInstants, 'opensAt' | 'reachAt'> {
  const deadline = localDeadline(vietnamDateOf(at + rules.followUpDays * DAY_MS));
  const cap = Math.min(deadline + 30 * DAY_MS, Date.parse(lastCapAt));
  return { deadlineAt: new Date(deadline).toISOString(), capAt: new Date(Math.max(cap, deadline)).toISOString() };
}
