import { beforeAll, describe, expect, it } from 'vitest';
import { MailError } from '../../functions/mail/errors.js';
import { drainOutbox } from '../../functions/mail/drain.js';
import { composeEmail, sendEmailOnce, type SendRequest } from '../../functions/mail/compose.js';
import type { Mailer } from '../../functions/mail/mailer.js';
import { OUTBOX_TAG, claim, enqueue, getOutboxEntry, keyFromTag, listOutbox, outboxTag } from '../../functions/mail/outbox.js';
import { SesSendEventSchema, recordSendEvent } from '../../functions/mail/send-events.js';
import type { Store } from '../../functions/store/client.js';
import { getItem } from '../../functions/store/reads.js';
import { createFailingMailer, createTestMailer, freshAddress, mailTo } from '../support/mail.js';
import { createTestStore } from '../support/store.js';

let store: Store;
let mailer: Mailer;
beforeAll(async () => {
  store = await createTestStore();
  mailer = createTestMailer(store);
});

const now = new Date('2026-12-01T02:00:00Z');
/** One run of the outbox's drainer at an instant (as its schedule starts it). */
const drainAt = (sender: Mailer, at: Date) => drainOutbox(sender, { rate: 100, startedAt: at, budgetMs: 10_000 });
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const phaseOpened = (recipient: string, overrides: Partial<SendRequest<'phaseOpened'>> = {}): SendRequest<'phaseOpened'> => ({
  cycleId: 'khoi-dang-2026',
  kind: 'phaseOpened',
  recipient,
  round: 1,
  now,
  data: {
    recipientName: 'Văn phòng Tỉnh ủy',
    blocName: 'Khối các cơ quan Đảng tỉnh',
    year: 2026,
    phase: 'selfAssessment',
    link: 'https://thidua.example.vn/l/AbC',
    deadline: '2026-12-15T16:59:59.000Z',
  },
  ...overrides,
});

