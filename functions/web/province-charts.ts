/**
 * The province page's charts as plain geometry, drawn as SVG by the template (admin/province-charts.njk):
 * server-rendered, so they read without JavaScript, and scaled by their viewBox, so they fit a phone.
 * Every figure a chart shows is also written as its label, for readers who do not see the bars.
 */
import { formatNumber, type FormatLang } from '../domain/index.js';
import { PROGRESS_STAGES, type BlocLine, type BlocStage, type PastAward } from '../dossier/index.js';

/** Width of every chart's viewBox; label column and bar area within it. */
const WIDTH = 360;
const LABEL = 110;
const BAR = WIDTH - LABEL - 40;
const ROW = 18;
/** The charts' text size in viewBox units (the SVG default, 16, overran the label column). */
export const CHART_FONT = 10;
/** Characters of a name that fit the label column at that size; a longer name ends in "…" (the full one is its title). */
const LABEL_CHARS = 20;

/** A bloc's name as a chart's row label: "Khối thi đua các cơ…" for one too long for the column. */
export function rowLabel(name: string): string {
  return name.length <= LABEL_CHARS ? name : `${name.slice(0, LABEL_CHARS - 1).trimEnd()}…`;
}

export interface Bar { y: number; label: string; x: number; width: number; value: string }

/** Blocs in each stage on the way to approval (stages after approval other than "approved" count with it). */
export function progressChart(blocs: readonly BlocLine[], stageName: (s: BlocStage) => string) {
  const stageIndex = (s: BlocStage) => {
    const at = PROGRESS_STAGES.indexOf(s);
    if (at >= 0) return at;
    if (s === 'pledge' || s === 'midYear') return 0;
    if (s === 'leaderDecision') return PROGRESS_STAGES.indexOf('vote');
    if (s === 'revision') return PROGRESS_STAGES.indexOf('approval');
    return PROGRESS_STAGES.length - 1; // ended otherwise: counted among the finished
  };
  const counts = PROGRESS_STAGES.map(() => 0);
  for (const b of blocs) counts[stageIndex(b.stage)]! += 1;
  const most = Math.max(1, ...counts);
  const bars: Bar[] = PROGRESS_STAGES.map((stage, i) => ({ y: i * ROW + 4, label: stageName(stage), x: LABEL, width: Math.round((counts[i]! / most) * BAR), value: String(counts[i]) }));
  return { width: WIDTH, height: PROGRESS_STAGES.length * ROW + 8, font: CHART_FONT, bars };
}

/** Per bloc: the range of its units' totals as shares of the standard maximum, on a common axis. */
export function totalsChart(blocs: readonly BlocLine[], lang: FormatLang) {
  const scored = blocs.filter((b) => b.totals.length > 0 && b.standardMax > 0);
  const shares = scored.map((b) => b.totals.map((t) => (t / b.standardMax) * 100).sort((x, y) => x - y));
  const low = Math.max(0, Math.floor(Math.min(100, ...shares.flat()) / 5) * 5);
  const high = Math.max(low + 5, Math.ceil(Math.max(0, ...shares.flat()) / 5) * 5);
  const x = (share: number) => Math.round(LABEL + ((share - low) / (high - low)) * BAR);
  const pct = (v: number) => `${formatNumber(Math.round(v * 10) / 10, lang)}%`;
  const rows = scored.map((b, i) => {
    const s = shares[i]!;
    const median = s[Math.floor(s.length / 2)]!;
    return { y: i * ROW + 18, label: rowLabel(b.blocName), name: b.blocName, x1: x(s[0]!), x2: x(s.at(-1)!), xm: x(median), value: `${pct(s[0]!)}–${pct(s.at(-1)!)}`, median: pct(median) };
  });
  // No bloc scored yet: no axis, whose 100%–105% would mean nothing; the page says there is nothing to show.
  const ticks = rows.length === 0 ? [] : [low, (low + high) / 2, high].map((v) => ({ x: x(v), label: pct(v) }));
  return { width: WIDTH, height: rows.length * ROW + 24, font: CHART_FONT, rows, ticks };
}

/** Per bloc and year: flags and certificates granted (this year's as proposed or granted so far). */
export function awardsChart(blocs: readonly BlocLine[], past: readonly PastAward[], year: number, years: number) {
  const columns = Array.from({ length: years + 1 }, (_, i) => year - years + i);
  const cell = Math.floor((WIDTH - LABEL) / columns.length);
  const count = new Map<string, { flag: number; certificate: number }>();
  for (const p of past) {
    const key = `${p.blocId}/${p.year}`;
    const c = count.get(key) ?? { flag: 0, certificate: 0 };
    c[p.award] += 1;
    count.set(key, c);
  }
  for (const b of blocs) count.set(`${b.blocId}/${year}`, { flag: b.flagWinners.length, certificate: b.certificates });
  const most = Math.max(1, ...[...count.values()].map((c) => c.flag + c.certificate));
  const rows = blocs.map((b, i) => ({
    y: i * ROW + 18,
    label: rowLabel(b.blocName),
    name: b.blocName,
    cells: columns.map((y, j) => {
      const c = count.get(`${b.blocId}/${y}`) ?? { flag: 0, certificate: 0 };
      const opacity = Math.round(((c.flag + c.certificate) / most) * 85 + 10) / 100;
      // White figures on the darker cells, dark on the light ones: readable on both.
      return { x: LABEL + j * cell, width: cell - 2, opacity, ink: opacity > 0.5 ? '#ffffff' : '#1b1b1b', flag: c.flag, certificate: c.certificate };
    }),
  }));
  return { width: WIDTH, height: blocs.length * ROW + 24, font: CHART_FONT, cell, columns: columns.map((y, j) => ({ x: LABEL + j * cell + cell / 2, year: y })), rows };
}
