/**
 * The blocks every phase of the cycle is made of, named after the phase: wait for its opening, open it
 * (window, links, emails), wait for the units or the one party that must act, record who missed the
 * deadline, close it. The functions receive the phase's name as `phase`, so the names here are theirs.
 */
import { input, invoke, jsonata, now, result, waitForToken, type Catcher, type Fields, type Jsonata, type MapState, type States, type TaskState } from './asl.js';

/** A phase as the functions name it (`functions/domain/cycle-plan.ts`, TASK_PHASES). */
export type Phase = 'pledge' | 'midYear' | 'selfAssessment' | 'crossCheck' | 'vote' | 'leaderDecision' | 'approval' | 'revision';

/** "selfAssessment" → "SelfAssessment", the middle of its states' names. */
const pascal = (phase: Phase) => `${phase[0]!.toUpperCase()}${phase.slice(1)}`;

/** The names of a phase's states, so that a block and what jumps into it agree. */
export const stateNames = (phase: Phase) => {
  const name = pascal(phase);
  return {
    planned: `${name}Planned`,
    checkReach: `Check${name}Reach`,
    waitToHandOver: `WaitToHandOverAt${name}`,
    handOver: `HandOverAt${name}`,
    waitForOpening: `WaitFor${name}Opening`,
    open: `Open${name}`,
    await: `Await${name}`,
    awaitUnit: `Await${name}Unit`,
    missed: `Record${name}Missed`,
    unitEnded: `${name}UnitEnded`,
    close: `Close${name}`,
  };
};

/** A phase as the state machine opens it. */
export interface PhaseSpec {
  phase: Phase;
  /** What opening the phase does, for the Open step's comment. */
  opens: string;
  /**
   * The workflow variable that counts the phase's rounds (a runoff, a returned dossier); set to 1 when
   * the phase first opens. Without one the phase has a single round.
   */
  roundVariable?: 'voteRound' | 'approvalRound';
}

/** A phase in which each unit that must act gets its own form and wait. */
export interface UnitPhaseSpec extends Omit<PhaseSpec, 'opens'> {
  /** The phase in words, for the comments: "pledge (ký giao ước thi đua)". */
  title: string;
  /** What the Open step's comment adds after the title: how this phase's opening differs. */
  detail?: string;
  /** The bloc's timeline may leave the phase out. */
  optional?: boolean;
}

/** What ends a wait without an answer: the sweep's verdict on the deadline in the table, or the cap. */
const MISSED_ERRORS = ['Thidua.DeadlinePassed', 'States.Timeout'];

const missedCatch = (next: string, output: string): Catcher[] => [{ ErrorEquals: MISSED_ERRORS, Next: next, Output: jsonata(output) }];

/** A step's payload: the cycle, what the step needs, and the instant it runs at. */
export const step = (payload: Fields): Fields => ({ cycleId: jsonata('$cycleId'), ...payload, at: now });

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * AWS ends a Standard execution 365 days after its start. An execution hands the cycle over before a
 * phase whose waits could outlast this span from its start (a day kept for the steps after the last wait)…
 */
const EXECUTION_SPAN_MS = 364 * DAY_MS;
/** …to a new execution started no earlier than this before the phase's reach (or as late as it may). */
const HANDOVER_LEAD_MS = 363 * DAY_MS;

const reachOf = (phase: Phase) => `$toMillis($plan.phases.${phase}.reachAt)`;
const executionStart = '$toMillis($states.context.Execution.StartTime)';

/**
 * Before a phase: when its waits (follow-ups included: the plan's `reachAt`) could outlast the execution,
 * wait until a new execution would cover them, then continue the cycle in one (`HandOverFunction`, which
 * starts it at this phase) and end this one. A calendar of up to 18 months hands over once or twice.
 */
function handOverIfDue(phase: Phase): States {
  const names = stateNames(phase);
  return {
    [names.checkReach]: {
      Type: 'Choice',
      Comment: 'Whether this execution can outlast every wait of the phase (AWS ends a Standard execution after a year).',
      Choices: [{ Condition: jsonata(`${reachOf(phase)} > ${executionStart} + ${EXECUTION_SPAN_MS}`), Next: names.waitToHandOver }],
      Default: names.waitForOpening,
    },
    [names.waitToHandOver]: {
      Type: 'Wait',
      Comment: 'Until a new execution started then covers the phase, or as long as this one may run; at once when that is past.',
      Timestamp: jsonata(`$fromMillis($min([${reachOf(phase)} - ${HANDOVER_LEAD_MS}, ${executionStart} + ${HANDOVER_LEAD_MS}]))`),
      Next: names.handOver,
    },
    [names.handOver]: {
      ...invoke(
        'HandOverFunction',
        { cycleId: jsonata('$cycleId'), resumeAt: phase, executionArn: jsonata('$states.context.Execution.Id'), generation: jsonata('$generation'), at: now },
        { comment: 'Starts the next execution of the cycle at this phase (it reads the rest from the table) and ends this one.' },
      ),
      End: true,
    },
  };
}

/**
 * Opens the phase at its instant in the plan, handing the cycle over to a new execution first when due; a
 * phase with rounds starts counting them here.
 */
export function waitForOpening(spec: Pick<PhaseSpec, 'phase' | 'roundVariable'>): States {
  const names = stateNames(spec.phase);
  return {
    ...handOverIfDue(spec.phase),
    [names.waitForOpening]: {
      Type: 'Wait',
      Timestamp: jsonata(`$plan.phases.${spec.phase}.opensAt`),
      ...(spec.roundVariable === undefined ? {} : { Assign: { [spec.roundVariable]: 1 } }),
      Next: names.open,
    },
  };
}

