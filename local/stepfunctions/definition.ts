/**
 * Parses and validates a JSONata ASL definition once into typed states ({@link Machine}), reporting
 * every problem together in a {@link DefinitionError}, each with AWS's diagnostic code and its location
 * as a JSON pointer (`/States/Outer/ItemProcessor/States/Inner/Next`).
 */
import type { ChoiceRule, Machine, State, TaskResource, Template } from './asl.js';
import { compileAssign, isObject, isPositiveInteger, type Json, parseRecovery } from './definition-recovery.js';
import { type DefinitionProblem, DefinitionError, type ProblemCode } from './errors.js';
import { compileTemplate, isExpression } from './expressions.js';
import { isIsoOffsetDateTime } from './timestamps.js';
import { functionNameOf } from './lambda.js';
import { checkTransitions } from './transitions.js';

export interface ParseOptions {
  /** Whether a Lambda function name is registered; literal FunctionNames are checked with it. */
  hasFunction?: (name: string) => boolean;
}

const COMMON = ['Type', 'Comment', 'QueryLanguage', 'Next', 'End', 'Output', 'Assign'];
const RECOVERABLE = ['Retry', 'Catch'];
const FIELDS: Record<string, string[]> = {
  Task: [...COMMON, ...RECOVERABLE, 'Resource', 'Arguments', 'TimeoutSeconds', 'HeartbeatSeconds', 'Credentials'],
  Pass: COMMON,
  Choice: ['Type', 'Comment', 'QueryLanguage', 'Choices', 'Default', 'Output', 'Assign'],
  Wait: [...COMMON, 'Seconds', 'Timestamp'],
  Succeed: ['Type', 'Comment', 'QueryLanguage', 'Output'],
  Fail: ['Type', 'Comment', 'QueryLanguage', 'Error', 'Cause'],
  Map: [...COMMON, ...RECOVERABLE, 'Items', 'ItemSelector', 'ItemProcessor', 'Iterator', 'MaxConcurrency', 'ToleratedFailureCount', 'ToleratedFailurePercentage'],
  Parallel: [...COMMON, ...RECOVERABLE, 'Arguments', 'Branches'],
};
const TERMINAL = new Set(['Choice', 'Succeed', 'Fail']);
const RESOURCE = /^arn:aws[\w-]*:states:[\w-]*:\d*:lambda:invoke(\.waitForTaskToken)?$/;

/** Parses a definition (JSON text or object). Throws {@link DefinitionError} listing every problem. */
export function parseDefinition(source: string | object, options: ParseOptions = {}): Machine {
  const problems: DefinitionProblem[] = [];
  let json: unknown = source;
  if (typeof source === 'string') {
    try {
      json = JSON.parse(source);
    } catch (error) {
      throw new DefinitionError([
        { state: '', field: 'definition', message: `not valid JSON: ${String(error)}`, code: 'INVALID_JSON_DESCRIPTION', location: '/' },
      ]);
    }
  }
  const parser = new Parser(problems, options);
  const machine = parser.machine(json, '', 'JSONata', true, '');
  if (problems.length > 0) throw new DefinitionError(problems);
  return machine;
}

/** Fields of a machine (top level, branch, item processor) rather than of a state. */
const MACHINE_FIELDS = new Set(['StartAt', 'States', 'TimeoutSeconds', 'definition']);

class Parser {
  /** JSON pointers of states and of machines, by state path (a machine by the path of its state). */
  private readonly statePointers = new Map<string, string>();
  private readonly machinePointers = new Map<string, string>();

  constructor(
    private readonly problems: DefinitionProblem[],
    private readonly options: ParseOptions,
  ) {}

  private report(state: string, field: string, message: string, code: ProblemCode = 'SCHEMA_VALIDATION_FAILED'): void {
    const base = (MACHINE_FIELDS.has(field) ? this.machinePointers.get(state) : this.statePointers.get(state)) ?? this.machinePointers.get(state) ?? '';
    const location = field === 'definition' ? base || '/' : `${base}/${fieldPointer(field)}`;
    // "must be a string" reads as a sentence with the field's name in front.
    const text = /^(is|must|has|names)\b/.test(message) ? `The field "${field.split('.').at(-1)}" ${message}` : message;
    this.problems.push({ state, field, message: text, code, location });
  }

