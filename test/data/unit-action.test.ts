import { beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents, verifyAuditChain } from '../../functions/audit/trail.js';
import { LinkUsedError } from '../../functions/links/errors.js';
import { consumeLink, createLink, resolveLink } from '../../functions/links/links.js';
import { sendEmailOnce } from '../../functions/mail/compose.js';
import type { Mailer } from '../../functions/mail/mailer.js';
import type { Store } from '../../functions/store/client.js';
import { getForm, submitFormOps } from '../../functions/store/forms.js';
import { closeUnitTaskOp, getTaskToken, getUnitTask, listOpenTasks, openUnitTask } from '../../functions/store/tasks.js';
import { createTestMailer, freshAddress, mailTo } from '../support/mail.js';
import { createTestStore } from '../support/store.js';

let store: Store;
let mailer: Mailer;
beforeAll(async () => {
  store = await createTestStore();
  mailer = createTestMailer(store);
});

const opensAt = new Date('2026-12-01T01:00:00Z');
const deadline = '2026-12-15T16:59:59.000Z';
const common = { recipientName: 'Văn phòng Tỉnh ủy', blocName: 'Khối các cơ quan Đảng tỉnh', year: 2026 };

/** What the workflow does when a phase opens for a unit: task with token, link, email. */
async function openPhaseFor(cycleId: string, unitId: string, email: string) {
  const ref = { cycleId, phase: 'pledge', unitId };
  await openUnitTask(store, { ...ref, taskToken: `token-of-${unitId}`, deadline, now: opensAt });
  const { id } = await createLink(store, { purpose: 'pledge', cycleId, unitId, round: 1 }, { now: opensAt, expiresAt: new Date(deadline) });
  const link = `https://thidua.example.vn/l/${id}`;
  await sendEmailOnce(mailer, { cycleId, kind: 'phaseOpened', recipient: email, round: 1, now: opensAt, data: { ...common, phase: 'pledge', link, deadline } });
  return { ref, id };
}

/** What the POST handler does when the unit confirms its pledge through the link. */
async function confirmPledge(id: string, at: Date, sourceIp: string) {
  const link = await resolveLink(store, id, at, { purpose: 'pledge' });
  const ref = { cycleId: link.cycleId, phase: 'pledge', round: link.round, unitId: link.unitId };
  const [task, form] = await Promise.all([getUnitTask(store, ref), getForm(store, ref)]);
  const data = { confirmed: true, targets: 'Hoàn thành xuất sắc nhiệm vụ' };
  await consumeLink(store, {
    id,
    now: at,
    expect: { purpose: 'pledge', unitId: link.unitId },
    ops: [
      ...submitFormOps(store, ref, { data, expectedVersion: form?.version ?? 0, submissionNumber: (form?.submissions ?? 0) + 1, now: at, actor: `unit:${link.unitId}` }),
      closeUnitTaskOp(store, ref, task.version, { status: 'done', now: at }),
    ],
    audit: { chainId: link.cycleId, actor: `unit:${link.unitId}`, action: 'pledge.submitted', target: `form:pledge:1:${link.unitId}`, sourceIp, after: data },
  });
  return getTaskToken(store, ref);
}

describe('a unit acting through its emailed link', () => {
  it('submits, closes its task and records the action together, and hands back the token for Step Functions', async () => {
    const email = freshAddress();
    const { ref, id } = await openPhaseFor('flow-2026', 'vp-tu', email);
    const [opened] = await mailTo(email);
    expect(opened!.body.text).toContain(`/l/${id}`);
    expect(opened!.body.text).not.toContain('token-of-vp-tu');

    const token = await confirmPledge(id, new Date('2026-12-03T02:00:00Z'), '203.0.113.9');
    expect(token).toBe('token-of-vp-tu');
    expect(await getForm(store, ref)).toMatchObject({ status: 'submitted', submissions: 1 });
    expect(await listOpenTasks(store, 'flow-2026')).toEqual([]);
    expect((await listAuditEvents(store, 'flow-2026')).map((e) => [e.action, e.sourceIp])).toEqual([['pledge.submitted', '203.0.113.9']]);
    expect(await verifyAuditChain(store, 'flow-2026')).toMatchObject({ ok: true, count: 1 });
  });

  it('changes nothing on a double click', async () => {
    const { ref, id } = await openPhaseFor('double-2026', 'vp-tu', freshAddress());
    const clicks = await Promise.allSettled([1, 2].map(() => confirmPledge(id, new Date('2026-12-03T02:00:00Z'), '203.0.113.9')));
    expect(clicks.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
    const refused = clicks.find((c) => c.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(LinkUsedError);
    expect(await getForm(store, ref)).toMatchObject({ submissions: 1, version: 1 });
    expect(await listAuditEvents(store, 'double-2026')).toHaveLength(1);
  });
});
