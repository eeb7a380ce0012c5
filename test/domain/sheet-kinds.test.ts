import { describe, expect, it } from 'vitest';
import {
  CriteriaSheetSchema,
  SHEET_TEMPLATES,
  criteriaOf,
  crossCheckSchema,
  departmentsCriteriaSheet,
  districtsCriteriaSheet,
  scoreUnit,
  selfAssessmentSchema,
  sheetLimits,
  type CriteriaSheet,
  type CriteriaSheetInput,
  type ScoreEntry,
} from '../../functions/domain/index.js';
import { errorAt, errorPaths } from './zod-paths.js';

/** A complete submission on `sheet`: every standard criterion at its maximum, the rest blank, with `extra` entries on top. */
function fullMarks(sheet: CriteriaSheet, extra: Record<string, Partial<ScoreEntry>> = {}): Record<string, unknown> {
  const standard = criteriaOf(sheet).filter((c) => c.kind === 'standard').map((c) => [c.code, { points: c.maxPoints, note: '' }]);
  return { ...Object.fromEntries(standard), ...extra };
}
const submission = (sheet: CriteriaSheet) => selfAssessmentSchema(sheet, 'submission');
const withCriterion = (change: Record<string, unknown>): CriteriaSheetInput => {
  const input = structuredClone(departmentsCriteriaSheet) as CriteriaSheetInput;
  Object.assign(input.sections.at(-1)!.criteria[0]!, change);
  return input;
};

describe('the built-in criteria sheet templates', () => {
  it.each(Object.entries(SHEET_TEMPLATES))('offers the %s sheet on a 1.000-point scale, every criterion with its guidance', (_id, sheet) => {
    expect(CriteriaSheetSchema.parse(sheet)).toEqual(sheet);
    expect(sheetLimits(sheet).scale).toBe(100_000);
    expect(criteriaOf(sheet).every((c) => c.guidance.length > 0)).toBe(true);
  });

  it('judges departments on the tasks the provincial People\'s Committee assigns, reform, budget and the province\'s movements', () => {
    const titles = departmentsCriteriaSheet.sections.map((s) => s.title).join(' | ');
    expect(titles).toMatch(/UBND tỉnh giao/);
    expect(titles).toMatch(/Cải cách hành chính và chuyển đổi số/);
    expect(titles).toMatch(/ngân sách/);
    expect(titles).toMatch(/phong trào thi đua của tỉnh/);
  });

  it('judges a cluster of districts on socio-economic targets, new rural areas, poverty, security and the province\'s movements', () => {
    const titles = districtsCriteriaSheet.sections.map((s) => s.title).join(' | ');
    for (const words of [/kinh tế - xã hội/, /nông thôn mới, đô thị văn minh/, /Giảm nghèo/, /an ninh, trật tự/, /phong trào thi đua của tỉnh/]) expect(titles).toMatch(words);
  });
});

describe('CriteriaSheetSchema, all-or-nothing and per-occurrence criteria', () => {
  it('rejects points per occurrence on a criterion that is not a deduction', () => {
    const input = structuredClone(departmentsCriteriaSheet) as CriteriaSheetInput;
    Object.assign(input.sections[5]!.criteria[2]!, { perOccurrence: 5 });
    expect(errorPaths(CriteriaSheetSchema, input)).toEqual(['sections.5.criteria.2.perOccurrence']);
  });

  it('rejects points per occurrence above the criterion\'s maximum', () => {
    expect(errorPaths(CriteriaSheetSchema, withCriterion({ perOccurrence: 31 }))).toEqual(['sections.6.criteria.0.perOccurrence']);
  });

  it('rejects a criterion both all-or-nothing and counted per occurrence', () => {
    expect(errorPaths(CriteriaSheetSchema, withCriterion({ allOrNothing: true }))).toEqual(['sections.6.criteria.0.allOrNothing']);
  });
});

