import * as z from 'zod';
import { DomainError } from './errors.js';
import { freeText } from './text.js';
import { YearSchema } from './timeline.js';

/**
 * The Government's emulation flag ("Cờ thi đua của Chính phủ", SPEC §1): each year the province chooses,
 * among the units its blocs gave the provincial flag, the most outstanding, within the share the central
 * emulation board sets, and proposes them upward. Pure rules: the quota, and whether a choice may be recorded.
 */

/** Where the defaults come from; printed on the page and in the province's Tờ trình. */
export const GOVERNMENT_FLAG_SOURCES = {
  award:
    'Luật Thi đua, khen thưởng 2022 (06/2022/QH15), Điều 25: Cờ thi đua của Chính phủ tặng hằng năm cho tập thể tiêu biểu xuất sắc nhất trong số các tập thể dẫn đầu các khối, cụm thi đua do bộ, ban, ngành, tỉnh tổ chức',
  share: 'Hướng dẫn của Ban Thi đua - Khen thưởng Trung ương (Công văn 5007/BNV): số tập thể đề nghị không quá 20% số Cờ thi đua cấp tỉnh đã tặng',
  exception: 'Ban Thi đua - Khen thưởng tỉnh ghi rõ lý do khi đề nghị trước khi tất cả hồ sơ các khối được phê duyệt (theo thời hạn của Trung ương)',
} as const;

/** The year's rules of the choice: the share the central board sets, and which refusal may be overridden with a reason. */
export const GovernmentFlagRulesSchema = z.object({
  /** Percent of the year's provincial flags that may be proposed for the Government flag. */
  sharePercent: z.number().min(0).max(100).default(20),
  /** The board may decide before every bloc's dossier is approved, giving a reason (an exception). */
  pendingBlocsException: z.boolean().default(true),
  /** The board may exceed the quota, giving a reason: no by default, the central board's share is a cap. */
  overQuotaException: z.boolean().default(false),
});
export type GovernmentFlagRules = z.infer<typeof GovernmentFlagRulesSchema>;
export const defaultGovernmentFlagRules: GovernmentFlagRules = GovernmentFlagRulesSchema.parse({});

/** How many units may be proposed: the share of the year's provincial flags, rounded down, at least one when any flag was granted. */
export function governmentFlagQuota(rules: GovernmentFlagRules, provincialFlags: number): number {
  if (provincialFlags === 0) return 0;
  return Math.max(1, Math.floor((provincialFlags * rules.sharePercent) / 100));
}

/** A nominee: a unit of a bloc, and the board's reason for choosing it. */
export const GovernmentFlagChoiceSchema = z.object({
  year: YearSchema,
  nominees: z
    .array(z.object({ blocId: z.string().min(1), unitId: z.string().min(1), reason: freeText().trim().min(1, { error: 'a reason is required' }).max(2000) }))
    .max(60),
  /** The board's reason for an exception the rules allow (empty when none is needed). */
  exceptionReason: freeText().trim().max(2000).default(''),
  rules: GovernmentFlagRulesSchema.default(defaultGovernmentFlagRules),
});
export type GovernmentFlagChoice = z.infer<typeof GovernmentFlagChoiceSchema>;
export type GovernmentFlagChoiceInput = z.input<typeof GovernmentFlagChoiceSchema>;

/** What the board chooses among: each bloc of the year, whether its dossier is approved, and whom its flag went to. */
export interface FlagField {
  blocs: ReadonlyArray<{ blocId: string; approved: boolean; flagWinners: readonly string[] }>;
}

export type RefusalCode = 'overQuota' | 'notFlagWinner' | 'blocNotApproved' | 'blocsPending' | 'duplicate';

/** One reason a choice cannot be recorded; `units` names the nominees at fault (`blocId/unitId`). */
export interface Refusal {
  code: RefusalCode;
  units: string[];
  /** For overQuota: the quota and how many were chosen. */
  quota?: number;
  chosen?: number;
}

/** A choice the rules refuse: every refusal at once, and nothing stored. */
export class GovernmentFlagRefusedError extends DomainError {
  constructor(readonly refusals: Refusal[], options?: { cause?: unknown }) {
    super(`the choice of the Government flag is refused: ${refusals.map((r) => r.code).join(', ')}`, options);
    this.name = 'GovernmentFlagRefusedError';
  }
}

const keyOf = (n: { blocId: string; unitId: string }) => `${n.blocId}/${n.unitId}`;

/**
 * Checks a choice against the field and the rules; returns the exceptions it records (with the reason),
 * or throws every refusal together. Never refusable by exception: a unit that did not get its bloc's flag,
 * a unit of a bloc whose dossier is not approved, a unit chosen twice.
 */
export function checkGovernmentFlagChoice(choice: GovernmentFlagChoice, field: FlagField): { exceptions: RefusalCode[]; quota: number } {
  const blocs = new Map(field.blocs.map((b) => [b.blocId, b]));
  const flags = field.blocs.filter((b) => b.approved).reduce((n, b) => n + b.flagWinners.length, 0);
  const quota = governmentFlagQuota(choice.rules, flags);
  const refusals: Refusal[] = [];
  const at = (code: RefusalCode, units: string[]) => units.length > 0 && refusals.push({ code, units });
  const seen = new Set<string>();
  at('duplicate', choice.nominees.filter((n) => seen.size === seen.add(keyOf(n)).size).map(keyOf));
  at('notFlagWinner', choice.nominees.filter((n) => !blocs.get(n.blocId)?.flagWinners.includes(n.unitId)).map(keyOf));
  at('blocNotApproved', choice.nominees.filter((n) => blocs.get(n.blocId)?.flagWinners.includes(n.unitId) && !blocs.get(n.blocId)!.approved).map(keyOf));
  const exceptions: RefusalCode[] = [];
  const overridable = (code: RefusalCode, allowed: boolean, refusal: Refusal) => {
    if (allowed && choice.exceptionReason !== '') exceptions.push(code);
    else refusals.push(refusal);
  };
  const pending = field.blocs.filter((b) => !b.approved).map((b) => b.blocId);
  if (pending.length > 0) overridable('blocsPending', choice.rules.pendingBlocsException, { code: 'blocsPending', units: pending });
  if (choice.nominees.length > quota) overridable('overQuota', choice.rules.overQuotaException, { code: 'overQuota', units: [], quota, chosen: choice.nominees.length });
  if (refusals.length > 0) throw new GovernmentFlagRefusedError(refusals);
  return { exceptions, quota };
}