  machine(json: unknown, scope: string, inherited: string, topLevel: boolean, pointer: string): Machine {
    this.machinePointers.set(scope, pointer);
    const empty: Machine = { startAt: '', states: new Map() };
    if (!isObject(json)) {
      this.report(scope, topLevel ? 'definition' : 'States', 'must be a JSON object');
      return empty;
    }
    const language = topLevel ? this.language(json, '', 'JSONPath', false) : inherited;
    const startAt = json.StartAt;
    const rawStates = json.States;
    if (typeof startAt !== 'string') this.report(scope, 'StartAt', 'is required and must be a string');
    if (!isObject(rawStates) || Object.keys(rawStates).length === 0) {
      this.report(scope, 'States', 'is required and must be a non-empty object');
      return empty;
    }
    const machine: Machine = { startAt: String(startAt ?? ''), states: new Map() };
    if (topLevel && json.TimeoutSeconds !== undefined) {
      if (isPositiveInteger(json.TimeoutSeconds)) machine.timeoutSeconds = json.TimeoutSeconds;
      else this.report('', 'TimeoutSeconds', 'must be a positive integer');
    }
    for (const [name, raw] of Object.entries(rawStates)) {
      const path = scope ? `${scope}/${name}` : name;
      this.statePointers.set(path, `${pointer}/States/${escapePointer(name)}`);
      const state = this.state(name, raw, path, language);
      if (state) machine.states.set(name, state);
    }
    if (typeof startAt === 'string' && !(startAt in rawStates)) {
      this.report(scope, 'StartAt', `names a state that does not exist: "${startAt}"`, 'MISSING_TRANSITION_TARGET');
    }
    checkTransitions(machine, scope, (state, field, message, code) => this.report(state, field, message, code));
    return machine;
  }

  /**
   * The query language of a machine or state: its own, or the one it inherits (JSONPath at the top level
   * when none is set, as on AWS). Only a state can be rejected for using JSONPath: a JSONPath top level
   * whose states all choose JSONata is valid.
   */
  private language(json: Json, path: string, inherited: string, isState: boolean): string {
    const language = json.QueryLanguage ?? inherited;
    if (language !== 'JSONata' && language !== 'JSONPath') {
      this.report(path, 'QueryLanguage', 'must be "JSONata" or "JSONPath"');
    } else if (language === 'JSONPath' && isState) {
      const why = json.QueryLanguage === undefined ? ' (the default when QueryLanguage is not set)' : '';
      this.report(path, 'QueryLanguage', `the state uses JSONPath${why}; the local runtime runs JSONata states only`);
    }
    return String(language);
  }

  private state(name: string, raw: unknown, path: string, inherited: string): State | undefined {
    if (!isObject(raw)) return void this.report(path, 'Type', 'the state must be a JSON object');
    if (name.length > 80) this.report(path, 'Type', 'a state name must be at most 80 characters', 'INVALID_STATE_NAME');
    const type = raw.Type;
    if (typeof type !== 'string' || !(type in FIELDS)) {
      return void this.report(path, 'Type', `must be one of ${Object.keys(FIELDS).join(', ')}`);
    }
    const language = this.language(raw, path, inherited, true);
    for (const field of Object.keys(raw)) {
      if (!FIELDS[type]!.includes(field)) this.report(path, field, `is not a valid field of a ${type} state with JSONata`);
    }
    const at = (field: string) => (message: string) => this.report(path, field, message);
    const template = (field: string): Template | undefined =>
      raw[field] === undefined ? undefined : compileTemplate(raw[field], at(field));
    const base = {
      name,
      end: raw.End === true,
      ...(typeof raw.Next === 'string' && { next: raw.Next }),
      ...(raw.Output !== undefined && { output: template('Output') }),
      ...(raw.Assign !== undefined && { assign: compileAssign(raw.Assign, at('Assign')) }),
    };
    if (!TERMINAL.has(type)) {
      if ((raw.Next === undefined) === (raw.End !== true)) this.report(path, 'Next', 'exactly one of Next or End is required');
      if (raw.Next !== undefined && typeof raw.Next !== 'string') this.report(path, 'Next', 'must be a string');
    }
    const recoverable = () => parseRecovery(raw, (field, message) => this.report(path, field, message));
    switch (type) {
      case 'Pass':
      case 'Succeed':
        return { ...base, type };
      case 'Task':
        if (typeof raw.HeartbeatSeconds === 'number' && typeof raw.TimeoutSeconds === 'number' && raw.HeartbeatSeconds >= raw.TimeoutSeconds) {
          this.report(path, 'HeartbeatSeconds', 'must be smaller than TimeoutSeconds');
        }
        return {
          ...base,
          type,
          ...recoverable(),
          resource: this.resource(raw, path),
          arguments: template('Arguments'),
          timeoutSeconds: this.seconds(raw, 'TimeoutSeconds', path),
          heartbeatSeconds: this.seconds(raw, 'HeartbeatSeconds', path),
        };
      case 'Choice':
        return { ...base, type, choices: this.choices(raw.Choices, path), ...(typeof raw.Default === 'string' && { default: raw.Default }) };
      case 'Wait':
        if ((raw.Seconds === undefined) === (raw.Timestamp === undefined)) this.report(path, 'Seconds', 'exactly one of Seconds or Timestamp is required');
        if (raw.Timestamp !== undefined && !isExpression(raw.Timestamp) && !isIsoOffsetDateTime(raw.Timestamp)) {
          this.report(path, 'Timestamp', 'must be an ISO-8601 extended offset date-time (2016-03-14T01:59:00Z) or a JSONata expression');
        }
        return { ...base, type, seconds: this.seconds(raw, 'Seconds', path, true), timestamp: template('Timestamp') };
      case 'Fail':
        return { ...base, type, error: template('Error'), cause: template('Cause') };
      case 'Map': {
        const processor = raw.ItemProcessor ?? raw.Iterator;
        if (processor === undefined) this.report(path, 'ItemProcessor', 'is required');
        if (isObject(processor) && isObject(processor.ProcessorConfig) && processor.ProcessorConfig.Mode === 'DISTRIBUTED') {
          this.report(path, 'ItemProcessor', 'distributed Map is not supported by the local runtime');
        }
        if (raw.Items !== undefined && !isExpression(raw.Items) && !Array.isArray(raw.Items)) {
          this.report(path, 'Items', 'must be a JSON array or a JSONata expression');
        }
        const percentage = raw.ToleratedFailurePercentage;
        if (percentage !== undefined && !isExpression(percentage) && !(typeof percentage === 'number' && percentage >= 0 && percentage <= 100)) {
          this.report(path, 'ToleratedFailurePercentage', 'must be a number from 0 to 100 or a JSONata expression');
        }
        return {
          ...base,
          type,
          ...recoverable(),
          items: template('Items'),
          itemSelector: template('ItemSelector'),
          maxConcurrency: this.seconds(raw, 'MaxConcurrency', path, true),
          toleratedFailureCount: this.seconds(raw, 'ToleratedFailureCount', path, true),
          toleratedFailurePercentage: template('ToleratedFailurePercentage'),
          processor: this.machine(
            processor,
            path,
            isObject(processor) ? String(processor.QueryLanguage ?? language) : language,
            false,
            `${this.statePointers.get(path)}/${raw.ItemProcessor === undefined ? 'Iterator' : 'ItemProcessor'}`,
          ),
        };
      }
      case 'Parallel': {
        const branches = Array.isArray(raw.Branches) ? raw.Branches : [];
        if (branches.length === 0) this.report(path, 'Branches', 'must be a non-empty array');
        return {
          ...base,
          type,
          ...recoverable(),
          arguments: template('Arguments'),
          branches: branches.map((b, i) => this.machine(b, `${path}[${i}]`, language, false, `${this.statePointers.get(path)}/Branches/${i}`)),
        };
      }
    }
    return undefined;
  }

