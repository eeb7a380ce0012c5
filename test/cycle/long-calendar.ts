/** A real bloc's calendar of 16 months (SPEC §1), played from the emails on the virtual clock. */
import type { CycleConfig } from '../../functions/domain/index.js';
import type { CycleHarness } from '../support/cycle-harness.js';
import { crossCheck, selfAssess, vote } from './drive.js';
import { SUBJECT, cycleConfig } from './fixtures.js';

/** Pledge at the January conference of 2026, the decision by the end of April 2027. */
export const CALENDAR_16_MONTHS = {
  year: 2026,
  pledge: { opensOn: '2026-01-10', deadlineOn: '2026-01-20' },
  midYear: { opensOn: '2026-06-15', deadlineOn: '2026-07-15' },
  selfAssessment: { opensOn: '2026-12-01', deadlineOn: '2026-12-15' },
  crossCheck: { opensOn: '2026-12-16', deadlineOn: '2026-12-31' },
  vote: { opensOn: '2027-01-05', deadlineOn: '2027-01-10' },
  approval: { opensOn: '2027-01-11', deadlineOn: '2027-04-30' },
};

/** When the admin starts it: ten days before the pledge; a year later is 2027-01-01, mid cross-check. */
export const STARTED_AT = '2025-12-31T17:00:00Z';
/** The self-assessment closes at its deadline (the sweep after it): the workflow hands over right then. */
export const SELF_ASSESSMENT_CLOSES_AT = '2026-12-15T17:05:00Z';

export const TOTALS: Record<string, number> = {
  'vp-tinh-uy': 995, 'ban-to-chuc': 990, 'ban-tuyen-giao': 985, 'ban-dan-van': 980, ubkt: 975,
  'ban-noi-chinh': 970, 'bao-tinh': 965, 'truong-chinh-tri': 960, 'dang-uy-khoi': 955,
};

export const longConfig = (): CycleConfig => cycleConfig({ timeline: CALENDAR_16_MONTHS });

type Player = Pick<CycleHarness, 'advanceTo' | 'act' | 'linkFor' | 'mailTo' | 'sweep'>;

/** From the start to the self-assessments: pledges, the mid-year review, each unit in `totals` scoring itself. */
export async function playUntilSelfAssessment(h: Player, config: CycleConfig, totals: Record<string, number>): Promise<void> {
  await h.advanceTo('2026-01-09T17:00:00Z');
  for (const u of config.bloc.units) {
    await h.act(await h.linkFor(u.email, /mở giai đoạn ký giao ước/), { accepted: true, signerName: 'Nguyễn Văn A', signerTitle: 'Chánh Văn phòng' });
  }
  await h.advanceTo('2026-06-14T17:00:00Z');
  await h.advanceTo('2026-07-15T17:05:00Z');
  await h.sweep();
  await h.advanceTo('2026-11-30T17:00:00Z');
  await selfAssess(h, config, totals);
}

/** From the start to the self-assessment's close, where the cycle hands over to a new execution. */
export async function playFirstYear(h: Player, config: CycleConfig): Promise<void> {
  await playUntilSelfAssessment(h, config, TOTALS);
  await h.advanceTo(SELF_ASSESSMENT_CLOSES_AT);
  await h.sweep();
}

/** From the cross-check to the decision, in the execution that continues the cycle. */
export async function playSecondYear(h: Player, config: CycleConfig): Promise<void> {
  await h.advanceTo('2026-12-15T17:10:00Z');
  await crossCheck(h, config);
  await h.advanceTo('2027-01-04T17:00:00Z');
  const certificate = Object.fromEntries(['ban-to-chuc', 'ban-tuyen-giao', 'ban-dan-van', 'ubkt'].map((id) => [id, true]));
  await vote(h, config, () => ({ flag: { 'vp-tinh-uy': true }, certificate, leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao' }));
  await h.advanceTo('2027-01-10T17:00:00Z');
  // The province decides in April 2027, 15 months after the pledge.
  await h.advanceTo('2027-04-14T03:00:00Z');
  await h.act(await h.linkFor(config.approverEmail, SUBJECT.approval), { decision: 'approve', decisionNumber: '512/QĐ-UBND', decisionDate: '2027-04-14' });
}
