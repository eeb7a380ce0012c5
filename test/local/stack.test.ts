import { SESClient, SendEmailCommand, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCycle } from '../../functions/cycle/admin.js';
import { headObject, writeObject } from '../../functions/files/storage.js';
import { depsFromEnv } from '../../functions/shared/deps.js';
import { phaseInstants } from '../../functions/domain/index.js';
import { resolveLink } from '../../functions/links/links.js';
import { composeEmail } from '../../functions/mail/compose.js';
import { OUTBOX_TAG, claim, enqueue, getOutboxEntry, outboxTag } from '../../functions/mail/outbox.js';
import { getBloc, getSheetVersion } from '../../functions/store/blocs.js';
import { takeLease } from '../../functions/store/leases.js';
import { getMigrationRecords } from '../../functions/store/migrations.js';
import { listOpenTasks } from '../../functions/store/tasks.js';
import { MIGRATIONS } from '../../functions/cycle/migrate.js';
import { StoredBlocSchema } from '../../functions/admin/settings.js';
import { DEMO_BLOC_ID, demoCycleConfig } from '../../local/demo/index.js';
import { readMail } from '../../local/services/ses.js';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack.js';
import { rawRequest } from '../support/raw-http.js';
import { isLoopback, listeningSockets, processTree } from '../support/sockets.js';

const DAY_MS = 24 * 60 * 60 * 1000;
let dataDir: string;
let stack: LocalStack;
async function sendMail(endpoint: string, to: string, subject: string) {
  const ses = new SESClient({ endpoint, region: 'ap-southeast-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ses.send(new SendEmailCommand({ Source: 'no-reply@thidua.local', Destination: { ToAddresses: [to] }, Message: { Subject: { Data: subject }, Body: { Text: { Data: 'x' } } } }));
  ses.destroy();
}

const options = (): LocalStackOptions => ({ dataDir, port: 0, demoTools: true, log: () => {} });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'thidua-stack-'));
  stack = await startLocalStack(options());
});
afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => fetch(`${stack.url}${path}`, init);
/** The token scripts read from `GET /_local/clock` and send back on every POST. */
const demoToken = async () => ((await (await get('/_local/clock')).json()) as { token: string }).token;
const advance = async (body: unknown, contentType = 'application/json', headers: Record<string, string> = {}) =>
  get('/_local/clock/advance', { method: 'POST', headers: { 'content-type': contentType, 'x-demo-token': await demoToken(), ...headers }, body: JSON.stringify(body) });

