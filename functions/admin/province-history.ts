/**
 * The units' earlier years, as the province view compares flag winners ("số năm đạt Cờ thi đua"). Until
 * the per-year history of each unit is stored of its own (the calendar issue's store/history.ts), it is
 * read from the published cycles of the same blocs in earlier years: this one function says where.
 */
import type { PastAward } from '../dossier/index.js';
import type { FinalResult } from '../domain/index.js';
import type { CycleDeps } from '../shared/deps.js';
import { inPool } from '../shared/in-pool.js';
import { listCyclesOfYear } from '../store/cycles.js';
import { RESULT_NAMES, readResult } from '../cycle/results.js';

/** How many earlier years the view looks back over (the awards chart's columns, the flag history). */
export const HISTORY_YEARS = 5;

/** The awards granted in the `years` years before `year`, by bloc, unit and year. */
export async function pastAwards(deps: CycleDeps, year: number, years = HISTORY_YEARS): Promise<PastAward[]> {
  const earlier = Array.from({ length: years }, (_, i) => year - years + i);
  const cycles = (await Promise.all(earlier.map((y) => listCyclesOfYear(deps.store, y)))).flat().filter((c) => c.status === 'closed');
  const awards: PastAward[] = [];
  await inPool(cycles, 16, async (cycle) => {
    const final = await readResult<FinalResult>(deps.store, cycle.cycleId, RESULT_NAMES.final);
    if (final?.status !== 'approved') return;
    for (const unitId of final.flag) awards.push({ blocId: cycle.blocId, unitId, year: cycle.year, award: 'flag' });
    for (const unitId of final.certificate) awards.push({ blocId: cycle.blocId, unitId, year: cycle.year, award: 'certificate' });
  });
  return awards;
}
