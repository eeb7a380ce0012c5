import { describe, expect, it } from 'vitest';
import { GovernmentFlagRefusedError, checkGovernmentFlagChoice, governmentFlagQuota, GovernmentFlagChoiceSchema, defaultGovernmentFlagRules, type GovernmentFlagChoiceInput } from '../../functions/domain/index.js';

/** Ten blocs, each with its flag winner `u1`; the last two not approved yet. */
const field = { blocs: Array.from({ length: 10 }, (_, i) => ({ blocId: `b${i + 1}`, approved: i < 8, flagWinners: ['u1'] })) };
const nominee = (b: number, unitId = 'u1') => ({ blocId: `b${b}`, unitId, reason: 'Dẫn đầu khối nhiều năm' });
const check = (input: Partial<GovernmentFlagChoiceInput>) => checkGovernmentFlagChoice(GovernmentFlagChoiceSchema.parse({ year: 2026, nominees: [], ...input }), field);
const refusalsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof GovernmentFlagRefusedError) return error.refusals.map((r) => r.code);
    throw error;
  }
  return [];
};

describe('the Government flag (Law 2022 art. 25)', () => {
  it('allows 20% of the provincial flags by default, rounded down, at least one', () => {
    expect(defaultGovernmentFlagRules.sharePercent).toBe(20);
    expect(governmentFlagQuota(defaultGovernmentFlagRules, 40)).toBe(8);
    expect(governmentFlagQuota(defaultGovernmentFlagRules, 34)).toBe(6);
    expect(governmentFlagQuota(defaultGovernmentFlagRules, 3)).toBe(1);
    expect(governmentFlagQuota(defaultGovernmentFlagRules, 0)).toBe(0);
  });

  it('refuses a choice before every bloc is approved, unless a reason records the exception', () => {
    expect(refusalsOf(() => check({ nominees: [nominee(1)] }))).toEqual(['blocsPending']);
    expect(check({ nominees: [nominee(1)], exceptionReason: 'Thời hạn của Trung ương' })).toEqual({ quota: 1, exceptions: ['blocsPending'] });
  });

  it('refuses more than the quota even with a reason, by default', () => {
    expect(refusalsOf(() => check({ nominees: [nominee(1), nominee(2)], exceptionReason: 'Thời hạn' }))).toEqual(['overQuota']);
  });

  it('refuses a unit that did not get its bloc\'s flag, one of a bloc not approved, and one chosen twice, all at once', () => {
    const codes = refusalsOf(() => check({ nominees: [nominee(1, 'u2'), nominee(9), nominee(3), nominee(3)], exceptionReason: 'x', rules: { sharePercent: 100, pendingBlocsException: true, overQuotaException: false } }));
    expect(codes).toEqual(['duplicate', 'notFlagWinner', 'blocNotApproved']);
  });

  it('requires a reason for each nominee', () => {
    expect(() => GovernmentFlagChoiceSchema.parse({ year: 2026, nominees: [{ blocId: 'b1', unitId: 'u1', reason: ' ' }] })).toThrow(/a reason is required/);
  });
});
