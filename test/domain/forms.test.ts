import { describe, expect, it } from 'vitest';
import {
  ApprovalDecisionSchema,
  decisionDatedBy,
  PledgeConfirmationSchema,
  ballotSchema,
  crossCheckSchema,
  defaultCriteriaSheet,
  leaderDecisionSchema,
  selfAssessmentSchema,
  sheetVersion,
} from '../../functions/domain/index.js';
import { submissionFor } from './fixtures.js';
import { errorAt, errorPaths } from './zod-paths.js';

const submission = selfAssessmentSchema(defaultCriteriaSheet, 'submission');
const draft = selfAssessmentSchema(defaultCriteriaSheet, 'draft');

describe('selfAssessmentSchema', () => {
  it('accepts a complete submission', () => {
    expect(errorPaths(submission, { scores: submissionFor(990) })).toEqual([]);
  });

  it('rejects a score above the maximum, naming the criterion', () => {
    const scores = { ...submissionFor(990), 'I.1': { points: 101, note: '' } };
    expect(errorAt(submission, { scores }, 'scores.I.1.points')).toMatch(/at most 100/);
  });

  it('rejects scores that are not an object, naming the field, instead of throwing', () => {
    expect(errorPaths(submission, { scores: -1 })).toEqual(['scores']);
    expect(errorPaths(crossCheckSchema(defaultCriteriaSheet), { items: 'all good' })).toEqual(['items']);
  });

  it('rejects a score off the 0.25 grid', () => {
    expect(errorAt(submission, { scores: { ...submissionFor(990), 'I.3': { points: 10.1 } } }, 'scores.I.3.points')).toMatch(/multiple of 0.25/);
  });

  it('rejects a negative score', () => {
    expect(errorPaths(submission, { scores: { ...submissionFor(990), 'I.3': { points: -1 } } })).toContain('scores.I.3.points');
  });

  it('rejects a criterion the sheet does not have', () => {
    expect(errorPaths(draft, { scores: { 'IX.9': { points: 1 } } })).toEqual(['scores.IX.9']);
  });

  it('requires every criterion in a submission', () => {
    const { 'II.4': _left, ...scores } = submissionFor(990);
    expect(errorPaths(submission, { scores })).toEqual(['scores.II.4']);
  });

  it('counts blank bonus and penalty rows as 0 where the sheet says so, as the default sheet does', () => {
    const { 'V.1': _bonus, 'VI.1': _penalty, ...scores } = submissionFor(990);
    expect(errorPaths(submission, { scores })).toEqual([]);
    expect(errorPaths(selfAssessmentSchema({ ...defaultCriteriaSheet, blankMeansZero: undefined }, 'submission'), { scores })).toEqual(['scores.V.1', 'scores.VI.1']);
  });

  it('accepts an incomplete draft', () => {
    expect(errorPaths(draft, { scores: { 'I.1': { points: 50 } } })).toEqual([]);
  });

  it('requires a note or evidence link for claimed bonus points', () => {
    expect(errorPaths(submission, { scores: { ...submissionFor(990), 'V.1': { points: 10, note: '' } } })).toEqual(['scores.V.1.note']);
  });

  it('rejects an evidence link that is not http(s)', () => {
    expect(errorPaths(draft, { scores: { 'I.1': { points: 50, evidenceUrl: 'javascript:alert(1)' } } })).toEqual(['scores.I.1.evidenceUrl']);
  });

  it('rejects a form filled against another sheet version', () => {
    expect(errorPaths(draft, { sheetVersion: 'sha256-other', scores: {} })).toEqual(['sheetVersion']);
    expect(errorPaths(draft, { sheetVersion: sheetVersion(defaultCriteriaSheet), scores: {} })).toEqual([]);
  });
});

describe('crossCheckSchema', () => {
  const schema = crossCheckSchema(defaultCriteriaSheet);
  const allConfirmed = () => Object.fromEntries(Object.keys(submissionFor(1000)).map((code) => [code, { verdict: 'confirm' }]));

  it('accepts a check that confirms every criterion', () => {
    expect(errorPaths(schema, { items: allConfirmed() })).toEqual([]);
  });

  it('requires a reason for a correction', () => {
    expect(errorAt(schema, { items: { ...allConfirmed(), 'I.2': { verdict: 'correct', points: 140, reason: '  ' } } }, 'items.I.2.reason')).toBe('a reason is required');
  });

  it('rejects a corrected value above the maximum', () => {
    expect(errorPaths(schema, { items: { ...allConfirmed(), 'I.2': { verdict: 'correct', points: 151, reason: 'x' } } })).toEqual(['items.I.2.points']);
  });

  it('requires a verdict on every criterion', () => {
    const { 'IV.4': _left, ...items } = allConfirmed();
    expect(errorPaths(schema, { items })).toEqual(['items.IV.4']);
  });
});

