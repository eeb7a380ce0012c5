/**
 * How the documents say what the dossier (functions/dossier/) holds: the awards, why a unit cannot be
 * proposed, the units' names, the leader who signs, percentages and the bloc's issuer code.
 */
import { awardingIn, currentLeader, formatNumber, formatVietnamDate, type Award, type CertificateOrderBasis, type RankedUnit } from '../domain/index.js';
import type { Dossier, ScoredDossier } from '../dossier/index.js';
import { DocumentError } from './errors.js';

/** Who awards, as the bloc's rules say, with its province filled in. */
export function awardingOf(dossier: Dossier) {
  const { bloc, rules } = dossier.cycle.config;
  return awardingIn(rules.awarding, bloc.province);
}

/**
 * The capacity line of the leader's signature: "TM. KHỐI THI ĐUA", or "T/M KHỐI THI ĐUA" under the Party
 * header (Hướng dẫn 36-HD/VPTW), the same on every document of a bloc.
 */
export function onBehalfOf(dossier: Dossier): string {
  return `${dossier.cycle.config.bloc.headerStyle === 'party' ? 'T/M' : 'TM.'} ${awardingOf(dossier).onBehalf}`;
}

/** An award's name as the bloc's rules give it: "Cờ thi đua của UBND tỉnh". */
export function awardLabel(dossier: Dossier, award: Award): string {
  return awardingOf(dossier).awards[award];
}

/** An award's kind, as the tally tables and the vote's sentences name it. */
export const AWARD_KINDS: Record<Award, string> = { flag: 'Cờ thi đua', certificate: 'Bằng khen' };

/**
 * The units an award's quota went to, and what set them before a unit that passed without it: for a
 * certificate the criterion of the order (the ranking, then between equal units the conference's order…),
 * for the flag more approvals. `who` is "đơn vị" or "các đơn vị".
 */
const BEFORE: Record<CertificateOrderBasis | 'moreApprovals', (who: string, v: VoteWords, bloc: string) => string> = {
  place: (who) => `${who} xếp hạng cao hơn`,
  equalOrder: (who) => `${who} xếp trước theo thứ tự hội nghị thống nhất giữa các đơn vị đồng hạng`,
  womenLed: (who) => `${who} xếp trước; giữa các đơn vị đồng hạng, ưu tiên đơn vị có nữ là thủ trưởng`,
  approvals: (who, v) => `${who} xếp trước; giữa các đơn vị đồng hạng, đơn vị ${v.more} xếp trước`,
  rotation: (who, v, bloc) => `${who} xếp trước; giữa các đơn vị đồng hạng và ${v.same}, theo thứ tự luân phiên của ${bloc}`,
  moreApprovals: (who, v) => `${who} có ${v.more}`,
};

/**
 * Why units that passed the vote get no award of a kind: the bloc's quota of it was filled by the units
 * before them in the order decided. "Ban Dân vận Tỉnh ủy đạt tỷ lệ đồng ý nhưng không được đề nghị Bằng
 * khen: khối được đề nghị 3 Bằng khen, đã đủ với các đơn vị xếp trước theo thứ tự hội nghị thống nhất…"
 */
export function quotaFilledText(dossier: Dossier, award: Award, unitIds: readonly string[], quota: number, by: keyof typeof BEFORE): string {
  const kind = AWARD_KINDS[award];
  const names = unitIds.map((id) => unitNameOf(dossier, id)).join(', ');
  const bloc = awardingOf(dossier).short;
  const reason = quota === 0 ? `theo quy chế, ${bloc} không đề nghị ${kind}` : `${bloc} được đề nghị ${formatNumber(quota)} ${kind}, đã đủ với ${BEFORE[by](quota === 1 ? 'đơn vị' : 'các đơn vị', voteWords(dossier), bloc)}`;
  return `${names} đạt tỷ lệ đồng ý nhưng không được đề nghị ${kind}: ${reason}.`;
}

/**
 * How the documents word the members' votes: as ballots ("bỏ phiếu", "số phiếu"), or, for a bloc that votes
 * by show of hands, with no ballot paper ("biểu quyết", "số đồng ý"): the minutes never claim a ballot that
 * did not happen (SPEC §3.6, §5).
 */
export function voteWords(dossier: Dossier): VoteWords {
  return VOTE_WORDS[dossier.cycle.config.rules.voteMode === 'showOfHands' ? 'showOfHands' : 'ballot'];
}

export interface VoteWords {
  /** "bỏ phiếu" / "biểu quyết" */
  vote: string;
  /** What each member has: "một phiếu" / "một quyền biểu quyết". */
  each: string;
  /** A tally that reached its threshold: "đạt số phiếu" / "đạt tỷ lệ đồng ý". */
  passed: string;
  /** A column of approvals: "Phiếu đồng ý" / "Số đồng ý". */
  approvals: string;
  /** A column of votes for next year's leaders: "Phiếu bầu" / "Số đồng ý bầu". */
  elect: string;
  more: string;
  same: string;
}

const VOTE_WORDS: Record<'ballot' | 'showOfHands', VoteWords> = {
  ballot: { vote: 'bỏ phiếu', each: 'một phiếu', passed: 'đạt số phiếu', approvals: 'Phiếu đồng ý', elect: 'Phiếu bầu', more: 'nhiều phiếu đồng ý hơn', same: 'bằng số phiếu' },
  showOfHands: { vote: 'biểu quyết', each: 'một quyền biểu quyết', passed: 'đạt tỷ lệ đồng ý', approvals: 'Số đồng ý', elect: 'Số đồng ý bầu', more: 'nhiều đơn vị đồng ý hơn', same: 'bằng số đồng ý' },
};

