import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateIssue } from '../../functions/web/i18n.js';

/** A sample for a `${…}` in a message: a date where the message names one (a deadline, an opening, today), a phase, else a number. */
const sample = (expression: string) => (/deadlineOn|opensOn|today/.test(expression) ? '2026-12-05' : /present/.test(expression) ? 'selfAssessment' : /step/.test(expression) ? '0.25' : '2');

/**
 * Every `error:` / `message:` literal of the schemas (the files of functions/domain and functions/web that
 * import zod), with each `${…}` filled by a sample: what a person can be shown beside a field.
 */
function schemaMessages(): string[] {
  const files = ['functions/domain', 'functions/web'].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'i18n.ts').map((f) => join(dir, f)));
  const messages = files.flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    if (!/from 'zod'/.test(source)) return [];
    return [...source.matchAll(/\b(?:error|message):\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) => m[2]!);
  });
  // A message composed of another (`${bloc}: ${message}`) is not a literal of its own.
  return [...new Set(messages.filter((m) => !m.startsWith('${')).map((m) => m.replace(/\$\{([^}]*)\}/g, (_, e: string) => sample(e))))];
}

describe('the schemas\' messages, in Vietnamese', () => {
  const messages = schemaMessages();

  it('has a Vietnamese sentence for every message a schema can give', () => {
    // The collector found the schemas' messages (the receipt code's among them), not an empty list.
    expect(messages.length).toBeGreaterThan(60);
    expect(messages).toContain('must be a receipt code of 24 letters and digits');
    expect(messages.filter((m) => translateIssue(m, 'vi') === m)).toEqual([]);
  });

  it('writes the step a score must be a multiple of as Vietnamese writes numbers (0,25)', () => {
    expect(translateIssue('must be a multiple of 0.25', 'vi')).toBe('phải là bội số của 0,25');
  });

  it('names the choices of an enum in words, not its raw values', () => {
    expect(translateIssue('Invalid option: expected one of "discipline"|"investigation"|"inspection"|"complaint"|"other"', 'vi')).toBe('hãy chọn một trong các mục có sẵn');
  });
});
