/** Generated criteria sheets that satisfy CriteriaSheetSchema, for property tests. */
import fc from 'fast-check';
import type { CriteriaSheet, CriterionKind } from '../../functions/domain/index.js';

const WORDS = ['Công', 'tác', 'thi', 'đua', 'điểm', 'Đảng', 'khen', 'thưởng', 'Hướng', 'dẫn', '100%', '"trích"', '<b>', '&', '1,5', '=SUM', 'ổn', 'định'];
const text = (minLength: number) => fc.array(fc.constantFrom(...WORDS), { minLength, maxLength: 14 }).map((w) => w.join(' '));

const criterion = fc.record({
  title: text(1),
  guidance: text(0),
  kind: fc.constantFrom<CriterionKind>('standard', 'bonus', 'penalty'),
  step: fc.constantFrom(0.25, 0.5, 1, 5, 0.01),
  steps: fc.integer({ min: 1, max: 400 }),
  mode: fc.constantFrom('steps', 'steps', 'allOrNothing', 'perOccurrence'),
});

/** A valid sheet: unique codes, section maxima that add up, the standard total, a bonus cap within the bonus criteria. */
export const arbitrarySheet: fc.Arbitrary<CriteriaSheet> = fc
  .record({
    title: text(1),
    codes: fc.uniqueArray(fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,3}$/), { minLength: 1, maxLength: 4 }),
    criteria: fc.array(fc.array(criterion, { minLength: 1, maxLength: 5 }), { minLength: 4, maxLength: 4 }),
    sectionTitles: fc.array(text(1), { minLength: 4, maxLength: 4 }),
    capShare: fc.double({ min: 0.01, max: 1, noNaN: true }),
    blankMeansZero: fc.constantFrom(undefined, true, false),
  })
  .map(({ title, codes, criteria, sectionTitles, capShare, blankMeansZero }) => {
    const sections = codes.map((code, s) => {
      const items = criteria[s]!.map((c, j) => ({
        code: `${code}.${j + 1}`,
        title: c.title,
        guidance: c.guidance,
        kind: s === 0 && j === 0 ? ('standard' as const) : c.kind,
        maxPoints: (Math.round(c.step * 100) * c.steps) / 100,
        step: c.step,
        // All or nothing on any kind; per occurrence on a deduction only, a step's worth each time.
        ...(c.mode === 'allOrNothing' ? { allOrNothing: true } : {}),
        ...(c.mode === 'perOccurrence' && c.kind === 'penalty' && !(s === 0 && j === 0) ? { perOccurrence: c.step } : {}),
      }));
      return { code, title: sectionTitles[s]!, maxPoints: sum(items.map((c) => c.maxPoints)), criteria: items };
    });
    const all = sections.flatMap((s) => s.criteria);
    const total = (kind: CriterionKind) => sum(all.filter((c) => c.kind === kind).map((c) => c.maxPoints));
    const bonus = total('bonus');
    const blank = blankMeansZero === undefined ? {} : { blankMeansZero };
    return { title, standardMaxPoints: total('standard'), bonusCap: bonus === 0 ? 0 : Math.max(1, Math.round(bonus * 100 * capShare)) / 100, ...blank, sections };
  });

function sum(points: number[]): number {
  return points.reduce((s, p) => s + Math.round(p * 100), 0) / 100;
}
