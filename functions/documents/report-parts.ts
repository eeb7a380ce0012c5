/**
 * What the two report drafts of the leader unit share (báo cáo sơ kết, báo cáo tổng kết): the header of a
 * report issued by the leader unit and marked as a draft, the participation of the units in each phase
 * that opened, and the closing block signed by the leader unit's head. A phase that did not open is not
 * mentioned: a draft tells only what the cycle recorded, and the leader unit adds the rest.
 */
import type { FileChild, Table } from 'docx';
import { formatNumber, formatVietnamDate, unitsInRotation } from '../domain/index.js';
import type { Dossier, ParticipationPhase, PhaseParticipation, UnitParticipation } from '../dossier/index.js';
import { centred, dataTable, letterhead, para, title, type Section } from './layout.js';
import { signatures } from './signature-block.js';
import { awardingOf, leaderOf, onBehalfOf, signerOf, unitNameOf, windowPeriod } from './wording.js';

const date = (iso: string) => formatVietnamDate(Date.parse(iso));

/** How a report names each phase, what taking part in it is, and its column in the participation table. */
const PHASE_WORDS: Record<ParticipationPhase, { name: (bloc: string) => string; done: string; column: string }> = {
  pledge: { name: () => 'Ký giao ước thi đua', done: 'đơn vị ký giao ước', column: 'Ký giao ước' },
  midYear: { name: (bloc) => `Tự đánh giá kết quả 6 tháng đầu năm theo bảng tiêu chí của ${bloc}`, done: 'đơn vị gửi bản tự đánh giá', column: 'Tự đánh giá 6 tháng' },
  selfAssessment: { name: (bloc) => `Tự chấm điểm cuối năm theo bảng tiêu chí của ${bloc}`, done: 'đơn vị nộp bản tự chấm điểm', column: 'Tự chấm điểm' },
  crossCheck: { name: () => 'Kiểm tra chéo kết quả tự chấm điểm', done: 'đơn vị hoàn thành kiểm tra chéo', column: 'Kiểm tra chéo' },
};

/** The header, title and draft mark of a report of the leader unit; undated: the office dates it when it issues it. */
export function reportHead(dossier: Dossier, subject: string[]): FileChild[] {
  const { bloc } = dossier.cycle.config;
  return [
    letterhead({ style: bloc.headerStyle, parent: bloc.name, issuer: unitNameOf(dossier, leaderOf(dossier)), kind: 'BC', issuerCode: awardingOf(dossier).code, province: bloc.province }),
    ...title('BÁO CÁO', subject),
    centred(`(Dự thảo để đơn vị ${awardingOf(dossier).leader} chỉnh sửa, bổ sung)`, { italics: true, size: 13 }, 240),
  ];
}

/** The closing block after the report's last sentence: to the awarding body's board and the members, signed for the bloc by the leader unit's head. */
export function reportSignatures(dossier: Dossier, closing: string): Table {
  const awarding = awardingOf(dossier);
  return signatures(
    closing,
    { recipients: [`${awarding.addressee} (để báo cáo);`, `Các đơn vị thành viên ${awarding.collective};`, `Lưu: VT, ${awarding.code}.`] },
    { capacity: [onBehalfOf(dossier), awarding.leaderCaps], person: signerOf(dossier, leaderOf(dossier), 'head') },
  );
}

/** The number of the bloc's members: the units in rotation, as the minutes count them. */
export function memberCount(dossier: Dossier): number {
  return unitsInRotation(dossier.cycle.config.bloc).length;
}

/** The participation of `phase`, when it opened. */
export function phaseOf(dossier: Dossier, phase: ParticipationPhase): PhaseParticipation | undefined {
  return dossier.participation.find((p) => p.phase === phase);
}

