/**
 * The interpreter: runs a machine state by state on one thread. Each state returns where to go next and
 * its output; Task, Map and Parallel run through `recover`, which applies Retry and Catch.
 */
import type {
  Catcher,
  ChoiceState,
  FailState,
  Machine,
  MapState,
  ParallelState,
  Retrier,
  State,
  TaskState,
  Template,
  WaitState,
} from './asl.js';
import { errorMatches, States, StatesError } from './errors.js';
import { runMapAttempt, runParallelAttempt } from './fanout.js';
import { asStatesError, jsonText, type ScopeExtras, StateRun } from './state-run.js';
import { runTaskAttempt } from './tasks.js';
import { parseTimestamp } from './timestamps.js';
import { Cancelled, type Thread, type VariableScope } from './thread.js';

/** Where a state leads: the next state with its input, or the end of the (sub)machine with its output. */
type Transition = { next: string; output: unknown } | { end: true; output: unknown };

/** States a thread runs before it yields to the event loop. */
const YIELD_EVERY = 256;

/** Runs a machine from StartAt to a Succeed state or an End; throws a {@link StatesError} when it fails. */
export async function runMachine(machine: Machine, thread: Thread, input: unknown, vars: VariableScope): Promise<unknown> {
  let state = machine.states.get(machine.startAt)!;
  let data = input;
  for (let steps = 1; ; steps++) {
    // A long run of synchronous states lets the event loop in now and then: history writes complete
    // and go on, API calls and other executions are served.
    if (steps % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    thread.nextStep();
    // Pass, Succeed and a Choice whose expressions take the fast path finish without a promise.
    let transition = runState(state, thread, data, vars);
    if (transition instanceof Promise) transition = await transition;
    if ('end' in transition) return transition.output;
    state = machine.states.get(transition.next)!;
    data = transition.output;
  }
}

function runState(state: State, thread: Thread, input: unknown, vars: VariableScope): Transition | Promise<Transition> {
  const entered = thread.emit('entered', `${state.type}StateEntered`, {
    name: state.name,
    input,
  });
  const run = new StateRun(state, thread, vars, input, entered, runMachine);
  switch (run.state.type) {
    case 'Pass':
    case 'Succeed':
      return finish(run, { output: run.state.output, assign: run.state.assign, next: run.state.next });
    case 'Choice':
      return choose(run as StateRun<ChoiceState>);
    case 'Wait':
      return wait(run as StateRun<WaitState>);
    case 'Fail':
      return fail(run as StateRun<FailState>);
    case 'Task':
      return recover(run as StateRun<TaskState>, (attempt) => runTaskAttempt(run as StateRun<TaskState>, attempt));
    case 'Map':
      return recover(run as StateRun<MapState>, (attempt) => runMapAttempt(run as StateRun<MapState>, attempt));
    case 'Parallel':
      return recover(run as StateRun<ParallelState>, (attempt) => runParallelAttempt(run as StateRun<ParallelState>, attempt));
  }
}

/** The scope extras of a state without a result: most Pass states. */
const NO_EXTRAS: ScopeExtras = Object.freeze({});

interface Finish {
  output?: Template;
  assign?: Template;
  /** A Choice rule's own Assign, applied over the state's. */
  ruleAssign?: Template;
  next?: string | undefined;
  /** `$states.result` for Task, Map and Parallel. */
  result?: unknown;
  hasResult?: boolean;
  errorOutput?: unknown;
  field?: string;
}

/**
 * Leaves a state: evaluates Assign and Output against the same variables (new values take effect in the
 * next state), assigns, and emits the exit event. Synchronous when the expressions are (most are): a
 * Pass state then costs no promise.
 */
function finish(run: StateRun, how: Finish): Transition | Promise<Transition> {
  let extras: ScopeExtras = NO_EXTRAS;
  if (how.hasResult) extras = { result: how.result };
  if (how.errorOutput !== undefined) extras = { ...extras, errorOutput: how.errorOutput };
  const prefix = how.field ? `${how.field}.` : '';
  const assigning = how.assign ? run.evaluate(how.assign, `${prefix}Assign`, extras) : undefined;
  if (assigning instanceof Promise || how.ruleAssign) return finishLater(run, how, extras, prefix, assigning);
  const output = how.output ? run.evaluate(how.output, `${prefix}Output`, extras) : fallbackOutput(run, how);
  const assigned = assigning as Record<string, unknown> | undefined;
  if (output instanceof Promise) return output.then((value) => leave(run, how, assigned, value));
  return leave(run, how, assigned, output);
}

/** {@link finish} once an Assign went to jsonata, or with a Choice rule's own Assign. */
async function finishLater(run: StateRun, how: Finish, extras: ScopeExtras, prefix: string, assigning: unknown): Promise<Transition> {
  let assigned = (await assigning) as Record<string, unknown> | undefined;
  if (how.ruleAssign) assigned = { ...assigned, ...((await run.evaluate(how.ruleAssign, 'Assign', extras)) as Record<string, unknown>) };
  const output = how.output ? await run.evaluate(how.output, `${prefix}Output`, extras) : fallbackOutput(run, how);
  return leave(run, how, assigned, output);
}

function fallbackOutput(run: StateRun, how: Finish): unknown {
  return how.errorOutput ?? (how.hasResult ? how.result : run.input);
}

/** Assigns, emits the exit event, and says where to go. */
function leave(run: StateRun, how: Finish, assigned: Record<string, unknown> | undefined, output: unknown): Transition {
  if (assigned) run.vars.assign(assigned);
  const { state } = run;
  run.thread.emit('exited', `${state.type}StateExited`, {
    name: state.name,
    output,
    ...(assigned && {
      assignedVariables: Object.fromEntries(Object.entries(assigned).map(([k, v]) => [k, jsonText(v)])),
    }),
  });
  if (how.next !== undefined && state.type !== 'Succeed') return { next: how.next, output };
  return { end: true, output };
}

/** Tries the rules from `from` on; synchronous while their Conditions are, as most are. */
function choose(run: StateRun<ChoiceState>, from = 0): Transition | Promise<Transition> {
  const { choices } = run.state;
  for (let i = from; i < choices.length; i++) {
    const matched = run.evaluate(choices[i]!.condition, `Choices[${i}].Condition`);
    if (matched instanceof Promise) return matched.then((value) => takeRule(run, i, value) ?? choose(run, i + 1));
    const taken = takeRule(run, i, matched);
    if (taken) return taken;
  }
  const { state } = run;
  if (state.default === undefined) {
    throw new StatesError(States.NoChoiceMatched, `No Choice rule of state '${state.name}' matched and there is no Default`);
  }
  return finish(run, { output: state.output, assign: state.assign, next: state.default });
}

/** Leaves by rule `i` if its Condition matched; undefined to try the next one. */
function takeRule(run: StateRun<ChoiceState>, i: number, matched: unknown): Transition | Promise<Transition> | undefined {
  if (typeof matched !== 'boolean') {
    throw run.invalid(`Choices[${i}].Condition`, `The Condition returned ${jsonText(matched)}, not a boolean.`);
  }
  if (!matched) return undefined;
  // The state's Assign applies whichever rule matches, the rule's own on top; a rule's Output replaces the state's.
  const rule = run.state.choices[i]!;
  return finish(run, { output: rule.output ?? run.state.output, assign: run.state.assign, ruleAssign: rule.assign, next: rule.next });
}

async function wait(run: StateRun<WaitState>): Promise<Transition> {
  const { state } = run;
  const seconds = await run.integer(state.seconds, 'Seconds', 0);
  let dueAt = run.enteredTime + (seconds ?? 0) * 1000;
  if (state.timestamp) {
    const timestamp = await run.evaluate(state.timestamp, 'Timestamp');
    const parsed = typeof timestamp === 'string' ? parseTimestamp(timestamp) : undefined;
    if (parsed === undefined) {
      const text = typeof timestamp === 'string' ? timestamp : jsonText(timestamp);
      throw run.invalid('Timestamp', `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${text}`);
    }
    dueAt = parsed;
  }
  await run.thread.sleepUntil(dueAt);
  return finish(run, { output: state.output, assign: state.assign, next: state.next });
}

async function fail(run: StateRun<FailState>): Promise<never> {
  const { state } = run;
  const error = state.error ? String(await run.evaluate(state.error, 'Error')) : '';
  const cause = state.cause ? String(await run.evaluate(state.cause, 'Cause')) : '';
  throw new StatesError(error, cause);
}

type Recoverable = TaskState | MapState | ParallelState;

/**
 * Runs attempts of a Task, Map or Parallel state, applying Retry, then Catch. A Map or Parallel records
 * `…StateFailed` only for the attempt that is not retried, as AWS does; a Task aborted because a sibling
 * branch failed records `TaskStateAborted`.
 */
async function recover<S extends Recoverable>(run: StateRun<S>, attempt: (n: number) => Promise<unknown>): Promise<Transition> {
  const { state, thread } = run;
  const retries = state.retry.map(() => 0);
  for (let n = 0; ; n++) {
    let failure: StatesError;
    try {
      const result = await attempt(n);
      return await finish(run, { output: state.output, assign: state.assign, next: state.next, result, hasResult: true });
    } catch (error) {
      if (error instanceof Cancelled) {
        if (state.type === 'Task') thread.aborted('TaskStateAborted');
        throw error;
      }
      failure = asStatesError(error);
    }
    const r = state.retry.findIndex((retrier) => errorMatches(retrier.errorEquals, failure.error));
    const retrier = state.retry[r];
    if (retrier && retries[r]! < retrier.maxAttempts) {
      const delay = retryDelay(retrier, retries[r]!, thread);
      retries[r]!++;
      run.retryCount++;
      await thread.sleepUntil(thread.now() + delay);
      continue;
    }
    if (state.type !== 'Task') thread.emit(`a${n}:failed`, `${state.type}StateFailed`);
    const catcher = state.catch.find((c) => errorMatches(c.errorEquals, failure.error));
    if (!catcher) throw failure;
    return caught(run, catcher, failure);
  }
}

function caught(run: StateRun, catcher: Catcher, failure: StatesError): Transition | Promise<Transition> {
  const errorOutput = { Error: failure.error, Cause: failure.causeText };
  const field = `Catch[${(run.state as Recoverable).catch.indexOf(catcher)}]`;
  return finish(run, { output: catcher.output, assign: catcher.assign, next: catcher.next, errorOutput, field });
}

/** IntervalSeconds × BackoffRate^retries, capped by MaxDelaySeconds; FULL jitter draws in [0, delay). */
function retryDelay(retrier: Retrier, retries: number, thread: Thread): number {
  let delay = retrier.intervalSeconds * 1000 * retrier.backoffRate ** retries;
  if (retrier.maxDelaySeconds !== undefined) delay = Math.min(delay, retrier.maxDelaySeconds * 1000);
  if (retrier.jitter === 'FULL') delay = Math.floor(delay * thread.record(() => thread.env.ids.random()));
  return delay;
}
