/**
 * Who awards ("cơ quan khen thưởng"): part of a bloc's rules. The awarding body, the award names, the
 * addressee of the proposal and its other recipients, and whether the bloc is a "khối" or a "cụm" (with
 * the matching titles and document code). The default is a provincial bloc (UBND tỉnh) as before; the
 * templates are a Party bloc (Tỉnh ủy, the proposal to its Organization Board) and a sector bloc (a
 * ministry). `{tỉnh}` in any text reads as the bloc's province.
 */
import * as z from 'zod';
import { freeText } from './text.js';

/** Where a text names the bloc's province: "UBND tỉnh {tỉnh}" reads "UBND tỉnh Đồng Nai". */
export const PROVINCE_PLACEHOLDER = '{tỉnh}';

const Name = freeText().trim().max(200);

export const BlocKindSchema = z.enum(['khoi', 'cum']);
/** A "khối thi đua" (Trưởng khối, KTĐ) or a "cụm thi đua" (Cụm trưởng, CTĐ). */
export type BlocKind = z.infer<typeof BlocKindSchema>;

export const AwardingSchema = z.object({
  kind: BlocKindSchema.default('khoi'),
  /** The body that decides the awards ("Ủy ban nhân dân tỉnh {tỉnh}"). */
  body: Name.min(1, { error: 'must name the awarding body' }),
  /** Whom the proposal is addressed to ("Kính gửi"). */
  addressee: Name.min(1, { error: 'must name whom the proposal is addressed to' }),
  /** The proposal's other recipients ("Nơi nhận"), besides the addressee and the archive. */
  recipients: z.array(Name.min(1)).max(10).default([]),
  /** The names of the bloc's two awards as the documents print them. */
  awards: z.object({ flag: Name.min(1), certificate: Name.min(1) }),
  /** The document code after the kind ("TTr-KTĐ"); by default from the kind. */
  documentCode: z.string().trim().regex(/^[A-ZĐ]{2,10}$/, { error: 'must be 2–10 capital letters' }).optional(),
});
export type Awarding = z.infer<typeof AwardingSchema>;

/** A provincial bloc: the People's Committee decides (the default, as before). */
export const provincialAwarding: Awarding = AwardingSchema.parse({
  body: `Ủy ban nhân dân tỉnh ${PROVINCE_PLACEHOLDER}`,
  addressee: `Hội đồng Thi đua - Khen thưởng tỉnh ${PROVINCE_PLACEHOLDER}`,
  recipients: ['Ban Thi đua - Khen thưởng tỉnh', 'Các đơn vị thành viên khối'],
  awards: { flag: 'Cờ thi đua của UBND tỉnh', certificate: 'Bằng khen của Chủ tịch UBND tỉnh' },
});

/** A Party bloc: the Provincial Party Committee awards; the proposal goes to its Organization Board. */
export const partyAwarding: Awarding = AwardingSchema.parse({
  body: `Ban Thường vụ Tỉnh ủy ${PROVINCE_PLACEHOLDER}`,
  addressee: `Ban Tổ chức Tỉnh ủy ${PROVINCE_PLACEHOLDER}`,
  recipients: ['Thường trực Tỉnh ủy', 'Các đơn vị thành viên khối'],
  awards: { flag: 'Cờ thi đua của Ban Chấp hành Đảng bộ tỉnh', certificate: 'Bằng khen của Ban Thường vụ Tỉnh ủy' },
});

/** A sector bloc: its ministry awards ("Bộ Tư pháp"), through the ministry's emulation council. */
export function sectorAwarding(ministry: string, kind: BlocKind = 'cum'): Awarding {
  return AwardingSchema.parse({
    kind,
    body: ministry,
    addressee: `Hội đồng Thi đua - Khen thưởng ${ministry}`,
    recipients: [`Vụ Thi đua - Khen thưởng ${ministry}`, kind === 'cum' ? 'Các đơn vị thành viên cụm' : 'Các đơn vị thành viên khối'],
    awards: { flag: `Cờ thi đua của ${ministry}`, certificate: `Bằng khen của Bộ trưởng ${ministry}` },
  });
}

/** The words that follow from the kind: titles, the collective, the code. */
export function kindWords(awarding: Pick<Awarding, 'kind' | 'documentCode'>) {
  const cum = awarding.kind === 'cum';
  return {
    /** "khối thi đua" / "cụm thi đua" */
    collective: cum ? 'cụm thi đua' : 'khối thi đua',
    /** The bloc as a sentence names it again: "khối" / "cụm" ("khối tổ chức hội nghị…"). */
    short: cum ? 'cụm' : 'khối',
    leader: cum ? 'Cụm trưởng' : 'Trưởng khối',
    deputy: cum ? 'Cụm phó' : 'Phó Trưởng khối',
    /** The signature's capacity lines: "TM. KHỐI THI ĐUA", "TRƯỞNG KHỐI". */
    onBehalf: cum ? 'CỤM THI ĐUA' : 'KHỐI THI ĐUA',
    leaderCaps: cum ? 'CỤM TRƯỞNG' : 'TRƯỞNG KHỐI',
    code: awarding.documentCode ?? (cum ? 'CTĐ' : 'KTĐ'),
  };
}

/** A text of the awarding rules with the bloc's province in place of {tỉnh}. */
export const inProvince = (text: string, province: string) => text.replaceAll(PROVINCE_PLACEHOLDER, province);

/**
 * A higher award the bloc proposes from a unit's history: the unit proposed for `after` this year that
 * was granted it in each of the `years − 1` years before ("nhiều năm liền dẫn đầu") is proposed for it too.
 */
export const HigherAwardRuleSchema = z.object({
  /** The award's id in history: "coChinhPhu". */
  id: z.string().regex(/^[a-zA-Z]{2,40}$/, { error: 'must be letters only' }),
  name: Name.min(1),
  after: z.enum(['flag', 'certificate']),
  years: z.number().int().min(2).max(10),
  /** The legal source printed with the proposal. */
  source: Name.min(1, { error: 'must cite the legal source' }),
});
export type HigherAwardRule = z.infer<typeof HigherAwardRuleSchema>;

/** The Government's emulation flag for a unit that won the bloc's flag three years running (configurable). */
export const governmentFlagRule: HigherAwardRule = HigherAwardRuleSchema.parse({
  id: 'coChinhPhu',
  name: 'Cờ thi đua của Chính phủ',
  after: 'flag',
  years: 3,
  source: 'Luật Thi đua, khen thưởng 2022 (06/2022/QH15), Điều 25: Cờ thi đua của Chính phủ tặng tập thể dẫn đầu các khối, cụm thi đua',
});

/** Who awards as the documents and pages print it: the bloc's province in place of {tỉnh}, and the kind's words. */
export function awardingIn(awarding: Awarding, province: string) {
  const here = (text: string) => inProvince(text, province);
  return {
    body: here(awarding.body),
    addressee: here(awarding.addressee),
    recipients: awarding.recipients.map(here),
    awards: { flag: here(awarding.awards.flag), certificate: here(awarding.awards.certificate) },
    ...kindWords(awarding),
  };
}
