/**
 * The typed form of an Amazon States Language definition (JSONata query language), produced once by
 * `parseDefinition` and then only read by the interpreter.
 */
import type { Expression } from 'jsonata';
import type { FastExpression } from './fast-path.js';

/**
 * A JSON value in which strings of the form `{% expression %}` are JSONata expressions, compiled once.
 * Subtrees without expressions are kept as literals.
 */
export type Template =
  | { kind: 'literal'; value: unknown }
  | { kind: 'expression'; source: string; expression: Expression; uses: ExpressionUses; fast?: FastExpression }
  | { kind: 'object'; entries: Array<[string, Template]> }
  | { kind: 'array'; items: Template[] };

/** What an expression refers to, found when it is compiled, so evaluation binds only that. */
export interface ExpressionUses {
  /** `$states.context` (or `$states` as a whole). */
  context: boolean;
  /** `$now`, `$millis`, `$uuid`, `$random`: values that are recorded for replay. */
  recorded: boolean;
}

export interface Retrier {
  errorEquals: string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds?: number;
  jitter: 'FULL' | 'NONE';
}

export interface Catcher {
  errorEquals: string[];
  next: string;
  output?: Template;
  assign?: Template;
}

/** What every state may carry: the transition, the output transformation and variable assignments. */
interface StateBase {
  name: string;
  next?: string;
  end: boolean;
  output?: Template;
  assign?: Template;
}

/** Error handling shared by Task, Map and Parallel. */
interface Recoverable {
  retry: Retrier[];
  catch: Catcher[];
}

/** The service integrations this runtime implements. */
export interface TaskResource {
  arn: string;
  integration: 'lambda:invoke';
  waitForTaskToken: boolean;
}

export interface TaskState extends StateBase, Recoverable {
  type: 'Task';
  resource: TaskResource;
  arguments?: Template;
  timeoutSeconds?: Template;
  heartbeatSeconds?: Template;
}

export interface PassState extends StateBase {
  type: 'Pass';
}

export interface ChoiceRule {
  condition: Template;
  next: string;
  output?: Template;
  assign?: Template;
}

export interface ChoiceState extends StateBase {
  type: 'Choice';
  choices: ChoiceRule[];
  default?: string;
}

export interface WaitState extends StateBase {
  type: 'Wait';
  seconds?: Template;
  timestamp?: Template;
}

export interface SucceedState extends StateBase {
  type: 'Succeed';
}

export interface FailState extends StateBase {
  type: 'Fail';
  error?: Template;
  cause?: Template;
}

export interface MapState extends StateBase, Recoverable {
  type: 'Map';
  items?: Template;
  itemSelector?: Template;
  maxConcurrency?: Template;
  toleratedFailureCount?: Template;
  toleratedFailurePercentage?: Template;
  processor: Machine;
}

export interface ParallelState extends StateBase, Recoverable {
  type: 'Parallel';
  arguments?: Template;
  branches: Machine[];
}

export type State = TaskState | PassState | ChoiceState | WaitState | SucceedState | FailState | MapState | ParallelState;
export type StateType = State['type'];

/** A state machine, or one branch or item processor of a Parallel or Map state. */
export interface Machine {
  startAt: string;
  states: Map<string, State>;
  /** Top level only. */
  timeoutSeconds?: number;
}
