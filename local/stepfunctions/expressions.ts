/**
 * JSONata as Step Functions runs it: `{% %}` templates compiled once, evaluated with `$states` and the
 * workflow variables bound, plus the functions Step Functions adds ($partition, $range, $hash, $random,
 * $uuid, $parse). `$now`, `$millis`, `$uuid` and unseeded `$random` are recorded, so a replay after a
 * restart sees the values the first run saw.
 */
import { createHash } from 'node:crypto';
import jsonata from 'jsonata';
import type { ExpressionUses, Template } from './asl.js';
import { States, StatesError } from './errors.js';
import { compileFast, type FastLookup, SLOW } from './fast-path.js';

/** What an expression can see: `$states`, the variables in scope, and the recorder of non-deterministic values. */
export interface EvaluationScope {
  /** `$states`; the context object only when asked for, as building it costs. */
  states(withContext: boolean): Record<string, unknown>;
  variables(): Record<string, unknown>;
  /** One variable, or undefined when none of that name is in scope. */
  variable(name: string): unknown;
  /** Returns the value recorded under the next key, or makes, records and returns a new one. */
  record(make: () => unknown): unknown;
  now(): number;
  uuid(): string;
  random(): number;
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

/** Whether a definition value is a `{% %}` expression string. */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && EXPRESSION.test(value);
}

/**
 * Compiles a JSON value with `{% %}` strings into a {@link Template}; reports syntax errors through
 * `problem` and returns a literal in their place.
 */
export function compileTemplate(value: unknown, problem: (message: string) => void): Template {
  if (typeof value === 'string') {
    const match = EXPRESSION.exec(value);
    if (!match) return { kind: 'literal', value };
    const source = match[1]!.trim();
    try {
      const expression = jsonata(source);
      const uses = usesOf(source);
      const fast = uses.recorded ? undefined : compileFast(expression.ast(), BOUND_FUNCTIONS);
      return { kind: 'expression', source, expression, uses, ...(fast && { fast }) };
    } catch (error) {
      problem(`invalid JSONata expression ${JSON.stringify(source)}: ${messageOf(error)}`);
      return { kind: 'literal', value };
    }
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => compileTemplate(item, problem));
    return items.every((t) => t.kind === 'literal') ? { kind: 'literal', value } : { kind: 'array', items };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]): [string, Template] => [k, compileTemplate(v, problem)]);
    return entries.every(([, t]) => t.kind === 'literal') ? { kind: 'literal', value } : { kind: 'object', entries };
  }
  return { kind: 'literal', value };
}

function usesOf(source: string): ExpressionUses {
  return {
    context: /\bcontext\b/.test(source) || /\$states(?!\s*\.\s*(input|result|errorOutput)\b)/.test(source),
    recorded: /\$(now|millis|uuid|random)\b/.test(source),
  };
}

/**
 * Evaluates a template. An expression that fails or returns nothing raises `States.QueryEvaluationError`
 * naming the field path (`Output/value`, `Assign/x`), as AWS does; the caller adds the state. Synchronous
 * (no promise) when every expression in it takes the fast path, as most do.
 */
export function evaluate(template: Template, scope: EvaluationScope, field: string): unknown {
  switch (template.kind) {
    case 'literal':
      return template.value;
    case 'array': {
      const items: unknown[] = [];
      for (const [i, item] of template.items.entries()) {
        const value = evaluate(item, scope, `${field}/${i}`);
        if (value instanceof Promise) return settleArray(template.items, i, value, items, scope, field);
        items.push(value);
      }
      return items;
    }
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [i, [key, t]] of template.entries.entries()) {
        const value = evaluate(t, scope, `${field}/${key}`);
        if (value instanceof Promise) return settleObject(template.entries, i, value, result, scope, field);
        result[key] = value;
      }
      return result;
    }
    case 'expression': {
      if (template.fast) {
        const value = template.fast(fastLookup(scope, template.uses.context));
        if (value !== SLOW) return value;
      }
      return evaluateWithJsonata(template, scope, field);
    }
  }
}

/** The rest of an array template once one item went asynchronous. */
async function settleArray(items: Template[], from: number, pending: Promise<unknown>, done: unknown[], scope: EvaluationScope, field: string): Promise<unknown[]> {
  done.push(await pending);
  for (let i = from + 1; i < items.length; i++) done.push(await evaluate(items[i]!, scope, `${field}/${i}`));
  return done;
}

/** The rest of an object template once one entry went asynchronous. */
async function settleObject(
  entries: Array<[string, Template]>,
  from: number,
  pending: Promise<unknown>,
  done: Record<string, unknown>,
  scope: EvaluationScope,
  field: string,
): Promise<Record<string, unknown>> {
  done[entries[from]![0]] = await pending;
  for (const [key, t] of entries.slice(from + 1)) done[key] = await evaluate(t, scope, `${field}/${key}`);
  return done;
}

async function evaluateWithJsonata(template: Extract<Template, { kind: 'expression' }>, scope: EvaluationScope, field: string): Promise<unknown> {
  const about = `The JSONata expression '${template.source}' specified for the field '${field}'`;
  let raw: unknown;
  try {
    raw = await template.expression.evaluate(undefined, bindings(scope, template.uses));
  } catch (error) {
    throw queryError(field, `${about} threw an error during evaluation. ${errorText(error)}`);
  }
  if (raw === undefined) throw queryError(field, `${about} returned nothing (undefined).`);
  // A function (`$sum`, a lambda) is no JSON value; its internals must not leak into the cause.
  if (isFunction(raw)) throw queryError(field, `${about} returned an unsupported result type.`);
  return toJson(raw);
}

