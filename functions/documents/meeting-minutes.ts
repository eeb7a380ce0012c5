/**
 * Biên bản họp bình xét, suy tôn (DOCX): the record of the bloc's vote. Who the members are and who took
 * part in each ballot round, the ranking the vote started from, each round's tally against its threshold,
 * how the flag was settled, the awards proposed, next year's leader and deputy, and the signatures.
 */
import { CLASSIFICATION_LABELS, certificatesLeftOut, formatPoints, formatVietnamDate, unitsInRotation, type Award, type MeetingRecord, type Proposal, type VoteRound } from '../domain/index.js';
import { conferenceAgenda, conferenceAttendance, conferenceCount, conferenceDecisions } from './conference.js';
import { conferenceMinutesBody } from './conference-minutes.js';
import type { BallotRound, BallotWindow, ScoredDossier } from '../dossier/index.js';
import { AWARD_KINDS, NAME_LINE, awardLabel, awardingOf, crossCheckRan, leaderOf, percent, personText, proposalOf, quotaFilledText, signerOf, unitNameOf, voteWords, windowPeriod } from './wording.js';
import type { Table } from 'docx';
import { dataTable, letterhead, mm, numbered, packDocx, para, run, title, type Section } from './layout.js';
import { signatures } from './signature-block.js';

const date = (iso: string) => formatVietnamDate(Date.parse(iso));
/** The dates a round ran, as the units saw them (windowPeriod); nothing for a round that kept no window. */
const period = (w: BallotWindow | undefined) => (w ? windowPeriod(w) : '');

/** How an online secret ballot was held, as it was: apart from who voted, no name on a ballot, a code to check it. */
const SECRET_FORM =
  'Hình thức: bỏ phiếu kín trực tuyến trên hệ thống Thi đua, không họp tập trung; mỗi đơn vị thành viên một phiếu. Hệ thống ghi nhận đơn vị đã bỏ phiếu tách riêng với nội dung phiếu; phiếu được lưu không kèm tên đơn vị; mỗi đơn vị nhận một mã biên nhận để tự kiểm tra phiếu của mình có trong số phiếu được kiểm.';

/** Whether every round of an online vote was a secret ballot (rounds cast before ballots were secret were not). */
export const isSecretBallot = (dossier: ScoredDossier) => dossier.vote.rounds.length > 0 && dossier.vote.rounds.every((r) => r.secret !== undefined);

/** Builds the minutes; the dossier must hold the bloc's proposal (the vote is over). */
export async function meetingMinutesDocx(dossier: ScoredDossier): Promise<Uint8Array> {
  return dossier.meeting ? conferenceMinutes(dossier, dossier.meeting) : onlineMinutes(dossier);
}

/** The minutes of the year-end conference, from its record: what the secretary recorded, signed by the chair and secretary. */
async function conferenceMinutes(dossier: ScoredDossier, record: MeetingRecord): Promise<Uint8Array> {
  const proposal = proposalOf(dossier);
  const { bloc } = dossier.cycle.config;
  const rounds = dossier.vote.rounds.map((r) => ballotRound(dossier, r, conferenceCount(dossier, record, r.round)));
  const sections = [conferenceAttendance(dossier, record), conferenceAgenda(record), ranking(dossier), ...rounds, outcome(dossier, proposal, 'Hội nghị thống nhất đề nghị khen thưởng:'), conferenceDecisions(dossier, record), leaders(dossier, proposal), ...leadersDecision(dossier, proposal)];
  const body = conferenceMinutesBody(dossier, record, `Hội nghị tổng kết, bình xét, suy tôn thi đua năm ${dossier.cycle.year}`, sections);
  return packDocx({ title: `Biên bản hội nghị tổng kết, bình xét, suy tôn năm ${dossier.cycle.year}`, subject: bloc.name }, body);
}

