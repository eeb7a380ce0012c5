/** The approver's last round under the bloc's rules: a return then ends the cycle without awards, and the page says so. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleConfig } from '../../functions/domain/index.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { crossCheck, selfAssess, vote } from './drive.js';
import { OPENS, SUBJECT, cycleConfig } from './fixtures.js';

const TOTALS = { 'vp-tinh-uy': 995, 'ban-to-chuc': 990, 'ban-tuyen-giao': 985, 'ban-dan-van': 980, ubkt: 975, 'ban-noi-chinh': 970, 'bao-tinh': 965, 'truong-chinh-tri': 960, 'dang-uy-khoi': 955 };

describe('the approval page of a bloc whose rules allow one submission', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let page: string;

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig({ rules: { approvalRounds: 1 } });
    await h.startCycle(config);
    await h.advanceTo(OPENS.selfAssessment);
    await selfAssess(h, config, TOTALS);
    await h.advanceTo(OPENS.crossCheck);
    await crossCheck(h, config);
    await h.advanceTo(OPENS.vote);
    await vote(h, config, () => ({ flag: { 'vp-tinh-uy': true }, certificate: { 'ban-to-chuc': true, 'ban-tuyen-giao': true, 'ban-dan-van': true, ubkt: true }, leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao' }));
    await h.advanceTo(OPENS.approval);
    page = await h.page(await h.linkFor(config.approverEmail, SUBJECT.approval));
  }, 180_000);

  afterAll(() => h?.stop());

  it('offers not approving instead of a return for revision', () => {
    expect(page).toContain('<button type="submit" name="decision" value="return" class="secondary">Không phê duyệt</button>');
    expect(page).not.toContain('Trả lại để hoàn thiện');
  });

  it('warns that not approving leaves the bloc without awards this year', () => {
    expect(page).toContain('Đây là lần trình thứ 1, lần cuối theo quy chế của khối: hồ sơ không được trả lại để hoàn thiện nữa.');
  });
});
