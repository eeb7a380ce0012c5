/**
 * Server-rendered pages: nunjucks with autoescaping on, so every value is escaped unless a template says
 * otherwise (none does). Pages work without JavaScript; a small script only adds the running total.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { CLASSIFICATION_LABELS, sectionCountedMax, formatInputNumber, formatLocalDate, formatNumber, formatPoints, formatVietnamDate, formatVietnamDateTime } from '../domain/index.js';
import type { Lang } from './http.js';
import { PHRASES } from '../shared/phrases.js';

const templatesDir = fileURLToPath(new URL('./templates', import.meta.url));
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir), { autoescape: true, throwOnUndefined: false });
// Every number and date a page shows goes through functions/domain/format.ts, as in emails and documents.
env.addFilter('date', (iso: string | undefined) => (iso ? formatVietnamDate(iso) : ''));
env.addFilter('localDate', (date: string | undefined) => (date ? formatLocalDate(date) : ''));
env.addFilter('datetime', (iso: string | undefined) => (iso ? formatVietnamDateTime(iso) : ''));
env.addFilter('points', (hundredths: number, lang: Lang = 'vi') => formatPoints(hundredths, lang));
// What a form field shows back: a stored number formatted for typing, what the person typed as typed.
env.addFilter('typed', (value: unknown, lang: Lang = 'vi') => (typeof value === 'number' ? formatInputNumber(value, lang) : (value ?? '')));
env.addFilter('number', (value: number | undefined, lang: Lang = 'vi') => (value === undefined || value === null ? '' : formatNumber(value, lang)));
env.addFilter('countedMax', (section: Parameters<typeof sectionCountedMax>[1], sheet: Parameters<typeof sectionCountedMax>[0]) => sectionCountedMax(sheet, section));
env.addFilter('classification', (key: keyof typeof CLASSIFICATION_LABELS, lang: Lang = 'vi') => CLASSIFICATION_LABELS[key]?.[lang] ?? key);

/** Content-Security-Policy for a page whose only inline style and script carry `nonce`. */
export function contentSecurityPolicy(nonce: string, connectTo: readonly string[] = []): string {
  return [
    "default-src 'none'",
    ...(connectTo.length ? [`connect-src 'self' ${connectTo.join(' ')}`] : []),
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export interface Rendered {
  body: string;
  csp: string;
}

/**
 * Renders a page template with the phrases of `lang` and a fresh nonce for its inline style and script;
 * `connectTo` names the origins its script may send to besides the site (the files' storage, for uploads).
 */
export function renderPage(template: string, context: Record<string, unknown>, lang: Lang, connectTo: readonly string[] = []): Rendered {
  const nonce = randomBytes(16).toString('base64');
  const body = env.render(template, { ...context, lang, t: PHRASES[lang], nonce });
  return { body, csp: contentSecurityPolicy(nonce, connectTo) };
}