/** The minutes of an online ballot: what the system counted over the dates it ran, and no meeting. */
async function onlineMinutes(dossier: ScoredDossier): Promise<Uint8Array> {
  const proposal = proposalOf(dossier);
  const { bloc } = dossier.cycle.config;
  const name = (id: string) => unitNameOf(dossier, id);
  const leader = leaderOf(dossier);
  const leaderUnit = bloc.units.find((u) => u.id === leader);
  const chair = leaderUnit?.people?.head;
  const secretary = leaderUnit?.people?.officer;
  const w = awardingOf(dossier);
  const secret = isSecretBallot(dossier);
  const sections = [members(dossier), ranking(dossier), ...dossier.vote.rounds.map((r) => ballotRound(dossier, r)), outcome(dossier, proposal, `Theo kết quả bỏ phiếu, ${w.collective} đề nghị khen thưởng:`), leaders(dossier, proposal), ...leadersDecision(dossier, proposal)];
  const body = [
    letterhead({ style: bloc.headerStyle, parent: bloc.name, issuer: name(leader), kind: 'BB', issuerCode: w.code, province: bloc.province, at: proposal.proposedAt }),
    ...title('BIÊN BẢN', [`Kiểm phiếu bình xét, suy tôn thi đua năm ${dossier.cycle.year} (${secret ? 'bỏ phiếu kín trực tuyến' : 'bỏ phiếu trực tuyến'})`, `của ${bloc.name}`]),
    para(`Thời gian: ${dossier.vote.rounds.map((r) => `vòng ${r.round} ${period(r.window)}`).join('; ')}.`),
    para(secret ? SECRET_FORM : 'Hình thức: bỏ phiếu trực tuyến trên hệ thống Thi đua, không họp tập trung; mỗi đơn vị thành viên một phiếu.'),
    para(`${w.leader}: ${name(leader)}${chair ? `, do ${personText(chair)} đại diện` : ''}. Thư ký tổng hợp: ${secretary ? personText(secretary) : NAME_LINE}.`),
    ...numbered(sections),
    signatures(`Biên bản được lập từ kết quả bỏ phiếu lưu trên hệ thống Thi đua, kết thúc ngày ${date(proposal.proposedAt)}./.`, { capacity: ['THƯ KÝ'], person: signerOf(dossier, leader, 'officer') }, { capacity: [w.leaderCaps], person: signerOf(dossier, leader, 'head') }),
  ];
  return packDocx({ title: `Biên bản họp bình xét, suy tôn năm ${dossier.cycle.year}`, subject: bloc.name }, body);
}

function members(dossier: ScoredDossier): Section {
  const units = unitsInRotation(dossier.cycle.config.bloc);
  const turnout = dossier.vote.rounds.map((round) => `vòng ${round.round}: ${round.voters.length}/${units.length}`).join('; ');
  const summary = `Tổng số thành viên: ${units.length} đơn vị. Số đơn vị bỏ phiếu ${turnout || 'chưa có'}; đơn vị không bỏ phiếu được tính là không đồng ý.`;
  const columns = [
    { header: 'STT', share: 0.08, align: 'center' as const },
    { header: 'Đơn vị thành viên', share: 0.46 },
    ...dossier.vote.rounds.map((r) => ({ header: `Vòng ${r.round}`, share: 0.46 / dossier.vote.rounds.length, align: 'center' as const })),
  ];
  const rows = units.map((u, i) => [String(i + 1), u.name, ...dossier.vote.rounds.map((r) => (r.voters.includes(u.id) ? 'Đã bỏ phiếu' : 'Không bỏ phiếu'))]);
  return { heading: 'THÀNH PHẦN', body: [para(summary), dataTable(columns, rows)] };
}

/** The ranking the vote started from: place, unit, total and classification of every unit. */
export function rankingTable(dossier: ScoredDossier): Table {
  const columns = [
    { header: 'Xếp hạng', share: 0.09, align: 'center' as const },
    { header: 'Đơn vị', share: 0.41 },
    { header: 'Tổng điểm', share: 0.12, align: 'right' as const },
    { header: 'Xếp loại', share: 0.38 },
  ];
  return dataTable(columns, dossier.scores.rows.map((r) => [String(r.place), unitNameOf(dossier, r.unitId), formatPoints(r.total), CLASSIFICATION_LABELS[r.classification].vi]));
}

function ranking(dossier: ScoredDossier): Section {
  return {
    heading: 'KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG',
    body: [para(`Tổng điểm${crossCheckRan(dossier) ? ' sau kiểm tra chéo' : ''} (điểm chuẩn + điểm thưởng − điểm trừ) và thứ hạng của các đơn vị, theo Bảng tổng hợp kết quả chấm điểm kèm theo:`), rankingTable(dossier)],
  };
}

