/**
 * What the admin's dashboard shows for a year: the year's cycles and, where years overlap (SPEC §3: next
 * year's cycle starts at this year's year-end conference while this year's awaits approval), both cycles
 * of a bloc, each labelled by its year with its phase and its leader; and the dates the start form
 * proposes, from the bloc's calendar of the year before where it has one.
 */
import { cycleSummary, cyclesOfYear } from '../admin/progress.js';
import { listBlocSettings } from '../admin/settings.js';
import { unitName } from '../cycle/notify.js';
import { currentLeader, vietnamDateOf, type CycleConfig, type Timeline } from '../domain/index.js';
import type { CycleDeps } from '../shared/deps.js';
import type { Cycle } from '../store/cycles.js';
import { proposedTimeline, timelineFromLastYear } from './admin-forms.js';
import type { Lang } from './http.js';
import { PHRASES } from '../shared/phrases.js';

/** The start form's proposed dates and the hint that says where they come from (none for the usual calendar). */
export interface ProposedDates {
  dates: ReturnType<typeof proposedTimeline>;
  hint?: string | undefined;
}

/**
 * The start form's dates for `year`: the calendar of `blocId`'s cycle of the year before moved one year
 * on; without a bloc, last year's calendar where every bloc kept the same one; else the usual calendar.
 * Last year's year-end conference is not proposed where one of those blocs now votes online (`votesOnline`,
 * by the bloc's rules as they stand): its start would refuse it.
 */
export function proposedDates(year: number, now: number, lastYear: readonly Cycle[], lang: Lang, options: { blocId?: string | undefined; votesOnline?: (blocId: string) => boolean } = {}): ProposedDates {
  const { blocId, votesOnline = () => false } = options;
  const t = PHRASES[lang].history;
  const timelineOf = (c: Cycle) => (c.config as CycleConfig).timeline;
  const calendar = (tl: Timeline) => JSON.stringify({ ...tl, year: 0 });
  const source = blocId ? lastYear.filter((c) => c.blocId === blocId) : lastYear;
  const same = source.length > 0 && source.every((c) => calendar(timelineOf(c)) === calendar(timelineOf(source[0]!)));
  const moved = same ? timelineFromLastYear(timelineOf(source[0]!), now, { votesOnline: source.some((c) => votesOnline(c.blocId)) }) : undefined;
  if (!moved) return { dates: proposedTimeline(year, now) };
  const hint = source.length === 1 ? t.fromLastYear.replace('{bloc}', (source[0]!.config as CycleConfig).bloc.name) : t.fromLastYearOfBlocs;
  return { dates: moved, hint: hint.replace('{year}', String(year - 1)) };
}

/** The dashboard of `year`, with the start form proposing dates for `blocId` when one is chosen. */
export async function dashboardContext(deps: CycleDeps, year: number, now: Date, lang: Lang, blocId?: string) {
  const [before, cycles, after, blocs] = await Promise.all([cyclesOfYear(deps, year - 1), cyclesOfYear(deps, year), cyclesOfYear(deps, year + 1), listBlocSettings(deps.store)]);
  // Overlapping years: last year's cycle still awaiting its decision shows beside this year's, and next
  // year's, started at the year-end conference, beside this year's while this one still runs.
  const running = new Set(cycles.filter((c) => c.status === 'running').map((c) => c.blocId));
  const shown = [...before.filter((c) => c.status === 'running'), ...cycles, ...after.filter((c) => running.has(c.blocId))].sort(
    (a, b) => (a.config as CycleConfig).bloc.name.localeCompare((b.config as CycleConfig).bloc.name, 'vi', { numeric: true }) || a.year - b.year,
  );
  // Each cycle without its forms; a closed one reads as how it ended (approved or not), not only "closed".
  const summaries = await Promise.all(shown.map((c) => cycleSummary(deps, c)));
  const progress = summaries.map((s) => s.progress);
  const outcomes = Object.fromEntries(summaries.map((s) => [s.progress.cycle.cycleId, s.outcome]));
  const leaders = Object.fromEntries(progress.map((p) => [p.cycle.cycleId, unitName(p.cycle.config, currentLeader(p.cycle.config.bloc))]));
  const overlapping = shown.some((c) => c.year !== year);
  const online = new Set(blocs.filter((b) => b.rules.voteMode === 'online').map((b) => b.id));
  const proposed = proposedDates(year, now.getTime(), before, lang, { blocId, votesOnline: (id) => online.has(id) });
  const withLastYear = new Set(before.map((c) => c.blocId));
  // By name as an officer reads them: Cụm số 2 before Cụm số 10, as the province's page lists them.
  const byName = blocs.toSorted((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
  return { year, progress, outcomes, leaders, overlapping, blocs: byName, withLastYear: [...withLastYear], today: vietnamDateOf(now.getTime()), proposed: proposed.dates, proposedHint: proposed.hint };
}
