import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../functions/web/render.js';

/**
 * Every word a page shows comes from the phrase book (functions/shared/phrases.ts and its admin chapter),
 * in both languages: a template never picks its words by language itself (`'Save' if en else 'Lưu'`,
 * `{% if lang == 'en' %}`), where one language is easily forgotten and the words drift apart.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const templatesDir = join(root, 'functions/web/templates');

function templatesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? templatesUnder(path) : entry.name.endsWith('.njk') ? [path] : [];
  });
}

/**
 * A choice made on the page's language: `if en`, `lang == 'en'`, `lang != 'vi'`, `{% set en = … %}`. The
 * running total's script choosing its number format (`document.documentElement.lang`) chooses no words.
 */
const LANGUAGE_CHOICE = /\bif\s+en\b|(?<![.\w])lang\s*[!=]==?\s*['"](?:en|vi)['"]|\{%-?\s*set\s+en\s*=/;

describe('the page templates', () => {
  it('hold no words chosen by language: every label comes from the phrase book', () => {
    const found = templatesUnder(templatesDir).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (LANGUAGE_CHOICE.test(line) ? [`${relative(root, file)}:${i + 1}: ${line.trim().slice(0, 120)}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('finds such a choice where one is written', () => {
    expect(LANGUAGE_CHOICE.test("{{ 'Save' if en else 'Lưu' }}")).toBe(true);
    expect(LANGUAGE_CHOICE.test("{{ 'Sign in' if lang == 'en' else 'Đăng nhập' }}")).toBe(true);
    expect(LANGUAGE_CHOICE.test("{% set en = lang == 'en' %}")).toBe(true);
    expect(LANGUAGE_CHOICE.test('{{ t.admin.save }}')).toBe(false);
  });

  it('renders the admin sign-in page in each language from the phrase book', () => {
    expect(renderPage('admin/signin.njk', { sent: true }, 'vi').body).toContain('Gửi liên kết đăng nhập');
    expect(renderPage('admin/signin.njk', { sent: true }, 'en').body).toContain('Email me a sign-in link');
  });
});
