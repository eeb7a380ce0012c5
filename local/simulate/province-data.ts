/**
 * The province drill's data without playing it: the drill's blocs (40 × 25 by default, the same blocs,
 * units and seeded answers as `npm run demo --blocs 40 --units 25`) with their cycles written straight
 * through the store's repositories, scored, voted and decided by the domain's own functions. Earlier years
 * are published and approved; this year most blocs are approved, some wait on the approver (one after a
 * return) and some are still in a phase with units that have not acted. Playing 1,000 units through the
 * HTTP API takes minutes (BENCHMARKS.md); tests and the province page's benchmark need the data in seconds.
 */
import { storeSheet, saveBlocSettings, StoredBlocSchema } from '../../functions/admin/settings.js';
import {
  TimelineSchema,
  ballotQuestions,
  defaultBlocRules,
  defaultCriteriaSheet,
  finalOutcome,
  yearResultsOf,
  nominate,
  pinConfig,
  proposalFrom,
  scoreBloc,
  sheetVersion,
  tallyRound,
  windowName,
  type Ballot,
  type BlocRules,
  type CycleConfig,
  type ScoreEntry,
} from '../../functions/domain/index.js';
import { sweepInstants } from '../../functions/cycle/wake-ups.js';
import { inPool } from '../../functions/shared/in-pool.js';
import type { Store } from '../../functions/store/client.js';
import { decideApprovalRoundOp, openApprovalRoundOp } from '../../functions/store/approvals.js';
import { createCycle, updateCycleOp } from '../../functions/store/cycles.js';
import { submitForm } from '../../functions/store/forms.js';
import { execute, transact } from '../../functions/store/items.js';
import { recordYearResults } from '../../functions/store/history.js';
import { saveResult, saveResultOp } from '../../functions/store/results.js';
import { wakeUpOps } from '../../functions/store/sweep-schedule.js';
import { closeUnitTaskOp, markSubmitted, openUnitTask, openUnitTaskOp } from '../../functions/store/tasks.js';
import { randomFor, selfScores } from './answers.js';
import { drillBloc } from './drill-blocs.js';

export interface ProvinceDataOptions {
  blocs: number;
  units: number;
  seed: number;
  /** The current year; `pastYears` published years come before it. */
  year: number;
  pastYears?: number;
  now: Date;
  /** Rules of a bloc that differ from the defaults (tests: a bloc whose board may act for the approver). */
  rulesOf?: (blocId: string) => Partial<BlocRules>;
}

/** Where this year's blocs stand, counted from the last bloc: the rest are approved. */
export const DRILL_STAGES = ['selfAssessment', 'crossCheck', 'vote', 'returnedOnce', 'approval', 'approval'] as const;
type Stage = (typeof DRILL_STAGES)[number] | 'approved';

const DAY_MS = 86_400_000;

/** Writes the blocs and their cycles; returns this year's cycle ids. Run it on an empty table. */
export async function seedProvince(store: Store, options: ProvinceDataOptions): Promise<string[]> {
  const { now } = options;
  const blocs = Array.from({ length: options.blocs }, (_, i) => drillBloc(options, i + 1));
  const ref = { sheetId: 'mac-dinh', sheetVersion: sheetVersion(defaultCriteriaSheet) };
  await inPool(blocs, 8, async (bloc) => {
    await storeSheet(store, bloc.id, ref.sheetId, defaultCriteriaSheet, now);
    await saveBlocSettings(store, StoredBlocSchema.parse({ ...bloc, rules: defaultBlocRules, sheet: ref }), 0, { actor: 'system:demo', at: now });
  });
  const work = blocs.flatMap((bloc, i) => {
    const years = Array.from({ length: options.pastYears ?? 3 }, (_, k) => options.year - 1 - k);
    const stage: Stage = DRILL_STAGES[options.blocs - 1 - i] ?? 'approved';
    return [...years.map((year) => ({ bloc, year, stage: 'approved' as Stage })), { bloc, year: options.year, stage }];
  });
  const cycles: string[] = [];
  await inPool(work, 8, async ({ bloc, year, stage }) => {
    const cycleId = await seedCycle(store, bloc, year, stage, options);
    if (year === options.year) cycles.push(cycleId);
  });
  return cycles.sort();
}

