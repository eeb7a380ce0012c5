import { describe, expect, it } from 'vitest';
import { classify, defaultBlocRules, defaultCriteriaSheet, rank, scoreBloc, scoreUnit, InconsistentInputError } from '../../functions/domain/index.js';
import { partyBloc, scoreTotals, submissionFor } from './fixtures.js';

const placeOf = (rows: ReturnType<typeof scoreTotals>) => Object.fromEntries(rows.map((r) => [r.unitId, r.place]));

describe('scoreUnit', () => {
  it('adds standard points, capped bonus and subtracts penalty, in hundredths', () => {
    const score = scoreUnit(defaultCriteriaSheet, 'u', submissionFor(950.25, { 'V.2': 20, 'V.4': 20, 'VI.1': 5 }), undefined);
    expect(score.standard).toBe(95_025);
    expect(score.bonusClaimed).toBe(4_000);
    expect(score.bonus).toBe(4_000);
    expect(score.penalty).toBe(500);
    expect(score.total).toBe(95_025 + 4_000 - 500);
  });

  it('caps bonus points at the sheet cap', () => {
    const score = scoreUnit(defaultCriteriaSheet, 'u', submissionFor(1000, { 'V.1': 10, 'V.2': 20, 'V.3': 10, 'V.4': 20 }), undefined);
    expect(score.bonusClaimed).toBe(6_000);
    expect(score.bonus).toBe(5_000);
    expect(score.uncapped).toBe(100_000 + 5_000);
  });

  it('caps the total at the sheet\'s scale after bonus and deductions (1.000 of 1.000, never 1.011,75)', () => {
    const score = scoreUnit(defaultCriteriaSheet, 'u', submissionFor(995, { 'V.2': 20, 'VI.1': 3.25 }), undefined);
    expect(score.uncapped).toBe(101_175);
    expect(score.total).toBe(100_000);
  });

  it('keeps a total below the scale as it is', () => {
    const score = scoreUnit(defaultCriteriaSheet, 'u', submissionFor(975, { 'V.2': 20, 'VI.1': 5 }), undefined);
    expect(score).toMatchObject({ uncapped: 99_000, total: 99_000 });
  });

  it('ranks two units capped at the scale by fewer penalty points', () => {
    const sheet = defaultCriteriaSheet;
    const rows = rank([scoreUnit(sheet, 'a', submissionFor(1000, { 'V.2': 20, 'VI.1': 5 }), undefined), scoreUnit(sheet, 'b', submissionFor(1000, { 'V.2': 20 }), undefined)]);
    expect(rows.map((r) => [r.unitId, r.total, r.place])).toEqual([['b', 100_000, 1], ['a', 100_000, 2]]);
  });

  it('replaces a self-assessed value with the cross-checked correction', () => {
    const score = scoreUnit(defaultCriteriaSheet, 'u', submissionFor(1000), { 'I.1': { verdict: 'correct', points: 90, reason: 'Thiếu minh chứng' } });
    expect(score.criteria.find((c) => c.code === 'I.1')).toMatchObject({ self: 10_000, final: 9_000, corrected: { value: 9_000, reason: 'Thiếu minh chứng' } });
    expect(score.total).toBe(99_000);
    expect(score.crossChecked).toBe(true);
  });

  it('scores a unit that did not submit as zero', () => {
    const score = scoreUnit(defaultCriteriaSheet, 'u', undefined, undefined);
    expect(score).toMatchObject({ submitted: false, crossChecked: false, total: 0 });
  });
});

describe('rank', () => {
  it('gives equal units the same place and skips the next (1, 2, 3, 3, 5)', () => {
    const rows = rank([
      { id: 'a', total: 500, penalty: 0, standard: 500 },
      { id: 'b', total: 400, penalty: 0, standard: 400 },
      { id: 'c', total: 300, penalty: 0, standard: 300 },
      { id: 'd', total: 300, penalty: 0, standard: 300 },
      { id: 'e', total: 200, penalty: 0, standard: 200 },
    ]);
    expect(rows.map((r) => r.place)).toEqual([1, 2, 3, 3, 5]);
  });

  it('breaks a tie on total by fewer penalty points', () => {
    const rows = rank([
      { id: 'a', total: 500, penalty: 100, standard: 600 },
      { id: 'b', total: 500, penalty: 0, standard: 500 },
    ]);
    expect(rows.map((r) => [r.id, r.place])).toEqual([['b', 1], ['a', 2]]);
  });

  it('breaks a remaining tie by more standard points', () => {
    const rows = rank([
      { id: 'a', total: 500, penalty: 0, standard: 480 },
      { id: 'b', total: 500, penalty: 0, standard: 500 },
    ]);
    expect(rows.map((r) => [r.id, r.place])).toEqual([['b', 1], ['a', 2]]);
  });
});

describe('classify', () => {
  const max = 100_000;
  it.each([
    [95_000, 'xuatSac'],
    [94_999, 'tot'],
    [85_000, 'tot'],
    [84_975, 'hoanThanh'],
    [70_000, 'hoanThanh'],
    [69_999, 'khongHoanThanh'],
  ] as const)('classifies %i hundredths of 1,000 points as %s', (total, band) => {
    expect(classify(total, max, defaultBlocRules.bands)).toBe(band);
  });
});

describe('scoreBloc', () => {
  it('ranks nine Party agencies with two sharing third place, as in the province report', () => {
    const rows = scoreTotals(partyBloc(), {
      'ban-to-chuc': 995, 'ban-dan-van': 990, 'vp-tinh-uy': 985, 'ban-tuyen-giao': 985, ubkt: 980,
      'ban-noi-chinh': 978, 'bao-tinh': 976, 'truong-chinh-tri': 975, 'dang-uy-khoi': 973,
    });
    expect(placeOf(rows)).toEqual({
      'ban-to-chuc': 1, 'ban-dan-van': 2, 'vp-tinh-uy': 3, 'ban-tuyen-giao': 3, ubkt: 5,
      'ban-noi-chinh': 6, 'bao-tinh': 7, 'truong-chinh-tri': 8, 'dang-uy-khoi': 9,
    });
    expect(rows.every((r) => r.classification === 'xuatSac')).toBe(true);
  });

  it('marks a unit that did not submit as not eligible, with zero points, in last place', () => {
    const rows = scoreTotals(partyBloc(), { 'vp-tinh-uy': 990, 'ban-to-chuc': 960 });
    const missing = rows.find((r) => r.unitId === 'bao-tinh')!;
    expect(missing).toMatchObject({ total: 0, eligible: false, ineligibility: 'notSubmitted', classification: 'khongHoanThanh', place: 3 });
  });

  it('refuses submissions for a unit that is not in the bloc', () => {
    expect(() =>
      scoreBloc({ bloc: partyBloc(), sheet: defaultCriteriaSheet, rules: defaultBlocRules, submissions: { 'ban-khac': submissionFor(900) }, crossChecks: {} }),
    ).toThrow(InconsistentInputError);
  });
});
