import type { Bloc, IneligibilityReason } from './bloc.js';
import { criteriaOf, sheetLimits, type CriteriaSheet, type CriterionKind } from './criteria-sheet.js';
import { InconsistentInputError } from './errors.js';
import type { CrossCheckItem, ScoreEntry } from './forms.js';
import { toHundredths, type Hundredths } from './points.js';
import type { BlocRules, Classification } from './rules.js';

/**
 * Bloc scoring (SPEC §3.5): for each criterion the cross-checked value replaces the self-assessed one;
 * total = min(standard + min(bonus, cap) − penalty, scale), in integer hundredths. The sheet's scale (its
 * standard maximum, e.g. 1,000) caps the total after bonus and deductions: 995 + 25 bonus − 8 penalty is
 * 1,000 of 1,000, never 1,012. Ranking by total, then fewer penalty points, then more standard points;
 * equal units share a place (1, 2, 3, 3, 5).
 */

export interface CriterionScore {
  code: string;
  kind: CriterionKind;
  self: Hundredths;
  /** On a per-occurrence criterion: the count the unit entered. */
  selfCount?: number | undefined;
  /** The checker's value when they corrected it (and on a per-occurrence criterion, their count), with their reason. */
  corrected?: { value: Hundredths; count?: number | undefined; reason: string } | undefined;
  final: Hundredths;
  /** On a per-occurrence criterion: the count the final points follow from. */
  count?: number | undefined;
}

export interface UnitScore {
  unitId: string;
  submitted: boolean;
  crossChecked: boolean;
  criteria: CriterionScore[];
  standard: Hundredths;
  /** Bonus points claimed before the cap. */
  bonusClaimed: Hundredths;
  bonus: Hundredths;
  penalty: Hundredths;
  /** standard + bonus − penalty, before the sheet's scale caps it. */
  uncapped: Hundredths;
  /** The total that counts: `uncapped`, at most the sheet's scale. */
  total: Hundredths;
}

/** Scores one unit from its submitted self-assessment (absent: not submitted, all zero) and its cross-check. */
export function scoreUnit(
  sheet: CriteriaSheet,
  unitId: string,
  submission: Record<string, ScoreEntry> | undefined,
  crossCheck: Record<string, CrossCheckItem> | undefined,
): UnitScore {
  const sums: Record<CriterionKind, Hundredths> = { standard: 0, bonus: 0, penalty: 0 };
  const criteria = criteriaOf(sheet).map((criterion): CriterionScore => {
    const self = submission ? hundredthsOf(submission[criterion.code]?.points ?? 0, `scores.${criterion.code}`) : 0;
    const item = submission ? crossCheck?.[criterion.code] : undefined;
    const counted = criterion.perOccurrence !== undefined;
    const selfCount = counted && submission ? submission[criterion.code]?.count ?? 0 : undefined;
    const corrected =
      item?.verdict === 'correct'
        ? { value: hundredthsOf(item.points, `items.${criterion.code}.points`), ...(counted ? { count: item.count } : {}), reason: item.reason }
        : undefined;
    const final = corrected?.value ?? self;
    sums[criterion.kind] += final;
    const count = counted ? (corrected ? corrected.count : selfCount) : undefined;
    return { code: criterion.code, kind: criterion.kind, self, ...(counted ? { selfCount, count } : {}), corrected, final };
  });
  const { bonusCap, scale } = sheetLimits(sheet);
  const bonus = Math.min(sums.bonus, bonusCap);
  const uncapped = sums.standard + bonus - sums.penalty;
  return {
    unitId,
    submitted: submission !== undefined,
    crossChecked: submission !== undefined && crossCheck !== undefined,
    criteria,
    standard: sums.standard,
    bonusClaimed: sums.bonus,
    bonus,
    penalty: sums.penalty,
    uncapped,
    total: Math.min(uncapped, scale),
  };
}

function hundredthsOf(points: number, field: string): Hundredths {
  const value = toHundredths(points);
  if (value === undefined) throw new InconsistentInputError(`${field} is not on the hundredths grid`, field);
  return value;
}

/** Orders two units: negative when `a` ranks ahead of `b`, 0 when they share a place. */
export function compareForRanking(a: Pick<UnitScore, 'total' | 'penalty' | 'standard'>, b: typeof a): number {
  return b.total - a.total || a.penalty - b.penalty || b.standard - a.standard;
}

/** Places in competition ranking: equal units share a place and the next place skips (1, 2, 3, 3, 5). */
export function rank<T extends Pick<UnitScore, 'total' | 'penalty' | 'standard'>>(units: readonly T[]): Array<T & { place: number }> {
  const ordered = [...units].sort(compareForRanking);
  return ordered.map((unit, i) => {
    let first = i;
    while (first > 0 && compareForRanking(ordered[first - 1]!, unit) === 0) first--;
    return { ...unit, place: first + 1 };
  });
}

/** The classification band of a total, as a share of the sheet's standard maximum (exact integer comparison). */
export function classify(total: Hundredths, standardMax: Hundredths, bands: BlocRules['bands']): Classification {
  const reaches = (percent: number) => total * 10_000 >= Math.round(percent * 100) * standardMax;
  if (reaches(bands.xuatSac)) return 'xuatSac';
  if (reaches(bands.tot)) return 'tot';
  if (reaches(bands.hoanThanh)) return 'hoanThanh';
  return 'khongHoanThanh';
}

/** Why a unit cannot be nominated: its eligibility record, or not having submitted. */
export type Ineligibility = IneligibilityReason | 'notSubmitted';

export interface RankedUnit extends UnitScore {
  place: number;
  classification: Classification;
  eligible: boolean;
  ineligibility?: Ineligibility | undefined;
  womenLed: boolean;
  rotationOrder: number;
}

export interface BlocScoringInput {
  bloc: Pick<Bloc, 'units'>;
  sheet: CriteriaSheet;
  rules: BlocRules;
  /** Submitted self-assessments by unit id; a missing unit did not submit. */
  submissions: Readonly<Record<string, Record<string, ScoreEntry>>>;
  /** Cross-checks by the id of the unit that was checked. */
  crossChecks: Readonly<Record<string, Record<string, CrossCheckItem>>>;
}

/** Scores, ranks and classifies every unit of the bloc. Rows come in place order (ties in rotation order). */
export function scoreBloc(input: BlocScoringInput): RankedUnit[] {
  const { standardMax } = sheetLimits(input.sheet);
  const memberIds = new Set(input.bloc.units.map((u) => u.id));
  for (const [field, byUnit] of [['submissions', input.submissions], ['crossChecks', input.crossChecks]] as const) {
    for (const unitId of Object.keys(byUnit)) {
      if (!memberIds.has(unitId)) throw new InconsistentInputError(`${field} names "${unitId}", which is not a unit of the bloc`, field);
    }
  }
  const units = [...input.bloc.units].sort((a, b) => a.rotationOrder - b.rotationOrder);
  const scored = units.map((unit) => ({
    ...scoreUnit(input.sheet, unit.id, input.submissions[unit.id], input.crossChecks[unit.id]),
    womenLed: unit.womenLed,
    rotationOrder: unit.rotationOrder,
    ineligibility: !unit.eligibility.eligible ? unit.eligibility.reason : undefined,
  }));
  return rank(scored).map((row) => {
    const ineligibility: Ineligibility | undefined = row.submitted ? row.ineligibility : 'notSubmitted';
    return { ...row, classification: classify(row.total, standardMax, input.rules.bands), eligible: ineligibility === undefined, ineligibility };
  });
}