describe('selfAssessmentSchema, an all-or-nothing criterion', () => {
  it('accepts the full points or 0', () => {
    expect(errorPaths(submission(departmentsCriteriaSheet), { scores: fullMarks(departmentsCriteriaSheet, { 'VI.1': { points: 10, note: 'QĐ 12/QĐ-UBND' }, 'VI.2': { points: 0 } }) })).toEqual([]);
  });

  it('rejects any other value, naming the field', () => {
    const input = { scores: fullMarks(departmentsCriteriaSheet, { 'VI.1': { points: 5, note: 'QĐ 12/QĐ-UBND' } }) };
    expect(errorAt(submission(departmentsCriteriaSheet), input, 'scores.VI.1.points')).toBe('must be 0 or 10 (all or nothing)');
  });

  it('rejects a cross-check correction to any other value', () => {
    const items = Object.fromEntries(criteriaOf(departmentsCriteriaSheet).map((c) => [c.code, { verdict: 'confirm' }]));
    const input = { items: { ...items, 'VI.1': { verdict: 'correct', points: 2.5, reason: 'Chỉ có giấy khen' } } };
    expect(errorAt(crossCheckSchema(departmentsCriteriaSheet), input, 'items.VI.1.points')).toBe('must be 0 or 10 (all or nothing)');
  });
});

describe('selfAssessmentSchema, a per-occurrence deduction', () => {
  const parse = (entry: Record<string, unknown>) => submission(departmentsCriteriaSheet).safeParse({ scores: fullMarks(departmentsCriteriaSheet, { 'VII.2': entry as Partial<ScoreEntry> }) });

  it('computes the points from the count the unit enters (3 late reports × 2 = 6)', () => {
    expect(parse({ count: 3 }).data?.scores['VII.2']).toEqual({ points: 6, count: 3, note: '' });
  });

  it('caps the computed points at the criterion\'s maximum', () => {
    expect(parse({ count: 14 }).data?.scores['VII.2']).toMatchObject({ points: 20, count: 14 });
  });

  it('replaces points the client sent with those the count gives', () => {
    expect(parse({ count: 1, points: 20 }).data?.scores['VII.2']?.points).toBe(2);
  });

  it('rejects points without a count, naming the count', () => {
    expect(parse({ points: 4 }).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['scores.VII.2.count', 'enter the number of occurrences']]);
  });

  it.each([[2.5], [-1], ['ba']])('rejects the count %j, naming the count', (count) => {
    expect(parse({ count }).error?.issues.map((i) => i.path.join('.'))).toEqual(['scores.VII.2.count']);
  });

  it('rejects a count on a criterion that is not counted per occurrence', () => {
    const input = { scores: fullMarks(departmentsCriteriaSheet, { 'VII.3': { points: 10, count: 1 } }) };
    expect(errorAt(submission(departmentsCriteriaSheet), input, 'scores.VII.3.count')).toBe('this criterion is not counted per occurrence');
  });

  it('lets the cross-checker correct the count, the points following it', () => {
    const items = Object.fromEntries(criteriaOf(districtsCriteriaSheet).map((c) => [c.code, { verdict: 'confirm' }]));
    const parsed = crossCheckSchema(districtsCriteriaSheet).parse({ items: { ...items, 'VIII.1': { verdict: 'correct', count: 2, reason: 'Hai vụ việc theo báo cáo Công an tỉnh' } } });
    expect(parsed.items['VIII.1']).toEqual({ verdict: 'correct', points: 20, count: 2, reason: 'Hai vụ việc theo báo cáo Công an tỉnh' });
  });
});

describe('scoreUnit, per-occurrence deductions', () => {
  it('deducts the counted points and keeps the counts, self and corrected', () => {
    const sheet = districtsCriteriaSheet;
    const scores = submission(sheet).parse({ scores: fullMarks(sheet, { 'VIII.1': { count: 1 } }) }).scores;
    const score = scoreUnit(sheet, 'u', scores, { 'VIII.1': { verdict: 'correct', points: 20, count: 2, reason: 'Hai vụ' } });
    expect(score.criteria.find((c) => c.code === 'VIII.1')).toMatchObject({ self: 1_000, selfCount: 1, final: 2_000, count: 2, corrected: { count: 2 } });
    expect(score).toMatchObject({ penalty: 2_000, total: 98_000 });
  });
});
