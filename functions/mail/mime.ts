/**
 * A MIME message (RFC 5322/2045/2047/2231) for SES SendRawEmail: text and HTML alternatives, optional
 * attachments, UTF-8 everywhere. Bodies are base64, so no line of user text can break the structure;
 * header values are checked for line breaks, so no data can add a header.
 */
import { randomBytes } from 'node:crypto';
import { MailError } from './errors.js';

export interface Attachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface MimeInput {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: Attachment[];
  date: Date;
}

const CRLF = '\r\n';

/** Builds the raw message bytes. */
export function buildMimeMessage(input: MimeInput): Buffer {
  const alternative = multipart('alternative', [
    part({ 'Content-Type': 'text/plain; charset=UTF-8' }, Buffer.from(input.text, 'utf8')),
    part({ 'Content-Type': 'text/html; charset=UTF-8' }, Buffer.from(input.html, 'utf8')),
  ]);
  const body = input.attachments?.length
    ? multipart('mixed', [alternative, ...input.attachments.map(attachmentPart)])
    : alternative;
  const headers = [
    `From: ${address(input.from)}`,
    `To: ${address(input.to)}`,
    `Subject: ${encodeWords(headerValue(input.subject))}`,
    `Date: ${input.date.toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
  ];
  return Buffer.from(headers.join(CRLF) + CRLF + body, 'utf8');
}

/** A part: its own headers, a blank line, and the body (base64 unless given as text). */
function part(headers: Record<string, string>, content: Buffer | string): string {
  const isText = typeof content === 'string';
  const all = isText ? headers : { ...headers, 'Content-Transfer-Encoding': 'base64' };
  const lines = Object.entries(all).map(([name, value]) => `${name}: ${value}`);
  const body = isText ? content : (content.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);
  return lines.join(CRLF) + CRLF + CRLF + body;
}

function multipart(subtype: 'alternative' | 'mixed', parts: string[]): string {
  const boundary = `=_thidua_${randomBytes(12).toString('hex')}`;
  const inner = parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('') + `--${boundary}--`;
  return part({ 'Content-Type': `multipart/${subtype}; boundary="${boundary}"` }, inner);
}

function attachmentPart(attachment: Attachment): string {
  const name = headerValue(attachment.filename);
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return part(
    {
      'Content-Type': `${headerValue(attachment.contentType)}; name="${ascii}"`,
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`,
    },
    Buffer.from(attachment.content),
  );
}

/** "Name <addr>" or "addr", with a non-ASCII display name encoded (RFC 2047). */
function address(value: string): string {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(headerValue(value));
  if (!match) {
    if (!/^[^\s<>",;]+@[^\s<>",;]+$/.test(value)) throw new MailError(`not an email address: ${JSON.stringify(value)}`);
    return value;
  }
  const [, raw = '', email = ''] = match;
  // Quotes and backslashes would need escaping inside a quoted name; a display name does without them.
  const name = raw.replace(/["\\]/g, '');
  if (name === '') return email;
  return `${/^[\x20-\x7e]*$/.test(name) ? `"${name}"` : encodeWords(name)} <${email}>`;
}

/** Header values are one line: a line break in data must never start a new header. */
function headerValue(value: string): string {
  if (/[\r\n]/.test(value)) throw new MailError('a header value contains a line break');
  return value;
}

/** RFC 2047 B-encoded words of at most 75 characters, folded; plain ASCII stays as it is. */
function encodeWords(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}
