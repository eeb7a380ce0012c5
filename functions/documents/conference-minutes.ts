/**
 * Biên bản of the pledge conference ("hội nghị ký kết giao ước thi đua") and of the mid-year review ("hội
 * nghị sơ kết"), made from the secretary's record: time, place, host, chair and secretary, attendance by
 * person for each unit, guests, the agenda and what it adopted, and at the pledge conference the units that
 * signed there; signed by the secretary and the chair. No vote section: these conferences vote on nothing.
 */
import type { FileChild } from 'docx';
import type { ConferenceRecord, SittingRecord } from '../domain/index.js';
import type { Dossier } from '../dossier/index.js';
import { DocumentError } from './errors.js';
import { conferenceAgenda, conferenceAttendance, conferenceOpening, conferencePledge } from './conference.js';
import { letterhead, numbered, packDocx, para, title, type Section } from './layout.js';
import { signatures } from './signature-block.js';
import { awardingOf, leaderOf, unitNameOf } from './wording.js';

/** What each conference is called in the minutes' title. */
export const CONFERENCE_TITLES = {
  pledge: (year: number) => `Hội nghị ký kết giao ước thi đua năm ${year}`,
  midYear: (year: number) => `Hội nghị sơ kết công tác thi đua 6 tháng đầu năm ${year}`,
} as const;

/** The recorded conference of `kind`, if the dossier holds its record. */
export const recordedConference = (dossier: Dossier, kind: 'pledge' | 'midYear'): SittingRecord | undefined => dossier.conferences.find((c) => c.kind === kind)?.record;

/** Builds the minutes of a recorded pledge or mid-year conference; the dossier must hold its record. */
export async function sittingMinutesDocx(dossier: Dossier, kind: 'pledge' | 'midYear'): Promise<Uint8Array> {
  const record = recordedConference(dossier, kind);
  if (!record) throw new DocumentError(`the ${kind} conference has no record`);
  const name = CONFERENCE_TITLES[kind](dossier.cycle.year);
  const sections = [conferenceAttendance(dossier, record), conferenceAgenda(record), ...(kind === 'pledge' ? [conferencePledge(dossier, record)] : [])];
  return packDocx({ title: `Biên bản ${name.charAt(0).toLowerCase()}${name.slice(1)}`, subject: dossier.cycle.config.bloc.name }, conferenceMinutesBody(dossier, record, name, sections));
}

/** The minutes of any conference: letterhead, title, the sitting, its numbered sections, signed by the secretary and the chair. */
export function conferenceMinutesBody(dossier: Dossier, record: ConferenceRecord, name: string, sections: Section[]): FileChild[] {
  const { bloc } = dossier.cycle.config;
  return [
    letterhead({ style: bloc.headerStyle, parent: bloc.name, issuer: unitNameOf(dossier, leaderOf(dossier)), kind: 'BB', issuerCode: awardingOf(dossier).code, province: bloc.province, at: record.heldAt }),
    ...title('BIÊN BẢN', [name, `của ${bloc.name}`]),
    ...conferenceOpening(dossier, record),
    ...numbered(sections),
    signatures('Biên bản gồm các nội dung trên, do thư ký hội nghị ghi./.', { capacity: ['THƯ KÝ'], person: record.secretary }, { capacity: ['CHỦ TRÌ HỘI NGHỊ'], person: record.chair }),
  ];
}