type DrillBloc = ReturnType<typeof drillBloc>;

/** A unit's self-assessment of a year: each bloc has a few strong units, which lead year after year. */
function submissionOf(options: ProvinceDataOptions, bloc: DrillBloc, unitIndex: number, year: number): Record<string, ScoreEntry> {
  const random = randomFor(options.seed, `${bloc.id}/dv-${unitIndex + 1}/${year}`);
  const strong = unitIndex % 9 === bloc.units.length % 3;
  return selfScores(strong ? () => random() * 0.3 : random) as Record<string, ScoreEntry>;
}

async function seedCycle(store: Store, bloc: DrillBloc, year: number, stage: Stage, options: ProvinceDataOptions): Promise<string> {
  const cycleId = `${bloc.id}-${year}`;
  const config = pinConfig({
    bloc: { ...bloc, guests: [], units: bloc.units.map((u) => ({ ...u, eligibility: { eligible: true } })) } as CycleConfig['bloc'],
    sheet: defaultCriteriaSheet,
    rules: { ...defaultBlocRules, ...options.rulesOf?.(bloc.id) },
    timeline: TimelineSchema.parse({ year, selfAssessment: { opensOn: `${year}-11-16`, deadlineOn: `${year}-11-30` }, crossCheck: { opensOn: `${year}-12-01`, deadlineOn: `${year}-12-07` }, vote: { opensOn: `${year}-12-08`, deadlineOn: `${year}-12-15` }, approval: { opensOn: `${year}-12-16`, deadlineOn: `${year + 1}-01-15` } }),
    approverEmail: bloc.approverEmail,
    adminEmails: ['admin@thidua.local'],
  });
  // Earlier years happened a year (or more) ago; this year's records happened over the last weeks.
  const at = (daysAgo: number) => new Date(options.now.getTime() - (options.year - year) * 365 * DAY_MS - daysAgo * DAY_MS);
  await createCycle(store, { cycleId, blocId: bloc.id, year, phase: 'begun', config, now: at(30) });
  const memberIds = bloc.units.map((u) => u.id);
  const reminders = config.rules.reminderDaysBefore;
  if (stage === 'selfAssessment') return openPhase(store, cycleId, 'selfAssessment', memberIds, options.now, reminders, (i) => i % 5 !== 3);
  const submissions = Object.fromEntries(bloc.units.map((u, i) => [u.id, submissionOf(options, bloc, i, year)]));
  const rows = scoreBloc({ bloc: config.bloc, sheet: config.sheet, rules: config.rules, submissions, crossChecks: {} });
  const nominations = nominate(rows, config.rules);
  await saveResult(store, cycleId, 'scores', { data: { rows, nominations, crossChecks: {}, computedAt: at(20).toISOString() }, expectedVersion: 0, now: at(20) });
  if (stage === 'crossCheck') return openPhase(store, cycleId, 'crossCheck', memberIds, options.now, reminders, (i) => i % 3 !== 0);
  if (stage === 'vote') return openPhase(store, cycleId, 'vote', memberIds, options.now, reminders, (i) => i % 4 !== 0);
  const questions = ballotQuestions(memberIds, nominations);
  const random = randomFor(options.seed, `${cycleId}/ballots`);
  const ballots = memberIds.map((unitId) => ({
    unitId,
    ballot: {
      flag: Object.fromEntries(questions.flagCandidates.map((id) => [id, random() < 0.95])),
      certificate: Object.fromEntries(questions.certificateNominees.map((id) => [id, random() < 0.92])),
      leaderUnitId: memberIds[1],
      deputyUnitId: memberIds[2],
    } satisfies Ballot,
  }));
  const round = tallyRound({ round: 1, questions, ballots, rules: config.rules, seats: nominations.flag.seats, winnersSoFar: [] });
  const leaderDecision = round.outcome.kind === 'decided' ? undefined : { flagUnitId: round.outcome.candidates[0] ?? null, reason: 'Trưởng khối và Phó Trưởng khối thống nhất tại cuộc họp khối' };
  const proposal = proposalFrom({ bloc: config.bloc, rows, nominations, rounds: [round], firstRoundBallots: ballots.map((b) => b.ballot), leaderDecision });
  const voteWindow = { phase: 'vote', round: 1, opensAt: at(15).toISOString(), deadlineAt: at(10).toISOString(), capAt: at(5).toISOString(), actors: memberIds, assignments: [], closedAt: at(12).toISOString() };
  const approval = (round: number, daysAgo: number) => ({ phase: 'approval', round, opensAt: at(daysAgo).toISOString(), deadlineAt: new Date(options.now.getTime() + 10 * DAY_MS).toISOString(), capAt: new Date(options.now.getTime() + 20 * DAY_MS).toISOString(), actors: ['approver'], assignments: [] });
  const result = (name: string, data: unknown, when: Date) => saveResultOp(store, cycleId, name, { data, expectedVersion: 0, now: when });
  // Two transactions instead of nine writes: the seed of 160 cycles is mostly round trips.
  await transact(store, [
    result('vote.1', round, at(12)),
    result(windowName('vote', 1), voteWindow, at(15)),
    result('proposal', proposal, at(12)),
    result(windowName('approval', 1), approval(1, 10), at(10)),
    openApprovalRoundOp(store, cycleId, 1, at(10)),
  ]);
  // This year's cycles also hold what their ended phases left, as a cycle run through the workflow does
  // (the dashboard and the province page read the tasks): earlier years' are left out, to seed quickly.
  if (year === options.year) await endedPhases(store, cycleId, memberIds, stage, at, approval(1, 10).deadlineAt);
  if (stage === 'approval') return cycleId;
  if (stage === 'returnedOnce') {
    await execute(store, decideApprovalRoundOp(store, cycleId, 1, 1, { status: 'returned', reason: 'Đề nghị bổ sung báo cáo thành tích của đơn vị đề nghị tặng Cờ thi đua', now: at(8), decidedBy: 'approver' }));
    await submitForm(store, { cycleId, phase: 'revision', round: 1, unitId: config.bloc.leaderUnitId! }, { data: { response: 'Đã bổ sung báo cáo thành tích có xác nhận của thủ trưởng đơn vị', withdraw: [] }, expectedVersion: 0, now: at(5) });
    await transact(store, [openApprovalRoundOp(store, cycleId, 2, at(4)), result(windowName('approval', 2), approval(2, 4), at(4))]);
    return cycleId;
  }
  const decisionNumber = `${100 + Math.floor(random() * 800)}/QĐ-UBND`;
  const final = finalOutcome({ proposal, withdrawn: [], lastRoundStatus: 'approved', decisions: [{ decision: 'approve', decisionNumber }], at: at(5) });
  await transact(store, [
    decideApprovalRoundOp(store, cycleId, 1, 1, { status: 'approved', decisionNumber, now: at(6), decidedBy: 'approver' }),
    result('final', final, at(5)),
    updateCycleOp(store, cycleId, 1, { phase: 'published', status: 'closed' }, at(5)),
  ]);
  // Each unit's result of the year, as publishing keeps it (cycle/publish.ts).
  await recordYearResults(store, yearResultsOf({ blocId: bloc.id, year, cycleId, rows, proposal, final }), at(5));
  return cycleId;
}

