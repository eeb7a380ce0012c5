import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { canonicalJson } from '../../functions/audit/canonical-json.js';
import { createSesClient } from '../../functions/mail/mailer.js';
import { buildMimeMessage } from '../../functions/mail/mime.js';
import { freshAddress, mailTo } from '../support/mail.js';

const ses = createSesClient({ endpoint: inject('sesEndpoint') }, {});
/** Printable text of any script, without line breaks (a subject, a display name, a file name). */
const line = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }).map((s) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, '').trim() || 'x');

describe('MIME messages', () => {
  it('arrive with subject, sender name, text and attachment name exactly as given', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(line, line, fc.string({ unit: 'grapheme', maxLength: 400 }), line, async (subject, name, text, filename) => {
        const to = freshAddress();
        const content = new Uint8Array([0, 1, 2, 255]);
        const raw = buildMimeMessage({
          from: `${name} <no-reply@thidua.example.vn>`,
          to,
          subject,
          text: `${text}.`,
          html: '<p>x</p>',
          attachments: [{ filename, contentType: 'application/octet-stream', content }],
          date: new Date('2026-12-01T00:00:00Z'),
        });
        await ses.send(new SendRawEmailCommand({ RawMessage: { Data: raw } }));
        const [mail] = await mailTo(to);
        expect(mail!.subject).toBe(subject);
        expect(mail!.from).toContain('no-reply@thidua.example.vn');
        expect(mail!.from).toContain(name.replace(/["\\]/g, ''));
        expect(mail!.body.text?.replace(/\r\n/g, '\n').trimEnd()).toBe(`${text}.`.replace(/\r\n/g, '\n').trimEnd());
        expect(mail!.attachments[0]!.filename).toBe(filename);
        expect(Buffer.from(mail!.attachments[0]!.content, 'base64')).toEqual(Buffer.from(content));
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a header value with a line break', () => {
    const input = { from: 'no-reply@thidua.example.vn', to: 'a@donvi.example.vn', text: '', html: '', date: new Date() };
    expect(() => buildMimeMessage({ ...input, subject: 'a\r\nBcc: victim@example.com' })).toThrow(/line break/);
    expect(() => buildMimeMessage({ ...input, subject: 's', to: 'a@b.vn\r\nBcc: victim@example.com' })).toThrow();
  });
});

describe('canonical JSON', () => {
  it('does not depend on key order and keeps the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reordered = JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        );
        expect(canonicalJson(reordered)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
