/**
 * Each unit's results across the years as the pages show them (SPEC §1: "each unit's results and awards
 * are kept year after year"): the unit's page behind its emailed links and the admin's bloc page read the
 * history publish keeps (store/history.ts) and name each award as the bloc's rules do (who awards).
 */
import { awardingIn, type BlocRules, type UnitYearResult } from '../domain/index.js';
import type { Lang } from './http.js';
import { PHRASES } from '../shared/phrases.js';

/** One year of one unit, in words: every field the table prints, the numbers left to the template's formatter. */
export interface HistoryRow {
  unitId: string;
  unitName: string;
  year: number;
  place: number;
  /** Integer hundredths of a point (the `points` filter formats it). */
  total: number;
  classification: UnitYearResult['classification'];
  proposed?: string | undefined;
  decided?: string | undefined;
  decisionNumber?: string | undefined;
  /** YYYY-MM-DD (the `localDate` filter formats it). */
  decisionDate?: string | undefined;
}

/** What names the units and awards: the bloc as it is now (its units, its province, its rules). */
export interface HistoryNames {
  units: readonly { id: string; name: string }[];
  province: string;
  rules: Pick<BlocRules, 'awarding' | 'higherAwards'>;
}

/** The results as rows, by unit in the bloc's order, then oldest year first. */
export function historyRows(results: readonly UnitYearResult[], names: HistoryNames, lang: Lang): HistoryRow[] {
  const t = PHRASES[lang];
  const awards = awardingIn(names.rules.awarding, names.province).awards;
  // The bloc's own award names in Vietnamese (its rules); English keeps the generic names.
  const awardName = (id: string | undefined) => {
    if (id === undefined) return undefined;
    if (id === 'flag' || id === 'certificate') return lang === 'vi' ? awards[id] : t[id];
    return names.rules.higherAwards.find((h) => h.id === id)?.name ?? t.history.higherAward;
  };
  const order = (unitId: string) => {
    const index = names.units.findIndex((u) => u.id === unitId);
    return index < 0 ? names.units.length : index;
  };
  return [...results]
    .sort((a, b) => order(a.unitId) - order(b.unitId) || a.unitId.localeCompare(b.unitId) || a.year - b.year)
    .map((r) => ({
      unitId: r.unitId,
      unitName: names.units.find((u) => u.id === r.unitId)?.name ?? t.history.formerUnit,
      year: r.year,
      place: r.place,
      total: r.total,
      classification: r.classification,
      proposed: awardName(r.awardProposed),
      decided: awardName(r.awardDecided),
      decisionNumber: r.decisionNumber,
      decisionDate: r.decisionDate,
    }));
}
