/**
 * Map (inline) and Parallel: run child threads, each with its own variable scope, at most MaxConcurrency
 * at a time. The first failure cancels the others (their running tasks are aborted) and fails the state
 * with the child's error, unless a Map tolerates failures (ToleratedFailureCount/Percentage).
 * The `…StateFailed` event is the caller's: AWS writes it only for an attempt that is not retried.
 */
import type { MapState, ParallelState, Template } from './asl.js';
import { States, StatesError } from './errors.js';
import { asStatesError, jsonText, StateRun } from './state-run.js';
import { Cancelled, type Thread } from './thread.js';

/** An inline Map runs at most 40 iterations at once on AWS; MaxConcurrency 0 means that. */
const INLINE_MAP_LIMIT = 40;

/** How many failed children a Map accepts; undefined: none, and the first failure is the state's. */
interface Tolerance {
  count?: number;
  percentage?: number;
}

export async function runMapAttempt(run: StateRun<MapState>, attempt: number): Promise<unknown[]> {
  const { state, thread } = run;
  const items = await mapItems(run);
  const limit = (await run.integer(state.maxConcurrency, 'MaxConcurrency', 0)) || INLINE_MAP_LIMIT;
  const tolerance = await toleranceOf(run);
  thread.emit(`a${attempt}:started`, 'MapStateStarted', { length: items.length });
  const iteration = { name: state.name };
  return fanOut(thread, attempt, 'Map', items.length, limit, tolerance, async (child, index) => {
    child.emit('iteration:started', 'MapIterationStarted', { ...iteration, index });
    try {
      // Evaluated on the child thread, so recorded values are keyed by iteration, not by arrival order.
      const itemRun = new StateRun(state, child, run.vars, run.input, run.entered, run.runMachine);
      const context = { Map: { Item: { Index: index, Value: items[index] } } };
      const input = state.itemSelector ? await itemRun.evaluate(state.itemSelector, 'ItemSelector', { context }) : items[index];
      const output = await run.runMachine(state.processor, child, input, run.vars.child());
      child.emit('iteration:succeeded', 'MapIterationSucceeded', { ...iteration, index });
      return output;
    } catch (error) {
      if (!(error instanceof Cancelled)) child.emit('iteration:failed', 'MapIterationFailed', { ...iteration, index });
      throw error;
    }
  });
}

export async function runParallelAttempt(run: StateRun<ParallelState>, attempt: number): Promise<unknown[]> {
  const { state, thread } = run;
  const input = state.arguments ? await run.evaluate(state.arguments, 'Arguments') : run.input;
  thread.emit(`a${attempt}:started`, 'ParallelStateStarted');
  return fanOut(thread, attempt, 'Parallel', state.branches.length, state.branches.length, undefined, (child, index) =>
    run.runMachine(state.branches[index]!, child, input, run.vars.child()),
  );
}

/**
 * The items of a Map: Items evaluated, or the state input. Anything but an array is a
 * `States.QueryEvaluationError` with AWS's cause.
 */
async function mapItems(run: StateRun<MapState>): Promise<unknown[]> {
  const { items } = run.state;
  if (!items) {
    if (!Array.isArray(run.input)) throw run.invalid('Items', `Map state input must be an array but was: ${jsonType(run.input)}`);
    return run.input;
  }
  const value = await run.evaluate(items, 'Items');
  if (Array.isArray(value)) return value;
  const source = items.kind === 'expression' ? items.source : jsonText(value);
  throw run.invalid(
    'Items',
    `The JSONata expression '${source}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${jsonType(value)}' for value: ${jsonText(value)}`,
  );
}

/** The JSON type name AWS uses in its causes. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

async function toleranceOf(run: StateRun<MapState>): Promise<Tolerance | undefined> {
  const { toleratedFailureCount, toleratedFailurePercentage } = run.state;
  if (!toleratedFailureCount && !toleratedFailurePercentage) return undefined;
  const count = await run.integer(toleratedFailureCount, 'ToleratedFailureCount', 0);
  const percentage = await percentageOf(run, toleratedFailurePercentage);
  return { ...(count !== undefined && { count }), ...(percentage !== undefined && { percentage }) };
}

async function percentageOf(run: StateRun<MapState>, template: Template | undefined): Promise<number | undefined> {
  if (!template) return undefined;
  const value = await run.evaluate(template, 'ToleratedFailurePercentage');
  if (typeof value !== 'number' || value < 0 || value > 100) {
    throw run.invalid('ToleratedFailurePercentage', `The field 'ToleratedFailurePercentage' must be a number from 0 to 100, got ${jsonText(value)}.`);
  }
  return value;
}

/** Whether `failed` of `total` children is more than the Map tolerates (either threshold counts). */
function exceeds(tolerance: Tolerance, failed: number, total: number): boolean {
  if (tolerance.count !== undefined && failed > tolerance.count) return true;
  return tolerance.percentage !== undefined && (failed * 100) / total > tolerance.percentage;
}

/**
 * Runs `count` children with at most `limit` at once; results in index order. Without a tolerance the
 * first failure cancels the rest and is thrown; with one, a failed child's result is its error output
 * and the state fails with `States.ExceedToleratedFailureThreshold` once too many have failed.
 */
async function fanOut(
  thread: Thread,
  attempt: number,
  kind: 'Map' | 'Parallel',
  count: number,
  limit: number,
  tolerance: Tolerance | undefined,
  body: (child: Thread, index: number) => Promise<unknown>,
): Promise<unknown[]> {
  const { activity } = thread.env;
  const cancellation = thread.cancellation.child();
  const results: unknown[] = new Array<unknown>(count);
  let failure: StatesError | undefined;
  let failed = 0;
  let next = 0;
  const fail = (error: StatesError): void => {
    if (failure) return;
    failure = error;
    cancellation.cancel('aborted');
  };
  const worker = async (): Promise<void> => {
    while (next < count && !failure && !cancellation.cancelled) {
      const index = next++;
      activity.enter();
      try {
        results[index] = await body(thread.child(`a${attempt}.${index}`, cancellation), index);
      } catch (error) {
        if (error instanceof Cancelled) continue;
        const childFailure = asStatesError(error);
        if (!tolerance) fail(childFailure);
        else {
          results[index] = { Error: childFailure.error, Cause: childFailure.causeText };
          if (exceeds(tolerance, ++failed, count)) fail(new StatesError(States.ExceedToleratedFailureThreshold, THRESHOLD_CAUSE));
        }
      } finally {
        activity.leave();
      }
    }
  };
  activity.leave();
  try {
    await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  } finally {
    activity.enter();
  }
  thread.cancellation.throwIfCancelled();
  if (failure) throw failure;
  thread.emit(`a${attempt}:succeeded`, `${kind}StateSucceeded`);
  return results;
}

const THRESHOLD_CAUSE = 'The specified tolerated failure threshold was exceeded';
