/**
 * The parts of the minutes (Biên bản) that only a conference has, made from its record as the secretary
 * entered it: when, where and who; the agenda; at the pledge conference who signed; at the year-end one how
 * the vote was held and counted and the sitting's decisions. Nothing here is said of an online ballot
 * (meeting-minutes.ts says what that was), nor of a vote at a conference that held none.
 */
import { formatNumber, formatSittingTime, formatVietnamDate, isYearEnd, pledgeSignerAt, presentUnits, unitsInRotation, type ConferenceRecord, type MeetingRecord, type SittingRecord } from '../domain/index.js';
import type { Dossier, ScoredDossier } from '../dossier/index.js';
import { dataTable, para, type Section } from './layout.js';
import { awardingOf, guestText, personText, unitNameOf, voteWords } from './wording.js';

/** How the members voted, as the documents say it. */
export const VOTE_FORMS = { secretBallot: 'bỏ phiếu kín bằng phiếu giấy', showOfHands: 'biểu quyết giơ tay', online: 'bỏ phiếu trực tuyến' } as const;

/** The opening lines: time, place, host, chair and secretary by name and title; at the year-end conference, how the members voted. */
export function conferenceOpening(dossier: Dossier, record: ConferenceRecord) {
  const name = (id: string) => unitNameOf(dossier, id);
  const { rules } = dossier.cycle.config;
  return [
    para(`Thời gian: ${formatSittingTime(record.heldAt)}.`),
    para(`Địa điểm: ${record.place}. Đơn vị đăng cai: ${name(record.hostUnitId)}.`),
    para(`Chủ trì: ${record.chair.name}, ${record.chair.title}. Thư ký: ${record.secretary.name}, ${record.secretary.title}.`),
    ...(isYearEnd(record) ? [para(`Hình thức biểu quyết: ${VOTE_FORMS[rules.voteMode]}; mỗi đơn vị thành viên ${voteWords(dossier).each}${rules.writtenVotes ? '; thành viên vắng mặt biểu quyết bằng văn bản' : ''}.`)] : []),
  ];
}

/** Thành phần: each unit's persons present, or absent (with a written vote if it sent one), then the guests. */
export function conferenceAttendance(dossier: Dossier, record: ConferenceRecord): Section {
  const units = unitsInRotation(dossier.cycle.config.bloc);
  const present = presentUnits(record);
  const written = new Set(isYearEnd(record) ? record.rounds.flatMap((r) => r.writtenVoters) : []);
  const columns = [
    { header: 'STT', share: 0.08, align: 'center' as const },
    { header: 'Đơn vị thành viên', share: 0.37 },
    { header: 'Người dự (họ tên, chức vụ)', share: 0.55 },
  ];
  const rows = units.map((u, i) => {
    const persons = record.attendance.filter((a) => a.unitId === u.id).map((a) => `${a.name}, ${a.title}`);
    return [String(i + 1), u.name, persons.length > 0 ? persons.join('; ') : `Vắng mặt${written.has(u.id) ? ', có phiếu biểu quyết bằng văn bản' : ''}`];
  });
  const guests = record.guests.map(guestText);
  return {
    heading: 'THÀNH PHẦN',
    body: [
      para(`Có mặt ${present.length}/${units.length} đơn vị thành viên, ${record.attendance.length} đại biểu:`),
      dataTable(columns, rows),
      para(guests.length > 0 ? `Khách mời: ${guests.join('; ')}.` : 'Khách mời: không có.'),
    ],
  };
}

/** Nội dung: the agenda, each item with whether the conference adopted it. */
export function conferenceAgenda(record: ConferenceRecord): Section {
  return {
    heading: 'NỘI DUNG HỘI NGHỊ',
    body: record.agenda.map((a, i) => para(`${i + 1}. ${a.item}: ${a.adopted ? 'Hội nghị thống nhất thông qua.' : 'Hội nghị chưa thông qua.'}`)),
  };
}

/** How each round was counted: the counting committee (a secret ballot), those present and the written votes. */
export function conferenceCount(dossier: Dossier, record: MeetingRecord, round: number): string {
  const present = presentUnits(record).length;
  const written = record.rounds[round - 1]?.writtenVoters ?? [];
  const committee = record.countingCommittee.map((m) => `${m.name} (${unitNameOf(dossier, m.unitId)})`).join(', ');
  const counted = round === 1 && committee ? `Ban kiểm phiếu gồm: ${committee}. ` : '';
  const writtenText = written.length > 0 ? `; phiếu bằng văn bản của ${written.map((id) => unitNameOf(dossier, id)).join(', ')}` : '';
  return `${counted}Vòng ${round}: ${present} đơn vị có mặt biểu quyết${writtenText}. Tỷ lệ đồng ý tính trên tổng số thành viên.`;
}