  /**
   * A whole-number field that may also be an expression: TimeoutSeconds, HeartbeatSeconds, Seconds,
   * MaxConcurrency, ToleratedFailureCount.
   */
  private seconds(raw: Json, field: string, path: string, zeroAllowed = false): Template | undefined {
    const value = raw[field];
    if (value === undefined) return undefined;
    if (isExpression(value)) return compileTemplate(value, (m) => this.report(path, field, m));
    if (!Number.isInteger(value) || (value as number) < (zeroAllowed ? 0 : 1)) {
      this.report(path, field, `must be a ${zeroAllowed ? 'non-negative' : 'positive'} integer or a JSONata expression`);
    }
    return { kind: 'literal', value };
  }

  private resource(raw: Json, path: string): TaskResource {
    const arn = String(raw.Resource ?? '');
    const match = RESOURCE.exec(arn);
    if (!match) this.report(path, 'Resource', `unsupported resource "${arn}"; use arn:aws:states:::lambda:invoke[.waitForTaskToken]`, 'INVALID_RESOURCE');
    const args = raw.Arguments;
    if (match && !isExpression(args)) {
      const fn = isObject(args) ? args.FunctionName : undefined;
      if (fn === undefined) this.report(path, 'Arguments', 'FunctionName is required');
      else if (typeof fn === 'string' && !isExpression(fn) && this.options.hasFunction && !this.options.hasFunction(functionNameOf(fn))) {
        this.report(path, 'Arguments.FunctionName', `no local function is registered as "${functionNameOf(fn)}"`);
      }
    }
    return { arn, integration: 'lambda:invoke', waitForTaskToken: Boolean(match?.[1]) };
  }

  private choices(raw: unknown, path: string): ChoiceRule[] {
    if (!Array.isArray(raw) || raw.length === 0) {
      this.report(path, 'Choices', 'must be a non-empty array');
      return [];
    }
    return raw.map((rule: unknown, i) => {
      const at = (field: string) => (m: string) => this.report(path, `Choices[${i}].${field}`, m);
      const r = isObject(rule) ? rule : {};
      // AWS also takes a literal boolean (a rule that always or never matches).
      if (!isExpression(r.Condition) && typeof r.Condition !== 'boolean') at('Condition')('is required and must be a boolean or a JSONata expression {% ... %}');
      if (typeof r.Next !== 'string') at('Next')('is required');
      return {
        condition: compileTemplate(r.Condition, at('Condition')),
        next: String(r.Next),
        ...(r.Output !== undefined && { output: compileTemplate(r.Output, at('Output')) }),
        ...(r.Assign !== undefined && { assign: compileAssign(r.Assign, at('Assign')) }),
      };
    });
  }
}

/** `Choices[0].Next` → `Choices/0/Next`. */
function fieldPointer(field: string): string {
  return field.replace(/\[(\d+)\]/g, '/$1').replaceAll('.', '/');
}

/** RFC 6901: `~` and `/` in a name. */
function escapePointer(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}