describe('ballotSchema', () => {
  const schema = ballotSchema({ memberIds: ['a', 'b', 'c'], flagCandidates: ['a'], certificateNominees: ['b'], electLeaders: true });

  it('accepts a full first-round ballot', () => {
    expect(errorPaths(schema, { flag: { a: true }, certificate: { b: false }, leaderUnitId: 'b', deputyUnitId: 'c' })).toEqual([]);
  });

  it('requires a choice on every nominee', () => {
    expect(errorPaths(schema, { flag: {}, certificate: { b: true }, leaderUnitId: 'b', deputyUnitId: 'c' })).toEqual(['flag.a']);
  });

  it('rejects a vote for a unit that is not a nominee', () => {
    expect(errorPaths(schema, { flag: { a: true, c: true }, certificate: { b: true }, leaderUnitId: 'b', deputyUnitId: 'c' })).toEqual(['flag']);
  });

  it('rejects the same unit as leader and deputy', () => {
    expect(errorPaths(schema, { flag: { a: true }, certificate: { b: true }, leaderUnitId: 'b', deputyUnitId: 'b' })).toEqual(['deputyUnitId']);
  });

  it('rejects a leader who is not a member', () => {
    expect(errorPaths(schema, { flag: { a: true }, certificate: { b: true }, leaderUnitId: 'z', deputyUnitId: 'b' })).toEqual(['leaderUnitId']);
  });

  it('asks only the flag in a runoff round', () => {
    const runoff = ballotSchema({ memberIds: ['a', 'b', 'c'], flagCandidates: ['a', 'b'], certificateNominees: [], electLeaders: false });
    expect(errorPaths(runoff, { flag: { a: true, b: false }, certificate: {} })).toEqual([]);
    expect(errorPaths(runoff, { flag: { a: true, b: false }, certificate: {}, leaderUnitId: 'a' })).toEqual(['leaderUnitId']);
  });
});

describe('ApprovalDecisionSchema', () => {
  it('accepts an approval with a decision number and date', () => {
    expect(errorPaths(ApprovalDecisionSchema, { decision: 'approve', decisionNumber: '123/QĐ-UBND', decisionDate: '2026-12-20' })).toEqual([]);
  });

  it('requires a reason to return the dossier', () => {
    expect(errorPaths(ApprovalDecisionSchema, { decision: 'return' })).toEqual(['reason']);
  });

  it('refuses a decision dated after the day it is recorded, in Vietnam time', () => {
    // 00:30 on 11 December in Vietnam, still 10 December in UTC.
    const recorded = ApprovalDecisionSchema.superRefine(decisionDatedBy(new Date('2026-12-10T17:30:00Z')));
    expect(errorPaths(recorded, { decision: 'approve', decisionNumber: '123/QĐ-UBND', decisionDate: '2026-12-11' })).toEqual([]);
    expect(errorPaths(recorded, { decision: 'approve', decisionNumber: '123/QĐ-UBND', decisionDate: '2026-12-12' })).toEqual(['decisionDate']);
  });

  it('rejects an unknown decision', () => {
    expect(errorPaths(ApprovalDecisionSchema, { decision: 'maybe' })).toEqual(['decision']);
  });
});

describe('PledgeConfirmationSchema', () => {
  it('requires the pledge to be accepted and the signer named', () => {
    expect(errorPaths(PledgeConfirmationSchema, { accepted: false, signerName: '', signerTitle: 'Chánh Văn phòng' }).sort()).toEqual(['accepted', 'signerName']);
  });
});

describe('leaderDecisionSchema', () => {
  it('accepts one of the undecided candidates or no flag, with a reason', () => {
    const schema = leaderDecisionSchema(['a', 'b']);
    expect(errorPaths(schema, { flagUnitId: 'a', reason: 'Thống nhất tại cuộc họp' })).toEqual([]);
    expect(errorPaths(schema, { flagUnitId: null, reason: 'Không đề nghị' })).toEqual([]);
    expect(errorPaths(schema, { flagUnitId: 'c', reason: 'x' })).toEqual(['flagUnitId']);
  });
});

describe('selfAssessmentSchema, all problems at once', () => {
  it('reports a malformed value together with the other fields\' problems', () => {
    const scores = { ...submissionFor(990), 'I.1': { points: 101 }, 'I.2': { points: 'abc' } };
    delete (scores as Record<string, unknown>)['IV.4'];
    expect(errorPaths(submission, { scores }).sort()).toEqual(['scores.I.1.points', 'scores.I.2.points', 'scores.IV.4']);
  });
});
