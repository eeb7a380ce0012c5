/**
 * Each unit's result of every year ("kết quả thi đua qua các năm"), kept when a cycle is published: the
 * place, the total, the classification, the award the bloc proposed and the award the awarding body
 * decided, with its decision number. Higher awards are proposed from it (rules.ts, `higherAwards`), and
 * the unit's page, the admin console and the province view read it (store/history.ts).
 */
import * as z from 'zod';
import type { HigherAwardRule } from './awarding.js';
import { ClassificationSchema } from './rules.js';
import type { FinalResult } from './records.js';
import type { RankedUnit } from './scoring.js';

/** An award as history names it: the bloc's flag or certificate, or a higher award's id from the rules. */
export const AwardIdSchema = z.string().min(1).max(60);

export const UnitYearResultSchema = z.object({
  blocId: z.string(),
  unitId: z.string(),
  year: z.number().int(),
  /** The cycle that produced it; absent for a year entered by hand (the years before the system). */
  cycleId: z.string().optional(),
  place: z.number().int().positive(),
  /** Integer hundredths of a point. */
  total: z.number().int(),
  classification: ClassificationSchema,
  /** What the bloc proposed for the unit ("đề nghị"), by award id. */
  awardProposed: AwardIdSchema.optional(),
  /** What the awarding body decided ("quyết định khen thưởng"), by award id. */
  awardDecided: AwardIdSchema.optional(),
  decisionNumber: z.string().max(100).optional(),
  decisionDate: z.string().optional(),
});
/** One unit's result of one year. */
export type UnitYearResult = z.infer<typeof UnitYearResultSchema>;

/** The published cycle's results, one per unit of the bloc, as history keeps them. */
export function yearResultsOf(input: {
  blocId: string;
  year: number;
  cycleId: string;
  rows: readonly Pick<RankedUnit, 'unitId' | 'place' | 'total' | 'classification'>[];
  proposal: { flag: readonly string[]; certificate: readonly string[]; higher?: readonly { unitId: string; awardId: string }[] | undefined };
  final: Pick<FinalResult, 'status' | 'flag' | 'certificate' | 'decisionNumber' | 'decisionDate'>;
}): UnitYearResult[] {
  const { proposal, final } = input;
  const proposed = (unitId: string) =>
    proposal.higher?.find((h) => h.unitId === unitId)?.awardId ?? (proposal.flag.includes(unitId) ? 'flag' : proposal.certificate.includes(unitId) ? 'certificate' : undefined);
  const decided = (unitId: string) => (final.flag.includes(unitId) ? 'flag' : final.certificate.includes(unitId) ? 'certificate' : undefined);
  return input.rows.map((row) => {
    const awardDecided = decided(row.unitId);
    return UnitYearResultSchema.parse({
      blocId: input.blocId,
      unitId: row.unitId,
      year: input.year,
      cycleId: input.cycleId,
      place: row.place,
      total: row.total,
      classification: row.classification,
      awardProposed: proposed(row.unitId),
      awardDecided,
      ...(awardDecided && final.decisionNumber ? { decisionNumber: final.decisionNumber } : {}),
      ...(awardDecided && final.decisionDate ? { decisionDate: final.decisionDate } : {}),
    });
  });
}

/** A higher award proposed from history, with the years that earn it and the rule's legal source. */
export interface HigherAwardProposal {
  unitId: string;
  awardId: string;
  name: string;
  /** The bloc's award won year after year. */
  after: 'flag' | 'certificate';
  /** The years of the earlier award, this one included, oldest first. */
  years: number[];
  source: string;
}

/**
 * The higher awards the bloc's rules propose this year: a unit proposed for a rule's `after` award this
 * year, granted it in every one of the rule's earlier years, is proposed for the higher award as well.
 */
export function higherAwardProposals(input: {
  year: number;
  rules: readonly HigherAwardRule[];
  proposed: { flag: readonly string[]; certificate: readonly string[] };
  history: readonly UnitYearResult[];
}): HigherAwardProposal[] {
  return input.rules.flatMap((rule) =>
    input.proposed[rule.after].flatMap((unitId) => {
      const earlier = Array.from({ length: rule.years - 1 }, (_, i) => input.year - rule.years + 1 + i);
      const granted = (y: number) => input.history.some((h) => h.unitId === unitId && h.year === y && h.awardDecided === rule.after);
      if (!earlier.every(granted)) return [];
      return [{ unitId, awardId: rule.id, name: rule.name, after: rule.after, years: [...earlier, input.year], source: rule.source }];
    }),
  );
}
