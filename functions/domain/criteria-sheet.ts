import { createHash } from 'node:crypto';
import * as z from 'zod';
import { freeText } from './text.js';
import { PointsSchema, PositivePointsSchema, toHundredths, type Hundredths } from './points.js';

/**
 * The criteria sheet ("bảng tiêu chí chấm điểm"): sections of criteria, each scored from 0 to its maximum
 * on a step grid. Standard criteria add up to the sheet's maximum (typically 1,000 points); bonus criteria
 * ("điểm thưởng") add up to a cap; penalty criteria ("điểm trừ") are deducted.
 */
export const CriterionKindSchema = z.enum(['standard', 'bonus', 'penalty']);
export type CriterionKind = z.infer<typeof CriterionKindSchema>;

const CodeSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, { error: 'must be a short code such as "I.1" or "B2"' });

export const CriterionSchema = z
  .object({
    code: CodeSchema,
    title: freeText().trim().min(1).max(500),
    guidance: freeText().max(4000).default(''),
    kind: CriterionKindSchema,
    maxPoints: PositivePointsSchema,
    step: PositivePointsSchema.default(0.25),
    /**
     * All or nothing ("đạt cộng 10 điểm, không đạt 0 điểm"): the only values are 0 and the maximum. Absent
     * on older sheets (their version stays the same): any value on the step grid.
     */
    allOrNothing: z.boolean().optional(),
    /**
     * Points per occurrence of a deduction ("mỗi báo cáo chậm trừ 2 điểm"): the unit enters how many times
     * it happened and the points follow, count × this, capped at the criterion's maximum.
     */
    perOccurrence: PositivePointsSchema.optional(),
  })
  .superRefine((c, ctx) => {
    const max = toHundredths(c.maxPoints);
    const step = toHundredths(c.step);
    if (max !== undefined && step !== undefined && max % step !== 0 && !c.allOrNothing) {
      ctx.addIssue({ code: 'custom', path: ['maxPoints'], message: `must be a multiple of the step ${c.step}` });
    }
    if (c.perOccurrence === undefined) return;
    if (c.kind !== 'penalty') ctx.addIssue({ code: 'custom', path: ['perOccurrence'], message: 'only a penalty criterion is counted per occurrence' });
    if (c.allOrNothing) ctx.addIssue({ code: 'custom', path: ['allOrNothing'], message: 'a criterion counted per occurrence cannot be all or nothing' });
    if (c.perOccurrence > c.maxPoints) ctx.addIssue({ code: 'custom', path: ['perOccurrence'], message: `must be at most the criterion's maximum ${c.maxPoints}` });
  });
export type Criterion = z.infer<typeof CriterionSchema>;

export const SectionSchema = z.object({
  code: CodeSchema,
  title: freeText().trim().min(1).max(500),
  /** The section's declared maximum, as printed on the paper sheet; must equal the sum of its criteria. */
  maxPoints: PointsSchema,
  criteria: z.array(CriterionSchema).min(1, { error: 'a section needs at least one criterion' }),
});
export type Section = z.infer<typeof SectionSchema>;

const hundredths = (points: number): Hundredths => toHundredths(points) ?? 0;
const sumOf = (criteria: readonly Criterion[], kind: CriterionKind): Hundredths =>
  criteria.filter((c) => c.kind === kind).reduce((sum, c) => sum + hundredths(c.maxPoints), 0);

