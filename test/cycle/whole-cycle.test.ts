import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CycleHarness } from '../support/cycle-harness.js';
import { criteriaOf, defaultCriteriaSheet, type CycleConfig } from '../../functions/domain/index.js';
import { RESULT_NAMES, readResult, type FinalResult, type ScoresResult } from '../../functions/cycle/results.js';
import { submissionFor } from '../domain/fixtures.js';
import { OPENS, SUBJECT, cycleConfig } from './fixtures.js';

const TOTALS: Record<string, number> = {
  'vp-tinh-uy': 995, 'ban-to-chuc': 990, 'ban-tuyen-giao': 985, 'ban-dan-van': 980, ubkt: 975,
  'ban-noi-chinh': 970, 'bao-tinh': 965, 'truong-chinh-tri': 960, 'dang-uy-khoi': 955,
};
const confirmAll = () => ({ items: Object.fromEntries(criteriaOf(defaultCriteriaSheet).map((c) => [c.code, { verdict: 'confirm' }])) });

describe('a whole cycle where every unit acts', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let executionArn: string;
  let cycleId: string;
  const email = (unitId: string) => config.bloc.units.find((u) => u.id === unitId)!.email;

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig();
    ({ cycleId, executionArn } = await h.startCycle(config));

    await h.advanceTo(OPENS.selfAssessment);
    for (const unit of config.bloc.units) {
      await h.act(await h.linkFor(unit.email, SUBJECT.selfAssessment), { scores: submissionFor(TOTALS[unit.id]!) });
    }

    await h.advanceTo(OPENS.crossCheck);
    for (const unit of config.bloc.units) {
      const link = await h.linkFor(unit.email, SUBJECT.crossCheck);
      const checkedBtg = (await h.mailTo(unit.email)).some((m) => /Phân công kiểm tra chéo: Ban Tuyên giáo/.test(m.subject));
      const check = confirmAll();
      if (checkedBtg) check.items['I.1'] = { verdict: 'correct', points: 95, reason: 'Chương trình công tác ban hành chậm so với quy định' } as never;
      await h.act(link, check);
    }

    await h.advanceTo(OPENS.vote);
    for (const unit of config.bloc.units) {
      const link = await h.linkFor(unit.email, SUBJECT.ballot);
      const ballot = { flag: { 'vp-tinh-uy': true }, certificate: Object.fromEntries(['ban-to-chuc', 'ban-tuyen-giao', 'ban-dan-van', 'ubkt'].map((id) => [id, true])), leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao' };
      await h.act(link, ballot);
    }

    await h.advanceTo(OPENS.approval);
    await h.act(await h.linkFor(config.approverEmail, SUBJECT.approval), { decision: 'approve', decisionNumber: '2150/QĐ-UBND', decisionDate: '2026-12-11' });
  }, 120_000);

  afterAll(() => h?.stop());

  it('ends the execution successfully', async () => {
    expect((await h.execution(executionArn)).status).toBe('SUCCEEDED');
  });

  it('applies the cross-check correction to the checked unit\'s total', async () => {
    const scores = await readResult<ScoresResult>(h.deps.store, cycleId, RESULT_NAMES.scores);
    const btg = scores!.rows.find((r) => r.unitId === 'ban-tuyen-giao')!;
    expect(btg.total).toBe(98_000);
    expect(btg.criteria.find((c) => c.code === 'I.1')).toMatchObject({ self: 10_000, final: 9_500 });
  });

  it('publishes the flag for the first unit and four certificates, with next year\'s leaders', async () => {
    const final = await readResult<FinalResult>(h.deps.store, cycleId, RESULT_NAMES.final);
    expect(final).toMatchObject({ status: 'approved', flag: ['vp-tinh-uy'], leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao', decisionNumber: '2150/QĐ-UBND' });
    expect(final!.certificate).toHaveLength(4);
  });

  it('sends each unit its invitations, a receipt per submission and the results', async () => {
    const subjects = (await h.mailTo(email('bao-tinh'))).map((m) => m.subject);
    for (const kind of [SUBJECT.selfAssessment, SUBJECT.crossCheck, SUBJECT.ballot, SUBJECT.results]) {
      expect(subjects.filter((s) => kind.test(s))).toHaveLength(1);
    }
    expect(subjects.filter((s) => SUBJECT.receipt.test(s))).toHaveLength(3);
  });

  it('sends the approver one approval request, and the admin the results', async () => {
    expect((await h.mailTo(config.approverEmail)).filter((m) => SUBJECT.approval.test(m.subject))).toHaveLength(1);
    expect((await h.mailTo(config.adminEmails[0]!)).filter((m) => SUBJECT.results.test(m.subject))).toHaveLength(1);
  });

  it('attaches the summary table to the results email', async () => {
    const results = (await h.mailTo(email('vp-tinh-uy'))).find((m) => SUBJECT.results.test(m.subject))!;
    expect(results.attachments.map((a) => a.filename)).toEqual([expect.stringMatching(/^bang-tong-hop-ket-qua-.*\.xlsx$/)]);
  });
});