describe('the local stack', () => {
  it('answers GET /health once every service is ready', async () => {
    const response = await get('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true });
  });

  it('loads the demo bloc, its rules and its sheet into an empty table', async () => {
    expect(stack.seeded).toBe(true);
    const { data } = await getBloc(stack.store, DEMO_BLOC_ID, StoredBlocSchema);
    expect(data.units).toHaveLength(9);
    expect(data).toMatchObject({ headerStyle: 'party', leaderUnitId: 'vp-tinh-uy' });
    expect(data.units[0]).toMatchObject({ name: 'Văn phòng Tỉnh ủy', email: 'vp-tinh-uy@dangbo.thidua.local' });
    const sheet = await getSheetVersion(stack.store, { blocId: DEMO_BLOC_ID, ...data.sheet });
    expect(sheet.data).toMatchObject({ standardMaxPoints: 1000 });
  });

  it('runs the data migrations through the catalog\'s migrate function at start, as a deploy does, and records each', async () => {
    const records = await getMigrationRecords(stack.store, MIGRATIONS.map((m) => m.name));
    expect(records.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    for (const record of records) expect(Date.parse(record.ranAt)).toBeLessThanOrEqual(stack.clock.now());
  });

  it('issues a sign-in link for the first admin', async () => {
    const id = stack.adminSignInUrl.match(/\/signin\/([A-Za-z0-9_-]{43})$/)?.[1];
    expect(stack.adminSignInUrl.startsWith(`${stack.publicUrl}/signin/`)).toBe(true);
    const link = await resolveLink(stack.store, id!, new Date(stack.clock.now()), { purpose: 'adminSignIn' });
    expect(link).toMatchObject({ email: 'admin@thidua.local', singleUse: true });
  });

  it('serves the mail viewer at the printed address', async () => {
    const response = await fetch(stack.mailViewerUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('refuses a second stack on the same data directory', async () => {
    await expect(startLocalStack(options())).rejects.toThrow(/another local stack \(process \d+\) is using/);
    expect((await get('/health')).status).toBe(200);
  });

  it('moves the local clock forward through the demo tools, and never back', async () => {
    const before = stack.clock.now();
    const response = await advance({ days: 1 });
    expect(response.status).toBe(200);
    const { now } = (await response.json()) as { now: string };
    expect(Date.parse(now) - before).toBeGreaterThanOrEqual(DAY_MS);
    const clock = (await (await get('/_local/clock')).json()) as { now: string; offsetMs: number };
    expect(clock.offsetMs).toBeGreaterThanOrEqual(DAY_MS - 1000);
    const back = await advance({ to: new Date(before).toISOString() });
    expect(back.status).toBe(400);
    expect(await back.json()).toEqual({ message: expect.stringMatching(/^to: .*forward/) });
    expect((await advance({ days: 'two' })).status).toBe(400);
    expect((await advance({ days: 1 }, 'text/plain')).status).toBe(415);
  });

  it('answers jumps requested at the same moment without a server error: done, or refused as already passed', async () => {
    const before = stack.clock.now();
    const targets = [3, 1, 2, 1, 3, 2].map((hours) => new Date(before + hours * 3_600_000).toISOString());
    const responses = await Promise.all(targets.map(async (to) => ({ status: (await advance({ to }).then(async (r) => [r.status, await r.json()] as const)) })));
    for (const { status: [code, body] } of responses) {
      if (code !== 200) expect([code, body]).toEqual([400, { message: expect.stringMatching(/^to: .*forward/) }]);
    }
    expect(stack.clock.now()).toBeGreaterThanOrEqual(before + 3 * 3_600_000);
  });

  it('refuses a jump posted without the page\'s token and cookie', async () => {
    const before = stack.clock.now();
    const to = new Date(before + DAY_MS).toISOString();
    const forged = await get('/_local/jump', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=x&to=${to}` });
    expect(forged.status).toBe(403);
    const page = await get('/_local');
    const token = (await page.text()).match(/name="token" value="([^"]+)"/)?.[1];
    const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(page.headers.getSetCookie()[0]).toMatch(/SameSite=Strict/);
    const jumped = await get('/_local/jump', { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: `token=${token}&to=${to}` });
    expect(jumped.status).toBe(303);
    expect(stack.clock.now()).toBeGreaterThanOrEqual(before + DAY_MS);
  });

  it('refuses the demo tools to another host name, to another site\'s page and to a POST without the token', async () => {
    const before = stack.clock.now();
    const rebound = await rawRequest(`${stack.url}/_local/clock`, { headers: { host: `attacker.example:${stack.ports.http}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.text).not.toMatch(/"token"/);
    expect((await advance({ days: 1 }, 'application/json', { origin: 'https://attacker.example' })).status).toBe(403);
    const tokenless = await get('/_local/clock/advance', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"days":1}' });
    expect(tokenless.status).toBe(403);
    expect((await rawRequest(`${stack.url}/_local/signin`, { method: 'POST', headers: { host: 'attacker.example' } })).status).toBe(403);
    expect(stack.clock.now() - before).toBeLessThan(DAY_MS);
  });

  it('listens on loopback only: every socket of the stack and of its services', () => {
    const sockets = listeningSockets(processTree(process.pid));
    for (const port of Object.values(stack.ports)) expect(sockets.map((s) => s.port)).toContain(port);
    expect(sockets.filter((s) => !isLoopback(s.address))).toEqual([]);
  });

  it('keeps the mail viewer to its own page: a POST from another site or naming another host is refused, and the mail stays', async () => {
    await sendMail(stack.endpoints.ses, 'viewer@thidua.local', 'Kept');
    const fromElsewhere = await fetch(`${stack.endpoints.ses}/clear-store`, { method: 'POST', headers: { origin: 'https://attacker.example' } });
    expect(fromElsewhere.status).toBe(403);
    const rebound = await rawRequest(`${stack.endpoints.ses}/store`, { headers: { host: 'attacker.example' } });
    expect(rebound.status).toBe(403);
    expect(await readMail(stack.endpoints.ses, { recipient: 'viewer@thidua.local' })).toHaveLength(1);
    const fromViewer = await fetch(`${stack.endpoints.ses}/store`, { headers: { origin: new URL(stack.mailViewerUrl).origin } });
    expect(fromViewer.status).toBe(200);
  });

  it('records what SES accepted from a sender that died before recording it, and does not send it again', async () => {
    const deps = depsFromEnv();
    const now = new Date(stack.clock.now());
    const request = { cycleId: 'system', kind: 'adminSignIn', recipient: 'admin-2@thidua.local', round: `crash-${now.getTime()}`, now, data: { recipientName: 'Quản trị', link: `${stack.publicUrl}/signin/x`, expiresAt: new Date(now.getTime() + DAY_MS).toISOString() } } as const;
    const { key, subject, raw } = composeEmail(deps.mailer, request);
    await enqueue(stack.store, key, { subject, raw }, now);
    const claimed = (await claim(stack.store, key, now, new Date(now.getTime() + 5 * 60_000)))!;
    // The sender's SendRawEmail reaches SES; the sender dies before it records the answer.
    await deps.mailer.ses.send(new SendRawEmailCommand({ Destinations: [key.recipient], RawMessage: { Data: claimed.raw }, Tags: [{ Name: OUTBOX_TAG, Value: outboxTag(key)! }] }));

    await stack.advanceClock(now.getTime() + 10 * 60_000); // the lease has run out; the sweep retries what is due
    expect(await readMail(stack.endpoints.ses, { recipient: key.recipient })).toHaveLength(1);
    expect(await getOutboxEntry(stack.store, key)).toMatchObject({ status: 'sent' });
  });

  it('sends at the next start what a sender killed before SES answered had claimed, without waiting out its lease', { timeout: 120_000 }, async () => {
    const deps = depsFromEnv();
    const now = new Date(stack.clock.now());
    const request = { cycleId: 'system', kind: 'adminSignIn', recipient: 'admin-3@thidua.local', round: `killed-${now.getTime()}`, now, data: { recipientName: 'Quản trị', link: `${stack.publicUrl}/signin/x`, expiresAt: new Date(now.getTime() + DAY_MS).toISOString() } } as const;
    const { key, subject, raw } = composeEmail(deps.mailer, request);
    await enqueue(stack.store, key, { subject, raw }, now);
    await claim(stack.store, key, now, new Date(now.getTime() + 5 * 60_000)); // the sender dies here

    const { ports } = stack;
    await stack.stop();
    stack = await startLocalStack({ ...options(), port: ports.http, ports: { dynamodb: ports.dynamodb, ses: ports.ses, stepfunctions: ports.stepfunctions, s3: ports.s3 } });
    await stack.advanceClock(stack.clock.now() + 1000); // a sweep (its event's time is whole seconds)
    expect(stack.clock.now() - now.getTime()).toBeLessThan(5 * 60_000);
    expect(await readMail(stack.endpoints.ses, { recipient: key.recipient })).toHaveLength(1);
    expect(await getOutboxEntry(stack.store, key)).toMatchObject({ status: 'sent' });
  });

  let config: Awaited<ReturnType<typeof demoCycleConfig>>;
  it('continues a running cycle after a restart, keeping the mail and the files: the jump to its opening sends the phase emails', { timeout: 120_000 }, async () => {
    config = await demoCycleConfig(stack.store, stack.clock.now() + DAY_MS, ['admin@thidua.local']);
    const deps = depsFromEnv();
    await startCycle(deps, config, { actor: 'admin:admin@thidua.local', at: new Date(stack.clock.now()) });
    await stack.idle();
    const tools = (await (await get('/_local/clock')).json()) as { cycles: { cycleId: string; next?: { at: string } }[] };
    const opensAt = phaseInstants(config.timeline.selfAssessment).opensAt;
    expect(tools.cycles).toContainEqual(expect.objectContaining({ cycleId: `${DEMO_BLOC_ID}-${config.timeline.year}`, next: expect.objectContaining({ at: opensAt }) }));

    await sendMail(stack.endpoints.ses, 'ban-tdkt@thidua.local', 'Sent before the restart');
    await writeObject(deps.files, 'files/restart/kept', Buffer.from('kept'), 'text/plain');
    const { ports } = stack;
    await stack.stop();
    stack = await startLocalStack({ ...options(), port: ports.http, ports: { dynamodb: ports.dynamodb, ses: ports.ses, stepfunctions: ports.stepfunctions, s3: ports.s3 } });
    expect(stack.seeded).toBe(false);
    expect(await readMail(stack.endpoints.ses, { recipient: 'vp-tinh-uy@dangbo.thidua.local' })).toEqual([]);
    expect((await readMail(stack.endpoints.ses, { recipient: 'ban-tdkt@thidua.local' })).map((m) => m.subject)).toEqual(['Sent before the restart']);
    expect(await headObject(deps.files, 'files/restart/kept')).toMatchObject({ size: 4 }); // the files under .data/s3/, on the same port

    await stack.advanceClock(Date.parse(opensAt));
    const mail = await readMail(stack.endpoints.ses, { recipient: 'vp-tinh-uy@dangbo.thidua.local' });
    expect(mail.map((m) => m.subject)).toContainEqual(expect.stringMatching(/mở giai đoạn tự chấm điểm/));
    expect(mail[0]!.body.text).toContain(`${stack.publicUrl}/l/`);
  });

  it('passes at the next start the deadline a sweep killed on the cycle was passing, without waiting out its lease', { timeout: 120_000 }, async () => {
    const cycleId = `${DEMO_BLOC_ID}-${config.timeline.year}`;
    const { deadlineAt } = phaseInstants(config.timeline.selfAssessment);
    // A sweep takes the cycle's lease (10 minutes) at the deadline and dies with the stack: until then the
    // other sweeps leave the cycle to it, and its units' waits stay open past their deadline.
    await stack.advanceClock(Date.parse(deadlineAt) - 60_000);
    expect(await takeLease(stack.store, `sweep.${cycleId}`, 'killed-sweep', new Date(stack.clock.now()).toISOString(), new Date(Date.parse(deadlineAt) + 10 * 60_000).toISOString())).toBe(true);
    await stack.advanceClock(Date.parse(deadlineAt) + 60_000);
    expect((await listOpenTasks(stack.store, cycleId, 'selfAssessment')).length).toBeGreaterThan(0);

    const { ports } = stack;
    await stack.stop();
    stack = await startLocalStack({ ...options(), port: ports.http, ports: { dynamodb: ports.dynamodb, ses: ports.ses, stepfunctions: ports.stepfunctions, s3: ports.s3 } });
    await stack.advanceClock(stack.clock.now() + 1000); // a sweep
    expect(stack.clock.now()).toBeLessThan(Date.parse(deadlineAt) + 10 * 60_000);
    expect(await listOpenTasks(stack.store, cycleId, 'selfAssessment')).toEqual([]);
  });
});
