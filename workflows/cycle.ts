/**
 * The yearly cycle of one emulation bloc (SPEC §3) as a state machine: the description
 * `npm run build:asl` writes to workflows/cycle.asl.json, the one definition AWS (infra/) and the local
 * runtime load. Change the cycle here, run `npm run build:asl`, commit both; a test fails while the JSON
 * is stale. docs/workflow.md explains the shape.
 */
import { input, invoke, jsonata, now, result, type StateMachine, type States } from './asl.js';
import { awaitOneParty, openPhase, stateNames, step, unitPhase, unitPhaseStart, waitForOpening, type Phase, type PhaseSpec, type UnitPhaseSpec } from './blocks.js';

/** The phases whose form every unit that must act fills in, in the cycle's order; scoring follows them. */
const FORM_PHASES: UnitPhaseSpec[] = [
  { phase: 'pledge', title: 'pledge (ký giao ước thi đua)', optional: true },
  { phase: 'midYear', title: 'mid-year review (sơ kết 6 tháng)', optional: true },
  { phase: 'selfAssessment', title: 'self-assessment (tự chấm điểm)' },
  { phase: 'crossCheck', title: 'cross-check (kiểm tra chéo)', detail: ': each checker gets the unit assigned to it' },
];

const VOTE: UnitPhaseSpec = {
  phase: 'vote',
  title: 'ballots (bình xét, suy tôn)',
  detail: '; a runoff round asks only the undecided flag',
  roundVariable: 'voteRound',
};

const APPROVAL: PhaseSpec = { phase: 'approval', opens: 'Sends the dossier to the provincial approver (phê duyệt).', roundVariable: 'approvalRound' };

/** Where an execution that continues the cycle starts, by the phase it resumes at. */
const RESUMABLE: [Phase, string][] = [
  ...FORM_PHASES.map((spec): [Phase, string] => [spec.phase, unitPhaseStart(spec)]),
  ['vote', stateNames('vote').checkReach],
  ['approval', stateNames('approval').checkReach],
];

/** Plan, the form phases one after another, scoring, then `next`. */
function formPhases(next: string): States {
  const starts = [...FORM_PHASES.map(unitPhaseStart), 'ScoreBloc'];
  return {
    Plan: {
      ...invoke(
        'BeginCycleFunction',
        { cycleId: input('cycleId'), executionArn: jsonata('$states.context.Execution.Id'), at: now },
        {
          comment: 'Marks the cycle running and returns its pinned timeline as instants (the stored one, in an execution that continues the cycle).',
          assign: {
            cycleId: input('cycleId'),
            plan: result,
            generation: jsonata('$exists($states.input.generation) ? $states.input.generation : 0'),
            resumeAt: jsonata("$exists($states.input.resumeAt) ? $states.input.resumeAt : ''"),
          },
        },
      ),
      Next: 'Resume',
    },
    Resume: {
      Type: 'Choice',
      Comment: 'An execution that continues the cycle (HandOverAt…) starts at the phase the one before it had reached.',
      Choices: RESUMABLE.map(([phase, start]) => ({ Condition: jsonata(`$resumeAt = '${phase}'`), Next: start })),
      Default: starts[0]!,
    },
    ...Object.fromEntries(FORM_PHASES.flatMap((spec, i) => Object.entries(unitPhase(spec, starts[i + 1]!)))),
    ScoreBloc: {
      ...invoke('ScoreBlocFunction', step({}), { comment: 'Bloc scoring: totals, ranking, classification and nominations, stored as the provisional results.' }),
      Next: next,
    },
  };
}