/** The bloc's proposal, which the minutes and the proposal print; before the end of the vote a DocumentError. */
export function proposalOf(dossier: Dossier): NonNullable<Dossier['vote']['proposal']> {
  const proposal = dossier.vote.proposal;
  if (!proposal) throw new DocumentError(`cycle "${dossier.cycle.cycleId}" has no proposal yet: the vote is not over`);
  return proposal;
}

/** The units proposed for awards: the flag first, then the certificates, each in rank order. */
export function proposedRows(dossier: ScoredDossier): Array<RankedUnit & { award: Award }> {
  const rows = dossier.scores.rows.flatMap((row) => {
    const award = dossier.awards.proposed[row.unitId];
    return award ? [{ ...row, award }] : [];
  });
  return [...rows.filter((r) => r.award === 'flag'), ...rows.filter((r) => r.award === 'certificate')];
}

export function unitNameOf(dossier: Dossier, unitId: string): string {
  return dossier.units[unitId] ?? unitId;
}

/** The unit that leads the bloc this year and signs its documents (Trưởng khối). */
export function leaderOf(dossier: Dossier): string {
  return currentLeader(dossier.cycle.config.bloc);
}

/** Who signs for a unit, as a signature block prints them: its head or its officer, by name and title. */
export function signerOf(dossier: Dossier, unitId: string, role: 'head' | 'officer'): { name: string; title: string } | undefined {
  const person = dossier.cycle.config.bloc.units.find((u) => u.id === unitId)?.people?.[role];
  return person && { name: person.name, title: person.title };
}

/** Where a person's name is written by hand when no person is recorded: a document never puts a unit in their place. */
export const NAME_LINE = '……………………………';

/** A person as the text of a document names them: "bà Trần Thị B, Phó Chánh Văn phòng Tỉnh ủy". */
export function personText(person: { name: string; title: string; gender?: 'female' | 'male' }): string {
  const honorific = person.gender === undefined ? '' : person.gender === 'female' ? 'bà ' : 'ông ';
  return `${honorific}${person.name}, ${person.title}`;
}

/** A conference's guest as the minutes and the year report list them: worded once, in the domain, for the form and the receipt too. */
export { guestText } from '../domain/index.js';

/**
 * The last day a window ran, as the units saw it: its early close where it closed before its deadline, else
 * its deadline (the sweep that ends a wait after the deadline is not the window's last day).
 */
export function windowEnd(w: { deadlineAt: string; closedAt?: string | undefined }): string {
  return w.closedAt && w.closedAt < w.deadlineAt ? w.closedAt : w.deadlineAt;
}

/** The dates a window ran: "từ ngày 01/12/2026 đến ngày 05/12/2026". */
export function windowPeriod(w: { opensAt: string; deadlineAt: string; closedAt?: string | undefined }): string {
  return `từ ngày ${formatVietnamDate(Date.parse(w.opensAt))} đến ngày ${formatVietnamDate(Date.parse(windowEnd(w)))}`;
}

/** A sentence that opens on a word written small elsewhere: "Khối không đề nghị…", "Cụm không đề nghị…". */
export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A share as a Vietnamese percentage: "77,78%". */
export function percent(part: number, whole: number): string {
  const value = whole === 0 ? 0 : (part * 100) / whole;
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(value)}%`;
}

/** Why a unit cannot be proposed, as the documents say it. */
export const INELIGIBILITY_LABELS: Record<NonNullable<RankedUnit['ineligibility']>, string> = {
  discipline: 'Đang bị xem xét kỷ luật',
  investigation: 'Đang bị điều tra',
  inspection: 'Đang bị thanh tra, kiểm tra',
  complaint: 'Có đơn thư khiếu nại, tố cáo chưa được giải quyết',
  other: 'Không đủ điều kiện khen thưởng',
  notSubmitted: 'Không nộp bản tự chấm điểm',
};

/**
 * What the cross-check (kiểm tra chéo) found, told only where one ran: a bloc may score without it, and a
 * document never states what did not happen. "9 đơn vị được kiểm tra chéo, 2 đơn vị được điều chỉnh điểm
 * sau kiểm tra chéo"; undefined when no cross-check opened.
 */
export function crossCheckOutcome(dossier: ScoredDossier): string | undefined {
  if (!crossCheckRan(dossier)) return undefined;
  const rows = dossier.scores.rows;
  const checked = rows.filter((r) => r.crossChecked).length;
  const corrected = rows.filter((r) => r.criteria.some((c) => c.corrected)).length;
  return `${formatNumber(checked)} đơn vị được kiểm tra chéo, ${corrected > 0 ? `${formatNumber(corrected)} đơn vị được điều chỉnh điểm sau kiểm tra chéo` : 'không đơn vị nào bị điều chỉnh điểm'}`;
}

/** Whether a cross-check took place: its phase opened, or (a cycle that kept no record of the opening) a score shows one. */
export function crossCheckRan(dossier: ScoredDossier): boolean {
  return dossier.participation.some((p) => p.phase === 'crossCheck') || dossier.scores.rows.some((r) => r.crossChecked);
}