/** A `States.QueryEvaluationError` for a field; `location` says which. */
export class QueryEvaluationError extends StatesError {
  constructor(
    readonly location: string,
    detail: string,
  ) {
    super(States.QueryEvaluationError, detail);
  }
}

export function queryError(field: string, detail: string): QueryEvaluationError {
  return new QueryEvaluationError(field, detail);
}

/**
 * JSONata results can carry sequence flags on arrays, functions and non-finite numbers; keep plain JSON
 * only. Results that already are plain JSON (the common case) are returned as they are.
 */
function toJson(value: unknown): unknown {
  if (value === undefined || isPlainJson(value)) return value;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    // Only indices and length: no `sequence`, `keepSingleton`, ... flags.
    return Object.getOwnPropertyNames(value).length === value.length + 1 && value.every(isPlainJson);
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) if (!isPlainJson((value as Record<string, unknown>)[key])) return false;
  return true;
}

/** Variable lookup for the fast path: `$states` as jsonata would see it, other names from the scope. */
function fastLookup(scope: EvaluationScope, withContext: boolean): FastLookup {
  let states: Record<string, unknown> | undefined;
  return (name) => (name === 'states' ? (states ??= scope.states(withContext)) : scope.variable(name));
}

interface JsonataThis {
  environment: { lookup(name: string): { implementation: (...args: unknown[]) => unknown } };
}

function bindings(scope: EvaluationScope, uses: ExpressionUses): Record<string, unknown> {
  const bound = scope.variables();
  bound.states = scope.states(uses.context);
  Object.assign(bound, STATIC_FUNCTIONS);
  if (uses.recorded) Object.assign(bound, recordedFunctions(scope));
  return bound;
}

/** `$now`, `$millis`, `$uuid` and unseeded `$random`, each result recorded. */
function recordedFunctions(scope: EvaluationScope): Record<string, unknown> {
  const recordedNow = (): number => scope.record(() => scope.now()) as number;
  return {
    now(this: JsonataThis, picture?: string, timezone?: string): string {
      const ms = recordedNow();
      if (picture === undefined && timezone === undefined) return new Date(ms).toISOString();
      return this.environment.lookup('fromMillis').implementation(ms, picture, timezone) as string;
    },
    millis: recordedNow,
    uuid: () => scope.record(() => scope.uuid()),
    random: (seed?: number) => (seed === undefined ? scope.record(() => scope.random()) : seededRandom(seed)),
  };
}

/** `$partition(array, size)`: the array cut into chunks of `size`. */
function partition(array: unknown[], size: number): unknown[][] {
  if (!Array.isArray(array)) throw new Error('$partition: the first argument must be an array');
  if (!Number.isInteger(size) || size < 1) throw new Error('$partition: the size must be a positive integer');
  const chunks: unknown[][] = [];
  for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
  return chunks;
}

/** `$range(start, end, step)`: the numbers from start to end inclusive. */
function range(start: number, end: number, step: number): number[] {
  if (![start, end, step].every(Number.isFinite) || step === 0) throw new Error('$range: invalid arguments');
  const out: number[] = [];
  for (let n = start; step > 0 ? n <= end : n >= end; n += step) {
    out.push(n);
    if (out.length > 1000) throw new Error('$range: more than 1000 items');
  }
  // A JSONata sequence, as on AWS: a single number comes back unwrapped.
  return Object.defineProperty(out, 'sequence', { value: true });
}

const HASH_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** `$hash(data, algorithm)`: the hex digest. */
function hash(data: unknown, algorithm: string): string {
  const name = HASH_ALGORITHMS[algorithm];
  if (!name) throw new Error(`$hash: unsupported algorithm ${algorithm}`);
  return createHash(name)
    .update(typeof data === 'string' ? data : JSON.stringify(data))
    .digest('hex');
}

/** `$random(seed)`: deterministic for a seed (mulberry32). */
function seededRandom(seed: number): number {
  let t = (Math.trunc(seed) + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A jsonata error as AWS quotes it: `T1006: Attempted to invoke a non-function`. */
function errorText(error: unknown): string {
  const code = error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return code ? `${code}: ${messageOf(error)}` : messageOf(error);
}

/** jsonata's functions: native ones, its lambdas (`_jsonata_lambda`) and built-ins (`_jsonata_function`). */
function isFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  return value !== null && typeof value === 'object' && ('_jsonata_lambda' in value || '_jsonata_function' in value);
}

function messageOf(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return String(error);
}

/** The functions Step Functions adds that need nothing from the execution. */
const STATIC_FUNCTIONS = {
  partition,
  range,
  hash,
  parse: (text: string) => JSON.parse(text) as unknown,
};

/** Names bound to functions over any workflow variable of the same name; the fast path leaves them to jsonata. */
const BOUND_FUNCTIONS: ReadonlySet<string> = new Set([...Object.keys(STATIC_FUNCTIONS), 'now', 'millis', 'uuid', 'random']);
