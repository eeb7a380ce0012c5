/** A mailer on the run's SES emulator, and a fresh address per test so parallel files never share mail. */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createMailer, createSesClient } from '../../functions/mail/mailer.js';
import type { Mailer, RetryPolicy } from '../../functions/mail/mailer.js';
import type { Store } from '../../functions/store/client.js';
import { freePort } from '../../local/services/process.js';
import { readMail } from '../../local/services/ses.js';

export function createTestMailer(store: Store, policy?: Partial<RetryPolicy>): Mailer {
  return createMailer({ store, ses: createSesClient({ endpoint: inject('sesEndpoint') }, {}), from: 'Thi đua <no-reply@thidua.example.vn>', policy }, {});
}

/** A mailer whose SES endpoint refuses connections: every send fails. */
export async function createFailingMailer(store: Store, policy?: Partial<RetryPolicy>): Promise<Mailer> {
  const ses = createSesClient({ endpoint: `http://127.0.0.1:${await freePort()}`, maxAttempts: 1 }, {});
  return createMailer({ store, ses, from: 'no-reply@thidua.example.vn', policy }, {});
}

export const freshAddress = (name = 'unit') => `${name}-${randomUUID().slice(0, 8)}@donvi.example.vn`;

export const mailTo = (recipient: string) => readMail(inject('sesEndpoint'), { recipient });
