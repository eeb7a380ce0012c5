/**
 * The units' earlier years, as the province view compares flag winners ("số năm đạt Cờ thi đua") and
 * charts the awards per bloc: read from each unit's stored history (store/history.ts), which publishing a
 * cycle writes and where an admin may enter the years before the system.
 */
import type { PastAward } from '../dossier/index.js';
import type { CycleDeps } from '../shared/deps.js';
import { listYearAwards } from '../store/history.js';

/** How many earlier years the view looks back over (the awards chart's columns, the flag history). */
export const HISTORY_YEARS = 5;

/** The bloc awards decided in the `years` years before `year`, by bloc, unit and year. */
export async function pastAwards(deps: CycleDeps, year: number, years = HISTORY_YEARS): Promise<PastAward[]> {
  const earlier = Array.from({ length: years }, (_, i) => year - years + i);
  const results = (await Promise.all(earlier.map((y) => listYearAwards(deps.store, y)))).flat();
  return results.flatMap(({ blocId, unitId, year: y, awardDecided }) => (awardDecided === 'flag' || awardDecided === 'certificate' ? [{ blocId, unitId, year: y, award: awardDecided }] : []));
}