/**
 * The windows of the self-assessment and the cross-check, closed, and every task of the decided phases as
 * the workflow leaves them: each unit's self-assessment, cross-check and online ballot done, the approver's
 * first request decided (or still open where the cycle waits on it), a second one open after a return.
 */
async function endedPhases(store: Store, cycleId: string, units: string[], stage: Stage, at: (daysAgo: number) => Date, approvalDeadline: string): Promise<void> {
  const windowOf = (phase: string, opens: number, closes: number) => ({ phase, round: 1, opensAt: at(opens).toISOString(), deadlineAt: at(closes).toISOString(), capAt: at(closes - 2).toISOString(), actors: units, assignments: [], closedAt: at(closes).toISOString() });
  await transact(store, [
    saveResultOp(store, cycleId, windowName('selfAssessment', 1), { data: windowOf('selfAssessment', 30, 22), expectedVersion: 0, now: at(30) }),
    saveResultOp(store, cycleId, windowName('crossCheck', 1), { data: windowOf('crossCheck', 21, 16), expectedVersion: 0, now: at(21) }),
  ]);
  const decided = [
    ...(['selfAssessment', 'crossCheck', 'vote'] as const).flatMap((phase) => units.map((unitId) => ({ phase, round: 1, unitId }))),
    ...(stage === 'approval' ? [] : [{ phase: 'approval', round: 1, unitId: 'approver' }]),
  ];
  const waiting = stage === 'approval' ? [{ phase: 'approval', round: 1, unitId: 'approver' }] : stage === 'returnedOnce' ? [{ phase: 'approval', round: 2, unitId: 'approver' }] : [];
  const opened = (ref: { phase: string; round: number; unitId: string }) =>
    openUnitTaskOp(store, { cycleId, ...ref, taskToken: `seeded-${cycleId}-${ref.phase}-${ref.round}-${ref.unitId}`, deadline: ref.phase === 'approval' ? approvalDeadline : at(16).toISOString(), now: at(20) });
  // A transaction holds at most 100 writes: 25 units' three phases and the approver's request take one.
  for (const ops of chunks([...decided, ...waiting].map(opened), 100)) await transact(store, ops);
  for (const ops of chunks(decided.map((ref) => closeUnitTaskOp(store, { cycleId, ...ref }, 1, { status: 'done', now: at(12) })), 100)) await transact(store, ops);
}

