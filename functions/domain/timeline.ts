import * as z from 'zod';

/**
 * The cycle's timeline: each phase opens on a date and closes at 23:59:59 on its deadline date, both in
 * Asia/Ho_Chi_Minh (UTC+7 all year: Vietnam keeps no daylight saving time, so a fixed offset is exact).
 */
export const VIETNAM_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A Standard workflow runs for at most one year. */
export const MAX_CYCLE_DAYS = 365;

export const PHASES = ['pledge', 'midYear', 'selfAssessment', 'crossCheck', 'vote', 'approval'] as const;
export const PhaseNameSchema = z.enum(PHASES);
/** Ký giao ước, sơ kết 6 tháng, tự chấm điểm, kiểm tra chéo, bình xét suy tôn, phê duyệt. */
export type PhaseName = z.infer<typeof PhaseNameSchema>;
export const OPTIONAL_PHASES: readonly PhaseName[] = ['pledge', 'midYear'];

const LocalDateSchema = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

export const PhaseWindowSchema = z
  .object({ opensOn: LocalDateSchema, deadlineOn: LocalDateSchema })
  .refine((w) => w.opensOn <= w.deadlineOn, { path: ['deadlineOn'], error: 'must not be before the opening date' });
export type PhaseWindow = z.infer<typeof PhaseWindowSchema>;

export const TimelineSchema = z
  .object({
    year: z.number().int().min(2020).max(2100),
    pledge: PhaseWindowSchema.optional(),
    midYear: PhaseWindowSchema.optional(),
    selfAssessment: PhaseWindowSchema,
    crossCheck: PhaseWindowSchema,
    vote: PhaseWindowSchema,
    approval: PhaseWindowSchema,
  })
  .superRefine((t, ctx) => {
    const present = PHASES.filter((p) => t[p] !== undefined);
    // Each phase opens after the previous one's deadline: a unit never has two of the cycle's forms due at once.
    for (let i = 1; i < present.length; i++) {
      const before = t[present[i - 1]!]!;
      const phase = present[i]!;
      if (t[phase]!.opensOn <= before.deadlineOn) {
        ctx.addIssue({ code: 'custom', path: [phase, 'opensOn'], message: `must be after the ${present[i - 1]} deadline (${before.deadlineOn})` });
      }
    }
    const first = t[present[0]!]!;
    const days = (localDeadline(t.approval.deadlineOn) - localStart(first.opensOn)) / DAY_MS;
    if (days > MAX_CYCLE_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['approval', 'deadlineOn'],
        message: `the whole cycle spans ${Math.ceil(days)} days; a cycle must fit in ${MAX_CYCLE_DAYS} days (the Step Functions limit)`,
      });
    }
  });
export type Timeline = z.infer<typeof TimelineSchema>;

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
 * Whether a cycle started at `startedAt` (epoch ms) ends within the one-year limit of a Standard
 * workflow; returns the error message to show when it does not.
 */
export function checkCycleFitsFrom(timeline: Timeline, startedAt: number): string | undefined {
  const days = (localDeadline(timeline.approval.deadlineOn) - startedAt) / DAY_MS;
  if (days > MAX_CYCLE_DAYS) {
    return `the cycle would run ${Math.ceil(days)} days from its start; a cycle must end within ${MAX_CYCLE_DAYS} days (the Step Functions limit)`;
  }
  if (localDeadline(timeline.approval.deadlineOn) <= startedAt) return 'every deadline of this timeline has already passed';
  return undefined;
}

/** The Vietnam calendar date (YYYY-MM-DD) of an instant. */
export function vietnamDateOf(epochMs: number): string {
  return new Date(epochMs + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}
