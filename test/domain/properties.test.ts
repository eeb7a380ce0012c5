import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BlocSchema,
  assignCrossChecks,
  candidatesOf,
  certificateQuotaFor,
  compareForRanking,
  criteriaOf,
  defaultBlocRules,
  defaultCriteriaSheet,
  nominate,
  rank,
  scoreBloc,
  scoreUnit,
  sheetLimits,
  toHundredths,
  type ScoreEntry,
} from '../../functions/domain/index.js';

const criteria = criteriaOf(defaultCriteriaSheet);

/** A complete, valid submission on the default sheet: every value a whole number of steps within 0..max. */
const submissionArb = fc
  .tuple(...criteria.map((c) => fc.integer({ min: 0, max: Math.round(c.maxPoints / c.step) })))
  .map((steps) => Object.fromEntries(criteria.map((c, i) => [c.code, { points: steps[i]! * c.step, note: 'minh chứng' } satisfies ScoreEntry])));

/** Submissions biased to the top band, so nominations actually happen. */
const strongSubmissionArb = fc
  .tuple(...criteria.map((c) => fc.integer({ min: 0, max: 8 })))
  .map((drops) =>
    Object.fromEntries(criteria.map((c, i) => [c.code, { points: c.kind === 'standard' ? c.maxPoints - drops[i]! * c.step : drops[i]! % 2 === 0 ? 0 : c.step, note: 'minh chứng' }])),
  );

const blocArb = fc.integer({ min: 2, max: 15 }).chain((n) =>
  fc.tuple(
    fc.array(fc.record({ womenLed: fc.boolean(), eligible: fc.nat(9).map((n) => n > 1), submitted: fc.nat(9) }), { minLength: n, maxLength: n }),
    fc.array(strongSubmissionArb, { minLength: n, maxLength: n }),
  ),
);

describe('ranking invariants', () => {
  it('places every unit after exactly the units that compare ahead of it', () => {
    const row = fc.record({ total: fc.integer({ min: -100, max: 200 }), penalty: fc.integer({ min: 0, max: 5 }), standard: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const ranked = rank(rows);
        for (const r of ranked) {
          expect(r.place).toBe(1 + ranked.filter((o) => compareForRanking(o, r) < 0).length);
        }
      }),
    );
  });
});

describe('cross-check assignment invariants', () => {
  const idsArb = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,9}$/), { minLength: 2, maxLength: 60 });

  it('has every unit check exactly one other unit and be checked by exactly one', () => {
    fc.assert(
      fc.property(idsArb, fc.string(), (ids, seed) => {
        const pairs = assignCrossChecks(ids, seed);
        expect(pairs.map((p) => p.checkerUnitId).sort()).toEqual([...ids].sort());
        expect(pairs.map((p) => p.checkedUnitId).sort()).toEqual([...ids].sort());
        expect(pairs.every((p) => p.checkerUnitId !== p.checkedUnitId)).toBe(true);
      }),
    );
  });

  it('has no two units check each other when the bloc has more than two', () => {
    fc.assert(
      fc.property(idsArb.filter((ids) => ids.length > 2), fc.string(), (ids, seed) => {
        const checks = new Set(assignCrossChecks(ids, seed).map((p) => `${p.checkerUnitId}>${p.checkedUnitId}`));
        for (const pair of checks) {
          const [a, b] = pair.split('>');
          expect(checks.has(`${b}>${a}`)).toBe(false);
        }
      }),
    );
  });

  it('gives the same assignment for the same seed, whatever the order of the units', () => {
    fc.assert(
      fc.property(idsArb, fc.string(), (ids, seed) => {
        expect(assignCrossChecks([...ids].reverse(), seed)).toEqual(assignCrossChecks(ids, seed));
      }),
    );
  });
});

describe('total invariants', () => {
  const { standardMax, bonusCap, penaltyMax } = sheetLimits(defaultCriteriaSheet);

  it('keeps every total within [−penalty max, standard max + bonus cap]', () => {
    fc.assert(
      fc.property(submissionArb, (submission) => {
        const { total } = scoreUnit(defaultCriteriaSheet, 'u', submission, undefined);
        expect(total).toBeGreaterThanOrEqual(-penaltyMax);
        expect(total).toBeLessThanOrEqual(standardMax + bonusCap);
        expect(Number.isInteger(total)).toBe(true);
      }),
    );
  });

  it('sums thousands of 0.25 steps without drift', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), (n) => {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += toHundredths(0.25)!;
        expect(sum).toBe(25 * n);
        expect(toHundredths(n * 0.25)).toBe(25 * n);
      }),
      { numRuns: 50 },
    );
  });
});

describe('nomination invariants', () => {
  it('never nominates beyond the quotas, and only eligible units classified "xuất sắc"', () => {
    fc.assert(
      fc.property(blocArb, ([units, submissions]) => {
        const bloc = BlocSchema.parse({
          id: 'b',
          name: 'Khối',
          province: 'Tỉnh',
          units: units.map((u, i) => ({
            id: `u${i}`,
            name: `Đơn vị ${i}`,
            shortName: `U${i}`,
            email: `u${i}@example.gov.vn`,
            rotationOrder: i,
            womenLed: u.womenLed,
            eligibility: u.eligible ? { eligible: true } : { eligible: false, reason: 'discipline', note: 'kỷ luật' },
          })),
        });
        const given = Object.fromEntries(submissions.flatMap((s, i) => (units[i]!.submitted > 0 ? [[`u${i}`, s]] : [])));
        const rows = scoreBloc({ bloc, sheet: defaultCriteriaSheet, rules: defaultBlocRules, submissions: given, crossChecks: {} });
        const n = nominate(rows, defaultBlocRules);
        const byId = new Map(rows.map((r) => [r.unitId, r]));
        for (const id of [...candidatesOf(n.flag), ...candidatesOf(n.certificate)]) {
          expect(byId.get(id)).toMatchObject({ eligible: true, classification: 'xuatSac' });
        }
        expect(n.flag.chosen.length + (n.flag.contested?.seats ?? 0)).toBeLessThanOrEqual(defaultBlocRules.flagQuota);
        const flagLosers = n.flag.contested ? n.flag.contested.candidates.length - n.flag.contested.seats : 0;
        const certQuota = certificateQuotaFor(defaultBlocRules, units.length);
        expect(n.certificate.chosen.length + (n.certificate.contested?.seats ?? 0)).toBeLessThanOrEqual(certQuota + flagLosers);
      }),
      { numRuns: 200 },
    );
  });
});