/** The phase's window, links and emails; `$opened` holds who must act, the round and the safety cap. */
export function openPhase(spec: PhaseSpec): States {
  const names = stateNames(spec.phase);
  const round = spec.roundVariable === undefined ? 1 : jsonata(`$${spec.roundVariable}`);
  return { [names.open]: { ...invoke('OpenPhaseFunction', step({ phase: spec.phase, round }), { comment: spec.opens, assign: { opened: result } }), Next: names.await } };
}

/** Records a unit that did not act (the consequence SPEC §3 gives); the input is the wait's own. */
function recordMissed(): TaskState {
  return invoke('RecordMissedFunction', {
    cycleId: input('cycleId'),
    phase: input('phase'),
    round: input('round'),
    unitId: input('unitId'),
    reason: input('error'),
    at: now,
  });
}

/**
 * One wait per unit that must act, all at once; the phase closes when every one has ended. A wait ends at
 * the unit's deadline (the sweep's verdict), or as soon as the unit acts when the bloc's rules close phases
 * early (`closeEarly`). The waits that ended without an answer are recorded together by the Close step
 * (as done for a unit that submitted, as missed otherwise): one record per unit appended at the same
 * moment contended for the bloc's audit chain, and cost an invocation each.
 */
function awaitEachUnit(phase: Phase, next: string): MapState & { Next: string } {
  const names = stateNames(phase);
  return {
    Type: 'Map',
    Comment: "One wait per unit; each ends when its deadline passes (the unit may correct until then), or when the unit acts if the bloc's rules close phases early.",
    Items: jsonata('$opened.unitIds'),
    ItemSelector: {
      cycleId: jsonata('$cycleId'),
      phase,
      round: jsonata('$opened.round'),
      unitId: jsonata('$states.context.Map.Item.Value'),
      capAt: jsonata('$opened.capAt'),
    },
    ItemProcessor: {
      ProcessorConfig: { Mode: 'INLINE' },
      StartAt: names.awaitUnit,
      States: {
        [names.awaitUnit]: {
          ...waitForToken('AwaitResponseFunction', { cycleId: input('cycleId'), phase, round: input('round'), unitId: input('unitId') }, '$states.input.capAt'),
          Catch: missedCatch(names.unitEnded, "{'unitId': $states.input.unitId, 'reason': $states.errorOutput.Error}"),
          Output: jsonata("{'unitId': $states.input.unitId, 'acted': true}"),
          End: true,
        },
        [names.unitEnded]: { Type: 'Succeed', Comment: 'The wait ended without an answer: the Close step records the unit.' },
      },
    },
    Assign: { ended: jsonata('[$states.result[$exists(reason)]]') },
    Output: jsonata('$states.input'),
    Next: next,
  };
}

/**
 * A phase every unit that must act takes part in: (a Choice that skips it if the timeline leaves it out,)
 * wait for its opening, open it, wait for each unit, close it, then `next`.
 */
export function unitPhase(spec: UnitPhaseSpec, next: string): States {
  const names = stateNames(spec.phase);
  const opening = { ...spec, opens: `Links and emails to the units that must act: ${spec.title}${spec.detail ?? ''}.` };
  return {
    ...(!spec.optional
      ? {}
      : {
          [names.planned]: {
            Type: 'Choice',
            Comment: `The ${spec.title} phase is optional in the bloc's timeline.`,
            Choices: [{ Condition: jsonata(`$exists($plan.phases.${spec.phase})`), Next: names.checkReach }],
            Default: next,
          },
        }),
    ...waitForOpening(spec),
    ...openPhase(opening),
    [names.await]: awaitEachUnit(spec.phase, names.close),
    [names.close]: { ...invoke('ClosePhaseFunction', step({ phase: spec.phase, round: jsonata('$opened.round'), ended: jsonata('$ended') })), Next: next },
  };
}

/** The first state of a unit phase: where the step before it goes. */
export const unitPhaseStart = (spec: UnitPhaseSpec) => (spec.optional ? stateNames(spec.phase).planned : stateNames(spec.phase).checkReach);

/** Where a one-party wait goes: on an answer, and once a missed deadline is recorded. */
export interface PartyWaitSpec {
  answered: string;
  missed: string;
  comment?: string;
  /** Variables set from the answer (`$states.result`: what the party sent). */
  assign?: Fields;
  output?: Jsonata;
}

/** One party's wait (the leader unit, the approver), opened by the phase's Open step. */
export function awaitOneParty(phase: Phase, spec: PartyWaitSpec): States {
  const names = stateNames(phase);
  const payload = { cycleId: jsonata('$cycleId'), phase, round: jsonata('$opened.round'), unitId: jsonata('$opened.unitIds[0]') };
  const missedInput = `{'cycleId': $cycleId, 'phase': '${phase}', 'round': $opened.round, 'unitId': $opened.unitIds[0], 'error': $states.errorOutput.Error}`;
  return {
    [names.await]: {
      ...(spec.comment === undefined ? {} : { Comment: spec.comment }),
      ...waitForToken('AwaitResponseFunction', payload, '$opened.capAt'),
      Catch: missedCatch(names.missed, missedInput),
      ...(spec.assign === undefined ? {} : { Assign: spec.assign }),
      ...(spec.output === undefined ? {} : { Output: spec.output }),
      Next: spec.answered,
    },
    [names.missed]: { ...recordMissed(), Next: spec.missed },
  };
}
