import {
  BlocSchema,
  criteriaOf,
  defaultBlocRules,
  defaultCriteriaSheet,
  scoreBloc,
  type Bloc,
  type BlocRules,
  type CriteriaSheet,
  type ScoreEntry,
  type Unit,
} from '../../functions/domain/index.js';
import { demoPeople } from '../../local/demo/people.js';

/** The nine agencies of a provincial Party bloc, as in SPEC §1. */
export const PARTY_AGENCIES = [
  ['vp-tinh-uy', 'Văn phòng Tỉnh ủy', 'VPTU'],
  ['ban-to-chuc', 'Ban Tổ chức Tỉnh ủy', 'BTC'],
  ['ban-tuyen-giao', 'Ban Tuyên giáo Tỉnh ủy', 'BTG'],
  ['ban-dan-van', 'Ban Dân vận Tỉnh ủy', 'BDV'],
  ['ubkt', 'Ủy ban Kiểm tra Tỉnh ủy', 'UBKT'],
  ['ban-noi-chinh', 'Ban Nội chính Tỉnh ủy', 'BNC'],
  ['bao-tinh', 'Báo tỉnh', 'BAO'],
  ['truong-chinh-tri', 'Trường Chính trị tỉnh', 'TCT'],
  ['dang-uy-khoi', 'Đảng ủy Khối các cơ quan tỉnh', 'DUK'],
] as const;

export function partyBloc(overrides: (unit: Unit) => Partial<Unit> = () => ({})): Bloc {
  return BlocSchema.parse({
    id: 'khoi-dang',
    name: 'Khối thi đua các cơ quan Đảng tỉnh',
    province: 'Đắk Lắk',
    headerStyle: 'party',
    units: PARTY_AGENCIES.map(([id, name, shortName], i) => {
      const email = `${id}@example.gov.vn`;
      const unit = { id, name, shortName, email, rotationOrder: i, womenLed: false, eligibility: { eligible: true }, people: demoPeople(id, email) } as Unit;
      return { ...unit, ...overrides(unit) };
    }),
    leaderUnitId: 'vp-tinh-uy',
  });
}

/** A complete submission on the default sheet: every standard criterion at its maximum except I.2, lowered to reach `total`. */
export function submissionFor(total: number, extra: Record<string, number> = {}, sheet: CriteriaSheet = defaultCriteriaSheet): Record<string, ScoreEntry> {
  const deficit = 1000 - total;
  return Object.fromEntries(
    criteriaOf(sheet).map((c) => {
      const base = c.kind === 'standard' ? c.maxPoints - (c.code === 'I.2' ? deficit : 0) : 0;
      const points = extra[c.code] ?? base;
      return [c.code, { points, note: points > 0 && c.kind === 'bonus' ? 'Quyết định khen thưởng số 12/QĐ-UBND' : '' }];
    }),
  );
}

/** Scores a bloc where each unit submitted the given total (a missing unit did not submit). */
export function scoreTotals(bloc: Bloc, totals: Record<string, number>, rules: BlocRules = defaultBlocRules) {
  const submissions = Object.fromEntries(Object.entries(totals).map(([id, total]) => [id, submissionFor(total)]));
  return scoreBloc({ bloc, sheet: defaultCriteriaSheet, rules, submissions, crossChecks: {} });
}
