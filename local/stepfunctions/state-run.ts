/**
 * One visit of one state: its input, when it was entered, how often it was retried, and the JSONata
 * scope (`$states`, variables, recorded values) its expressions are evaluated in.
 */
import type { Machine, State, Template } from './asl.js';
import { States, StatesError } from './errors.js';
import { type EvaluationScope, evaluate, QueryEvaluationError } from './expressions.js';
import type { Thread, VariableScope } from './thread.js';

/** Runs a nested machine (a Map iteration, a Parallel branch); passed in to keep the files acyclic. */
export type RunMachine = (machine: Machine, thread: Thread, input: unknown, vars: VariableScope) => Promise<unknown>;

/** What `$states` adds beyond the input and context. */
export interface ScopeExtras {
  result?: unknown;
  errorOutput?: unknown;
  /** Extra context fields, e.g. `Map.Item` for an ItemSelector. */
  context?: Record<string, unknown>;
}

export class StateRun<S extends State = State> {
  retryCount = 0;
  /** The task token, for the Arguments of a `.waitForTaskToken` task. */
  taskToken: string | undefined;

  constructor(
    readonly state: S,
    readonly thread: Thread,
    readonly vars: VariableScope,
    readonly input: unknown,
    readonly entered: { id: number; timestamp: number },
    readonly runMachine: RunMachine,
  ) {}

  get enteredTime(): number {
    return this.entered.timestamp;
  }

  /** `$states.context`. */
  context(extra?: Record<string, unknown>): Record<string, unknown> {
    const { context } = this.thread.env;
    return {
      ...context,
      State: { EnteredTime: new Date(this.enteredTime).toISOString(), Name: this.state.name, RetryCount: this.retryCount },
      ...(this.taskToken !== undefined && { Task: { Token: this.taskToken } }),
      ...extra,
    };
  }

  scope(extras: ScopeExtras = {}): EvaluationScope {
    return new StateScope(this, extras);
  }

  /**
   * Evaluates a template in this state; a promise only when jsonata itself has to run (see
   * {@link evaluate}). Evaluation failures become this state's `States.QueryEvaluationError`.
   */
  evaluate(template: Template, field: string, extras?: ScopeExtras): unknown {
    let value: unknown;
    try {
      value = evaluate(template, this.scope(extras), field);
    } catch (error) {
      throw this.evaluationFailure(error);
    }
    if (!(value instanceof Promise)) return value;
    return value.catch((error: unknown) => {
      throw this.evaluationFailure(error);
    });
  }

  private evaluationFailure(error: unknown): unknown {
    return error instanceof QueryEvaluationError ? this.invalid(error.location, error.causeText) : error;
  }

  /**
   * A `States.QueryEvaluationError` of this state, with AWS's cause text; records the EvaluationFailed
   * event AWS records.
   */
  invalid(location: string, detail: string): StatesError {
    const { name } = this.state;
    const cause = `An error occurred while executing the state '${name}' (entered at the event id #${this.entered.id}). ${detail}`;
    this.thread.emit(`invalid:${this.retryCount}:${location}`, 'EvaluationFailed', {
      error: States.QueryEvaluationError,
      cause,
      location,
      state: name,
    });
    return new StatesError(States.QueryEvaluationError, cause);
  }

  /** Evaluates a field that must be a whole number of at least `min`. */
  async integer(template: Template | undefined, field: string, min: number): Promise<number | undefined> {
    if (!template) return undefined;
    const value = await this.evaluate(template, field);
    if (!Number.isInteger(value) || (value as number) < min) {
      throw this.invalid(field, `The field '${field}' must be an integer of at least ${min}, got ${jsonText(value)}.`);
    }
    return value as number;
  }
}

/** AWS puts JSON documents into history events as strings. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** Any failure inside a state, as a States Language error. */
export function asStatesError(error: unknown): StatesError {
  if (error instanceof StatesError) return error;
  return new StatesError(States.Runtime, error instanceof Error ? error.message : String(error));
}

/** The scope of one evaluation in a state. A class, not closures: it is made for every expression. */
class StateScope implements EvaluationScope {
  constructor(
    private readonly run: StateRun,
    private readonly extras: ScopeExtras,
  ) {}

  states(withContext: boolean): Record<string, unknown> {
    const { extras } = this;
    const states: Record<string, unknown> = { input: this.run.input };
    if (withContext) states.context = this.run.context(extras.context);
    if ('result' in extras) states.result = extras.result;
    if ('errorOutput' in extras) states.errorOutput = extras.errorOutput;
    return states;
  }

  variables(): Record<string, unknown> {
    return this.run.vars.visible();
  }

  variable(name: string): unknown {
    return this.run.vars.lookup(name);
  }

  record(make: () => unknown): unknown {
    return this.run.thread.record(make);
  }

  now(): number {
    return this.run.thread.env.clock.now();
  }

  uuid(): string {
    return this.run.thread.env.ids.uuid();
  }

  random(): number {
    return this.run.thread.env.ids.random();
  }
}