const chunks = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Opens a phase for every unit, deadline in three days, with the units `acted` says submitted already; the
 * sweep's wake-ups for its reminders and deadline with it, as a phase opening writes them.
 */
async function openPhase(
  store: Store,
  cycleId: string,
  phase: 'selfAssessment' | 'crossCheck' | 'vote',
  units: string[],
  now: Date,
  reminderDaysBefore: readonly number[],
  acted: (i: number) => boolean,
): Promise<string> {
  const deadlineAt = new Date(now.getTime() + 3 * DAY_MS).toISOString();
  const window = { phase, round: 1, opensAt: new Date(now.getTime() - 5 * DAY_MS).toISOString(), deadlineAt, capAt: new Date(now.getTime() + 10 * DAY_MS).toISOString(), actors: units, assignments: [] };
  await saveResult(store, cycleId, windowName(phase, 1), { data: window, expectedVersion: 0, now });
  await transact(store, wakeUpOps(store, cycleId, sweepInstants(deadlineAt, reminderDaysBefore, now), now));
  await inPool(units, 4, async (unitId, i) => {
    const task = await openUnitTask(store, { cycleId, phase, round: 1, unitId, taskToken: `seeded-${cycleId}-${unitId}`, deadline: deadlineAt, now });
    if (!acted(i)) return;
    const ref = { cycleId, phase, round: 1, unitId };
    await submitForm(store, ref, { data: {}, expectedVersion: 0, now });
    // As a submission leaves it: a unit's form waits for the deadline (the default rules), its task says it
    // submitted; a ballot cast online closes its task.
    if (phase === 'vote') await execute(store, closeUnitTaskOp(store, ref, task.version, { status: 'done', now }));
    else await markSubmitted(store, ref, now.toISOString());
  });
  return cycleId;
}