/** The sitting's decisions: the order of units that share a place, and next year's pledge. */
export function conferenceDecisions(dossier: ScoredDossier, record: MeetingRecord): Section {
  const name = (id: string) => unitNameOf(dossier, id);
  const place = (id: string) => dossier.scores.rows.find((r) => r.unitId === id)?.place;
  return {
    heading: 'CÁC QUYẾT ĐỊNH KHÁC CỦA HỘI NGHỊ',
    body: [
      ...record.equalOrder.map((d) => para(`Các đơn vị đồng hạng ${place(d.unitIds[0]!)}: hội nghị thống nhất thứ tự ${d.unitIds.map(name).join(', ')}. Lý do: ${d.reason}.`)),
      ...nextPledge(dossier, record).map((text) => para(text)),
    ],
  };
}

/**
 * Next year's pledge as the record has it: signed at the sitting (yes or no), so by the units present,
 * named; a unit absent did not sign there, and is named as such, never counted among the signers.
 */
function nextPledge(dossier: Dossier, record: MeetingRecord): string[] {
  const next = dossier.cycle.year + 1;
  if (!record.pledgeSigned) return [`Giao ước thi đua năm ${next} chưa được ký tại hội nghị.`];
  const units = unitsInRotation(dossier.cycle.config.bloc);
  const present = presentUnits(record);
  const signed = units.filter((u) => present.includes(u.id));
  const absent = units.filter((u) => !present.includes(u.id));
  return [
    `Tại hội nghị, ${formatNumber(signed.length)}/${formatNumber(units.length)} đơn vị thành viên có mặt ký giao ước thi đua năm ${next}: ${signed.map((u) => u.name).join('; ')}.`,
    ...(absent.length > 0 ? [`Chưa ký tại hội nghị (vắng mặt): ${absent.map((u) => u.name).join(', ')}.`] : []),
  ];
}

/** Ký kết giao ước: the units that signed the year's pledge at the sitting, each by its person present, and those that did not. */
export function conferencePledge(dossier: Dossier, record: SittingRecord): Section {
  const units = unitsInRotation(dossier.cycle.config.bloc);
  const signed = units.filter((u) => record.pledgeSigners.includes(u.id));
  const unsigned = units.filter((u) => !record.pledgeSigners.includes(u.id));
  const by = (unitId: string) => {
    const person = pledgeSignerAt(record, unitId);
    return person ? ` (${person.name}, ${person.title})` : '';
  };
  const year = dossier.cycle.year;
  const day = formatVietnamDate(Date.parse(record.heldAt));
  return {
    heading: `KÝ KẾT GIAO ƯỚC THI ĐUA NĂM ${year}`,
    body: [
      para(signed.length > 0 ? `Ngày ${day}, tại hội nghị, ${signed.length}/${units.length} đơn vị thành viên ký giao ước thi đua năm ${year}: ${signed.map((u) => `${u.name}${by(u.id)}`).join('; ')}.` : `Không đơn vị nào ký giao ước thi đua năm ${year} tại hội nghị.`),
      ...(signed.length > 0 && unsigned.length > 0 ? [para(`Chưa ký tại hội nghị: ${unsigned.map((u) => u.name).join(', ')}.`)] : []),
    ],
  };
}

/**
 * A report's account of a recorded sitting: "Ngày 20/01/2026, tại …, khối tổ chức hội nghị … do … đăng cai,
 * … chủ trì. Dự hội nghị có 8/9 đơn vị thành viên với 9 đại biểu; khách mời: …" (`what` names the conference).
 */
export function sittingText(dossier: Dossier, record: ConferenceRecord, what: string): string {
  const guests = record.guests.map(guestText);
  const members = unitsInRotation(dossier.cycle.config.bloc).length;
  return (
    `Ngày ${formatVietnamDate(Date.parse(record.heldAt))}, tại ${record.place}, ${awardingOf(dossier).short} tổ chức ${what} do ${unitNameOf(dossier, record.hostUnitId)} đăng cai, ${personText(record.chair)} chủ trì. ` +
    `Dự hội nghị có ${formatNumber(presentUnits(record).length)}/${formatNumber(members)} đơn vị thành viên với ${formatNumber(record.attendance.length)} đại biểu` +
    `${guests.length > 0 ? `; khách mời: ${guests.join('; ')}` : ''}.`
  );
}
