/** Acting as the units of a test cycle would: each opens its newest email of a kind and fills the form. */
import { criteriaOf, defaultCriteriaSheet, type CycleConfig } from '../../functions/domain/index.js';
import type { CycleHarness } from '../support/cycle-harness.js';

/** What the drivers need of a harness. */
type Player = Pick<CycleHarness, 'act' | 'linkFor' | 'mailTo'>;
import { submissionFor } from '../domain/fixtures.js';
import { OPENS, SUBJECT } from './fixtures.js';

export const confirmAll = () => ({ items: Object.fromEntries(criteriaOf(defaultCriteriaSheet).map((c) => [c.code, { verdict: 'confirm' }])) as Record<string, unknown> });

/** Every unit in `totals` submits a self-assessment reaching its total. */
export async function selfAssess(h: Player, config: CycleConfig, totals: Record<string, number>): Promise<void> {
  for (const unit of config.bloc.units) {
    if (totals[unit.id] === undefined) continue;
    await h.act(await h.linkFor(unit.email, SUBJECT.selfAssessment), { scores: submissionFor(totals[unit.id]!) });
  }
}

/** Every checker that got an assignment confirms every criterion, except the units in `skip`. */
export async function crossCheck(h: Player, config: CycleConfig, skip: string[] = []): Promise<void> {
  for (const unit of config.bloc.units) {
    if (skip.includes(unit.id)) continue;
    const assigned = (await h.mailTo(unit.email)).some((m) => SUBJECT.crossCheck.test(m.subject));
    if (assigned) await h.act(await h.linkFor(unit.email, SUBJECT.crossCheck), confirmAll());
  }
}

/** Each unit listed casts the ballot `ballotOf(unitId, index)` returns. */
export async function vote(h: Player, config: CycleConfig, ballotOf: (unitId: string, index: number) => object | undefined): Promise<void> {
  for (const [i, unit] of config.bloc.units.entries()) {
    const ballot = ballotOf(unit.id, i);
    if (ballot) await h.act(await h.linkFor(unit.email, SUBJECT.ballot), ballot);
  }
}

/** Scores of the Party bloc's nine units, each 5 points apart (no ties). */
export const SPREAD_TOTALS = { 'vp-tinh-uy': 995, 'ban-to-chuc': 990, 'ban-tuyen-giao': 985, 'ban-dan-van': 980, ubkt: 975, 'ban-noi-chinh': 970, 'bao-tinh': 965, 'truong-chinh-tri': 960, 'dang-uy-khoi': 955 };

/** A ballot where every unit approves the first unit's flag and four certificates, and elects the next two units. */
export const approveAll = () => ({ flag: { 'vp-tinh-uy': true }, certificate: { 'ban-to-chuc': true, 'ban-tuyen-giao': true, 'ban-dan-van': true, ubkt: true }, leaderUnitId: 'ban-to-chuc', deputyUnitId: 'ban-tuyen-giao' });

/**
 * Starts a cycle and plays it through the vote: each unit scores `totals`, every check confirms, every unit
 * casts `ballot` (`approveAll`, fit for the nine-unit bloc, by default). `opens`: the phases' openings, for a
 * cycle of another year than 2026.
 */
export async function playThroughVote(h: CycleHarness, config: CycleConfig, totals: Record<string, number> = SPREAD_TOTALS, opens: typeof OPENS = OPENS, ballot: () => object = approveAll): Promise<{ cycleId: string }> {
  const { cycleId } = await h.startCycle(config);
  await h.advanceTo(opens.selfAssessment);
  await selfAssess(h, config, totals);
  await h.advanceTo(opens.crossCheck);
  await crossCheck(h, config);
  await h.advanceTo(opens.vote);
  await vote(h, config, ballot);
  return { cycleId };
}
