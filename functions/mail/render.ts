/**
 * Renders an email of SPEC §4 in Vietnamese (default) or English, as subject, HTML and plain text.
 * One content template per kind and language (templates/vi, templates/en) is rendered twice: by an
 * HTML environment that autoescapes every value, and by a text environment with text layout and macros.
 * Dates are dd/mm/yyyy in Vietnam time.
 */
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatSittingTime, formatVietnamDate, formatVietnamTime, type FormatLang } from '../domain/format.js';
import { MailError } from './errors.js';
import { emailDataSchemas, LanguageSchema } from './kinds.js';
import type { EmailData, EmailKind, Language } from './kinds.js';
import { PHRASES } from '../shared/phrases.js';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const phrases = {
  vi: {
    brand: 'THI ĐUA – KHEN THƯỞNG',
    sentFor: 'Thư gửi thay mặt',
    leadingUnit: 'Trưởng khối',
    contact: 'Liên hệ khi cần hỏi thêm',
    footer:
      'Thư này được gửi tự động từ hệ thống Thi đua, vui lòng không trả lời. Liên kết trong thư dành riêng cho người nhận; không chuyển tiếp thư này.',
    phases: PHRASES.vi.phases,
    conferences: { pledge: 'hội nghị ký kết giao ước thi đua', midYear: 'hội nghị sơ kết 6 tháng', yearEnd: 'hội nghị tổng kết' },
  },
  en: {
    brand: 'EMULATION AND COMMENDATION',
    sentFor: 'Sent on behalf of',
    leadingUnit: 'Bloc leader',
    contact: 'Questions to',
    footer: 'This email was sent automatically by the Thi đua system; please do not reply. Its link is personal to you; do not forward it.',
    phases: PHRASES.en.phases,
    conferences: { pledge: 'pledge conference', midYear: 'mid-year review conference', yearEnd: 'year-end conference' },
  },
} as const;

const templatesDir = fileURLToPath(new URL('./templates', import.meta.url));

function environment(format: 'html' | 'text'): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([`${templatesDir}/${format}`, templatesDir]);
  const env = new nunjucks.Environment(loader, { autoescape: format === 'html', throwOnUndefined: true });
  env.addFilter('date', (iso: string) => formatVietnamDate(iso));
  env.addFilter('time', (iso: string) => formatVietnamTime(iso));
  env.addFilter('sittingTime', (iso: string, lang: FormatLang = 'vi') => formatSittingTime(iso, lang));
  return env;
}

const environments = { html: environment('html'), text: environment('text') };

/** Renders one email; the data is parsed by the kind's schema first (MailError names the bad field). */
export function renderEmail<K extends EmailKind>(kind: K, data: EmailData<K>, language: Language = 'vi'): RenderedEmail {
  const lang = LanguageSchema.parse(language);
  const parsed = emailDataSchemas[kind].safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MailError(`email ${kind}: ${issue?.path.join('.') || 'data'}: ${issue?.message}`, { cause: parsed.error });
  }
  const context = { ...parsed.data, lang, t: phrases[lang] };
  const template = `${lang}/${kind}.njk`;
  // A subject is one header line: no line breaks, whatever the data holds.
  const subject = environments.text.render(template, { ...context, part: 'subject' }).replace(/\s+/g, ' ').trim();
  const body = (format: 'html' | 'text') => environments[format].render(template, { ...context, subject, part: 'body' });
  return {
    subject,
    html: body('html').replace(/\n{2,}/g, '\n').trim(),
    text: `${tidyText(body('text'))}\n`,
  };
}

/** Plain text: no trailing spaces, at most one blank line between paragraphs. */
function tidyText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
