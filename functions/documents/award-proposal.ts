/**
 * Tờ trình đề nghị khen thưởng (DOCX): the bloc's proposal to the province's emulation council. The legal
 * basis (from the rules' sources), the process the bloc followed, its results, the units and awards it
 * proposes with their vote, next year's leaders and the list of attached documents.
 */
import { CLASSIFICATION_LABELS, RULE_SOURCES, formatNumber, formatPoints, formatLocalDate, formatVietnamDate, unitsInRotation, type Award, type Proposal, type SittingRecord } from '../domain/index.js';
import { VOTE_FORMS } from './conference.js';
import { recordedConference } from './conference-minutes.js';
import type { ParticipationPhase, ScoredDossier } from '../dossier/index.js';
import { phaseOf } from './report-parts.js';
import { awardingOf, capitalised, crossCheckOutcome, onBehalfOf, crossCheckRan, leaderOf, percent, proposalOf, proposedRows, signerOf, unitNameOf, voteWords, windowEnd, windowPeriod } from './wording.js';
import { centred, dataTable, letterhead, numbered, packDocx, para, run, title, type Section } from './layout.js';
import { signatures } from './signature-block.js';
import { isSecretBallot, rankingTable } from './meeting-minutes.js';

const day = formatLocalDate;

/** Builds the proposal; the dossier must hold the bloc's proposal (the vote is over). */
export async function awardProposalDocx(dossier: ScoredDossier): Promise<Uint8Array> {
  const proposal = proposalOf(dossier);
  const { bloc } = dossier.cycle.config;
  const leader = unitNameOf(dossier, leaderOf(dossier));
  const awarding = awardingOf(dossier);
  const council = awarding.addressee;
  const sections = [process(dossier, proposal.proposedAt), results(dossier), proposed(dossier, proposal), attachments(dossier, proposal.proposedAt)];
  const body = [
    letterhead({ style: bloc.headerStyle, parent: bloc.name, issuer: leader, kind: 'TTr', issuerCode: awarding.code, province: bloc.province, at: dossier.approval.rounds.at(-1)?.requestedAt ?? proposal.proposedAt }),
    ...title('TỜ TRÌNH', subject(dossier)),
    centred(`Kính gửi: ${council}.`, { size: 14 }, 240),
    ...RULE_SOURCES.legalBasis.map((basis) => para([run(`Căn cứ ${basis};`, { italics: true })])),
    para([run(`Căn cứ Quy chế hoạt động của ${bloc.name};`, { italics: true })]),
    para([run(`Căn cứ kết quả chấm điểm thi đua và ${minutesName(dossier, proposal.proposedAt)} của ${bloc.name},`, { italics: true })]),
    para(`${bloc.name} kính trình ${council} xem xét, đề nghị khen thưởng như sau:`),
    ...numbered(sections),
    signatures(
      `${bloc.name} kính trình ${council} xem xét, trình ${awarding.body} quyết định./.`,
      { recipients: ['Như trên;', ...awarding.recipients.map((r) => `${r};`), `Lưu: VT, ${awarding.code}.`] },
      { capacity: [onBehalfOf(dossier), awarding.leaderCaps], person: signerOf(dossier, leaderOf(dossier), 'head') },
    ),
  ];
  return packDocx({ title: `Tờ trình đề nghị khen thưởng năm ${dossier.cycle.year}`, subject: bloc.name }, body);
}

/**
 * The trích yếu, the Tờ trình's legal subject: only the awards it proposes (a bloc may propose no flag, or
 * nothing at all), so that its title never proposes what section III does not.
 */
function subject(dossier: ScoredDossier): string[] {
  const { bloc } = dossier.cycle.config;
  const year = dossier.cycle.year;
  const kinds = (['flag', 'certificate'] as const).filter((award) => proposedRows(dossier).some((r) => r.award === award));
  if (kinds.length === 0) return [`Về kết quả bình xét, suy tôn thi đua năm ${year}`, `của các đơn vị thuộc ${bloc.name}`];
  return [`Về việc đề nghị tặng ${kinds.map((award) => awardingOf(dossier).awards[award]).join(', ')} năm ${year}`, `cho các đơn vị thuộc ${bloc.name}`];
}