describe('sending email', () => {
  it('delivers a Vietnamese email with its link in HTML and plain text', async () => {
    const to = freshAddress();
    expect(await sendEmailOnce(mailer, phaseOpened(to))).toMatchObject({ status: 'sent' });
    const [mail, ...others] = await mailTo(to);
    expect(others).toEqual([]);
    expect(mail!.subject).toBe('[Khối các cơ quan Đảng tỉnh] Thi đua năm 2026: mở giai đoạn tự chấm điểm cuối năm');
    expect(mail!.from).toContain('Thi đua');
    expect(mail!.body.text).toContain('Kính gửi Văn phòng Tỉnh ủy,');
    expect(mail!.body.text).toContain('23 giờ 59 phút ngày 15/12/2026');
    expect(mail!.body.text).toContain('https://thidua.example.vn/l/AbC');
    expect(mail!.body.html).toContain('href="https://thidua.example.vn/l/AbC"');
  });

  it('sends in English when asked', async () => {
    const to = freshAddress();
    await sendEmailOnce(mailer, phaseOpened(to, { language: 'en' }));
    const [mail] = await mailTo(to);
    expect(mail!.subject).toBe('[Khối các cơ quan Đảng tỉnh] Year-end self-assessment 2026 is open');
    expect(mail!.body.text).toContain('Please complete it by 23:59 on 15/12/2026');
  });

  it('escapes what units typed in the HTML and keeps it as typed in the text', async () => {
    const to = freshAddress();
    const data = { ...phaseOpened(to).data, recipientName: 'Ban <script>alert(1)</script> & "Co"' };
    await sendEmailOnce(mailer, phaseOpened(to, { data }));
    const [mail] = await mailTo(to);
    expect(mail!.body.html).not.toContain('<script>');
    expect(mail!.body.html).toContain('Ban &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(mail!.body.text).toContain('Ban <script>alert(1)</script> & "Co"');
  });

  it('sends once when the task is retried after sending', async () => {
    const to = freshAddress();
    await sendEmailOnce(mailer, phaseOpened(to));
    expect(await sendEmailOnce(mailer, phaseOpened(to, { now: minutes(1) }))).toMatchObject({ status: 'alreadySent' });
    expect(await mailTo(to)).toHaveLength(1);
  });

  it('sends exactly one email when the task is retried after the outbox write', async () => {
    const to = freshAddress();
    // The first attempt wrote its outbox item and crashed before sending.
    const { key, ...message } = composeEmail(mailer, phaseOpened(to));
    await enqueue(store, key, message, now);
    const retries = await Promise.all([1, 2, 3].map(() => sendEmailOnce(mailer, phaseOpened(to, { now: minutes(1) }))));
    expect(retries.filter((r) => r.status === 'sent')).toHaveLength(1);
    expect(await sendEmailOnce(mailer, phaseOpened(to, { now: minutes(2) }))).toMatchObject({ status: 'alreadySent' });
    expect(await mailTo(to)).toHaveLength(1);
  });

  it('sends one email for ten concurrent sends of the same key', async () => {
    const to = freshAddress();
    await Promise.all(Array.from({ length: 10 }, () => sendEmailOnce(mailer, phaseOpened(to))));
    expect(await mailTo(to)).toHaveLength(1);
  });

  it('treats the recipient address case-insensitively', async () => {
    const to = freshAddress();
    await sendEmailOnce(mailer, phaseOpened(to));
    expect(await sendEmailOnce(mailer, phaseOpened(to.toUpperCase()))).toMatchObject({ status: 'alreadySent' });
    expect(await mailTo(to)).toHaveLength(1);
  });

  it('sends separately per round', async () => {
    const to = freshAddress();
    await sendEmailOnce(mailer, phaseOpened(to, { round: 1 }));
    await sendEmailOnce(mailer, phaseOpened(to, { round: 2 }));
    expect(await mailTo(to)).toHaveLength(2);
  });

  it('refuses incomplete email data, naming the field, and queues nothing', async () => {
    const to = freshAddress();
    const { link: _link, ...data } = phaseOpened(to).data;
    await expect(sendEmailOnce(mailer, phaseOpened(to, { data: data as never }))).rejects.toThrow(/phaseOpened: link/);
    await expect(sendEmailOnce(mailer, phaseOpened(to, { data: data as never }))).rejects.toThrow(MailError);
    expect(await getOutboxEntry(store, { cycleId: 'khoi-dang-2026', kind: 'phaseOpened', recipient: to, round: 1 })).toBeUndefined();
  });

  it('attaches files with Vietnamese names to the results email', async () => {
    const to = freshAddress();
    const content = Buffer.from('PK\u0003\u0004 bảng tổng hợp', 'utf8');
    await sendEmailOnce(mailer, {
      cycleId: 'khoi-dang-2026',
      kind: 'results',
      recipient: to,
      round: 1,
      now,
      data: {
        recipientName: 'Ban Tuyên giáo Tỉnh ủy',
        blocName: 'Khối các cơ quan Đảng tỉnh',
        year: 2026,
        status: 'approved',
        rows: [{ place: 1, unitName: 'Văn phòng Tỉnh ủy', total: '973,50', classification: 'Hoàn thành xuất sắc nhiệm vụ', award: 'Cờ thi đua' }],
        leaderName: 'Ban Tổ chức Tỉnh ủy',
      },
      attachments: [{ filename: 'Bảng tổng hợp kết quả chấm điểm 2026.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content }],
    });
    const [mail] = await mailTo(to);
    expect(mail!.subject).toBe('[Khối các cơ quan Đảng tỉnh] Kết quả thi đua năm 2026');
    expect(mail!.body.text).toContain('1 | Văn phòng Tỉnh ủy | 973,50 | Hoàn thành xuất sắc nhiệm vụ | Cờ thi đua');
    expect(mail!.body.text).toContain('Trưởng khối năm 2027: Ban Tổ chức Tỉnh ủy');
    expect(mail!.attachments).toHaveLength(1);
    expect(mail!.attachments[0]!.filename).toBe('Bảng tổng hợp kết quả chấm điểm 2026.xlsx');
    expect(Buffer.from(mail!.attachments[0]!.content, 'base64')).toEqual(content);
  });
});

describe('failed sends', () => {
  it('records a failed send and retries it after the backoff', async () => {
    const to = freshAddress();
    const failing = await createFailingMailer(store);
    const outcome = await sendEmailOnce(failing, phaseOpened(to));
    expect(outcome).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: minutes(1).toISOString() });
    const key = { cycleId: 'khoi-dang-2026', kind: 'phaseOpened' as const, recipient: to, round: 1 };
    expect(await getOutboxEntry(store, key)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/) });
    expect((await listOutbox(store, 'failed')).map((e) => e.recipient)).toContain(to);

    await drainAt(mailer, minutes(0.5));
    expect(await mailTo(to)).toHaveLength(0);
    await drainAt(mailer, minutes(1));
    expect(await getOutboxEntry(store, key)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await mailTo(to)).toHaveLength(1);
  });

  it('waits twice as long after each failure', async () => {
    const to = freshAddress();
    const failing = await createFailingMailer(store);
    await sendEmailOnce(failing, phaseOpened(to));
    await drainAt(failing, minutes(1));
    const second = await getOutboxEntry(store, { cycleId: 'khoi-dang-2026', kind: 'phaseOpened', recipient: to, round: 1 });
    expect(second).toMatchObject({ status: 'failed', attempts: 2 });
    // Two minutes after the second attempt, made a moment (the drainer's real time) after minute 1.
    expect(Date.parse(second!.dueAt) - minutes(3).getTime()).toBeGreaterThanOrEqual(0);
    expect(Date.parse(second!.dueAt) - minutes(3).getTime()).toBeLessThan(10_000);
  });

  it('gives up after the last attempt and keeps the email visible', async () => {
    const to = freshAddress();
    const failing = await createFailingMailer(store, { maxAttempts: 2 });
    await sendEmailOnce(failing, phaseOpened(to));
    await drainAt(failing, minutes(1));
    expect((await listOutbox(store, 'dead')).find((e) => e.recipient === to)).toMatchObject({ attempts: 2, lastError: expect.any(String) });
    expect(await sendEmailOnce(mailer, phaseOpened(to, { now: minutes(5) }))).toMatchObject({ status: 'dead' });
    expect(await mailTo(to)).toHaveLength(0);
  });

  it('sends an email whose sender crashed while sending, once its lease has run out', async () => {
    const to = freshAddress();
    const { key, ...message } = composeEmail(mailer, phaseOpened(to));
    await enqueue(store, key, message, now);
    await claim(store, key, now, minutes(5));
    await drainAt(mailer, minutes(4));
    expect(await mailTo(to)).toHaveLength(0);
    await drainAt(mailer, minutes(5));
    expect(await getOutboxEntry(store, key)).toMatchObject({ status: 'sent' });
    expect(await mailTo(to)).toHaveLength(1);
  });

  it('keeps no copy of a sent message, whose link belongs to the recipient alone', async () => {
    const to = freshAddress();
    await sendEmailOnce(mailer, phaseOpened(to));
    const key = { pk: 'OUTBOX#khoi-dang-2026', sk: `phaseOpened#${to}#1` };
    expect(await getItem(store, key)).not.toHaveProperty('raw');
  });

  it('sends an email whose sender crashed after the outbox write', async () => {
    const to = freshAddress();
    const request = phaseOpened(to);
    await expect(sendEmailOnce(await createFailingMailer(store), request)).resolves.toMatchObject({ status: 'failed' });
    await drainAt(mailer, minutes(2));
    expect(await mailTo(to)).toHaveLength(1);
  });
});

