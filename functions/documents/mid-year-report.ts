/**
 * Báo cáo sơ kết 6 tháng (DOCX draft): the leader unit's mid-year report, from what the cycle recorded up
 * to now: the members and leaders, the pledge (who signed, by whom, when; at the pledge conference when the
 * bloc signed it there) and the mid-year review: the units' self-assessments (who sent them, when, with the
 * points they gave themselves) or, for a bloc that meets, the mid-year conference as its secretary recorded
 * it (when, where, who attended, whether the report was adopted). A phase that has not opened is said to
 * be planned or not planned, never to have run; a conference never recorded is not told at all; the
 * direction for the second half-year is the leader's to write.
 */
import { formatLocalDate, formatPoints, formatVietnamDate } from '../domain/index.js';
import type { Dossier, PhaseParticipation } from '../dossier/index.js';
import { conferenceAgenda, sittingText } from './conference.js';
import { dataTable, numbered, packDocx, para, type Section } from './layout.js';
import { membersIntro, participationCell, participationLine, participationSection, phaseOf, reportHead, reportSignatures, toWrite } from './report-parts.js';
import { awardingOf, unitNameOf } from './wording.js';

/** Builds the draft from any dossier: the mid-year report needs neither scores nor a vote. */
export async function midYearReportDocx(dossier: Dossier): Promise<Uint8Array> {
  const { bloc } = dossier.cycle.config;
  const year = dossier.cycle.year;
  const pledge = phaseOf(dossier, 'pledge');
  const sections = [
    participationSection(dossier, 'CÔNG TÁC TỔ CHỨC, THAM GIA THI ĐUA', [], [membersIntro(dossier)], pledge ? [participationLine(dossier, pledge)] : []),
    ...(pledge && pledge.units.some((u) => u.signer) ? [pledgeSigners(dossier, pledge)] : []),
    midYearSection(dossier),
    toWrite(dossier, 'PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM', `phương hướng, nhiệm vụ 6 tháng cuối năm ${year} và các kiến nghị`),
  ];
  const body = [
    ...reportHead(dossier, [`Sơ kết công tác thi đua 6 tháng đầu năm ${year}`, `của ${bloc.name}`]),
    ...numbered(sections),
    reportSignatures(dossier, `Trên đây là báo cáo sơ kết công tác thi đua 6 tháng đầu năm ${year} của ${bloc.name}./.`),
  ];
  return packDocx({ title: `Báo cáo sơ kết công tác thi đua 6 tháng đầu năm ${year}`, subject: bloc.name }, body);
}

/** Who signed the pledge for each unit, as the units recorded it. */
function pledgeSigners(dossier: Dossier, pledge: PhaseParticipation): Section {
  const columns = [
    { header: 'STT', share: 0.07, align: 'center' as const },
    { header: 'Đơn vị', share: 0.4 },
    { header: 'Người ký (họ tên, chức vụ)', share: 0.37 },
    { header: 'Ngày ký', share: 0.16, align: 'center' as const },
  ];
  const signed = pledge.units.filter((u) => u.signer);
  const rows = signed.map((u, i) => [String(i + 1), unitNameOf(dossier, u.unitId), `${u.signer!.name}, ${u.signer!.title}`, formatVietnamDate(Date.parse(u.submittedAt!))]);
  const where = pledge.atConference ? `tại hội nghị ký kết giao ước thi đua ngày ${formatVietnamDate(Date.parse(pledge.atConference.heldAt))}` : 'trên hệ thống Thi đua';
  return { heading: `GIAO ƯỚC THI ĐUA NĂM ${dossier.cycle.year}`, body: [para(`Các đơn vị ký giao ước thi đua ${where}:`, { keepNext: true }), dataTable(columns, rows)] };
}

/** The mid-year conference as recorded, as planned before its phase opened, or nothing said of a meeting when it was never recorded. */
function midYearConference(dossier: Dossier, planned: { opensOn: string; deadlineOn: string }): Section {
  const sitting = dossier.conferences.find((c) => c.kind === 'midYear');
  const heading = 'HỘI NGHỊ SƠ KẾT 6 THÁNG ĐẦU NĂM';
  if (sitting?.record) return { heading, body: [para(sittingText(dossier, sitting.record, 'hội nghị sơ kết 6 tháng đầu năm')), ...conferenceAgenda(sitting.record).body] };
  if (!sitting || sitting.status === 'open') {
    return { heading, body: [para(`Theo kế hoạch của ${awardingOf(dossier).short}, hội nghị sơ kết 6 tháng đầu năm họp trong thời gian từ ngày ${formatLocalDate(planned.opensOn)} đến ngày ${formatLocalDate(planned.deadlineOn)}; hệ thống Thi đua chưa có biên bản của hội nghị.`)] };
  }
  return { heading: 'KẾT QUẢ SƠ KẾT 6 THÁNG ĐẦU NĂM', body: [para(`Hệ thống Thi đua không có số liệu sơ kết 6 tháng đầu năm ${dossier.cycle.year} của ${awardingOf(dossier).short}.`)] };
}

/** The mid-year self-assessment as it ran, or as planned when it has not opened; the mid-year conference for a bloc that meets. */
function midYearSection(dossier: Dossier): Section {
  const heading = 'KẾT QUẢ TỰ ĐÁNH GIÁ 6 THÁNG ĐẦU NĂM';
  const midYear = phaseOf(dossier, 'midYear');
  const planned = dossier.cycle.config.timeline.midYear;
  if (planned?.conference) return midYearConference(dossier, planned);
  if (!midYear) {
    const bloc = awardingOf(dossier).short;
    const text = planned
      ? `Theo kế hoạch của ${bloc}, các đơn vị tự đánh giá kết quả 6 tháng đầu năm từ ngày ${formatLocalDate(planned.opensOn)} đến ngày ${formatLocalDate(planned.deadlineOn)}; giai đoạn này chưa mở trên hệ thống Thi đua, chưa có đơn vị nào gửi bản tự đánh giá.`
      : `Kế hoạch thi đua năm ${dossier.cycle.year} của ${bloc} trên hệ thống Thi đua không có đợt tự đánh giá 6 tháng; hệ thống không có số liệu sơ kết 6 tháng của các đơn vị.`;
    return { heading, body: [para(text)] };
  }
  const columns = [
    { header: 'STT', share: 0.07, align: 'center' as const },
    { header: 'Đơn vị', share: 0.45 },
    { header: 'Ngày gửi', share: 0.2, align: 'center' as const },
    { header: 'Điểm tự đánh giá', share: 0.28, align: 'right' as const },
  ];
  const rows = midYear.units.map((u, i) => [String(i + 1), unitNameOf(dossier, u.unitId), participationCell(u), u.selfTotal === undefined ? '' : formatPoints(u.selfTotal)]);
  return {
    heading,
    body: [
      para(participationLine(dossier, midYear)),
      para(`Điểm do các đơn vị tự đánh giá theo bảng tiêu chí của ${awardingOf(dossier).short}, chưa qua kiểm tra chéo:`, { keepNext: true }),
      dataTable(columns, rows),
    ],
  };
}

