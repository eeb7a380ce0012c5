/**
 * Báo cáo tổng kết (DOCX draft): the leader unit's year report, from what the cycle recorded: who took part
 * in each phase and when, the scores, ranking and classification, the year-end conference as its secretary
 * recorded it (or the online ballot), the awards proposed and, once published, granted, and next year's
 * leaders. Each part appears once it happened: a draft made before the vote says nothing of a vote.
 */
import { CLASSIFICATION_LABELS, formatLocalDate, formatNumber, formatPoints, type MeetingRecord, type SittingRecord } from '../domain/index.js';
import type { ScoredDossier } from '../dossier/index.js';
import { conferenceAgenda, conferenceDecisions, conferencePledge, sittingText, VOTE_FORMS } from './conference.js';
import { recordedConference } from './conference-minutes.js';
import { dataTable, numbered, packDocx, para, type Section } from './layout.js';
import { rankingTable } from './meeting-minutes.js';
import { membersIntro, participationSection, reportHead, reportSignatures, toWrite } from './report-parts.js';
import { awardingOf, capitalised, crossCheckOutcome, proposedRows, unitNameOf, windowPeriod } from './wording.js';

/** Builds the draft; the dossier must be scored (the year report presents the results). */
export async function yearReportDocx(dossier: ScoredDossier): Promise<Uint8Array> {
  const { bloc } = dossier.cycle.config;
  const year = dossier.cycle.year;
  const pledgeRecord = recordedConference(dossier, 'pledge');
  const sections = [
    participationSection(dossier, 'CÔNG TÁC TỔ CHỨC, THAM GIA THI ĐUA', dossier.participation, [membersIntro(dossier)], onlineVoteLines(dossier)),
    ...(pledgeRecord ? [pledgeConference(dossier, pledgeRecord)] : []),
    results(dossier),
    ...(dossier.meeting ? [conference(dossier, dossier.meeting)] : []),
    ...(dossier.vote.proposal ? [awards(dossier)] : []),
    direction(dossier),
  ];
  const body = [
    ...reportHead(dossier, [`Tổng kết công tác thi đua năm ${year}`, `của ${bloc.name}`]),
    ...numbered(sections),
    reportSignatures(dossier, `Trên đây là báo cáo tổng kết công tác thi đua năm ${year} của ${bloc.name}./.`),
  ];
  return packDocx({ title: `Báo cáo tổng kết công tác thi đua năm ${year}`, subject: bloc.name }, body);
}

/** An online ballot's rounds, as participation: who voted in each round, over its dates. */
function onlineVoteLines(dossier: ScoredDossier): string[] {
  if (dossier.meeting) return [];
  return dossier.vote.rounds.map((r) => {
    const when = r.window ? ` ${windowPeriod(r.window)}` : '';
    return `Bỏ phiếu bình xét, suy tôn trực tuyến vòng ${r.round}${when}: ${formatNumber(r.voters.length)}/${formatNumber(r.questions.memberIds.length)} đơn vị bỏ phiếu.`;
  });
}

function results(dossier: ScoredDossier): Section {
  const rows = dossier.scores.rows;
  const count = (c: keyof typeof CLASSIFICATION_LABELS) => rows.filter((r) => r.classification === c).length;
  const classes = (['xuatSac', 'tot', 'hoanThanh', 'khongHoanThanh'] as const).filter((c) => count(c) > 0).map((c) => `${formatNumber(count(c))} đơn vị ${CLASSIFICATION_LABELS[c].vi.toLowerCase()}`);
  const crossChecked = crossCheckOutcome(dossier);
  return {
    heading: 'KẾT QUẢ CHẤM ĐIỂM, XẾP LOẠI',
    body: [
      para(`Tổng số ${formatNumber(rows.length)} đơn vị được chấm điểm: ${classes.join(', ')}.`),
      para(`${crossChecked ? `${crossChecked}. ` : ''}Tổng điểm (điểm chuẩn + điểm thưởng − điểm trừ) và thứ hạng của các đơn vị:`, { keepNext: true }),
      rankingTable(dossier),
    ],
  };
}

