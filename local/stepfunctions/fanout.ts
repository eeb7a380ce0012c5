/**
 * Map (inline) and Parallel: run child threads, each with its own variable scope, at most MaxConcurrency
 * at a time. The first failure cancels the others and fails the state with the child's error.
 */
import type { MapState, ParallelState } from './asl.js';
import type { StatesError } from './errors.js';
import { asStatesError, jsonText, StateRun } from './state-run.js';
import { Cancelled, type Thread } from './thread.js';

/** An inline Map runs at most 40 iterations at once on AWS; MaxConcurrency 0 means that. */
const INLINE_MAP_LIMIT = 40;

export async function runMapAttempt(run: StateRun<MapState>, attempt: number): Promise<unknown[]> {
  const { state, thread } = run;
  const items = state.items ? await run.evaluate(state.items, 'Items') : run.input;
  if (!Array.isArray(items)) {
    throw run.invalid('Items', `The Items must be an array, got ${jsonText(items)}.`);
  }
  const limit = (await run.integer(state.maxConcurrency, 'MaxConcurrency', 0)) || INLINE_MAP_LIMIT;
  thread.emit(`a${attempt}:started`, 'MapStateStarted', { length: items.length });
  const iteration = { name: state.name };
  return fanOut(thread, attempt, 'Map', items.length, limit, async (child, index) => {
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
  return fanOut(thread, attempt, 'Parallel', state.branches.length, state.branches.length, (child, index) =>
    run.runMachine(state.branches[index]!, child, input, run.vars.child()),
  );
}

/** Runs `count` children with at most `limit` at once; results in index order. */
async function fanOut(
  thread: Thread,
  attempt: number,
  kind: 'Map' | 'Parallel',
  count: number,
  limit: number,
  body: (child: Thread, index: number) => Promise<unknown>,
): Promise<unknown[]> {
  const { activity } = thread.env;
  const cancellation = thread.cancellation.child();
  const results: unknown[] = new Array<unknown>(count);
  let failure: StatesError | undefined;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count && !failure && !cancellation.cancelled) {
      const index = next++;
      activity.enter();
      try {
        results[index] = await body(thread.child(`a${attempt}.${index}`, cancellation), index);
      } catch (error) {
        if (error instanceof Cancelled) continue;
        if (!failure) {
          failure = asStatesError(error);
          cancellation.cancel();
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
  if (failure) {
    thread.emit(`a${attempt}:failed`, `${kind}StateFailed`);
    throw failure;
  }
  thread.emit(`a${attempt}:succeeded`, `${kind}StateSucceeded`);
  return results;
}
