/**
 * Opening a phase: the "Open…" task step of every "Open… / Await… / Close…" group of the state machine.
 * Idempotent, since Step Functions may run a task twice. Apart from the waiting steps (phases.ts) because
 * it sends the invitations, whose approval request carries the documents: only open-phase bundles them.
 */
import { appendAuditEvent } from '../audit/trail.js';
import { APPROVER, assignCrossChecks, conferenceHeld, conferenceKindOf, currentLeader, ballotQuestions, followUpInstants, plannedSitting, type ConferencePhase, type CycleConfig, type PhaseName, type TaskPhase, type VoteRound } from '../domain/index.js';
import { openApprovalRoundOp } from '../store/approvals.js';
import { AlreadyExistsError } from '../store/errors.js';
import type { Cycle } from '../store/cycles.js';
import { getForm } from '../store/forms.js';
import { execute } from '../store/items.js';
import { loadCycleConfig, loadPlan, loadWindow, openWindowOp, type PhaseWindowRecord } from './context.js';
import type { CycleDeps } from '../shared/deps.js';
import { CycleStateError } from './errors.js';
import { ignoring } from '../shared/ignoring.js';
import { inviteAll } from './invite.js';
import { inviteToConference } from './meeting-mail.js';
import type { StepInput } from './phases.js';
import { RESULT_NAMES, requireResult, type ScoresResult } from './results.js';
import { deadlineWakeUpOps } from './wake-ups.js';

/** What the state machine needs to wait on a phase. */
export interface OpenedPhase {
  unitIds: string[];
  round: number;
  deadlineAt: string;
  capAt: string;
}

/** The timeline phase a step's dates come from; follow-up steps get dates of their own. */
const timelinePhase = (phase: TaskPhase, round: number): PhaseName | undefined =>
  round === 1 && (phase === 'pledge' || phase === 'midYear' || phase === 'selfAssessment' || phase === 'crossCheck' || phase === 'vote' || phase === 'approval')
    ? phase
    : undefined;

/**
 * Opens a phase: fixes its window (dates and who must act), then sends each actor a link. A retried open
 * finds the stored window and re-sends only what was not sent.
 */
export async function openPhase(deps: CycleDeps, input: StepInput): Promise<OpenedPhase> {
  const { store } = deps;
  const cycle = await loadCycleConfig(store, input.cycleId);
  const window = (await loadWindow(store, input.cycleId, input.phase, input.round)) ?? (await createWindow(deps, cycle, input));
  if (input.phase === 'approval') await ignoring(AlreadyExistsError, execute(store, openApprovalRoundOp(store, input.cycleId, input.round, input.at)));
  await inviteAll(deps, cycle, window, window.actors, input.at);
  if (window.meeting && window.round === 1) await inviteToConference(deps, cycle, window, input.at);
  return { unitIds: window.actors, round: window.round, deadlineAt: window.deadlineAt, capAt: window.capAt };
}

/**
 * Fixes a window and records the opening, together with the sweep's wake-ups for its reminders and its
 * deadline; a concurrent open that got there first wins.
 */
async function createWindow(deps: CycleDeps, cycle: Cycle<CycleConfig>, input: StepInput): Promise<PhaseWindowRecord> {
  const plan = await loadPlan(deps.store, input.cycleId);
  const window = await computeWindow(deps, cycle.config, plan, input);
  const audit = {
    chainId: input.cycleId,
    actor: 'workflow',
    action: `${input.phase}.opened`,
    target: `phase:${input.phase}:${input.round}`,
    at: input.at,
    after: { deadlineAt: window.deadlineAt, actors: window.actors },
  };
  const ops = [openWindowOp(deps.store, input.cycleId, window, input.at), ...deadlineWakeUpOps(deps.store, cycle, window.deadlineAt, input.at)];
  const stored = await ignoring(AlreadyExistsError, appendAuditEvent(deps.store, audit, ops));
  return stored ? window : (await loadWindow(deps.store, input.cycleId, input.phase, input.round))!;
}

async function computeWindow(
  deps: CycleDeps,
  config: CycleConfig,
  plan: Awaited<ReturnType<typeof loadPlan>>,
  input: StepInput,
): Promise<PhaseWindowRecord> {
  const fromTimeline = timelinePhase(input.phase, input.round);
  const dates = fromTimeline
    ? plan.phases[fromTimeline]
    : { opensAt: input.at.toISOString(), ...followUpInstants(input.at.getTime(), config.rules, plan.lastCapAt) };
  if (!dates) throw new CycleStateError(`the timeline has no ${input.phase} phase`, 'phase');
  const unitIds = [...config.bloc.units].sort((a, b) => a.rotationOrder - b.rotationOrder).map((u) => u.id);
  const base = { phase: input.phase, round: input.round, ...dates, assignments: [] };
  switch (input.phase) {
    case 'crossCheck': {
      // Everyone is assigned, so the assignment is the same whoever submitted; only checkers of a submitted form act.
      const assignments = assignCrossChecks(unitIds, input.cycleId);
      const submitted = await Promise.all(
        assignments.map(async (a) => (await getForm(deps.store, { cycleId: input.cycleId, phase: 'selfAssessment', round: 1, unitId: a.checkedUnitId }))?.submitted !== undefined),
      );
      return { ...base, assignments, actors: assignments.filter((_, i) => submitted[i]).map((a) => a.checkerUnitId) };
    }
    case 'vote': {
      const scores = await requireResult<ScoresResult>(deps.store, input.cycleId, RESULT_NAMES.scores);
      const previous = input.round > 1 ? await requireResult<VoteRound>(deps.store, input.cycleId, RESULT_NAMES.vote(input.round - 1)) : undefined;
      const q = ballotQuestions(unitIds, scores.nominations, previous);
      const ballot = { flagCandidates: [...q.flagCandidates], certificateNominees: [...q.certificateNominees], electLeaders: q.electLeaders };
      // At the conference the secretary (the leader unit's officer) records the sitting, every round the room held included.
      if (conferenceHeld(config, 'vote')) {
        const conference = conferenceWindow(config, 'vote', base);
        const places = Object.fromEntries(scores.rows.map((r) => [r.unitId, r.place]));
        return { ...base, ...conference, ballot, meeting: { ...conference.meeting, places, nominations: scores.nominations } };
      }
      return { ...base, actors: unitIds, ballot };
    }
    case 'pledge':
    case 'midYear':
      // A bloc that meets signs the pledge, or reviews the half-year, at its conference: the secretary records it for everyone.
      return input.round === 1 && conferenceHeld(config, input.phase) ? { ...base, ...conferenceWindow(config, input.phase, base) } : { ...base, actors: unitIds };
    case 'leaderDecision': {
      const last = await requireResult<VoteRound>(deps.store, input.cycleId, RESULT_NAMES.vote(input.round));
      const candidates = last.outcome.kind === 'decided' ? [] : last.outcome.candidates;
      return { ...base, actors: [currentLeader(config.bloc)], candidates };
    }
    case 'revision':
      return { ...base, actors: [currentLeader(config.bloc)] };
    case 'approval':
      return { ...base, actors: [APPROVER] };
    default:
      return { ...base, actors: unitIds };
  }
}

/** A conference's window: the secretary (the leader unit's officer) its one actor, the sitting as the calendar plans it. */
function conferenceWindow(config: CycleConfig, phase: ConferencePhase, dates: { deadlineAt: string }) {
  const planned = plannedSitting(config.bloc, dates, config.timeline[phase]?.conference);
  return { actors: [currentLeader(config.bloc)], meeting: { kind: conferenceKindOf(phase), planned, places: {} } };
}
