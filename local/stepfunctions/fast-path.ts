/**
 * A synchronous evaluator for the simplest JSONata expressions: a path into `$states` or a variable,
 * literals, an object constructor with literal keys, arithmetic, `&`, and comparisons. jsonata 2.0.6
 * evaluates every node asynchronously (a promise per node), which is most of the cost of a Pass state.
 *
 * It is an optimisation only, never a second semantics: it handles a value only where JSONata's result
 * is provably the same (plain objects along a path, finite numbers, strings, distinct literal keys) and
 * answers {@link SLOW} for everything else (arrays inside a path, a missing field, a type JSONata would
 * reject or coerce), so the caller runs the real evaluator, which then produces JSONata's own result or
 * error text.
 */
import type { ExprNode } from 'jsonata';

/** "Ask jsonata": the value is outside what the fast path is sure about. */
export const SLOW: unique symbol = Symbol('slow');

/** What a fast expression reads: a variable (`states` included), or undefined when it is not bound. */
export type FastLookup = (name: string) => unknown;

/** A compiled fast expression. */
export type FastExpression = (lookup: FastLookup) => unknown;

/** Node fields that do not change the meaning of the node types handled here. */
const PLAIN_FIELDS = new Set(['type', 'value', 'position', 'lhs', 'rhs', 'steps']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
const COMPARISON = new Set(['<', '<=', '>', '>=']);
/** Integers JSONata's `$string` prints exactly as `String` does (it rounds to 15 significant digits). */
const EXACT_INTEGER = 1e15;

/**
 * Compiles a fast evaluator for an expression's syntax tree, or returns undefined when the tree uses
 * anything beyond the subset. `reserved` names variables that must go to jsonata (the functions Step
 * Functions binds, whose names a workflow variable cannot shadow).
 */
export function compileFast(ast: ExprNode, reserved: ReadonlySet<string>): FastExpression | undefined {
  try {
    return node(ast, reserved);
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
}

const UNSUPPORTED = Symbol('unsupported');

function plain(ast: ExprNode): void {
  for (const key of Object.keys(ast)) if (!PLAIN_FIELDS.has(key)) throw UNSUPPORTED;
}

function node(ast: ExprNode, reserved: ReadonlySet<string>): FastExpression {
  plain(ast);
  // 'path' is missing from jsonata's declared node types.
  switch (ast.type as string) {
    case 'string':
    case 'number':
    case 'value': {
      const { value } = ast as { value: unknown };
      return () => value;
    }
    case 'variable':
      return variable(ast, reserved);
    case 'path':
      return path(ast, reserved);
    case 'binary':
      return binary(ast, reserved);
    case 'unary':
      return objectConstructor(ast, reserved);
    default:
      throw UNSUPPORTED;
  }
}

function variable(ast: ExprNode, reserved: ReadonlySet<string>): FastExpression {
  const name = String(ast.value);
  // `$` is the (undefined) input; reserved names are functions.
  if (name === '' || reserved.has(name)) throw UNSUPPORTED;
  return (lookup) => {
    const value = lookup(name);
    return value === undefined ? SLOW : value;
  };
}

/** `$v.a.b`: JSONata maps over arrays met on the way and drops missing fields; only plain objects here. */
function path(ast: ExprNode, reserved: ReadonlySet<string>): FastExpression {
  const [first, ...rest] = ast.steps ?? [];
  if (!first || first.type !== 'variable' || rest.length === 0) throw UNSUPPORTED;
  const start = variable(first, reserved);
  const names = rest.map((step) => {
    plain(step);
    if (step.type !== 'name' || typeof step.value !== 'string') throw UNSUPPORTED;
    return step.value;
  });
  return (lookup) => {
    let value = start(lookup);
    for (const name of names) {
      if (!isRecord(value) || !Object.hasOwn(value, name)) return SLOW;
      value = value[name];
    }
    return value === undefined ? SLOW : value;
  };
}

function binary(ast: ExprNode, reserved: ReadonlySet<string>): FastExpression {
  const op = String(ast.value);
  const lhs = node(ast.lhs as ExprNode, reserved);
  const rhs = node(ast.rhs as ExprNode, reserved);
  if (ARITHMETIC.has(op)) {
    return (lookup) => {
      const l = lhs(lookup);
      const r = rhs(lookup);
      if (!isFiniteNumber(l) || !isFiniteNumber(r)) return SLOW;
      const result = arithmetic(op, l, r);
      return Number.isFinite(result) ? result : SLOW;
    };
  }
  if (op === '&') {
    return (lookup) => {
      const l = text(lhs(lookup));
      const r = text(rhs(lookup));
      return l === SLOW || r === SLOW ? SLOW : l + r;
    };
  }
  if (op === '=' || op === '!=') {
    return (lookup) => {
      const l = lhs(lookup);
      const r = rhs(lookup);
      if (!isPrimitive(l) || !isPrimitive(r)) return SLOW;
      return op === '=' ? l === r : l !== r;
    };
  }
  if (COMPARISON.has(op)) {
    return (lookup) => {
      const l = lhs(lookup);
      const r = rhs(lookup);
      const comparable = (isFiniteNumber(l) && isFiniteNumber(r)) || (typeof l === 'string' && typeof r === 'string');
      return comparable ? compare(op, l, r) : SLOW;
    };
  }
  throw UNSUPPORTED;
}

/** `{ "a": x, "b": y }` with distinct literal keys (JSONata raises D1009 for a repeated key). */
function objectConstructor(ast: ExprNode, reserved: ReadonlySet<string>): FastExpression {
  if (ast.value !== '{' || !Array.isArray(ast.lhs)) throw UNSUPPORTED;
  const pairs = (ast.lhs as unknown as Array<[ExprNode, ExprNode]>).map(([key, value]): [string, FastExpression] => {
    plain(key);
    if (key.type !== 'string' || key.value === '__proto__') throw UNSUPPORTED;
    return [String(key.value), node(value, reserved)];
  });
  if (new Set(pairs.map(([key]) => key)).size !== pairs.length) throw UNSUPPORTED;
  return (lookup) => {
    const result: Record<string, unknown> = {};
    for (const [key, value] of pairs) {
      const v = value(lookup);
      if (v === SLOW) return SLOW;
      result[key] = v;
    }
    return result;
  };
}

function arithmetic(op: string, l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
    default:
      return l % r;
  }
}

function compare(op: string, l: number | string, r: number | string): boolean {
  switch (op) {
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    default:
      return l >= r;
  }
}

/** The operand of `&` as JSONata's `$string` prints it, where that is certain. */
function text(value: unknown): string | typeof SLOW {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (Number.isInteger(value) && Math.abs(value as number) < EXACT_INTEGER) return String(value);
  return SLOW;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
