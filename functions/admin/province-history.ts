/**
 * The units' earlier years, as the province view compares flag winners ("số năm đạt Cờ thi đua"). Until
 * the per-year history of each unit is stored of its own (the calendar issue's store/history.ts), it is
 * read from the published cycles of the same blocs in earlier years: this one function says where.
 */
import type { PastAward } from '../dossier/index.js';
import type { FinalResult } from '../domain/index.js';
import type { CycleDeps } from '../shared/deps.js';
import { inPool } from '../shared/in-pool.js';
import { listCycleHeadsOfYear } from '../store/cycles.js';
import { RESULT_NAMES, readResult } from '../cycle/results.js';

/** How many earlier years the view looks back over (the awards chart's columns, the flag history). */
export const HISTORY_YEARS = 5;

/** The awards of closed cycles, by cycle id: a published outcome never changes, so a warm container reads each once. */
const publishedAwards = new Map<string, PastAward[]>();

/** The awards granted in the `years` years before `year`, by bloc, unit and year. */
export async function pastAwards(deps: CycleDeps, year: number, years = HISTORY_YEARS): Promise<PastAward[]> {
  const earlier = Array.from({ length: years }, (_, i) => year - years + i);
  const cycles = (await Promise.all(earlier.map((y) => listCycleHeadsOfYear(deps.store, y)))).flat().filter((c) => c.status === 'closed');
  await inPool(cycles.filter((c) => !publishedAwards.has(c.cycleId)), 16, async (cycle) => {
    const final = await readResult<FinalResult>(deps.store, cycle.cycleId, RESULT_NAMES.final);
    if (!final) return; // closed without an outcome: nothing to keep, asked again next time
    const granted = final.status === 'approved' ? final : { flag: [], certificate: [] };
    publishedAwards.set(cycle.cycleId, [
      ...granted.flag.map((unitId) => ({ blocId: cycle.blocId, unitId, year: cycle.year, award: 'flag' as const })),
      ...granted.certificate.map((unitId) => ({ blocId: cycle.blocId, unitId, year: cycle.year, award: 'certificate' as const })),
    ]);
  });
  return cycles.flatMap((c) => publishedAwards.get(c.cycleId) ?? []);
}
