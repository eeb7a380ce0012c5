/**
 * A 9-unit cycle that exercises everything the documents print: a cross-check correction that makes two
 * units share a place, a flag vote split in round 1 and settled in a runoff where one unit does not vote,
 * a return for revision that withdraws a certificate nominee, then an approval with a decision number.
 */
import { CycleHarness } from '../support/cycle-harness.js';
import { confirmAll, selfAssess, vote } from '../cycle/drive.js';
import { OPENS, SUBJECT, cycleConfig } from '../cycle/fixtures.js';
import type { CycleConfig } from '../../functions/domain/index.js';

/** The first two units tie, so the flag goes to the vote between them. */
export const TOTALS = {
  'vp-tinh-uy': 995, 'ban-to-chuc': 995, 'ban-tuyen-giao': 985, 'ban-dan-van': 980, ubkt: 975,
  'ban-noi-chinh': 970, 'bao-tinh': 965, 'truong-chinh-tri': 960, 'dang-uy-khoi': 955,
};
/** The corrected unit: its checker lowers I.1 by 5 points, so it ties with đảng ủy khối at 955. */
export const CORRECTED = 'truong-chinh-tri';
export const WITHDRAWN = 'ubkt';
const CERTIFICATE_NOMINEES = ['vp-tinh-uy', 'ban-to-chuc', 'ban-tuyen-giao', 'ban-dan-van', 'ubkt'];

export interface DocumentsCycle {
  h: CycleHarness;
  config: CycleConfig;
  cycleId: string;
}

export async function runDocumentsCycle(): Promise<DocumentsCycle> {
  const h = await CycleHarness.start('2026-10-01T00:00:00Z');
  const config = cycleConfig();
  const { cycleId } = await h.startCycle(config);
  const corrected = config.bloc.units.find((u) => u.id === CORRECTED)!.name;
  await h.advanceTo(OPENS.selfAssessment);
  await selfAssess(h, config, TOTALS);
  await h.advanceTo(OPENS.crossCheck);
  for (const unit of config.bloc.units) {
    const checksIt = (await h.mailTo(unit.email)).some((m) => SUBJECT.crossCheck.test(m.subject) && m.subject.includes(corrected));
    const check = confirmAll();
    if (checksIt) check.items['I.1'] = { verdict: 'correct', points: 95, reason: 'Chương trình công tác năm ban hành chậm so với quy định' };
    await h.act(await h.linkFor(unit.email, SUBJECT.crossCheck), check);
  }
  await h.advanceTo(OPENS.vote);
  // Round 1: the flag splits 5 to 4 between the first two units (neither reaches 80%); certificates pass.
  await vote(h, config, (_unitId, i) => ({
    flag: { 'vp-tinh-uy': i % 2 === 0, 'ban-to-chuc': i % 2 === 1 },
    certificate: Object.fromEntries(CERTIFICATE_NOMINEES.map((id) => [id, true])),
    leaderUnitId: 'ban-to-chuc',
    deputyUnitId: 'ban-tuyen-giao',
  }));
  // Round 2: the newspaper does not vote; eight members approve the Organization Board (8/9 ≥ 80%).
  await vote(h, config, (unitId) => (unitId === 'bao-tinh' ? undefined : { flag: { 'vp-tinh-uy': false, 'ban-to-chuc': true }, certificate: {} }));
  // The round's deadline passes; the scheduled sweep records the missing ballot and the round is tallied.
  await h.advanceTo('2026-12-05T01:00:00Z');
  await h.sweep();
  await h.advanceTo(OPENS.approval);
  const leader = config.bloc.units.find((u) => u.id === 'vp-tinh-uy')!;
  await h.act(await h.linkFor(config.approverEmail, SUBJECT.approval), { decision: 'return', reason: 'Ủy ban Kiểm tra Tỉnh ủy đang có đơn thư chưa giải quyết' });
  await h.act(await h.linkFor(leader.email, SUBJECT.revision), { response: 'Khối rút đề nghị Bằng khen đối với Ủy ban Kiểm tra Tỉnh ủy', withdraw: [WITHDRAWN] });
  await h.act(await h.linkFor(config.approverEmail, /Đề nghị phê duyệt.*\(lần 2\)/), { decision: 'approve', decisionNumber: '2210/QĐ-UBND', decisionDate: '2026-12-11' });
  return { h, config, cycleId };
}