function process(dossier: ScoredDossier, meetingAt: string): Section {
  const { rules } = dossier.cycle.config;
  const rows = dossier.scores.rows;
  const steps = processSteps(dossier);
  const crossChecked = crossCheckOutcome(dossier);
  return {
    heading: 'QUÁ TRÌNH TỔ CHỨC THỰC HIỆN',
    body: [
      ...steps.map((s, i) => para(`${i + 1}. ${s}.`)),
      para(
        `Kết quả: ${formatNumber(rows.filter((r) => r.submitted).length)}/${formatNumber(rows.length)} đơn vị nộp bản tự chấm điểm${crossChecked ? `; ${crossChecked}` : ''}.` +
          (dossier.meeting ? '' : ` ${onlineVoted(dossier, meetingAt)}`),
      ),
      para(
        `Nguyên tắc: chỉ đề nghị đơn vị xếp loại "${CLASSIFICATION_LABELS.xuatSac.vi}" (từ ${rules.bands.xuatSac}% điểm chuẩn) và đủ điều kiện khen thưởng; ` +
          `${awardingOf(dossier).awards.flag} cần ít nhất ${rules.voteThresholds.flag}%, ${awardingOf(dossier).awards.certificate} ít nhất ${rules.voteThresholds.certificate}% tổng số thành viên đồng ý. ` +
          `${RULE_SOURCES.flagQuota}. ${RULE_SOURCES.voteThresholds}${dossier.meeting && rules.writtenVotes ? `; ${RULE_SOURCES.writtenVotes}` : ''}. ${RULE_SOURCES.eligibility}.`,
      ),
    ],
  };
}

/**
 * The steps the bloc followed, each as it happened: over its window as it opened (extensions included), or
 * on the day the bloc's conference sat (the pledge signed there, the mid-year review, the vote). A phase
 * that never opened (a bloc may go without a cross-check or a mid-year review) and a conference never
 * recorded are left out: nothing tells that they took place. The self-assessment, which the scores prove,
 * falls back on its planned window for a cycle that kept no record of its opening.
 */
function processSteps(dossier: ScoredDossier): string[] {
  const { timeline, bloc } = dossier.cycle.config;
  const w = awardingOf(dossier);
  const elect = `bầu ${w.leader}, ${w.deputy} năm sau`;
  const over = (window: { opensOn: string; deadlineOn: string } | undefined, what: string) => (window ? [`Từ ngày ${day(window.opensOn)} đến ngày ${day(window.deadlineOn)}, ${what}`] : []);
  /** Over the window as it opened; without a record of the opening, over the planned one only where the scores prove the phase ran. */
  const opened = (phase: ParticipationPhase, what: string, proven = false) => {
    const window = phaseOf(dossier, phase);
    if (!window) return proven ? over(timeline[phase], what) : [];
    return [`Từ ngày ${formatVietnamDate(Date.parse(window.opensAt))} đến ngày ${formatVietnamDate(Date.parse(window.deadlineAt))}, ${what}`];
  };
  const sat = (kind: 'pledge' | 'midYear', what: (record: SittingRecord) => string) => {
    const record = recordedConference(dossier, kind);
    return record ? [`Ngày ${formatVietnamDate(Date.parse(record.heldAt))}, tại ${record.place}, ${what(record)}`] : [];
  };
  const members = unitsInRotation(bloc).length;
  return [
    ...(timeline.pledge?.conference
      ? sat('pledge', (r) => `${w.short} tổ chức hội nghị ký kết giao ước thi đua; ${formatNumber(r.pledgeSigners.length)}/${formatNumber(members)} đơn vị thành viên ký giao ước tại hội nghị`)
      : opened('pledge', 'các đơn vị ký giao ước thi đua')),
    ...(timeline.midYear?.conference ? sat('midYear', () => `${w.short} tổ chức hội nghị sơ kết công tác thi đua 6 tháng đầu năm`) : opened('midYear', 'các đơn vị tự đánh giá kết quả 6 tháng đầu năm')),
    ...opened('selfAssessment', `các đơn vị tự chấm điểm theo bảng tiêu chí của ${w.short}`, true),
    ...opened('crossCheck', 'các đơn vị kiểm tra chéo kết quả tự chấm điểm; điểm sau kiểm tra chéo là điểm được tính', crossCheckRan(dossier)),
    // A bloc that voted at its conference voted on the day it sat, told once: where, and how; online, each round over its window as it ran.
    ...(dossier.meeting
      ? [`Ngày ${formatVietnamDate(Date.parse(dossier.meeting.heldAt))}, tại ${dossier.meeting.place}, ${w.short} họp hội nghị tổng kết, bình xét, suy tôn bằng hình thức ${VOTE_FORMS[dossier.cycle.config.rules.voteMode]} và ${elect}`]
      : onlineVote(dossier, elect)),
  ];
}

