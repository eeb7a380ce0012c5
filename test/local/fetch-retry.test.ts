import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DemoClient } from '../../local/simulate/client.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server that drops the first `drops` requests' connections without answering, as a closing keep-alive socket does. */
async function dropping(drops: number): Promise<string> {
  let seen = 0;
  server = createServer((request, response) => {
    if (seen++ < drops) return request.socket.destroy();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ cycles: [] }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the demo\'s and the bench\'s HTTP client', () => {
  it('sends again a request whose connection was reset before any answer, instead of ending the run', async () => {
    const client = new DemoClient(await dropping(2), 'http://127.0.0.1:1');
    expect(await client.call('GET', '/api/admin/cycles')).toEqual({ cycles: [] });
  });

  it('gives up, saying why, when the connection keeps failing', async () => {
    const client = new DemoClient(await dropping(100), 'http://127.0.0.1:1');
    await expect(client.call('GET', '/api/admin/cycles')).rejects.toThrow(/fetch failed/);
  });
});
