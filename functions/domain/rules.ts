import * as z from 'zod';
import { AwardingSchema, HigherAwardRuleSchema, provincialAwarding } from './awarding.js';

/**
 * A bloc's rules ("quy chế hoạt động của khối thi đua"). Every number here is a rule the bloc may change;
 * the defaults follow the law and observed practice, each with its source in {@link RULE_SOURCES}.
 */
const Percent = z.number().min(0).max(100);

export const ClassificationSchema = z.enum(['xuatSac', 'tot', 'hoanThanh', 'khongHoanThanh']);
/** Hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ. */
export type Classification = z.infer<typeof ClassificationSchema>;

export const CLASSIFICATION_LABELS: Record<Classification, { vi: string; en: string }> = {
  xuatSac: { vi: 'Hoàn thành xuất sắc nhiệm vụ', en: 'Excellent' },
  tot: { vi: 'Hoàn thành tốt nhiệm vụ', en: 'Good' },
  hoanThanh: { vi: 'Hoàn thành nhiệm vụ', en: 'Satisfactory' },
  khongHoanThanh: { vi: 'Không hoàn thành nhiệm vụ', en: 'Not satisfactory' },
};

/** Scans the bloc's leader adds to its dossier: the minutes ("biên bản") and the proposal ("tờ trình"), signed and sealed. */
export const SIGNED_SCANS = ['signedMinutes', 'signedProposal'] as const;
export type SignedScan = (typeof SIGNED_SCANS)[number];

export const BlocRulesSchema = z
  .object({
    /** Lowest share of the sheet's standard maximum for each band (percent, inclusive). */
    bands: z
      .object({ xuatSac: Percent.default(95), tot: Percent.default(85), hoanThanh: Percent.default(70) })
      .default({ xuatSac: 95, tot: 85, hoanThanh: 70 }),
    /** Emulation flags ("Cờ thi đua") the bloc may propose. */
    flagQuota: z.number().int().min(0).max(5).default(1),
    /** Certificates of Merit ("Bằng khen"): a fixed number, or half the members rounded down (at least 1). */
    certificateQuota: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('halfOfMembers') }),
        z.object({ kind: z.literal('fixed'), count: z.number().int().min(0).max(60) }),
      ])
      .default({ kind: 'halfOfMembers' }),
    /** Least approval, as a percent of ALL members (absent and abstaining count as not approving). */
    voteThresholds: z
      .object({ flag: Percent.default(80), certificate: Percent.default(50) })
      .default({ flag: 80, certificate: 50 }),
    /** Ballot rounds for an undecided flag before the leader and deputy decide. */
    flagVoteRounds: z.number().int().min(1).max(3).default(2),
    /**
     * How the bloc votes (SPEC §3.6): at its year-end conference by secret paper ballot ("bỏ phiếu kín") or
     * show of hands ("biểu quyết giơ tay"), the secretary entering the counting committee's tallies; or online
     * by secret ballot.
     */
    voteMode: z.enum(['secretBallot', 'showOfHands', 'online']).default('secretBallot'),
    /** At a conference, absent members may vote in writing and are counted in (NĐ 98/2023 art. 30(7)). */
    writtenVotes: z.boolean().default(true),
    /** Return-for-revision rounds at the province before the dossier must be decided. */
    approvalRounds: z.number().int().min(1).max(10).default(3),
    /** Days a runoff ballot, the leaders' decision and a revision of a returned dossier each get. */
    followUpDays: z.number().int().min(1).max(30).default(3),
    /** Days before each deadline on which units that have not acted are reminded. */
    reminderDaysBefore: z.array(z.number().int().min(1).max(60)).max(5).default([3, 1]),
    /** Among otherwise equal candidates, prefer a unit led by a woman or with ≥ 70% women. */
    preferWomenLedOnTie: z.boolean().default(true),
    /**
     * Close a phase as soon as every unit has acted. Off by default: a phase stays open until its deadline,
     * so a unit can still correct what it sent and the admin can still extend the deadline for everyone.
     */
    closeEarly: z.boolean().default(false),
    /**
     * Whether the province's emulation board may decide a dossier waiting on the approver from its queue, on
     * the approver's behalf (recorded as such in the audit trail). Off by default: only where the council
     * authorises its standing board to (RULE_SOURCES.boardActsForApprover).
     */
    boardActsForApprover: z.boolean().default(false),
    /** The signed and sealed scans the approver must find in the dossier before approving (none by default). */
    requiredScans: z.array(z.enum(SIGNED_SCANS)).max(SIGNED_SCANS.length).default([]),
    /** Who awards, the award names, whom the proposal goes to, khối or cụm (awarding.ts). */
    awarding: AwardingSchema.default(provincialAwarding),
    /**
     * When next year's leader and deputy, elected at the year-end conference, take over: at the election
     * (next year's cycle, started at that conference while this one awaits approval, is theirs) or only
     * once this year's results are published.
     */
    leadersTakeOver: z.enum(['atElection', 'atPublish']).default('atElection'),
    /** Higher awards proposed from each unit's history (history.ts), e.g. the Government's flag. */
    higherAwards: z.array(HigherAwardRuleSchema).max(5).default([]),
  })
  .superRefine((rules, ctx) => {
    const { xuatSac, tot, hoanThanh } = rules.bands;
    if (!(xuatSac > tot && tot > hoanThanh)) {
      ctx.addIssue({ code: 'custom', path: ['bands'], message: 'bands must decrease: xuatSac > tot > hoanThanh' });
    }
  });
