/**
 * Concurrency drill: many identical requests at the same instant, as a double click or a retrying
 * script sends them, have exactly one effect — one stored submission, one audit event, one email.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phaseInstants } from '../../functions/domain/index.js';
import { demoTimeline } from '../../local/demo/index.js';
import { DemoClient } from '../../local/simulate/client.js';
import { simulate } from '../../local/simulate/simulate.js';
import { startWebStack, type WebStack } from '../support/web.js';

interface AuditEvents {
  events: Array<{ actor: string; action: string; target: string }>;
  verification: { ok: boolean };
}

/** Sends `count` identical POSTs at once; returns each answer's status and body. */
async function burst(url: string, body: unknown, count: number): Promise<Array<{ status: number; body: { duplicate?: boolean; error?: { code: string } } }>> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as { duplicate?: boolean; error?: { code: string } } };
    }),
  );
}

describe('the concurrency drill', () => {
  let web: WebStack;
  let client: DemoClient;
  const audit = (cycleId: string) => client.call<AuditEvents>('GET', `/api/admin/cycles/${cycleId}/audit`);
  const byPeople = (events: AuditEvents['events']) => events.filter((e) => e.actor !== 'workflow');

  beforeAll(async () => {
    web = await startWebStack();
    client = new DemoClient(web.stack.url, web.stack.endpoints.ses);
    await client.signIn(web.stack.adminSignInUrl);
  }, 60_000);
  afterAll(() => web?.stop());

  it('stores one of 200 identical submissions of one form at the same instant, and sends one receipt', async () => {
    const timeline = demoTimeline(await client.now());
    const { cycles } = await client.call<{ cycles: [{ cycleId: string }] }>('POST', '/api/admin/cycles', { blocIds: ['khoi-dang'], timeline });
    const cycleId = cycles[0].cycleId;
    await client.jumpTo(Date.parse(phaseInstants(timeline.selfAssessment).opensAt) + 60_000);
    const unit = 'vp-tinh-uy@dangbo.thidua.local';
    const [link] = (await client.mailbox()).links(unit, /mở giai đoạn tự chấm điểm/);
    const view = await client.call<{ sheet: { sections: Array<{ criteria: Array<{ code: string; maxPoints: number; kind: string }> }> } }>('GET', `/api/links/${link}`);
    const scores = Object.fromEntries(view.sheet.sections.flatMap((s) => s.criteria).map((c) => [c.code, { points: c.kind === 'standard' ? c.maxPoints : 0, note: '' }]));
    const before = byPeople((await audit(cycleId)).events).length;

    const answers = await burst(`${web.stack.url}/api/links/${link}`, { intent: 'submit', data: { scores } }, 200);
    await client.settle();

    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(answers.filter((a) => a.status === 200 && a.body.duplicate === false)).toHaveLength(1);
    // The others are told it is already recorded, as a repeat of the same submission is.
    expect(answers.filter((a) => a.status === 200 && a.body.duplicate === true)).toHaveLength(199);
    const after = await audit(cycleId);
    expect(byPeople(after.events).length - before).toBe(1);
    expect(after.verification.ok).toBe(true);
    expect((await client.mail(unit)).filter((m) => /Đã nhận tự chấm điểm/.test(m.subject))).toHaveLength(1);
  }, 120_000);

  it('approves once when the approver clicks the approval link 50 times at once, acknowledging every other click', async () => {
    const progress: { timeline?: ReturnType<typeof demoTimeline> } = {};
    // A generated bloc of six (the demo bloc's cycle is the test above's).
    await simulate(client, { blocs: 1, units: 6, seed: 7, concurrency: 4, stopBeforeApproval: true, progress });
    const cycleId = `cum-7-1-${progress.timeline!.year}`;
    const [link] = (await client.mailbox()).links('ban-tdkt@demo-7.thidua.local', /Đề nghị phê duyệt/);
    const mailBefore = (await client.mail()).length;
    const eventsBefore = (await audit(cycleId)).events.length;

    const answers = await burst(`${web.stack.url}/api/links/${link}`, { intent: 'submit', data: { decision: 'approve', decisionNumber: '12/QĐ-UBND' } }, 50);
    await client.settle();

    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(answers.filter((a) => a.status === 200 && a.body.duplicate === false)).toHaveLength(1);
    // The others see what a repeat of that decision sees (the approver's page says it was received), not an error.
    expect(answers.filter((a) => a.status === 200 && a.body.duplicate === true)).toHaveLength(49);
    const { events, verification } = await audit(cycleId);
    expect(events.slice(eventsBefore).filter((e) => e.actor !== 'workflow')).toHaveLength(1);
    expect(events.filter((e) => e.action === 'cycle.published')).toHaveLength(1);
    expect(verification.ok).toBe(true);
    // The results email reaches every unit once, whatever the clicks.
    const results = (await client.mail()).slice(mailBefore);
    const perRecipient = Map.groupBy(results, (m) => `${m.destination.to.join()}|${m.subject}`);
    expect([...perRecipient.values()].filter((list) => list.length > 1)).toEqual([]);
  }, 180_000);
});
