/**
 * The parts of a definition shared by several states, parsed for `parseDefinition`: Retry and Catch
 * (Task, Map, Parallel) and Assign (every state, Choice rules, catchers).
 */
import type { Catcher, Retrier, Template } from './asl.js';
import { States } from './errors.js';
import { compileTemplate } from './expressions.js';

export type Json = Record<string, unknown>;

/** Reports a problem in a field of the state being parsed (`Retry[1].BackoffRate`). */
type Report = (field: string, message: string) => void;

/** Retry and Catch of a state. */
export function parseRecovery(raw: Json, report: Report): { retry: Retrier[]; catch: Catcher[] } {
  return { retry: retriers(raw.Retry, report), catch: catchers(raw.Catch, report) };
}

/** An Assign block: an object of valid variable names (not `states`) to templates. */
export function compileAssign(raw: unknown, problem: (message: string) => void): Template {
  if (!isObject(raw)) problem('must be a JSON object of variable names to values');
  for (const name of Object.keys(isObject(raw) ? raw : {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name === 'states') problem(`invalid variable name "${name}"`);
  }
  return compileTemplate(raw, problem);
}

function errorEquals(raw: unknown, field: string, isLast: boolean, report: Report): string[] {
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((e) => typeof e === 'string')) {
    report(`${field}.ErrorEquals`, 'must be a non-empty array of error names');
    return [];
  }
  if (raw.includes(States.ALL) && (raw.length > 1 || !isLast)) {
    report(`${field}.ErrorEquals`, 'States.ALL must appear alone, in the last element');
  }
  return raw as string[];
}

/** The objects of an optional array field (Retry, Catch), each with its field path and whether it is last. */
function elements(raw: unknown, name: string, report: Report): Array<{ o: Json; field: string; last: boolean }> {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    report(name, 'must be an array');
    return [];
  }
  return raw.map((item: unknown, i) => ({ o: isObject(item) ? item : {}, field: `${name}[${i}]`, last: i === raw.length - 1 }));
}

function retriers(raw: unknown, report: Report): Retrier[] {
  return elements(raw, 'Retry', report).map(({ o, field, last }): Retrier => {
    const num = (name: string, fallback: number, ok: (n: number) => boolean): number => {
      const v = o[name] ?? fallback;
      if (typeof v !== 'number' || !ok(v)) report(`${field}.${name}`, 'has an invalid value');
      return Number(v);
    };
    const jitter = o.JitterStrategy ?? 'NONE';
    if (jitter !== 'FULL' && jitter !== 'NONE') report(`${field}.JitterStrategy`, 'must be FULL or NONE');
    return {
      errorEquals: errorEquals(o.ErrorEquals, field, last, report),
      intervalSeconds: num('IntervalSeconds', 1, isPositiveInteger),
      maxAttempts: num('MaxAttempts', 3, (n) => Number.isInteger(n) && n >= 0),
      backoffRate: num('BackoffRate', 2, (n) => n >= 1),
      ...(o.MaxDelaySeconds !== undefined && { maxDelaySeconds: num('MaxDelaySeconds', 0, isPositiveInteger) }),
      jitter: jitter === 'FULL' ? 'FULL' : 'NONE',
    };
  });
}

function catchers(raw: unknown, report: Report): Catcher[] {
  return elements(raw, 'Catch', report).map(({ o, field, last }): Catcher => {
    if (typeof o.Next !== 'string') report(`${field}.Next`, 'is required');
    return {
      errorEquals: errorEquals(o.ErrorEquals, field, last, report),
      next: String(o.Next),
      ...(o.Output !== undefined && { output: compileTemplate(o.Output, (m) => report(`${field}.Output`, m)) }),
      ...(o.Assign !== undefined && { assign: compileAssign(o.Assign, (m) => report(`${field}.Assign`, m)) }),
    };
  });
}

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isPositiveInteger(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) > 0;
}