export type BlocRules = z.infer<typeof BlocRulesSchema>;
export type BlocRulesInput = z.input<typeof BlocRulesSchema>;

/** The default rules, as the schema fills them in. */
export const defaultBlocRules: BlocRules = BlocRulesSchema.parse({});

/** Where each default comes from; printed in the proposal (Tờ trình) as its legal basis. */
export const RULE_SOURCES = {
  flagQuota: 'Luật Thi đua, khen thưởng 2022 (06/2022/QH15), Điều 26: Cờ thi đua tặng tập thể dẫn đầu khối, cụm thi đua',
  voteThresholds:
    'Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 (nay Nghị định 152/2025/NĐ-CP): đề nghị tặng Cờ thi đua phải được ít nhất 80% tổng số thành viên đồng ý',
  /** Quoted only where the bloc's meeting counted written votes of absent members. */
  writtenVotes: 'Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 (nay Nghị định 152/2025/NĐ-CP): thành viên vắng mặt biểu quyết bằng văn bản',
  eligibility:
    'Nghị định 152/2025/NĐ-CP, Điều 4: không khen thưởng tập thể đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc có đơn thư khiếu nại, tố cáo chưa được giải quyết',
  preferWomenLedOnTie:
    'Nghị định 152/2025/NĐ-CP, Điều 4: khi các tập thể có thành tích như nhau, ưu tiên tập thể có nữ là thủ trưởng hoặc có từ 70% nữ trở lên',
  flagVoteRounds:
    'Thông tư 01/2024/TT-TANDTC, Điều 29 (thực tiễn các khối thi đua): biểu quyết không đạt được tổ chức lại một lần; sau hai lần, Trưởng khối và Phó Trưởng khối quyết định',
  boardActsForApprover:
    'Luật Thi đua, khen thưởng 2022 (06/2022/QH15): Ban Thi đua - Khen thưởng là cơ quan thường trực của Hội đồng Thi đua - Khen thưởng; Ban chỉ thay mặt người phê duyệt khi quy chế của khối hoặc văn bản ủy quyền của Hội đồng cho phép',
  leaderRotation: 'Thực tiễn các khối thi đua: Trưởng khối, Phó Trưởng khối bầu luân phiên tại hội nghị tổng kết, nhiệm kỳ một năm',
  certificateQuota:
    'Thực tiễn: Cụm thi đua MTTQ Đồng Nai (6 đơn vị: 1 Cờ + 3 Bằng khen), Cụm thi đua khối Đảng Đắk Lắk (5 đơn vị: 1 Cờ + 2 Bằng khen)',
  bands: 'Thực tiễn chấm điểm: "Xuất sắc" từ 95%, "Tốt" từ 85% đến dưới 95% tổng điểm chuẩn',
  legalBasis: [
    'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 (Luật số 06/2022/QH15)',
    'Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng',
    'Thông tư số 15/2025/TT-BNV của Bộ Nội vụ hướng dẫn thi hành',
  ],
} as const;

/** The certificate quota for a bloc of `members` units. */
export function certificateQuotaFor(rules: BlocRules, members: number): number {
  return rules.certificateQuota.kind === 'fixed' ? rules.certificateQuota.count : Math.max(1, Math.floor(members / 2));
}
