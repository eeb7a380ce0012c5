import * as z from 'zod';
import { currentLeader, type Bloc } from './bloc.js';
import type { BlocRules } from './rules.js';
import { freeText } from './text.js';
import { vietnamDateOf, type ConferencePlan, type Timeline } from './timeline.js';

/**
 * The bloc's conferences ("hội nghị", SPEC §1 "How blocs really meet") as the secretary records them: the
 * pledge conference ("hội nghị ký kết giao ước thi đua"), the mid-year review ("hội nghị sơ kết") and the
 * year-end conference ("hội nghị tổng kết", meeting.ts adds its vote). One record type with a `kind`: every
 * kind has the sitting (when, where, host, chair, secretary, attendance by person, guests, the agenda and
 * whether each item was adopted); the pledge conference also the units that signed the pledge there.
 */
export const CONFERENCE_KINDS = ['pledge', 'midYear', 'yearEnd'] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];

/** The phase of the cycle each conference stands for: the secretary's record is that phase's one form. */
export const CONFERENCE_PHASE = { pledge: 'pledge', midYear: 'midYear', yearEnd: 'vote' } as const;
export type ConferencePhase = (typeof CONFERENCE_PHASE)[ConferenceKind];
export const conferenceKindOf = (phase: ConferencePhase): ConferenceKind => (phase === 'vote' ? 'yearEnd' : phase);

/**
 * Whether the cycle holds a phase's conference: the pledge and mid-year conferences when the calendar plans
 * one (`conference` on the phase), the year-end one when the rules vote there rather than online.
 */
export function conferenceHeld(config: { timeline: Timeline; rules: Pick<BlocRules, 'voteMode'> }, phase: ConferencePhase): boolean {
  if (phase === 'vote') return config.rules.voteMode !== 'online';
  return config.timeline[phase]?.conference !== undefined;
}

/** The conference as the calendar plans it, fixed when its phase opens and told in the invitation. */
export interface PlannedSitting {
  /** Vietnam time, with its offset: "2026-12-18T08:00:00+07:00". */
  heldAt: string;
  hostUnitId: string;
  /** Where; absent when the calendar names no place: the host's premises. */
  place?: string | undefined;
}

/**
 * The sitting the calendar plans: on its day (the last day of the window when none is given: the units have
 * the most notice and the secretary records it the same day) at its time (8:00 by default), at its place,
 * hosted by its host unit (the leader unit by default).
 */
export function plannedSitting(bloc: Pick<Bloc, 'units' | 'leaderUnitId'>, window: { deadlineAt: string }, plan?: ConferencePlan): PlannedSitting {
  const day = plan?.on ?? vietnamDateOf(Date.parse(window.deadlineAt));
  return { heldAt: `${day}T${plan?.at ?? '08:00'}:00+07:00`, hostUnitId: plan?.hostUnitId ?? currentLeader(bloc), ...(plan?.place ? { place: plan.place } : {}) };
}

/** The calendar's conferences whose host is not a member of the bloc, as issues at their field (`timeline.<phase>.conference.hostUnitId`). */
export function unknownHosts(timeline: Timeline, bloc: Pick<Bloc, 'units'>): z.core.$ZodIssue[] {
  return (['pledge', 'midYear', 'vote'] as const).flatMap((phase) => {
    const host = timeline[phase]?.conference?.hostUnitId;
    if (host === undefined || bloc.units.some((u) => u.id === host)) return [];
    return [{ code: 'custom' as const, path: ['timeline', phase, 'conference', 'hostUnitId'], message: 'the host must be a member unit of this bloc', input: host }];
  });
}

/**
 * A year-end conference the calendar plans for a bloc whose rules vote online, as an issue at its field
 * (`timeline.vote.conference`): no such conference is held, so its day, place and host would go nowhere.
 */
export function unheldVoteConference(timeline: Timeline, rules: Pick<BlocRules, 'voteMode'>): z.core.$ZodIssue[] {
  if (timeline.vote.conference === undefined || conferenceHeld({ timeline, rules }, 'vote')) return [];
  return [{ code: 'custom' as const, path: ['timeline', 'vote', 'conference'], message: "the bloc's rules vote online: this calendar holds no year-end conference", input: timeline.vote.conference }];
}

export const RecordText = (max: number) => freeText().trim().min(1, { error: 'this field is required' }).max(max, { error: `must be at most ${max} characters` });

/** When a sitting was held: a date and time with its offset. */
const HeldAt = z.iso.datetime({ offset: true, error: 'must be a date and time' });

/** A member unit of the bloc, by id. */
export function memberOf(bloc: Pick<Bloc, 'units'>) {
  const memberIds = bloc.units.map((u) => u.id);
  return z.string().refine((id) => memberIds.includes(id), { error: 'must be a member unit of this bloc' });
}

