import { describe, expect, it } from 'vitest';
import { finalOutcome, type Revision } from '../../functions/domain/index.js';
import { dossierOf, withFinal } from '../../functions/dossier/index.js';
import type { CycleView } from '../../functions/store/cycle-view.js';
import type { Form } from '../../functions/store/forms.js';
import { plainCycleView } from '../documents/fixture.js';

const base = plainCycleView();
const proposed = dossierOf(base).vote.proposal!;
const [first, second] = proposed.certificate;

function revision(round: number, withdraw: string[], submitted = true): Form<Revision> {
  const data = { response: `lần ${round}`, withdraw };
  return { cycleId: 'plain', phase: 'revision', round, unitId: 'vp-tinh-uy', status: submitted ? 'submitted' : 'draft', data, ...(submitted ? { submitted: data } : {}), submissions: submitted ? 1 : 0, version: 1, updatedAt: '2026-12-12T00:00:00.000Z' };
}

function returnedTwice(forms: Form[]): CycleView {
  const round = (n: number, status: 'returned' | 'approved') => ({ cycleId: 'plain', round: n, status, requestedAt: `2026-12-1${n}T00:00:00.000Z`, version: 2 });
  return { ...base, forms, approvals: [round(1, 'returned'), round(2, 'returned'), round(3, 'approved')] };
}

describe('the dossier of a cycle', () => {
  it('has no ranking, ballot or proposal before the bloc is scored', () => {
    const dossier = dossierOf({ ...base, results: [], approvals: [] });
    expect(dossier).toMatchObject({ scores: undefined, vote: { rounds: [], proposal: undefined }, awards: { proposed: {}, granted: undefined } });
  });

  it('shows each ballot round with the dates it was open, and the proposal with the meeting\'s date', () => {
    const { vote } = dossierOf(base);
    expect(vote.rounds.map((r) => [r.round, r.window])).toEqual([[1, { opensAt: '2026-11-30T17:00:00.000Z', deadlineAt: '2026-12-10T16:59:59.000Z', closedAt: '2026-12-05T03:00:00.000Z' }]]);
    expect(vote.proposal?.proposedAt).toBe('2026-12-05T03:00:00.000Z');
  });

  it('withdraws a nominee once however many revisions withdraw it, and ignores an unsent revision', () => {
    const dossier = dossierOf(returnedTwice([revision(1, [first!]), revision(2, [first!]), revision(3, [second!], false)]));
    expect(dossier.approval.withdrawn).toEqual([first]);
    expect(dossier.approval.revisions.map((r) => r.round)).toEqual([1, 2]);
    expect(dossier.awards.proposed[first!]).toBeUndefined();
    expect(dossier.awards.proposed[second!]).toBe('certificate');
    expect(dossier.awards.proposed[proposed.flag[0]!]).toBe('flag');
  });

  it('grants what the approved proposal asks for, without the withdrawn nominee', () => {
    const dossier = dossierOf(returnedTwice([revision(1, [first!])]));
    const final = finalOutcome({ proposal: proposed, withdrawn: dossier.approval.withdrawn, lastRoundStatus: 'approved', decisions: [], at: new Date('2026-12-20T00:00:00Z') });
    const published = withFinal(dossier, final);
    expect(published.awards.granted).toEqual(published.awards.proposed);
    expect(published.awards.granted?.[first!]).toBeUndefined();
    expect(published.final?.status).toBe('approved');
  });

  it('grants nothing when the province returned the dossier last', () => {
    const final = finalOutcome({ proposal: proposed, withdrawn: [], lastRoundStatus: 'returned', decisions: [{ decision: 'return', reason: 'thiếu hồ sơ' }], at: new Date('2026-12-20T00:00:00Z') });
    expect(final).toMatchObject({ status: 'rejected', flag: [], certificate: [] });
    expect(withFinal(dossierOf(base), final).awards.granted).toEqual({});
  });

  it('publishes the number and date of the approving decision', () => {
    const decisions = [{ decision: 'return' as const, reason: 'thiếu hồ sơ' }, { decision: 'approve' as const, decisionNumber: '2210/QĐ-UBND', decisionDate: '2026-12-22' }];
    const final = finalOutcome({ proposal: proposed, withdrawn: [], lastRoundStatus: 'approved', decisions, at: new Date('2026-12-23T00:00:00Z') });
    expect(final).toMatchObject({ decisionNumber: '2210/QĐ-UBND', decisionDate: '2026-12-22', publishedAt: '2026-12-23T00:00:00.000Z' });
  });
});