/** The year-end conference as recorded: when, where, who, what it adopted and decided. */
function conference(dossier: ScoredDossier, record: MeetingRecord): Section {
  const { rules } = dossier.cycle.config;
  const rounds = dossier.vote.rounds.length;
  return {
    heading: 'HỘI NGHỊ TỔNG KẾT, BÌNH XÉT, SUY TÔN',
    body: [
      para(sittingText(dossier, record, 'hội nghị tổng kết')),
      ...conferenceAgenda(record).body,
      para(`Hội nghị bình xét, suy tôn bằng hình thức ${VOTE_FORMS[rules.voteMode]}${rounds > 0 ? `, qua ${formatNumber(rounds)} vòng` : ''}.`),
      ...conferenceDecisions(dossier, record).body,
    ],
  };
}

/** The pledge conference as recorded, when the bloc signed its pledge there: when, where, who, what it adopted, who signed. */
function pledgeConference(dossier: ScoredDossier, record: SittingRecord): Section {
  return {
    heading: `HỘI NGHỊ KÝ KẾT GIAO ƯỚC THI ĐUA NĂM ${dossier.cycle.year}`,
    body: [para(sittingText(dossier, record, 'hội nghị ký kết giao ước thi đua')), ...conferenceAgenda(record).body, ...conferencePledge(dossier, record).body],
  };
}

/** The awards the bloc proposed (less withdrawn nominees) and, once published, what was granted. */
function awards(dossier: ScoredDossier): Section {
  const w = awardingOf(dossier);
  const columns = [
    { header: 'STT', share: 0.07, align: 'center' as const },
    { header: 'Đơn vị', share: 0.4 },
    { header: 'Tổng điểm', share: 0.13, align: 'right' as const },
    { header: 'Xếp hạng', share: 0.1, align: 'center' as const },
    { header: 'Hình thức đề nghị', share: 0.3 },
  ];
  const rows = proposedRows(dossier).map((r, i) => [String(i + 1), unitNameOf(dossier, r.unitId), formatPoints(r.total), String(r.place), w.awards[r.award]]);
  const body: Section['body'] = [rows.length > 0 ? dataTable(columns, rows) : para(`${capitalised(awardingOf(dossier).short)} không đề nghị đơn vị nào.`)];
  if (dossier.approval.withdrawn.length > 0) body.push(para(`${capitalised(awardingOf(dossier).short)} rút đề nghị đối với: ${dossier.approval.withdrawn.map((id) => unitNameOf(dossier, id)).join(', ')}.`));
  const final = dossier.final;
  if (final?.status === 'approved') {
    const decision = final.decisionNumber ? ` tại Quyết định số ${final.decisionNumber}${final.decisionDate ? ` ngày ${formatLocalDate(final.decisionDate)}` : ''}` : '';
    body.push(para(`${w.body} đã phê duyệt kết quả${decision}.`));
  }
  return { heading: 'KẾT QUẢ BÌNH XÉT, ĐỀ NGHỊ KHEN THƯỞNG', body };
}

/** Next year: the leaders elected (once the vote or the conference chose them), then what the leader unit writes. */
function direction(dossier: ScoredDossier): Section {
  const w = awardingOf(dossier);
  const next = dossier.cycle.year + 1;
  const leaders = dossier.final ?? dossier.vote.proposal?.leaders;
  const body: Section['body'] = [];
  if (leaders) body.push(para(`${w.leader} năm ${next}: ${unitNameOf(dossier, leaders.leaderUnitId)}; ${w.deputy}: ${unitNameOf(dossier, leaders.deputyUnitId)}.`));
  body.push(...toWrite(dossier, '', `phương hướng, nhiệm vụ trọng tâm năm ${next} và các kiến nghị`).body);
  return { heading: `PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM ${next}`, body };
}