/** "Ký giao ước thi đua từ ngày 05/01/2026 đến ngày 20/01/2026: 8/9 đơn vị ký giao ước; không ký: Báo tỉnh." */
export function participationLine(dossier: Dossier, p: PhaseParticipation): string {
  const words = PHASE_WORDS[p.phase];
  const name = words.name(awardingOf(dossier).short);
  const done = p.units.filter((u) => u.status === 'submitted').length;
  const missed = p.units.filter((u) => u.status === 'missed').map((u) => unitNameOf(dossier, u.unitId));
  const count = `${formatNumber(done)}/${formatNumber(p.units.length)} ${words.done}`;
  // Signed at the bloc's conference: the day it sat, and the units that did not sign there.
  if (p.atConference) return `${name} tại hội nghị ngày ${date(p.atConference.heldAt)}: ${count}${missed.length > 0 ? `; chưa ký: ${missed.join(', ')}` : ''}.`;
  const head = `${name} ${windowPeriod(p)}`;
  if (!p.closedAt) return `${head} (đang thực hiện): đến nay ${count}.`;
  return `${head}: ${count}${missed.length > 0 ? `; không gửi: ${missed.join(', ')}` : ''}.`;
}

/**
 * What a unit's cell of the participation table says: the day it submitted, or that it did not (yet); for a
 * pledge signed at the bloc's conference, that it signed there or not, never that it sent anything.
 */
export function participationCell(u: UnitParticipation | undefined, atConference?: PhaseParticipation['atConference']): string {
  if (!u) return '';
  if (atConference) return u.status === 'submitted' ? `Ký tại hội nghị ${date(atConference.heldAt)}` : 'Chưa ký tại hội nghị';
  if (u.status === 'submitted') return date(u.submittedAt!);
  return u.status === 'missed' ? 'Không gửi' : 'Chưa gửi';
}

/** One row per member, one column per phase that opened: when each unit took part. */
export function participationTable(dossier: Dossier, phases: PhaseParticipation[]) {
  const columns = [
    { header: 'STT', share: 0.07, align: 'center' as const },
    { header: 'Đơn vị', share: 0.93 - 0.16 * phases.length },
    ...phases.map((p) => ({ header: PHASE_WORDS[p.phase].column, share: 0.16, align: 'center' as const })),
  ];
  const rows = unitsInRotation(dossier.cycle.config.bloc).map((unit, i) => [
    String(i + 1),
    unit.name,
    ...phases.map((p) => participationCell(p.units.find((u) => u.unitId === unit.id), p.atConference)),
  ]);
  return dataTable(columns, rows);
}

/** The section on the units' participation in the phases that opened; `intro` first (the members, the leaders). */
export function participationSection(dossier: Dossier, heading: string, phases: PhaseParticipation[], intro: string[], extra: string[] = []): Section {
  const lines = [...phases.map((p) => participationLine(dossier, p)), ...extra];
  return {
    heading,
    body: [
      ...intro.map((text) => para(text)),
      ...lines.map((text, i) => para(`${i + 1}. ${text}`)),
      ...(phases.length > 0 ? [para(tableIntro(phases), { keepNext: true }), participationTable(dossier, phases)] : []),
    ],
  };
}

/** What the participation table shows: what the units sent on the system, what they signed at a conference, or both. */
function tableIntro(phases: PhaseParticipation[]): string {
  const sat = phases.some((p) => p.atConference);
  const sent = phases.some((p) => !p.atConference);
  if (!sat) return 'Thời điểm các đơn vị gửi trên hệ thống Thi đua:';
  return sent ? 'Thời điểm các đơn vị ký tại hội nghị hoặc gửi trên hệ thống Thi đua:' : 'Các đơn vị ký tại hội nghị:';
}

/** The members and this year's leaders, as the opening of a report's first section says them. */
export function membersIntro(dossier: Dossier): string {
  const { bloc } = dossier.cycle.config;
  const w = awardingOf(dossier);
  const deputy = bloc.deputyUnitId ? `, ${w.deputy}: ${unitNameOf(dossier, bloc.deputyUnitId)}` : '';
  return `${bloc.name} gồm ${formatNumber(memberCount(dossier))} đơn vị thành viên; ${w.leader} năm ${dossier.cycle.year}: ${unitNameOf(dossier, leaderOf(dossier))}${deputy}.`;
}

/** A section left for the leader unit to write: what the stored data cannot know (the direction, the tasks ahead). */
export function toWrite(dossier: Dossier, heading: string, what: string): Section {
  return { heading, body: [para(`(Đơn vị ${awardingOf(dossier).leader} bổ sung ${what}.)`)] };
}
