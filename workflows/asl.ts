/**
 * The few ASL shapes the cycle uses (JSONata query language), typed so that a description that builds
 * them cannot leave out a field AWS requires or wrap an expression wrongly, and the Lambda task with the
 * retries every step of the cycle shares.
 */

/** A JSONata expression as ASL writes it in a string field. */
export type Jsonata = `{% ${string} %}`;

/** A JSONata expression field: `jsonata('$now()')` → `"{% $now() %}"`. */
export const jsonata = (expression: string): Jsonata => `{% ${expression} %}`;

/** The instant a step runs at, which every function receives as `at`. */
export const now = jsonata('$now()');

/** A field of the state's input: `input('unitId')` → `"{% $states.input.unitId %}"`. */
export const input = (field: string): Jsonata => jsonata(`$states.input.${field}`);

/** What the invoked function returned: the step's output, and what `Assign` keeps of it. */
export const result = jsonata('$states.result.Payload');

/** A definition substitution: CDK fills it with the function's ARN, the local stack with its name. */
export type FunctionKey = `${string}Function`;
type Placeholder = `\${${FunctionKey}}`;
const placeholder = (key: FunctionKey): Placeholder => `\${${key}}`;

/** A JSON value in a state's `Arguments`, `Assign` or `Output`, with expressions anywhere inside. */
export type Value = string | number | boolean | null | readonly Value[] | { readonly [key: string]: Value };
export type Fields = Record<string, Value>;

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  Output: Jsonata;
}

/** How a state goes on: to a named state, or it ends its branch. */
export type Transition = { Next: string; End?: never } | { End: true; Next?: never };

export interface TaskState {
  Comment?: string;
  Type: 'Task';
  Resource: 'arn:aws:states:::lambda:invoke' | 'arn:aws:states:::lambda:invoke.waitForTaskToken';
  Arguments: { FunctionName: Placeholder; Payload: Fields };
  TimeoutSeconds?: Jsonata;
  Retry: Retrier[];
  Catch?: Catcher[];
  Assign?: Fields;
  Output?: Value;
}

export interface MapState {
  Type: 'Map';
  Comment?: string;
  Items: Jsonata;
  ItemSelector: Fields;
  ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' } } & StateMachine;
  Assign?: Fields;
  Output: Value;
}

export interface ChoiceState {
  Type: 'Choice';
  Comment?: string;
  Choices: { Condition: Jsonata; Next: string }[];
  Default: string;
}

export interface WaitState {
  Type: 'Wait';
  Comment?: string;
  Timestamp: Jsonata;
  Assign?: Fields;
  Next: string;
}

export interface PassState {
  Type: 'Pass';
  Comment?: string;
  Assign: Fields;
  Next: string;
}

export interface ParallelState {
  Type: 'Parallel';
  Comment?: string;
  Branches: StateMachine[];
  Output: Value;
  Next: string;
  Catch: Catcher[];
}

export interface FailState {
  Type: 'Fail';
  Error: string;
  Cause: Jsonata;
}

export interface SucceedState {
  Type: 'Succeed';
  Comment?: string;
}

export type State =
  | ((TaskState | MapState | ParallelState) & Transition)
  | ChoiceState
  | WaitState
  | PassState
  | FailState
  | SucceedState;

export type States = Record<string, State>;

export interface StateMachine {
  StartAt: string;
  States: States;
}

/** Transient Lambda service errors: retried with backoff, as AWS recommends for every Lambda task. */
const LAMBDA_SERVICE_ERRORS: Retrier = {
  ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException', 'Lambda.Unknown'],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
  MaxDelaySeconds: 60,
  JitterStrategy: 'FULL',
};

/** Any error of a step's own: every step is idempotent, so running it again has no second effect. */
const TASK_FAILED: Retrier = { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 5, MaxAttempts: 3, BackoffRate: 3, JitterStrategy: 'FULL' };

/** A wait retries only Lambda's own errors: a passed deadline goes straight to its Catch. */
const WAIT_RETRY: Retrier[] = [{ ErrorEquals: ['Thidua.DeadlinePassed'], MaxAttempts: 0 }, LAMBDA_SERVICE_ERRORS];

export interface InvokeOptions {
  comment?: string;
  /** Workflow variables set from the result (`$states.result.Payload` and the like). */
  assign?: Fields;
}

/**
 * A step that invokes one of the cycle's functions with `payload` and passes its result on, with the
 * retries every step shares.
 */
export function invoke(key: FunctionKey, payload: Fields, options: InvokeOptions = {}): TaskState {
  return {
    ...(options.comment === undefined ? {} : { Comment: options.comment }),
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Arguments: { FunctionName: placeholder(key), Payload: payload },
    Retry: [LAMBDA_SERVICE_ERRORS, TASK_FAILED],
    ...(options.assign === undefined ? {} : { Assign: options.assign }),
    Output: result,
  };
}

/**
 * A wait for one party to act: the function `key` stores the task token, and the execution waits for an
 * answer until the safety cap `capAt` (the deadline that counts lives in the table).
 */
export function waitForToken(key: FunctionKey, payload: Fields, capAt: string): TaskState {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Arguments: { FunctionName: placeholder(key), Payload: { ...payload, taskToken: jsonata('$states.context.Task.Token'), at: now } },
    TimeoutSeconds: jsonata(`$max([60, $floor(($toMillis(${capAt}) - $toMillis($now())) / 1000)])`),
    Retry: WAIT_RETRY,
  };
}

/** The definition as the committed file holds it: two-space JSON, non-ASCII text as is, a final newline. */
export const render = (definition: object): string => `${JSON.stringify(definition, null, 2)}\n`;
