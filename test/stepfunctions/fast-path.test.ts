/**
 * The synchronous fast path for simple JSONata expressions: wherever it answers, jsonata 2.0.6 (the
 * evaluator Step Functions runs) answers the same; everything else it leaves to jsonata.
 */
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { compileFast, SLOW } from '../../local/stepfunctions/fast-path.js';

const RESERVED = new Set(['partition', 'range', 'hash', 'parse', 'now', 'millis', 'uuid', 'random']);

const inputs: Array<Record<string, unknown>> = [
  { n: 1, s: 'a', b: true, o: { x: 2, deep: { y: 'z' } }, list: [1, 2], one: [7], none: null },
  { n: 1.5, s: '', b: false, o: { x: 'two' }, list: [], one: [{ x: 1 }], none: null },
  { n: 1e15, s: 'ü', o: null, list: [[1], [2]] },
  { n: -0, s: '10', o: [], big: 12345678901234567 },
];

const expressions = [
  '$states.input.n',
  '$states.input.o',
  '$states.input.o.x',
  '$states.input.o.deep.y',
  '$states.input.list',
  '$states.input.one',
  '$states.input.one.x',
  '$states.input.missing',
  '$states.input.o.constructor',
  '$states.input.none',
  '$v',
  '$v.x',
  '$unset',
  '{ "n": $states.input.n + 1 }',
  '{ "a": $states.input.s, "b": $states.input.n * 2, "c": "lit", "d": 3, "e": true, "f": null }',
  '{ "a": 1, "a": 2 }',
  '{ "1": 1, "0": 0 }',
  '$states.input.n - 1',
  '$states.input.n / 0',
  '$states.input.n % 2',
  '$states.input.s + 1',
  '"u" & $states.input.n',
  '$states.input.s & $states.input.b',
  '"x" & $states.input.big',
  '"x" & $states.input.o',
  '$states.input.n = 1',
  '$states.input.s != "a"',
  '$states.input.o = $v',
  '$states.input.n < 2',
  '$states.input.s >= "a"',
  '$states.input.s < 2',
  '$states.input.list[0]',
  '$count($states.input.list)',
];

/** jsonata's result as Step Functions keeps it, or the error code. */
async function reference(source: string, bindings: Record<string, unknown>): Promise<unknown> {
  try {
    return await jsonata(source).evaluate(undefined, bindings);
  } catch (error) {
    return { error: (error as { code?: string }).code };
  }
}

describe('the JSONata fast path', () => {
  it('answers exactly as jsonata wherever it answers at all', async () => {
    let answered = 0;
    for (const source of expressions) {
      const fast = compileFast(jsonata(source).ast(), RESERVED);
      for (const input of inputs) {
        const bindings: Record<string, unknown> = { states: { input }, v: input.o };
        const value = fast ? fast((name) => bindings[name]) : SLOW;
        if (value === SLOW) continue;
        answered++;
        expect(value, `${source} on ${JSON.stringify(input)}`).toEqual(await reference(source, bindings));
      }
    }
    expect(answered).toBeGreaterThan(40);
  });

  it('takes the expressions of a typical Pass or Choice state', () => {
    for (const source of ['$states.input.items', '{ "id": $states.input.id, "label": "u" & $states.input.id }', '$states.input.score >= $threshold']) {
      expect(compileFast(jsonata(source).ast(), RESERVED), source).toBeTypeOf('function');
    }
  });

  it('leaves functions, predicates and the names Step Functions binds to jsonata', () => {
    for (const source of ['$count($states.input.list)', '$states.input.list[0]', '$uuid', '$states.input.list.{ "x": $ }', '$']) {
      expect(compileFast(jsonata(source).ast(), RESERVED), source).toBeUndefined();
    }
  });
});
