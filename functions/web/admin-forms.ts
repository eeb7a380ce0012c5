/** The admin's forms: the zod schemas their fields are parsed with (the JSON API takes the same shapes). */
import * as z from 'zod';
import { EligibilitySchema, TaskPhaseSchema, TimelineSchema } from '../domain/index.js';

const LocalDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

/** Phát động: the blocs to start and the year's timeline. */
export const StartCyclesSchema = z.object({
  blocIds: z.array(z.string().min(1)).min(1, { error: 'choose at least one bloc' }),
  timeline: TimelineSchema,
});

export const ExtendDeadlineSchema = z.object({ phase: TaskPhaseSchema, round: z.coerce.number().int().positive().default(1), deadlineOn: LocalDate });
export const ReopenFormSchema = ExtendDeadlineSchema.extend({ unitId: z.string().min(1, { error: 'choose a unit' }) });
export const EligibilityFormSchema = z.object({ unitId: z.string().min(1, { error: 'choose a unit' }), eligibility: EligibilitySchema });

/** A timeline from the start form's flat fields ("selfAssessment.opensOn"…); an optional phase left blank is left out. */
export function timelineFromFields(fields: URLSearchParams): Record<string, unknown> {
  const timeline: Record<string, unknown> = { year: Number(fields.get('year')) };
  for (const phase of ['pledge', 'midYear', 'selfAssessment', 'crossCheck', 'vote', 'approval']) {
    const opensOn = fields.get(`${phase}.opensOn`) || undefined;
    const deadlineOn = fields.get(`${phase}.deadlineOn`) || undefined;
    const optional = phase === 'pledge' || phase === 'midYear';
    if (!optional || opensOn || deadlineOn) timeline[phase] = { opensOn, deadlineOn };
  }
  return timeline;
}