/**
 * The online vote's step: each round over the dates it really ran (an extended deadline, an early close, a
 * second round after the planned window), as the minutes give them; the planned window only for a cycle
 * that kept no round's window.
 */
function onlineVote(dossier: ScoredDossier, elect: string): string[] {
  const what = `các đơn vị thành viên bỏ phiếu bình xét, suy tôn và ${elect}`;
  const rounds = dossier.vote.rounds.flatMap((r) => (r.window ? [{ round: r.round, window: r.window }] : []));
  if (rounds.length === 0) {
    const planned = dossier.cycle.config.timeline.vote;
    return planned ? [`Từ ngày ${day(planned.opensOn)} đến ngày ${day(planned.deadlineOn)}, ${what}`] : [];
  }
  if (rounds.length === 1) return [`${capitalised(windowPeriod(rounds[0]!.window))}, ${what}`];
  return [`${capitalised(what)}: ${rounds.map((r) => `vòng ${r.round} ${windowPeriod(r.window)}`).join('; ')}`];
}

function results(dossier: ScoredDossier): Section {
  const rows = dossier.scores.rows;
  const count = (c: keyof typeof CLASSIFICATION_LABELS) => rows.filter((r) => r.classification === c).length;
  return {
    heading: 'KẾT QUẢ CHẤM ĐIỂM, XẾP LOẠI',
    body: [
      para(
        `Tổng số ${rows.length} đơn vị: ${count('xuatSac')} đơn vị ${CLASSIFICATION_LABELS.xuatSac.vi.toLowerCase()}, ${count('tot')} đơn vị ${CLASSIFICATION_LABELS.tot.vi.toLowerCase()}, ` +
          `${count('hoanThanh')} đơn vị ${CLASSIFICATION_LABELS.hoanThanh.vi.toLowerCase()}, ${count('khongHoanThanh')} đơn vị ${CLASSIFICATION_LABELS.khongHoanThanh.vi.toLowerCase()}.`,
      ),
      rankingTable(dossier),
    ],
  };
}

/** The vote behind a proposed award: the round that decided the flag, the first round for certificates. */
function voteFor(dossier: ScoredDossier, proposal: Proposal, unitId: string, award: Award): string {
  if (award === 'flag' && proposal.flagDecidedBy === 'leaders' && proposal.leaderDecision?.flagUnitId === unitId) return `${awardingOf(dossier).leader}, ${awardingOf(dossier).deputy} quyết định`;
  const tallies = dossier.vote.rounds.map((r) => r[award].find((t) => t.unitId === unitId && t.passes)).filter((t) => t !== undefined);
  const tally = award === 'flag' ? tallies.at(-1) : tallies[0];
  return tally ? `${tally.approvals}/${tally.members} (${percent(tally.approvals, tally.members)})` : '';
}

