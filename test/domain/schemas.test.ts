import { describe, expect, it } from 'vitest';
import {
  BlocRulesSchema,
  BlocSchema,
  CriteriaSheetSchema,
  certificateQuotaFor,
  defaultBlocRules,
  defaultCriteriaSheet,
  sheetLimits,
  sheetVersion,
  rotationProposal,
  type CriteriaSheetInput,
} from '../../functions/domain/index.js';
import { errorAt, errorPaths } from './zod-paths.js';
import { partyBloc } from './fixtures.js';

const sheet = (patch: (s: CriteriaSheetInput) => void): CriteriaSheetInput => {
  const copy = structuredClone(defaultCriteriaSheet) as CriteriaSheetInput;
  patch(copy);
  return copy;
};

describe('CriteriaSheetSchema', () => {
  it('accepts the default 1,000-point sheet for Party agencies', () => {
    expect(sheetLimits(defaultCriteriaSheet)).toEqual({ standardMax: 100_000, scale: 100_000, bonusCap: 5_000, penaltyMax: 10_000 });
    expect(defaultCriteriaSheet.sections.flatMap((s) => s.criteria).every((c) => c.guidance.length > 0)).toBe(true);
  });

  it('rejects a duplicate criterion code, naming the criterion', () => {
    expect(errorPaths(CriteriaSheetSchema, sheet((s) => { s.sections[1]!.criteria[0]!.code = 'I.1'; }))).toContain('sections.1.criteria.0.code');
  });

  it('rejects a section whose declared maximum differs from its criteria', () => {
    const input = sheet((s) => { s.sections[0]!.maxPoints = 390; });
    expect(errorAt(CriteriaSheetSchema, input, 'sections.0.maxPoints')).toMatch(/add up to 400/);
  });

  it('rejects a standard maximum that the criteria do not add up to', () => {
    expect(errorPaths(CriteriaSheetSchema, sheet((s) => { s.standardMaxPoints = 900; }))).toContain('standardMaxPoints');
  });

  it('rejects a bonus cap above the bonus criteria total', () => {
    expect(errorPaths(CriteriaSheetSchema, sheet((s) => { s.bonusCap = 80; }))).toContain('bonusCap');
  });

  it('rejects a maximum that is not a multiple of the step', () => {
    const input = sheet((s) => { s.sections[0]!.criteria[0]!.step = 0.3; });
    expect(errorPaths(CriteriaSheetSchema, input)).toContain('sections.0.criteria.0.maxPoints');
  });

  it('rejects an unknown criterion kind', () => {
    expect(errorPaths(CriteriaSheetSchema, sheet((s) => { (s.sections[0]!.criteria[0] as { kind: string }).kind = 'extra'; }))).toContain('sections.0.criteria.0.kind');
  });
});

describe('sheetVersion', () => {
  it('is the same for the same content in another key order', () => {
    const reordered = CriteriaSheetSchema.parse(JSON.parse(JSON.stringify(defaultCriteriaSheet, Object.keys(defaultCriteriaSheet).reverse().concat(['code', 'title', 'maxPoints', 'criteria', 'guidance', 'kind', 'step']))));
    expect(sheetVersion(reordered)).toBe(sheetVersion(defaultCriteriaSheet));
  });

  it('changes when a maximum changes', () => {
    const changed = CriteriaSheetSchema.parse(sheet((s) => {
      s.sections[0]!.criteria[0]!.maxPoints = 90;
      s.sections[0]!.criteria[1]!.maxPoints = 160;
    }));
    expect(sheetVersion(changed)).not.toBe(sheetVersion(defaultCriteriaSheet));
  });
});

describe('BlocSchema', () => {
  const valid = () => JSON.parse(JSON.stringify(partyBloc()));

  it('rejects a duplicate unit id', () => {
    const input = valid();
    input.units[1].id = input.units[0].id;
    expect(errorPaths(BlocSchema, input)).toContain('units.1.id');
  });

  it('rejects a malformed email, naming the unit', () => {
    const input = valid();
    input.units[2].email = 'ban-tuyen-giao';
    expect(errorPaths(BlocSchema, input)).toEqual(['units.2.email']);
  });

  it('rejects an ineligible unit without a note', () => {
    const input = valid();
    input.units[0].eligibility = { eligible: false, reason: 'complaint', note: '' };
    expect(errorPaths(BlocSchema, input)).toEqual(['units.0.eligibility.note']);
  });

  it('rejects a leader that is not a member', () => {
    expect(errorPaths(BlocSchema, { ...valid(), leaderUnitId: 'so-tai-chinh' })).toEqual(['leaderUnitId']);
  });

  it('rejects a bloc of one unit', () => {
    const input = valid();
    input.units = input.units.slice(0, 1);
    expect(errorPaths(BlocSchema, input)).toEqual(['units']);
  });
});

describe('rotationProposal', () => {
  it('proposes the units after the current leader, wrapping around', () => {
    expect(rotationProposal({ ...partyBloc(), leaderUnitId: 'dang-uy-khoi' })).toEqual({ leaderUnitId: 'vp-tinh-uy', deputyUnitId: 'ban-to-chuc' });
  });

  it('proposes the units after the first in rotation when no leader is configured, since that unit leads this year', () => {
    const { leaderUnitId: _none, ...bloc } = partyBloc();
    expect(rotationProposal(bloc)).toEqual({ leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao' });
  });
});

describe('BlocRulesSchema', () => {
  it('defaults to 1 flag, half the members as certificates, 80% and 50% thresholds, two rounds', () => {
    expect(defaultBlocRules).toMatchObject({ flagQuota: 1, certificateQuota: { kind: 'halfOfMembers' }, voteThresholds: { flag: 80, certificate: 50 }, flagVoteRounds: 2, approvalRounds: 3, reminderDaysBefore: [3, 1] });
  });

  it.each([[6, 3], [5, 2], [9, 4], [2, 1]])('gives a bloc of %i units %i certificates by default', (members, quota) => {
    expect(certificateQuotaFor(defaultBlocRules, members)).toBe(quota);
  });

  it('rejects bands that do not decrease', () => {
    expect(errorPaths(BlocRulesSchema, { bands: { xuatSac: 80, tot: 85, hoanThanh: 70 } })).toEqual(['bands']);
  });

  it('rejects a vote threshold above 100%', () => {
    expect(errorPaths(BlocRulesSchema, { voteThresholds: { flag: 120, certificate: 50 } })).toEqual(['voteThresholds.flag']);
  });
});