function ballotRound(dossier: ScoredDossier, round: BallotRound, counted?: string): Section {
  const v = voteWords(dossier);
  const members = round.questions.memberIds.length;
  const tallies = [...round.flag.map((t) => ({ t, award: 'flag' as Award })), ...round.certificate.map((t) => ({ t, award: 'certificate' as Award }))];
  // Each column as wide as its longest word or number in 13 pt, with the cell's margins and room for the
  // wider DejaVu Serif that LibreOffice takes Vietnamese letters from where Liberation Serif 1.x lacks them
  // (docs/documents.md, Fonts); the unit's name takes the rest and wraps between words.
  const columns = [
    { header: 'STT', share: mm(12), align: 'center' as const },
    { header: 'Đơn vị được đề nghị' },
    { header: 'Hình thức', share: mm(24) },
    { header: 'Đồng ý', share: mm(15), align: 'center' as const },
    { header: `Không đồng ý, không ${v.vote}`, share: mm(19), align: 'center' as const },
    { header: 'Tỷ lệ đồng ý', share: mm(18), align: 'center' as const },
    { header: 'Tỷ lệ cần đạt', share: mm(15), align: 'center' as const },
    { header: 'Kết quả', share: mm(18), align: 'center' as const },
  ];
  const rows = tallies.map(({ t, award }, i) => [
    String(i + 1),
    unitNameOf(dossier, t.unitId),
    AWARD_KINDS[award],
    String(t.approvals),
    String(members - t.approvals),
    percent(t.approvals, members),
    `${t.thresholdPercent}%`,
    t.passes ? 'Đạt' : 'Không đạt',
  ]);
  const intro = counted ?? `Bỏ phiếu ${period(round.window)}: ${round.voters.length}/${members} đơn vị bỏ phiếu${secretCount(round)}. Tỷ lệ đồng ý tính trên tổng số thành viên.`;
  return { heading: `KẾT QUẢ ${v.vote.toUpperCase()} VÒNG ${round.round}`, body: [para(intro), dataTable(columns, rows), para(roundOutcome(dossier, round))] };
}

/** A secret round's count of anonymous ballots, and the ballots it could not count only when there were any. */
function secretCount(round: VoteRound): string {
  if (!round.secret) return '';
  const lost = round.secret.uncounted > 0 ? `; ${round.secret.uncounted} phiếu không kiểm được do sự cố khi ghi phiếu` : '';
  return `, ${round.secret.ballots} phiếu kín được kiểm${lost}`;
}

function roundOutcome(dossier: ScoredDossier, round: VoteRound): string {
  const names = (ids: readonly string[]) => ids.map((id) => unitNameOf(dossier, id)).join(', ');
  const o = round.outcome;
  const v = voteWords(dossier);
  if (o.kind === 'decided') return o.winners.length > 0 ? `Cờ thi đua: ${names(o.winners)} ${v.passed} theo quy định.` : 'Không có đơn vị được đề nghị Cờ thi đua.';
  const before = o.winners.length > 0 ? `${names(o.winners)} ${v.passed} đề nghị Cờ thi đua. ` : '';
  // One candidate is voted on again ("đối với"); several are chosen between ("giữa").
  if (o.kind === 'runoff') return `${before}Cờ thi đua chưa được quyết định: ${v.vote} lại vòng ${round.round + 1} ${o.candidates.length === 1 ? 'đối với' : 'giữa'} ${names(o.candidates)}.`;
  return `${before}Sau ${round.round} vòng ${v.vote}, Cờ thi đua chưa được quyết định: ${awardingOf(dossier).leader} và ${awardingOf(dossier).deputy} quyết định giữa ${names(o.candidates)}.`;
}

/**
 * What the vote proposed, under `lead` ("Hội nghị thống nhất…"): the flag only as the ballots settled it.
 * A flag the ballots left to the leaders is theirs, decided after the sitting (or the last round): the
 * minutes tell it last, as its own act (leadersDecision), never under what the conference agreed.
 */
function outcome(dossier: ScoredDossier, proposal: Proposal, lead: string): Section {
  const name = (id: string) => unitNameOf(dossier, id);
  const chosen = proposal.leaderDecision?.flagUnitId ?? undefined;
  const rounds = dossier.vote.rounds;
  const undecided = rounds.at(-1)?.outcome.kind === 'leaderDecision';
  const line = (award: Award, ids: string[], none: string) =>
    para(`${awardLabel(dossier, award)}: ${ids.length > 0 ? ids.map((id) => `${name(id)} (${formatPoints(dossier.scores.rows.find((r) => r.unitId === id)?.total ?? 0)} điểm)`).join('; ') : none}.`);
  const byVote = proposal.flag.filter((id) => id !== chosen);
  const flagNone = undecided ? `chưa được quyết định sau ${rounds.length} vòng ${voteWords(dossier).vote}` : 'không có';
  const body = [para(lead), line('flag', byVote, flagNone), line('certificate', proposal.certificate, 'không có'), ...leftOut(dossier, proposal).map((text) => para(text))];
  return { heading: 'KẾT QUẢ BÌNH XÉT, SUY TÔN', body };
}

/**
 * The leaders' decision on the flag, an act of the leader and deputy units after the vote: who decided (the
 * units, by their heads where recorded), on the day the proposal was made from it, and why.
 */
