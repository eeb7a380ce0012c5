import { MessageRejected, SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendEmailOnce } from '../../functions/mail/compose.js';
import { createMailer } from '../../functions/mail/mailer.js';
import { getOutboxEntry } from '../../functions/mail/outbox.js';
import type { Store } from '../../functions/store/client.js';
import { createTestStore } from '../support/store.js';

/**
 * What only real SES does: refusing a message (a sandbox account sending to an unverified address, a
 * suppressed recipient). The emulator accepts everything, so this one answer is mocked at the SDK boundary.
 */
describe('the mailer, when SES refuses a message', () => {
  const ses = mockClient(SESClient);
  let store: Store;

  beforeAll(async () => {
    store = await createTestStore();
  });

  afterEach(() => ses.reset());

  it('records the refusal with its reason and schedules a retry, without throwing', async () => {
    ses.on(SendRawEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified. The following identities failed the check in region AP-SOUTHEAST-1: ubkt@tinh.gov.vn', $metadata: {} }));
    const mailer = createMailer({ store, ses: new SESClient({ region: 'ap-southeast-1' }), from: 'no-reply@thidua.example.vn' }, {});
    const key = { cycleId: 'khoi-dang-2026', kind: 'adminAlert' as const, recipient: 'ubkt@tinh.gov.vn', round: 'test' };
    const outcome = await sendEmailOnce(mailer, { ...key, data: { recipientName: 'Quản trị', title: 'Thử', detail: 'Thư thử' }, now: new Date('2026-11-22T03:00:00Z') });
    expect(outcome).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringMatching(/^MessageRejected: Email address is not verified/) });
    expect(await getOutboxEntry(store, key)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('not verified') });
  });
});