function proposed(dossier: ScoredDossier, proposal: Proposal): Section {
  const awarding = awardingOf(dossier);
  const columns = [
    { header: 'STT', share: 0.07, align: 'center' as const },
    { header: 'Đơn vị', share: 0.31 },
    { header: 'Tổng điểm', share: 0.1, align: 'right' as const },
    { header: 'Xếp hạng', share: 0.09, align: 'center' as const },
    { header: 'Hình thức đề nghị', share: 0.25 },
    { header: voteWords(dossier).approvals, share: 0.18, align: 'center' as const },
  ];
  const rows = proposedRows(dossier).map((r, i) => [String(i + 1), unitNameOf(dossier, r.unitId), formatPoints(r.total), String(r.place), awarding.awards[r.award], voteFor(dossier, proposal, r.unitId, r.award)]);
  const name = (id: string) => unitNameOf(dossier, id);
  const body: Section['body'] = [rows.length > 0 ? dataTable(columns, rows) : para(`${capitalised(awarding.short)} không đề nghị đơn vị nào.`)];
  for (const h of proposal.higher ?? []) {
    body.push(
      para(
        `Đề nghị cấp có thẩm quyền tặng ${h.name} cho ${name(h.unitId)}: đạt ${awarding.awards[h.after]} ${h.years.length} năm liên tục (${h.years.join(', ')}). Căn cứ: ${h.source}.`,
      ),
    );
  }
  if (dossier.approval.withdrawn.length > 0) {
    body.push(para(`Khi hoàn thiện hồ sơ theo ý kiến của ${awarding.addressee}, ${awarding.short} rút đề nghị đối với: ${dossier.approval.withdrawn.map(name).join(', ')}.`));
  }
  body.push(para(`${awarding.leader} năm ${dossier.cycle.year + 1}: ${name(proposal.leaders.leaderUnitId)}; ${awarding.deputy}: ${name(proposal.leaders.deputyUnitId)}.`));
  return { heading: 'ĐỀ NGHỊ KHEN THƯỞNG', body };
}

/** The list of attached documents: the generated ones, then every file the members added, by name. */
function attachments(dossier: ScoredDossier, meetingAt: string): Section {
  const named = (purpose: string) => dossier.files.filter((f) => f.purpose === purpose);
  const quoted = (files: { fileName: string }[]) => files.map((f) => `“${f.fileName}”`).join(', ');
  const minutesScans = named('signedMinutes');
  const lines = [
    `${minutesName(dossier, meetingAt)} của ${dossier.cycle.config.bloc.name}${minutesScans.length ? ` (bản đã ký, đóng dấu: tệp ${quoted(minutesScans)})` : ''}.`,
    `Bảng tổng hợp kết quả chấm điểm thi đua năm ${dossier.cycle.year} (${crossCheckOutcome(dossier) ? 'điểm tự chấm, điểm sau kiểm tra chéo' : 'điểm tự chấm'} theo từng tiêu chí).`,
    // The reports in the order the proposal lists their units (the flag first, then by rank), as filed.
    ...inProposalOrder(dossier, named('achievementReport')).map((f) => `Báo cáo thành tích của ${unitNameOf(dossier, f.unitId)} (tệp “${f.fileName}”).`),
    ...named('revisionAttachment').map((f) => `Tài liệu bổ sung của ${unitNameOf(dossier, f.unitId)} (tệp “${f.fileName}”).`),
  ];
  const evidence = named('evidence');
  if (evidence.length) lines.push(`Tài liệu minh chứng theo tiêu chí của các đơn vị: ${evidence.length} tệp (${quoted(evidence)}).`);
  return { heading: 'HỒ SƠ KÈM THEO', body: lines.map((line, i) => para(`${i + 1}. ${line}`)) };
}

function inProposalOrder<F extends { unitId: string }>(dossier: ScoredDossier, files: F[]): F[] {
  const place = new Map(proposedRows(dossier).map((row, i) => [row.unitId, i]));
  const at = (f: F) => place.get(f.unitId) ?? place.size;
  return [...files].sort((a, b) => at(a) - at(b));
}

/** The minutes as the proposal cites them: of the conference, or of the online ballot's count. */
function minutesName(dossier: ScoredDossier, proposedAt: string): string {
  const at = dossier.meeting?.heldAt ?? proposedAt;
  return `Biên bản ${dossier.meeting ? 'hội nghị tổng kết, bình xét, suy tôn' : isSecretBallot(dossier) ? 'kiểm phiếu bình xét, suy tôn (bỏ phiếu kín trực tuyến)' : 'kiểm phiếu bình xét, suy tôn trực tuyến'} ngày ${formatVietnamDate(Date.parse(at))}`;
}

/** How an online vote ran: secret or not, done on its last round's last day. */
function onlineVoted(dossier: ScoredDossier, proposedAt: string): string {
  // Done on the last round's last day as it ran; the proposal is made later, when the count is swept.
  const last = dossier.vote.rounds.at(-1)?.window;
  const done = last ? windowEnd(last) : proposedAt;
  return `Các đơn vị bỏ phiếu ${isSecretBallot(dossier) ? 'kín ' : ''}bình xét, suy tôn trực tuyến, hoàn thành ngày ${formatVietnamDate(Date.parse(done))}.`;
}