/** Ballot rounds until every flag is decided, or the leaders decide it; then `next`. */
function vote(next: string): States {
  const leaderDecision = stateNames('leaderDecision');
  return {
    ...unitPhase(VOTE, 'TallyVotes'),
    TallyVotes: {
      ...invoke('TallyVotesFunction', step({ round: jsonata('$voteRound') }), {
        comment: 'Counts the ballots of the round, or the rounds a conference recorded (its last round is then the current one).',
        assign: { tally: result, voteRound: jsonata('$states.result.Payload.round') },
      }),
      Next: 'VoteOutcome',
    },
    VoteOutcome: {
      Type: 'Choice',
      Choices: [
        { Condition: jsonata("$tally.outcome = 'runoff'"), Next: 'StartRunoff' },
        { Condition: jsonata("$tally.outcome = 'leaderDecision'"), Next: leaderDecision.open },
      ],
      Default: next,
    },
    StartRunoff: {
      Type: 'Pass',
      Comment: 'An undecided flag is voted again between the tied or top candidates.',
      Assign: { voteRound: jsonata('$voteRound + 1') },
      Next: stateNames('vote').open,
    },
    ...openPhase({
      phase: 'leaderDecision',
      opens: 'After the last ballot round the bloc leader and deputy decide the flag (a task for the leader unit).',
      roundVariable: 'voteRound',
    }),
    ...awaitOneParty('leaderDecision', { answered: 'ApplyLeaderDecision', missed: 'ApplyLeaderDecision' }),
    ApplyLeaderDecision: { ...invoke('TallyVotesFunction', step({ round: jsonata('$voteRound'), leaderDecision: true })), Next: next },
  };
}

/** The provincial approval, and each return for revision up to the plan's `approvalRounds`; then `next`. */
function approval(next: string): States {
  return {
    ...waitForOpening(APPROVAL),
    ...openPhase(APPROVAL),
    ...awaitOneParty('approval', {
      comment: 'No answer by the deadline: the scheduler alerts the admin and reminds the approver; the wait goes on until the safety cap.',
      assign: { decision: jsonata('$states.result') },
      output: jsonata('$states.result'),
      answered: 'ApprovalOutcome',
      missed: next,
    }),
    ApprovalOutcome: {
      Type: 'Choice',
      Choices: [{ Condition: jsonata("$decision.decision = 'return' and $approvalRound < $plan.approvalRounds"), Next: stateNames('revision').open }],
      Default: next,
    },
    ...openPhase({ phase: 'revision', opens: 'A returned dossier goes back to the bloc leader to revise and resubmit.', roundVariable: 'approvalRound' }),
    ...awaitOneParty('revision', { answered: 'NextApprovalRound', missed: 'NextApprovalRound' }),
    NextApprovalRound: { Type: 'Pass', Assign: { approvalRound: jsonata('$approvalRound + 1') }, Next: stateNames('approval').open },
  };
}

/** The cycle from plan to publish, as one branch. */
const main: StateMachine = {
  StartAt: 'Plan',
  States: {
    ...formPhases(stateNames('vote').checkReach),
    ...vote(stateNames('approval').checkReach),
    ...approval('Publish'),
    Publish: {
      ...invoke('PublishFunction', step({}), { comment: 'Stores the results as final, emails every unit and the admin, records next year\'s leader and deputy.' }),
      End: true,
    },
  },
};

/** The whole definition: the cycle inside one Parallel, so that a single Catch records any failure. */
export const cycle = {
  Comment:
    'Thi đua: one emulation bloc\'s yearly cycle (SPEC §3): pledge, mid-year review, self-assessment, cross-check, scoring, vote, provincial approval, publish.',
  QueryLanguage: 'JSONata',
  StartAt: 'Cycle',
  States: {
    Cycle: {
      Type: 'Parallel',
      Comment: 'One branch, so that a single Catch records any failure and alerts the admin.',
      Branches: [main],
      Output: jsonata('$states.result[0]'),
      Next: 'CycleClosed',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'RecordFailure', Output: jsonata("{'cycleId': $states.input.cycleId, 'error': $states.errorOutput}") }],
    },
    RecordFailure: {
      ...invoke('RecordFailureFunction', { cycleId: input('cycleId'), error: input('error'), at: now }),
      Next: 'CycleFailed',
    },
    CycleFailed: { Type: 'Fail', Error: 'Thidua.CycleFailed', Cause: jsonata('$string($states.input)') },
    CycleClosed: { Type: 'Succeed' },
  },
} satisfies StateMachine & { Comment: string; QueryLanguage: 'JSONata' };

/** Where `npm run build:asl` writes the definition, and CDK and the local stack read it. */
export const CYCLE_ASL_FILE = new URL('./cycle.asl.json', import.meta.url);