describe("SES's Send events", () => {
  const sendEvent = (key: { recipient: string } & Parameters<typeof outboxTag>[0], overrides: { eventType?: string; tags?: Record<string, string[]> } = {}) =>
    SesSendEventSchema.parse({
      time: minutes(1).toISOString(),
      detail: { eventType: overrides.eventType ?? 'Send', mail: { messageId: 'ses-1', destination: [key.recipient], tags: overrides.tags ?? { [OUTBOX_TAG]: [outboxTag(key)!] } } },
    });

  it('records an email SES accepted from a sender that crashed before recording it, so it is not sent again', async () => {
    const to = freshAddress();
    const { key, ...message } = composeEmail(mailer, phaseOpened(to));
    await enqueue(store, key, message, now);
    await claim(store, key, now, minutes(5));
    expect(await recordSendEvent(store, sendEvent(key))).toBe('recorded');
    await drainAt(mailer, minutes(6));
    expect(await mailTo(to)).toHaveLength(0);
    expect(await getOutboxEntry(store, key)).toMatchObject({ status: 'sent', messageId: 'ses-1' });
    expect(await getItem(store, { pk: 'OUTBOX#khoi-dang-2026', sk: `phaseOpened#${to}#1` })).not.toHaveProperty('raw');
  });

  it('changes nothing for the event of an email already recorded as sent', async () => {
    const to = freshAddress();
    const { key } = composeEmail(mailer, phaseOpened(to));
    await sendEmailOnce(mailer, phaseOpened(to));
    const before = await getOutboxEntry(store, key);
    expect(await recordSendEvent(store, sendEvent(key))).toBe('alreadySent');
    expect(await getOutboxEntry(store, key)).toEqual(before);
  });

  it('ignores events of messages without its tag, and other event types', async () => {
    const to = freshAddress();
    const { key, ...message } = composeEmail(mailer, phaseOpened(to));
    await enqueue(store, key, message, now);
    expect(await recordSendEvent(store, sendEvent(key, { tags: { campaign: ['x'] } }))).toBe('notOurs');
    expect(await recordSendEvent(store, sendEvent(key, { eventType: 'Bounce' }))).toBe('notOurs');
    expect(await recordSendEvent(store, sendEvent(key, { tags: { [OUTBOX_TAG]: ['bm90IGpzb24'] } }))).toBe('notOurs');
    expect(await getOutboxEntry(store, key)).toMatchObject({ status: 'pending' });
  });

  it('tags each message with its outbox key, within what SES allows in a tag', () => {
    const key = { cycleId: 'khoi-dang-2026', kind: 'phaseOpened' as const, recipient: 'a@b.vn', round: 'selfAssessment-3d' };
    const tag = outboxTag(key)!;
    expect(tag).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(keyFromTag(tag, 'a@b.vn')).toEqual(key);
  });
});
