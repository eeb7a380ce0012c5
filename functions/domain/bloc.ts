import * as z from 'zod';
import { freeText } from './text.js';
import { GuestSchema, UnitPeopleSchema } from './people.js';

/** Why a unit may not receive an award this year (NĐ 152/2025/NĐ-CP art. 4). */
export const IneligibilityReasonSchema = z.enum(['discipline', 'investigation', 'inspection', 'complaint', 'other']);
export type IneligibilityReason = z.infer<typeof IneligibilityReasonSchema>;

export const EligibilitySchema = z.discriminatedUnion('eligible', [
  z.object({ eligible: z.literal(true) }),
  z.object({
    eligible: z.literal(false),
    reason: IneligibilityReasonSchema,
    note: freeText().trim().min(1, { error: 'a note explaining the reason is required' }).max(2000),
  }),
]);
export type Eligibility = z.infer<typeof EligibilitySchema>;

const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'must be 1-63 lowercase letters, digits or hyphens' });

/** A member unit of a bloc ("đơn vị thành viên"), reached by its emulation officer's email. */
export const UnitSchema = z.object({
  id: IdSchema,
  name: freeText().trim().min(1).max(200),
  shortName: freeText().trim().min(1).max(60),
  email: z.email({ error: 'must be an email address' }),
  /** Position in the leader rotation ("luân phiên"): the next leader is the next unit in this order. */
  rotationOrder: z.number().int().nonnegative(),
  /** Led by a woman or with at least 70% women: preferred among equal candidates (NĐ 152/2025 art. 4). */
  womenLed: z.boolean().default(false),
  eligibility: EligibilitySchema.default({ eligible: true }),
  /** Its head, deputies and emulation officer: the persons who sign and who attend the bloc's conferences. */
  people: UnitPeopleSchema.optional(),
});
export type Unit = z.infer<typeof UnitSchema>;

/**
 * An emulation bloc ("khối thi đua", "cụm thi đua"): units of the same kind that compete under one set of
 * rules. `headerStyle` picks the document header: the Party header for Party agencies, else the national motto.
 */
export const BlocSchema = z
  .object({
    id: IdSchema,
    name: freeText().trim().min(1).max(200),
    province: freeText().trim().min(1).max(100),
    headerStyle: z.enum(['party', 'state']).default('state'),
    units: z.array(UnitSchema).min(2, { error: 'a bloc needs at least 2 units' }).max(60),
    leaderUnitId: IdSchema.optional(), // Trưởng khối
    deputyUnitId: IdSchema.optional(), // Phó Trưởng khối
    /** Khách mời: persons of other bodies invited to the bloc's conferences. */
    guests: z.array(GuestSchema).max(30).default([]),
  })
  .superRefine((bloc, ctx) => {
    const seen = new Set<string>();
    const emails = new Set<string>();
    const orders = new Set<number>();
    bloc.units.forEach((unit, i) => {
      if (seen.has(unit.id)) ctx.addIssue({ code: 'custom', path: ['units', i, 'id'], message: `duplicate unit id "${unit.id}"` });
      if (emails.has(unit.email.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['units', i, 'email'], message: 'each unit needs its own email' });
      if (orders.has(unit.rotationOrder)) ctx.addIssue({ code: 'custom', path: ['units', i, 'rotationOrder'], message: 'rotation orders must be distinct' });
      seen.add(unit.id);
      emails.add(unit.email.toLowerCase());
      orders.add(unit.rotationOrder);
    });
    for (const field of ['leaderUnitId', 'deputyUnitId'] as const) {
      const id = bloc[field];
      if (id !== undefined && !seen.has(id)) ctx.addIssue({ code: 'custom', path: [field], message: `unknown unit "${id}"` });
    }
    if (bloc.leaderUnitId !== undefined && bloc.leaderUnitId === bloc.deputyUnitId) {
      ctx.addIssue({ code: 'custom', path: ['deputyUnitId'], message: 'the deputy must be another unit than the leader' });
    }
  });
export type Bloc = z.infer<typeof BlocSchema>;
export type BlocInput = z.input<typeof BlocSchema>;

/** The units in rotation order. */
export function unitsInRotation(bloc: Pick<Bloc, 'units'>): Unit[] {
  return [...bloc.units].sort((a, b) => a.rotationOrder - b.rotationOrder);
}

/** The unit that leads the bloc this year (Trưởng khối): the configured leader, else the first in rotation. */
export function currentLeader(bloc: Pick<Bloc, 'units' | 'leaderUnitId'>): string {
  return bloc.leaderUnitId ?? unitsInRotation(bloc)[0]!.id;
}

/**
 * The rotation proposal for next year's leader and deputy: the units after this year's leader in rotation
 * order (wrapping around). Without a configured leader, the first in rotation leads this year
 * ({@link currentLeader}), so the next two are proposed, never this year's leader again.
 */
export function rotationProposal(bloc: Pick<Bloc, 'units' | 'leaderUnitId'>): { leaderUnitId: string; deputyUnitId: string } {
  const ordered = unitsInRotation(bloc);
  const leader = currentLeader(bloc);
  const current = ordered.findIndex((u) => u.id === leader);
  const at = (offset: number) => ordered[(current + offset + ordered.length) % ordered.length]!.id;
  return { leaderUnitId: at(1), deputyUnitId: at(2) };
}
