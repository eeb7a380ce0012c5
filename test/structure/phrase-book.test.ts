import { describe, expect, it } from 'vitest';
import { PHRASES } from '../../functions/shared/phrases.js';

type Entry = { path: string; value: unknown };

/** Every leaf of the phrase book (a string, a function, a number…) by its dotted path. */
function leaves(value: unknown, path = ''): Entry[] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key));
  }
  return [{ path, value }];
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the phrase book', () => {
  const vi = new Map(leaves(PHRASES.vi).map((e) => [e.path, e.value]));
  const en = new Map(leaves(PHRASES.en).map((e) => [e.path, e.value]));

  it('has every Vietnamese phrase in English too, and no English phrase without its Vietnamese one', () => {
    expect([...vi.keys()].filter((path) => !en.has(path))).toEqual([]);
    expect([...en.keys()].filter((path) => !vi.has(path))).toEqual([]);
  });

  it('gives each phrase the same kind in both languages (text, or a function of the same arity)', () => {
    const kind = (value: unknown) => (typeof value === 'function' ? `function/${value.length}` : typeof value);
    expect([...vi].filter(([path, value]) => en.has(path) && kind(en.get(path)) !== kind(value)).map(([path]) => path)).toEqual([]);
  });

  it('names the same placeholders in both languages, so no {name} is left in a page', () => {
    const differing = [...vi].filter(([path, value]) => typeof value === 'string' && typeof en.get(path) === 'string' && placeholders(value).join() !== placeholders(en.get(path) as string).join());
    expect(differing.map(([path]) => path)).toEqual([]);
  });

  it('has no empty phrase in either language', () => {
    const empty = [...vi, ...en].filter(([, value]) => typeof value === 'string' && value.trim() === '').map(([path]) => path);
    expect(empty).toEqual([]);
  });
});
