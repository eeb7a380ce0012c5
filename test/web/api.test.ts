import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getForm } from '../../functions/store/forms.js';
import { demoTimeline } from '../../local/demo/index.js';
import { startWebStack, type WebStack } from '../support/web.js';

describe('the JSON API', () => {
  let web: WebStack;
  let bearer: { authorization: string };
  let cycleId: string;
  let timeline: ReturnType<typeof demoTimeline>;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${web.stack.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const link = async (unitId: string) => web.linkFor(`${unitId}@dangbo.thidua.local`, /mở giai đoạn tự chấm điểm/);

  beforeAll(async () => {
    web = await startWebStack();
    const signIn = await call('POST', `/api/signin/${web.stack.adminSignInUrl.split('/').at(-1)}`, {});
    bearer = { authorization: `Bearer ${((await signIn.json()) as { sessionId: string }).sessionId}` };
    timeline = demoTimeline(web.stack.clock.now());
    const started = await call('POST', '/api/admin/cycles', { blocIds: ['khoi-dang'], timeline }, bearer);
    ({ cycleId } = ((await started.json()) as { cycles: [{ cycleId: string }] }).cycles[0]);
    await web.stack.idle();
  }, 60_000);

  afterAll(() => web?.stop());

  it('refuses admin endpoints without a session', async () => {
    const response = await call('GET', '/api/admin/cycles');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'signIn' } });
  });

  it('names the body when it is not JSON', async () => {
    const response = await call('POST', `/api/links/${await link('vp-tinh-uy')}`, '{"intent": "submit", ');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'badRequest', fields: [{ path: 'body' }] } });
  });

  it('rejects a choice outside its options in words, not by its raw values, in Vietnamese and English, recording nothing', async () => {
    const body = { unitId: 'ubkt', eligibility: { eligible: 'maybe', reason: 'discipline', note: 'x' } };
    for (const [lang, words] of [['vi', 'hãy chọn một trong các mục có sẵn'], ['en', 'choose one of the options offered']]) {
      const response = await call('POST', `/api/admin/cycles/${cycleId}/eligibility?lang=${lang}`, body, bearer);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { fields: [{ path: 'eligibility.eligible', message: words }] } });
    }
    const audit = (await (await call('GET', `/api/admin/cycles/${cycleId}/audit`, undefined, bearer)).json()) as { events: Array<{ action: string }> };
    expect(audit.events.map((e) => e.action)).not.toContainEqual(expect.stringMatching(/eligib/i));
  });

  it('refuses a POST that is not application/json', async () => {
    const response = await fetch(`${web.stack.url}/api/links/${await link('vp-tinh-uy')}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { fields: [{ path: 'content-type' }] } });
  });

  it('names each field of a malformed form and stores nothing', async () => {
    const id = await link('ban-to-chuc');
    const response = await call('POST', `/api/links/${id}`, { intent: 'submit', data: { scores: { 'I.1': { points: 'many' }, 'X.9': { points: 1 } } } });
    const { error } = (await response.json()) as { error: { fields: { path: string }[] } };
    expect(response.status).toBe(400);
    expect(error.fields.map((f) => f.path)).toEqual(expect.arrayContaining(['scores.I.1.points', 'scores.X.9', 'scores.I.2']));
    expect(await getForm(web.stack.store, { cycleId, phase: 'selfAssessment', round: 1, unitId: 'ban-to-chuc' })).toBeUndefined();
  });

  it('starts many blocs in one request and answers for each in the order asked, naming the one that cannot start', async () => {
    const blocIds = ['khong-co-khoi', 'khoi-dang', 'khong-co-khoi-2'];
    const response = await call('POST', '/api/admin/cycles', { blocIds, timeline }, bearer);
    const { cycles } = (await response.json()) as { cycles: { blocId: string; cycleId?: string; error?: { message: string } }[] };
    expect(cycles.map((c) => c.blocId)).toEqual(blocIds);
    expect(cycles[1]).toMatchObject({ cycleId }); // started before with the same timeline: found again
    // The answer for the bloc names it by its blocId; its message says what is wrong.
    expect(cycles[0]).toMatchObject({ blocId: 'khong-co-khoi', error: { message: expect.stringMatching(/^Không tìm thấy khối thi đua này/) } });
  });

  it('reads a link as JSON: the unit, the window, the sheet', async () => {
    const response = await call('GET', `/api/links/${await link('ban-dan-van')}`);
    expect(await response.json()).toMatchObject({ phase: 'selfAssessment', unitId: 'ban-dan-van', open: true, sheet: { standardMaxPoints: 1000 } });
  });

  it('reports the cycle with its phases and who has acted', async () => {
    const response = await call('GET', `/api/admin/cycles/${cycleId}`, undefined, bearer);
    const body = (await response.json()) as { phases: { phase: string; actors: { state: string }[] }[] };
    expect(body.phases[0]).toMatchObject({ phase: 'selfAssessment' });
    expect(body.phases[0]!.actors).toHaveLength(9);
  });

  it('answers an unknown cycle with 404 naming it', async () => {
    const response = await call('GET', '/api/admin/cycles/khong-co-2026', undefined, bearer);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { fields: [{ path: 'cycleId' }] } });
  });
});
