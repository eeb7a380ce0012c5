/**
 * The parts of the minutes (Biên bản) that only a conference has, made from its record as the secretary
 * entered it: when, where and who; the agenda; how the vote was held and counted; the sitting's decisions.
 * Nothing here is said of an online ballot (meeting-minutes.ts says what that was).
 */
import { formatVietnamDateTime, presentUnits, unitsInRotation, type MeetingRecord } from '../domain/index.js';
import type { ScoredDossier } from '../dossier/index.js';
import { dataTable, para, type Section } from './layout.js';
import { guestText, unitNameOf } from './wording.js';

/** How the members voted, as the documents say it. */
export const VOTE_FORMS = { secretBallot: 'bỏ phiếu kín bằng phiếu giấy', showOfHands: 'biểu quyết giơ tay', online: 'bỏ phiếu trực tuyến' } as const;

/** The opening lines: time, place, host, chair and secretary by name and title, how the members voted. */
export function conferenceOpening(dossier: ScoredDossier, record: MeetingRecord) {
  const name = (id: string) => unitNameOf(dossier, id);
  const { rules } = dossier.cycle.config;
  return [
    para(`Thời gian: ${formatVietnamDateTime(Date.parse(record.heldAt))}.`),
    para(`Địa điểm: ${record.place}. Đơn vị đăng cai: ${name(record.hostUnitId)}.`),
    para(`Chủ trì: ${record.chair.name}, ${record.chair.title}. Thư ký: ${record.secretary.name}, ${record.secretary.title}.`),
    para(`Hình thức biểu quyết: ${VOTE_FORMS[rules.voteMode]}; mỗi đơn vị thành viên một phiếu${rules.writtenVotes ? '; thành viên vắng mặt biểu quyết bằng văn bản' : ''}.`),
  ];
}

/** Thành phần: each unit's persons present, or absent (with a written vote if it sent one), then the guests. */
export function conferenceAttendance(dossier: ScoredDossier, record: MeetingRecord): Section {
  const units = unitsInRotation(dossier.cycle.config.bloc);
  const present = presentUnits(record);
  const written = new Set(record.rounds.flatMap((r) => r.writtenVoters));
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
export function conferenceAgenda(record: MeetingRecord): Section {
  return {
    heading: 'NỘI DUNG HỘI NGHỊ',
    body: record.agenda.map((a, i) => para(`${i + 1}. ${a.item}: ${a.adopted ? 'Hội nghị thống nhất thông qua.' : 'Hội nghị chưa thông qua.'}`)),
  };
}

/** How each round was counted: the counting committee (a secret ballot), those present and the written votes. */
export function conferenceCount(dossier: ScoredDossier, record: MeetingRecord, round: number): string {
  const present = presentUnits(record).length;
  const written = record.rounds[round - 1]?.writtenVoters ?? [];
  const committee = record.countingCommittee.map((m) => `${m.name} (${unitNameOf(dossier, m.unitId)})`).join(', ');
  const counted = round === 1 && committee ? `Ban kiểm phiếu gồm: ${committee}. ` : '';
  const writtenText = written.length > 0 ? `; phiếu bằng văn bản của ${written.map((id) => unitNameOf(dossier, id)).join(', ')}` : '';
  return `${counted}Vòng ${round}: ${present} đơn vị có mặt biểu quyết${writtenText}. Tỷ lệ đồng ý tính trên tổng số thành viên.`;
}

/** The sitting's decisions: the order of units that share a place, and the pledge. */
export function conferenceDecisions(dossier: ScoredDossier, record: MeetingRecord): Section {
  const name = (id: string) => unitNameOf(dossier, id);
  const place = (id: string) => dossier.scores.rows.find((r) => r.unitId === id)?.place;
  return {
    heading: 'CÁC QUYẾT ĐỊNH KHÁC CỦA HỘI NGHỊ',
    body: [
      ...record.equalOrder.map((d) => para(`Các đơn vị đồng hạng ${place(d.unitIds[0]!)}: hội nghị thống nhất thứ tự ${d.unitIds.map(name).join(', ')}. Lý do: ${d.reason}.`)),
      para(record.pledgeSigned ? `Các đơn vị thành viên ký giao ước thi đua năm ${dossier.cycle.year + 1} tại hội nghị.` : `Giao ước thi đua năm ${dossier.cycle.year + 1} chưa được ký tại hội nghị.`),
    ],
  };
}
