/**
 * Server-rendered pages: nunjucks with autoescaping on, so every value is escaped unless a template says
 * otherwise (none does). Pages work without JavaScript; a small script only adds the running total.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { CLASSIFICATION_LABELS, formatPoints, formatVietnamDate, VIETNAM_UTC_OFFSET_MS } from '../domain/index.js';
import type { Lang } from './http.js';
import { PHRASES } from './phrases.js';

const templatesDir = fileURLToPath(new URL('./templates', import.meta.url));
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir), { autoescape: true, throwOnUndefined: false });
env.addFilter('date', (iso: string | undefined) => (iso ? formatVietnamDate(Date.parse(iso)) : ''));
env.addFilter('datetime', (iso: string | undefined) =>
  iso ? `${new Date(Date.parse(iso) + VIETNAM_UTC_OFFSET_MS).toISOString().slice(11, 16)} ${formatVietnamDate(Date.parse(iso))}` : '',
);
env.addFilter('points', (hundredths: number, lang: Lang = 'vi') => formatPoints(hundredths, lang));
env.addFilter('classification', (key: keyof typeof CLASSIFICATION_LABELS, lang: Lang = 'vi') => CLASSIFICATION_LABELS[key]?.[lang] ?? key);

/** Content-Security-Policy for a page whose only inline style and script carry `nonce`. */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
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

/** Renders a page template with the phrases of `lang` and a fresh nonce for its inline style and script. */
export function renderPage(template: string, context: Record<string, unknown>, lang: Lang): Rendered {
  const nonce = randomBytes(16).toString('base64');
  const body = env.render(template, { ...context, lang, t: PHRASES[lang], nonce });
  return { body, csp: contentSecurityPolicy(nonce) };
}
