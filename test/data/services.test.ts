import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendEmailCommand } from '@aws-sdk/client-ses';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createSesClient } from '../../functions/mail/mailer.js';
import { createStore } from '../../functions/store/client.js';
import { ensureTable, startDynamoDbLocal } from '../../local/services/dynamodb.js';
import { clearMail, readMail, startSesEmulator } from '../../local/services/ses.js';

describe('local services', () => {
  it('stops DynamoDB Local and finds its tables and items in the data directory after a restart', { timeout: 180_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'thidua-ddb-'));
    try {
      const first = await startDynamoDbLocal({ dataDir });
      await ensureTable(first.endpoint, 'thidua');
      const store = createStore({ endpoint: first.endpoint, tableName: 'thidua' }, {});
      await store.doc.send(new PutCommand({ TableName: 'thidua', Item: { pk: 'p', sk: 's', note: 'Thi đua' } }));
      await first.stop();
      await expect(fetch(first.endpoint)).rejects.toThrow();

      const second = await startDynamoDbLocal({ dataDir });
      const again = createStore({ endpoint: second.endpoint, tableName: 'thidua' }, {});
      const { Item } = await again.doc.send(new GetCommand({ TableName: 'thidua', Key: { pk: 'p', sk: 's' } }));
      await second.stop();
      expect(Item).toEqual({ pk: 'p', sk: 's', note: 'Thi đua' });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('reads back mail sent with SES SendEmail from the emulator, by recipient, until cleared', async () => {
    const ses = await startSesEmulator();
    try {
      const client = createSesClient({ endpoint: ses.endpoint }, {});
      const send = (to: string) =>
        client.send(
          new SendEmailCommand({
            Source: 'no-reply@thidua.example.vn',
            Destination: { ToAddresses: [to] },
            Message: { Subject: { Data: 'Kết quả' }, Body: { Text: { Data: 'Xin chào' } } },
          }),
        );
      await send('a@donvi.example.vn');
      await send('b@donvi.example.vn');
      expect((await readMail(ses.endpoint, { recipient: 'A@donvi.example.vn' })).map((m) => m.subject)).toEqual(['Kết quả']);
      await clearMail(ses.endpoint);
      expect(await readMail(ses.endpoint)).toEqual([]);
    } finally {
      await ses.stop();
    }
  });
});
