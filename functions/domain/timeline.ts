import * as z from 'zod';
import { freeText } from './text.js';

/**
 * The cycle's timeline: each phase opens on a date and closes at 23:59:59 on its deadline date, both in
 * Asia/Ho_Chi_Minh (UTC+7 all year: Vietnam keeps no daylight saving time, so a fixed offset is exact).
 */
export const VIETNAM_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * The longest calendar a bloc may have, from the first phase's opening to the awarding body's decision:
 * real blocs pledge in January–March of year N and get the decision in January–April of N+1 (SPEC §1).
 * The one-year limit of a Standard workflow execution is not the calendar's: the cycle continues in a new
 * execution before it (docs/workflow.md, "Longer than a year").
 */
export const MAX_CYCLE_MONTHS = 18;

export const PHASES = ['pledge', 'midYear', 'selfAssessment', 'crossCheck', 'vote', 'approval'] as const;
export const PhaseNameSchema = z.enum(PHASES);
/** Ký giao ước, sơ kết 6 tháng, tự chấm điểm, kiểm tra chéo, bình xét suy tôn, phê duyệt. */
export type PhaseName = z.infer<typeof PhaseNameSchema>;
export const OPTIONAL_PHASES: readonly PhaseName[] = ['pledge', 'midYear'];

const LocalDateSchema = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

const windowDates = { opensOn: LocalDateSchema, deadlineOn: LocalDateSchema };
const inOrder = (w: { opensOn: string; deadlineOn: string }) => w.opensOn <= w.deadlineOn;
const IN_ORDER = { path: ['deadlineOn'], error: 'must not be before the opening date' };

export const PhaseWindowSchema = z.object(windowDates).refine(inOrder, IN_ORDER);
export type PhaseWindow = z.infer<typeof PhaseWindowSchema>;

/**
 * A conference ("hội nghị") the calendar plans in a phase: its day (within the phase; the last day when
 * not given, so the secretary records it the same day), its time of day, its place (the host's premises
 * when not given) and its host unit (the leader unit when not given; checked against the bloc's members
 * when the cycle's configuration is pinned).
 */
export const ConferencePlanSchema = z.object({
  on: LocalDateSchema.optional(),
  at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time of day HH:MM' }).default('08:00'),
  place: freeText().trim().min(1, { error: 'this field is required' }).max(300, { error: 'must be at most 300 characters' }).optional(),
  hostUnitId: z.string().min(1).optional(),
});
export type ConferencePlan = z.infer<typeof ConferencePlanSchema>;

/** The window of a phase that may hold a conference: the pledge, the mid-year review, the vote. */
export const ConferenceWindowSchema = z
  .object({ ...windowDates, conference: ConferencePlanSchema.optional() })
  .refine(inOrder, IN_ORDER)
  .refine((w) => !w.conference?.on || (w.opensOn <= w.conference.on && w.conference.on <= w.deadlineOn), {
    path: ['conference', 'on'],
    error: 'must be a day of the phase, from its opening date to its deadline',
  });

/** A cycle's year; every way a year can be wrong (not a number, a fraction, out of range) says the one thing. */
const YEAR = { error: 'must be a year from 2020 to 2100' };
export const YearSchema = z.number(YEAR).int(YEAR).min(2020, YEAR).max(2100, YEAR);

export const TimelineSchema = z
  .object({
    year: YearSchema,
    /** Ký giao ước: with `conference`, signed at the bloc's pledge conference instead of a form per unit. */
    pledge: ConferenceWindowSchema.optional(),
    /** Sơ kết 6 tháng: with `conference`, reviewed at the bloc's mid-year conference instead of a form per unit. */
    midYear: ConferenceWindowSchema.optional(),
    selfAssessment: PhaseWindowSchema,
    crossCheck: PhaseWindowSchema,
    /** Where and when the year-end conference sits, when the bloc votes there (its rules' `voteMode`). */
    vote: ConferenceWindowSchema,
    approval: PhaseWindowSchema,
  })
  .superRefine((t, ctx) => {
    const present = PHASES.filter((p) => t[p] !== undefined);
    // A date that is not one is told beside its own field only: the calendar's order is checked between
    // real dates, or a deadline typed "abc" would also blame the next phase's opening for coming before it.
    if (!present.every((p) => LocalDateSchema.safeParse(t[p]!.opensOn).success && LocalDateSchema.safeParse(t[p]!.deadlineOn).success)) return;
    // Each phase opens after the previous one's deadline: a unit never has two of the cycle's forms due at once.
    for (let i = 1; i < present.length; i++) {
      const before = t[present[i - 1]!]!;
      const phase = present[i]!;
      if (t[phase]!.opensOn <= before.deadlineOn) {
        ctx.addIssue({ code: 'custom', path: [phase, 'opensOn'], message: `must be after the ${present[i - 1]} deadline (${before.deadlineOn})` });
      }
    }
    // The approval is the awarding body's decision, the calendar's end: no phase may run past its deadline.
    for (const phase of present) {
      if (phase !== 'approval' && t[phase]!.deadlineOn > t.approval.deadlineOn) {
        ctx.addIssue({ code: 'custom', path: [phase, 'deadlineOn'], message: `must not be after the approval deadline (${t.approval.deadlineOn})` });
      }
    }
    const first = t[present[0]!]!;
    const months = monthsBetween(first.opensOn, t.approval.deadlineOn);
    if (months > MAX_CYCLE_MONTHS) {
      ctx.addIssue({
        code: 'custom',
        path: ['approval', 'deadlineOn'],
        message: `the whole calendar spans more than ${MAX_CYCLE_MONTHS} months from ${first.opensOn}; a cycle may span at most ${MAX_CYCLE_MONTHS} months from its first opening to the approval deadline`,
      });
    }
  });
export type Timeline = z.infer<typeof TimelineSchema>;

/** Whole months from one local date to another, a part month counting as one: 2026-01-10 → 2027-07-10 is 18, → 2027-07-11 is 19. */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  const months = (y2 - y1) * 12 + (m2 - m1);
  return d2 > d1 ? months + 1 : months;
}

/** 00:00:00 local on the date, as epoch milliseconds. */
export function localStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - VIETNAM_UTC_OFFSET_MS;
}

/** 23:59:59 local on the date, as epoch milliseconds: the moment a deadline passes. */
export function localDeadline(date: string): number {
  return localStart(date) + DAY_MS - 1000;
}

/** A phase's opening and deadline as ISO instants (UTC), for storage and for the state machine. */
export function phaseInstants(window: PhaseWindow): { opensAt: string; deadlineAt: string } {
  return { opensAt: new Date(localStart(window.opensOn)).toISOString(), deadlineAt: new Date(localDeadline(window.deadlineOn)).toISOString() };
}

/** The phases this timeline runs, in order. */
export function phasesOf(timeline: Timeline): PhaseName[] {
  return PHASES.filter((p) => timeline[p] !== undefined);
}

/**
 * Whether a cycle can still start at `startedAt` (epoch ms): some deadline must be ahead. However long the
 * calendar, the workflow continues in a new execution before the one-year limit of each.
 */
export function checkCycleFitsFrom(timeline: Timeline, startedAt: number): string | undefined {
  if (localDeadline(timeline.approval.deadlineOn) <= startedAt) return 'every deadline of this timeline has already passed';
  return undefined;
}

/** The Vietnam calendar date (YYYY-MM-DD) of an instant. */
export function vietnamDateOf(epochMs: number): string {
  return new Date(epochMs + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}