export const CriteriaSheetSchema = z
  .object({
    title: freeText().trim().min(1).max(300),
    /** Declared total of the standard criteria (e.g. 1,000); bands are shares of it. */
    standardMaxPoints: PositivePointsSchema,
    /** Most bonus points that count, however many bonus criteria a unit earns. */
    bonusCap: PointsSchema.default(0),
    /**
     * The sheet says that a bonus or penalty row left blank means 0 ("không có thì để trống"): a unit then
     * types only what it earned or lost. Standard rows are always scored. Absent on older sheets (their
     * version stays the same): every row must be typed.
     */
    blankMeansZero: z.boolean().optional(),
    sections: z.array(SectionSchema).min(1, { error: 'a sheet needs at least one section' }),
  })
  .superRefine((sheet, ctx) => {
    const codes = new Map<string, string>();
    sheet.sections.forEach((section, s) => {
      if (codes.has(section.code)) ctx.addIssue({ code: 'custom', path: ['sections', s, 'code'], message: `duplicate code "${section.code}"` });
      codes.set(section.code, 'section');
      section.criteria.forEach((criterion, c) => {
        if (codes.has(criterion.code)) {
          ctx.addIssue({ code: 'custom', path: ['sections', s, 'criteria', c, 'code'], message: `duplicate code "${criterion.code}"` });
        }
        codes.set(criterion.code, 'criterion');
      });
      const sum = section.criteria.reduce((total, c) => total + hundredths(c.maxPoints), 0);
      if (sum !== hundredths(section.maxPoints)) {
        ctx.addIssue({ code: 'custom', path: ['sections', s, 'maxPoints'], message: `is ${section.maxPoints} but its criteria add up to ${sum / 100}` });
      }
    });
    const all = sheet.sections.flatMap((s) => s.criteria);
    const standard = sumOf(all, 'standard');
    if (standard !== hundredths(sheet.standardMaxPoints)) {
      ctx.addIssue({ code: 'custom', path: ['standardMaxPoints'], message: `is ${sheet.standardMaxPoints} but the standard criteria add up to ${standard / 100}` });
    }
    const bonus = sumOf(all, 'bonus');
    if (hundredths(sheet.bonusCap) > bonus) {
      ctx.addIssue({ code: 'custom', path: ['bonusCap'], message: `is above the bonus criteria's total of ${bonus / 100}` });
    }
    if (bonus > 0 && sheet.bonusCap === 0) {
      ctx.addIssue({ code: 'custom', path: ['bonusCap'], message: 'must be set when the sheet has bonus criteria' });
    }
  });
export type CriteriaSheet = z.infer<typeof CriteriaSheetSchema>;
export type CriteriaSheetInput = z.input<typeof CriteriaSheetSchema>;

/** Every criterion of the sheet, in sheet order. */
export function criteriaOf(sheet: CriteriaSheet): Criterion[] {
  return sheet.sections.flatMap((s) => s.criteria);
}

/**
 * The sheet's limits in hundredths: what totals can range over. The sheet's scale is its standard maximum
 * (e.g. 1,000): a unit's total, after bonus and deductions, never exceeds it (see scoring.ts).
 */
export function sheetLimits(sheet: CriteriaSheet): { standardMax: Hundredths; scale: Hundredths; bonusCap: Hundredths; penaltyMax: Hundredths } {
  const all = criteriaOf(sheet);
  const standardMax = hundredths(sheet.standardMaxPoints);
  return { standardMax, scale: standardMax, bonusCap: hundredths(sheet.bonusCap), penaltyMax: sumOf(all, 'penalty') };
}

/**
 * The most a section's points count for: a section of bonus criteria only counts up to the sheet's bonus
 * cap (its criteria may add up to more: 60 claimable, 50 counted), any other section its declared maximum.
 */
export function sectionCountedMax(sheet: Pick<CriteriaSheet, 'bonusCap'>, section: Section): number {
  return section.criteria.every((c) => c.kind === 'bonus') ? Math.min(section.maxPoints, sheet.bonusCap) : section.maxPoints;
}

/** The most occurrences a per-occurrence criterion takes: a count beyond any real year's is a typing slip. */
export const MAX_OCCURRENCES = 1000;

/** The points a count of occurrences costs: count × points per occurrence, capped at the criterion's maximum. */
export function pointsForCount(criterion: Pick<Criterion, 'maxPoints' | 'perOccurrence'>, count: number): Hundredths {
  return Math.min(count * hundredths(criterion.perOccurrence ?? 0), hundredths(criterion.maxPoints));
}

/**
 * The sheet's version id: a hash of its canonical content, so a cycle pins the exact sheet it used and a
 * form filled against another version is recognised.
 */
export function sheetVersion(sheet: CriteriaSheet): string {
  return 'sha256-' + createHash('sha256').update(canonicalJson(sheet)).digest('hex').slice(0, 32);
}

/** JSON with object keys sorted, so equal content hashes equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