/** The fields every conference's record has: the sitting, who attended (persons, by unit), guests, the agenda. */
export function sittingFields(bloc: Pick<Bloc, 'units'>) {
  const member = memberOf(bloc);
  const person = { name: RecordText(120), title: RecordText(200) };
  // A role the record names one person for: none chosen is asked as such, not as a unit that is no member.
  const chosen = () => z.object({ unitId: member, ...person }, { error: 'choose a person' });
  return {
    heldAt: HeldAt,
    place: RecordText(300),
    hostUnitId: member,
    chair: chosen(),
    secretary: chosen(),
    /** Những người dự: each person present, for the unit they represent. */
    attendance: z.array(z.object({ unitId: member, ...person })).min(1, { error: 'record who attended' }),
    guests: z.array(z.object({ ...person, organisation: RecordText(200) })).default([]),
    agenda: z.array(z.object({ item: RecordText(500), adopted: z.boolean({ error: 'say whether it was adopted' }) })).min(1, { error: 'record the agenda' }),
    /** Where the signed, sealed scan of the minutes is kept, once uploaded. */
    signedScanRef: freeText().trim().max(300).optional(),
  };
}

/** The record of a pledge or mid-year conference: the sitting, and at the pledge conference the units that signed there. */
function sittingRecordFields(kind: 'pledge' | 'midYear', bloc: Pick<Bloc, 'units'>) {
  return z.object({
    kind: z.literal(kind).default(kind),
    ...sittingFields(bloc),
    /** The units whose representative signed the year's pledge at the sitting (the pledge conference only). */
    pledgeSigners: z.array(memberOf(bloc)).default([]),
  });
}
export type SittingRecord = z.infer<ReturnType<typeof sittingRecordFields>>;

type Issues = z.RefinementCtx;
const issue = (issues: Issues, path: Array<string | number>, message: string) => issues.addIssue({ code: 'custom', path, message });

/** What every record must hold together: the chair and the secretary attended. */
export function checkSitting(record: Pick<SittingRecord, 'attendance' | 'chair' | 'secretary'>, issues: Issues): void {
  const present = presentUnits(record);
  if (!present.includes(record.chair.unitId)) issue(issues, ['chair', 'unitId'], 'the chair must attend');
  if (!present.includes(record.secretary.unitId)) issue(issues, ['secretary', 'unitId'], 'the secretary must attend');
}

/**
 * A conference is recorded once it has been held: a sitting still to come when the record is sent is
 * refused at its time, so that no minutes, summary or report tells a meeting that has not taken place.
 * The year-end conference also sits no earlier than its window opened (`votesFrom`): it votes on the
 * ranking published then, which a sitting before could not have seen. (A pledge conference may well
 * have sat before the province started the cycle: its record is taken as held.)
 */
export function heldBy(recordedAt: Date, votesFrom?: string) {
  return (record: { heldAt: string }, issues: Issues): void => {
    const heldAt = Date.parse(record.heldAt);
    if (heldAt > recordedAt.getTime()) issue(issues, ['heldAt'], 'the conference is recorded once it has been held: this time is still to come');
    else if (votesFrom !== undefined && heldAt < Date.parse(votesFrom)) issue(issues, ['heldAt'], `the conference votes on the ranking published when its phase opened (${vietnamDateOf(Date.parse(votesFrom))}): it cannot have sat before`);
  };
}

/**
 * Runs `heldBy` whenever the record carries its time, even when other fields are refused (zod skips a
 * refinement after a parse error): the secretary sees every problem of the record at once.
 */
export const whenHeldAtGiven = { when: (payload: { value: unknown }) => HeldAt.safeParse((payload.value as { heldAt?: unknown } | null | undefined)?.heldAt).success };

/** The record's schema of a pledge or mid-year conference: a unit signs the pledge at the sitting only if it attended, and only once. */
export function sittingRecordSchema(kind: 'pledge' | 'midYear', bloc: Pick<Bloc, 'units'>) {
  return sittingRecordFields(kind, bloc).superRefine((record, issues) => {
    checkSitting(record, issues);
    const present = presentUnits(record);
    record.pledgeSigners.forEach((unitId, i) => {
      if (kind !== 'pledge') issue(issues, ['pledgeSigners', i], 'the pledge is signed at the pledge conference, not at the mid-year review');
      else if (!present.includes(unitId)) issue(issues, ['pledgeSigners', i], 'a unit signs the pledge at the conference only if it attended');
      else if (record.pledgeSigners.indexOf(unitId) !== i) issue(issues, ['pledgeSigners', i], 'each unit signs once');
    });
  });
}

/** The units that attended, each once, in the order first recorded. */
export function presentUnits(record: Pick<SittingRecord, 'attendance'>): string[] {
  return [...new Set(record.attendance.map((a) => a.unitId))];
}

/** Who signed the pledge for a unit at the sitting: its first person recorded as present. */
export function pledgeSignerAt(record: Pick<SittingRecord, 'attendance'>, unitId: string): { name: string; title: string } | undefined {
  const person = record.attendance.find((a) => a.unitId === unitId);
  return person && { name: person.name, title: person.title };
}