function leadersDecision(dossier: ScoredDossier, proposal: Proposal & { proposedAt: string }): Section[] {
  if (proposal.flagDecidedBy !== 'leaders' && !proposal.leaderDecision) return [];
  const { bloc } = dossier.cycle.config;
  const w = awardingOf(dossier);
  const byUnit = (title: string, unitId: string | undefined) => {
    if (!unitId) return title;
    const head = bloc.units.find((u) => u.id === unitId)?.people?.head;
    return `${title} ${unitNameOf(dossier, unitId)}${head ? ` (${personText(head)})` : ''}`;
  };
  const choice = proposal.leaderDecision?.flagUnitId;
  const flag = awardLabel(dossier, 'flag');
  const reason = proposal.leaderDecision?.reason.trim() ?? '';
  const after = dossier.meeting ? 'sau hội nghị' : `sau vòng ${voteWords(dossier).vote} thứ ${dossier.vote.rounds.length}`;
  const text =
    `Ngày ${date(proposal.proposedAt)}, ${after}, ${byUnit(w.leader, leaderOf(dossier))} và ${byUnit(w.deputy, bloc.deputyUnitId)} quyết định ` +
    `${choice ? `đề nghị tặng ${flag} cho ${unitNameOf(dossier, choice)}` : `không đề nghị ${flag}`}.` +
    (reason ? ` Lý do: ${/[.!?…]$/.test(reason) ? reason : `${reason}.`}` : '');
  return [{ heading: `QUYẾT ĐỊNH CỦA ${w.leader.toUpperCase()} VÀ ${w.deputy.toUpperCase()} VỀ CỜ THI ĐUA`, body: [para(text)] }];
}

/**
 * Why a unit the tally tables mark "Đạt" has no award of that kind: the flag's passing candidates that
 * fewer members approved, and the certificate nominees after the quota in the order decided.
 */
function leftOut(dossier: ScoredDossier, proposal: Proposal): string[] {
  const { rules } = dossier.cycle.config;
  const last = dossier.vote.rounds.at(-1);
  const flagPassed = proposal.flagDecidedBy === 'vote' && last ? last.flag.filter((t) => t.passes && !proposal.flag.includes(t.unitId)).map((t) => t.unitId) : [];
  const first = dossier.vote.rounds[0];
  const certificates = first
    ? certificatesLeftOut({
        tallies: first.certificate,
        flagWinners: proposal.flag,
        awarded: proposal.certificate,
        rows: dossier.scores.rows,
        equalOrder: dossier.meeting?.equalOrder.map((d) => d.unitIds),
        preferWomenLed: rules.preferWomenLedOnTie,
      })
    : [];
  const bases = [...new Set(certificates.map((c) => c.by))];
  return [
    ...(flagPassed.length > 0 ? [quotaFilledText(dossier, 'flag', flagPassed, dossier.scores.nominations.flag.seats, 'moreApprovals')] : []),
    ...bases.map((by) => quotaFilledText(dossier, 'certificate', certificates.filter((c) => c.by === by).map((c) => c.unitId), dossier.scores.nominations.certificate.seats, by)),
  ];
}

function leaders(dossier: ScoredDossier, proposal: Proposal): Section {
  const { leaders: l } = proposal;
  const name = (id: string) => unitNameOf(dossier, id);
  const w = awardingOf(dossier);
  const voted = unitsInRotation(dossier.cycle.config.bloc).filter((u) => (l.leaderVotes[u.id] ?? 0) + (l.deputyVotes[u.id] ?? 0) > 0);
  const columns = [
    { header: 'Đơn vị', share: 0.5 },
    { header: `${voteWords(dossier).elect} ${w.leader}`, share: 0.25, align: 'center' as const },
    { header: `${voteWords(dossier).elect} ${w.deputy}`, share: 0.25, align: 'center' as const },
  ];
  const rows = voted.map((u) => [u.name, String(l.leaderVotes[u.id] ?? 0), String(l.deputyVotes[u.id] ?? 0)]);
  const byRotation = l.byRotation.leaderUnitId === l.leaderUnitId && l.byRotation.deputyUnitId === l.deputyUnitId;
  return {
    heading: `BẦU ${w.leader.toUpperCase()}, ${w.deputy.toUpperCase()} NĂM ${dossier.cycle.year + 1}`,
    body: [
      para(`Đề xuất theo luân phiên: ${w.leader} ${name(l.byRotation.leaderUnitId)}, ${w.deputy} ${name(l.byRotation.deputyUnitId)}.`),
      ...(rows.length > 0 ? [dataTable(columns, rows)] : []),
      para([
        run('Kết quả: '),
        run(name(l.leaderUnitId), { bold: true }),
        run(` làm ${w.leader}, `),
        run(name(l.deputyUnitId), { bold: true }),
        run(` làm ${w.deputy} năm ${dossier.cycle.year + 1}${byRotation ? ', đúng đề xuất luân phiên' : ''}.`),
      ]),
    ],
  };
}
