import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_NAMES, readResult, type FinalResult, type Proposal, type VoteRound } from '../../functions/cycle/results.js';
import { listApprovalRounds } from '../../functions/store/approvals.js';
import type { CycleConfig } from '../../functions/domain/index.js';
import type { ActResult } from '../../functions/cycle/actions.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { crossCheck, selfAssess, vote } from './drive.js';
import { OPENS, SUBJECT, TIED, cycleConfig, splitVote } from './fixtures.js';

describe('a tie for first, two ballot rounds, the leaders\' decision, a return and an approval', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let cycleId: string;
  let executionArn: string;
  let duplicate: ActResult;
  let revisionPage: string;
  let revisionFilesPage: string;
  const leader = () => config.bloc.units.find((u) => u.id === 'vp-tinh-uy')!;

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig();
    ({ cycleId, executionArn } = await h.startCycle(config));
    await h.advanceTo(OPENS.selfAssessment);
    await selfAssess(h, config, TIED);
    await h.advanceTo(OPENS.crossCheck);
    await crossCheck(h, config);
    await h.advanceTo(OPENS.vote);
    await vote(h, config, (unitId, i) => (unitId === 'bao-tinh' ? undefined : splitVote(1)(unitId, i)));
    // A double click: the same ballot posted twice.
    const baoTinh = config.bloc.units.find((u) => u.id === 'bao-tinh')!;
    const ballotLink = await h.linkFor(baoTinh.email, SUBJECT.ballot);
    await h.act(ballotLink, splitVote(1)('bao-tinh', 6));
    duplicate = await h.act(ballotLink, splitVote(1)('bao-tinh', 6)).catch((error: unknown) => ({ kind: 'error', error }) as never);
    // Round 2 opens at once between the two tied units, and splits again.
    await vote(h, config, (unitId, i) => splitVote(2)(unitId, i));
    await h.act(await h.linkFor(leader().email, /quyết định Cờ thi đua/), { flagUnitId: 'ban-to-chuc', reason: 'Trưởng khối và Phó Trưởng khối thống nhất tại cuộc họp ngày 15/12' });
    await h.advanceTo(OPENS.approval);
    await h.act(await h.linkFor(config.approverEmail, SUBJECT.approval), { decision: 'return', reason: 'Bổ sung biên bản họp bình xét có chữ ký của các thành viên' });
    const revision = await h.linkFor(leader().email, SUBJECT.revision);
    revisionPage = await h.page(revision);
    revisionFilesPage = await h.filesPage(revision);
    await h.act(revision, { response: 'Đã bổ sung biên bản họp có đủ chữ ký', withdraw: [] });
    await h.act(await h.linkFor(config.approverEmail, /Đề nghị phê duyệt.*\(lần 2\)/), { decision: 'approve', decisionNumber: '2210/QĐ-UBND', decisionDate: '2026-12-11' });
  }, 120_000);

  afterAll(() => h?.stop());

  it('leads the returned leader from the revision page to the files page, where the files asked for are added before answering', () => {
    expect(revisionPage).toMatch(/<a href="\/l\/[\w-]+\/files">Gửi tệp cho hồ sơ của khối<\/a>: báo cáo thành tích, bản quét biên bản, tờ trình đã ký, tài liệu bổ sung\. Gửi tệp trước khi bấm &quot;Nộp&quot;\./);
    expect(revisionFilesPage.replace(/<style[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain('Báo cáo thành tích');
    expect(revisionFilesPage).toContain('Tài liệu bổ sung khi hoàn thiện hồ sơ');
  });

  it('acknowledges a repeated identical ballot without counting it twice', async () => {
    expect(duplicate).toMatchObject({ kind: 'submitted', duplicate: true });
    const baoTinh = config.bloc.units.find((u) => u.id === 'bao-tinh')!;
    expect((await h.mailTo(baoTinh.email)).filter((m) => /Đã nhận bình xét/.test(m.subject))).toHaveLength(2); // one per round
  });

  it('sends the undecided flag to a second round between the tied units', async () => {
    const round1 = await readResult<VoteRound>(h.deps.store, cycleId, RESULT_NAMES.vote(1));
    expect(round1!.outcome).toMatchObject({ kind: 'runoff', candidates: ['vp-tinh-uy', 'ban-to-chuc'] });
    expect(round1!.flag.map((t) => t.approvals)).toEqual([5, 4]);
  });

  it('leaves the flag to the leader and deputy after the second round', async () => {
    const round2 = await readResult<VoteRound>(h.deps.store, cycleId, RESULT_NAMES.vote(2));
    expect(round2!.outcome).toMatchObject({ kind: 'leaderDecision' });
    const proposal = await readResult<Proposal>(h.deps.store, cycleId, RESULT_NAMES.proposal);
    expect(proposal).toMatchObject({ flag: ['ban-to-chuc'], flagDecidedBy: 'leaders' });
  });

  it('goes back to the leader once, then is approved in the second round', async () => {
    const rounds = await listApprovalRounds(h.deps.store, cycleId);
    expect(rounds.map((r) => r.status)).toEqual(['returned', 'approved']);
    expect((await h.mailTo(config.approverEmail)).filter((m) => SUBJECT.approval.test(m.subject))).toHaveLength(2);
    expect((await h.mailTo(leader().email)).filter((m) => SUBJECT.revision.test(m.subject))).toHaveLength(1);
  });

  it('publishes the leaders\' choice for the flag and a certificate for the other tied unit', async () => {
    const final = await readResult<FinalResult>(h.deps.store, cycleId, RESULT_NAMES.final);
    expect(final).toMatchObject({ status: 'approved', flag: ['ban-to-chuc'], certificate: ['vp-tinh-uy', 'ban-tuyen-giao', 'ban-dan-van', 'ubkt'] });
    expect((await h.execution(executionArn)).status).toBe('SUCCEEDED');
  });
});
