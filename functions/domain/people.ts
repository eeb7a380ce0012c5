import * as z from 'zod';
import { freeText } from './text.js';

/**
 * The persons of a bloc (SPEC §2): each unit's head ("thủ trưởng"), deputies and emulation officer
 * ("cán bộ làm công tác thi đua"), and the bloc's guests (the province's emulation board). Forms record
 * the person who signed and documents print persons by name and title, never only their unit.
 */
export const PersonSchema = z.object({
  name: freeText().trim().min(1, { error: 'the name is required' }).max(120),
  /** Chức vụ: "Chánh Văn phòng", "Phó Trưởng ban". */
  title: freeText().trim().min(1, { error: 'the title is required' }).max(200),
  gender: z.enum(['female', 'male'], { error: 'choose female or male' }),
  email: z.email({ error: 'must be an email address' }).optional(),
});
export type Person = z.infer<typeof PersonSchema>;

/** A unit's persons: the head signs its documents; the officer acts for it and, in the leader unit, keeps the minutes. */
export const UnitPeopleSchema = z.object({
  head: PersonSchema,
  deputies: z.array(PersonSchema).max(10).default([]),
  officer: PersonSchema,
});
export type UnitPeople = z.infer<typeof UnitPeopleSchema>;

/** A guest of the bloc's conferences: a person of another body ("Ban Thi đua – Khen thưởng tỉnh"). */
export const GuestSchema = PersonSchema.extend({
  organisation: freeText().trim().min(1, { error: 'the organisation is required' }).max(200),
});
export type Guest = z.infer<typeof GuestSchema>;

/**
 * A guest as the form, the receipt and the documents word them: "Trương Văn Dũng, Phó Trưởng Ban Thi đua -
 * Khen thưởng tỉnh". A title often names its organisation already: then the organisation is said once.
 */
export function guestText(guest: Pick<Guest, 'name' | 'title' | 'organisation'>): string {
  const fold = (text: string) => text.normalize('NFC').toLocaleLowerCase('vi-VN').replace(/\s+/g, ' ').trim();
  if (fold(guest.title).includes(fold(guest.organisation))) return `${guest.name}, ${guest.title}`;
  return `${guest.name}, ${guest.title}, ${guest.organisation}`;
}

/** A person of the province's emulation board who signs its documents: name and title ("Trưởng ban"). */
export const BoardPersonSchema = PersonSchema.pick({ name: true, title: true });
export type BoardPerson = z.infer<typeof BoardPersonSchema>;

/**
 * The persons of the province's emulation board ("Ban Thi đua – Khen thưởng tỉnh"), as the admin records
 * them in the settings: the head signs the province's Tờ trình; without one, the deputy signs for the head
 * ("KT. TRƯỞNG BAN"). Either may be unset: the document then leaves a dotted line for the name.
 */
export const BoardPeopleSchema = z.object({ head: BoardPersonSchema.optional(), deputy: BoardPersonSchema.optional() });
export type BoardPeople = z.infer<typeof BoardPeopleSchema>;

/** Who a person of a unit is in it: its head, its n-th deputy, its officer. */
export type PersonRole = 'head' | 'officer' | `deputy-${number}`;

/** Every person of a unit with their role, head first. */
export function personsOf(people: UnitPeople | undefined): Array<Person & { role: PersonRole }> {
  if (!people) return [];
  return [{ ...people.head, role: 'head' }, ...people.deputies.map((d, i) => ({ ...d, role: `deputy-${i}` as const })), { ...people.officer, role: 'officer' }];
}
