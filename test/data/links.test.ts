import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { listAuditEvents } from '../../functions/audit/trail.js';
import { LinkExpiredError, LinkMismatchError, LinkRevokedError, LinkUnknownError, LinkUsedError } from '../../functions/links/errors.js';
import type { LinkTarget } from '../../functions/links/link.js';
import { consumeLink, createLink, newLinkId, resolveLink, revokeLinksOf } from '../../functions/links/links.js';
import type { Store } from '../../functions/store/client.js';
import { VersionConflictError } from '../../functions/store/errors.js';
import { getForm, saveDraft, saveDraftOp } from '../../functions/store/forms.js';
import { getItem } from '../../functions/store/reads.js';
import { listResults, saveResultOp } from '../../functions/store/results.js';
import { createTestStore } from '../support/store.js';

let store: Store;
beforeAll(async () => {
  store = await createTestStore();
});

const now = new Date('2026-12-01T03:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);
const ballot = (cycleId: string, unitId = 'u1') => ({ purpose: 'ballot' as const, cycleId, unitId, round: 1 });
const issue = (target: LinkTarget = ballot('c'), singleUse = true) => createLink(store, target, { now, expiresAt: later(7), singleUse });

describe('links', () => {
  it('issues opaque url-safe ids of 256 bits and never stores the id itself', async () => {
    const { id } = await issue();
    const { id: other } = await issue();
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    expect(other).not.toBe(id);
    expect(await getItem(store, { pk: `LINK#${id}`, sk: 'LINK' })).toBeUndefined();
  });

  it('resolves to what it was issued for, typed by purpose', async () => {
    const { id } = await issue(ballot('typed', 'u7'));
    const link = await resolveLink(store, id, now, { purpose: 'ballot' });
    expectTypeOf(link.unitId).toEqualTypeOf<string>();
    expectTypeOf(link.purpose).toEqualTypeOf<'ballot'>();
    expect(link).toMatchObject({ purpose: 'ballot', cycleId: 'typed', unitId: 'u7', round: 1, state: 'active' });
  });

  it('refuses a forged link', async () => {
    await expect(resolveLink(store, newLinkId(), now)).rejects.toThrow(LinkUnknownError);
    await expect(consumeLink(store, { id: newLinkId(), now })).rejects.toThrow(LinkUnknownError);
  });

  it('refuses a malformed link without looking it up', async () => {
    for (const id of ['', 'abc', '../../etc/passwd', `${newLinkId()}x`, "' OR 1=1 --"]) {
      await expect(resolveLink(store, id, now)).rejects.toThrow(LinkUnknownError);
    }
  });

  it('refuses an expired link and applies nothing', async () => {
    const { id } = await issue(ballot('expired'));
    const form = { cycleId: 'expired', phase: 'vote', unitId: 'u1' };
    await expect(resolveLink(store, id, later(8))).rejects.toThrow(LinkExpiredError);
    await expect(consumeLink(store, { id, now: later(8), ops: [saveDraftOp(store, form, { data: 'yes', expectedVersion: 0, now })] })).rejects.toThrow(
      LinkExpiredError,
    );
    expect(await getForm(store, form)).toBeUndefined();
  });

  it('refuses a used link and applies its action only once', async () => {
    const { id } = await issue(ballot('used'));
    const form = { cycleId: 'used', phase: 'vote', unitId: 'u1' };
    await consumeLink(store, { id, now, ops: [saveDraftOp(store, form, { data: 'first', expectedVersion: 0, now })] });
    const again = consumeLink(store, { id, now, ops: [saveDraftOp(store, form, { data: 'second', expectedVersion: 1, now })] });
    await expect(again).rejects.toThrow(LinkUsedError);
    await expect(resolveLink(store, id, now)).rejects.toThrow(LinkUsedError);
    expect(await getForm(store, form)).toMatchObject({ data: 'first', version: 1 });
  });

  it('lets exactly one of 50 concurrent consumptions act', async () => {
    const { id } = await issue(ballot('race'));
    const clicks = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        consumeLink(store, {
          id,
          now,
          ops: [saveResultOp(store, 'race', `click-${i}`, { data: i, expectedVersion: 0, now })],
          audit: { chainId: 'race', actor: 'unit:u1', action: 'ballot.cast', target: 'ballot:1:u1' },
        }),
      ),
    );
    expect(clicks.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
    const refusals = clicks.flatMap((c) => (c.status === 'rejected' ? [c.reason] : []));
    expect(refusals).toHaveLength(49);
    for (const reason of refusals) expect(reason).toBeInstanceOf(LinkUsedError);
    expect(await listResults(store, 'race')).toHaveLength(1);
    expect(await listAuditEvents(store, 'race')).toHaveLength(1);
  });

  it('stays usable when the action it carries is refused', async () => {
    const { id } = await issue(ballot('atomic'));
    const form = { cycleId: 'atomic', phase: 'vote', unitId: 'u1' };
    await saveDraft(store, form, { data: 'draft', expectedVersion: 0, now });
    const stale = saveDraftOp(store, form, { data: 'stale', expectedVersion: 3, now });
    await expect(consumeLink(store, { id, now, ops: [stale] })).rejects.toThrow(VersionConflictError);
    expect(await resolveLink(store, id, now)).toMatchObject({ state: 'active', uses: 0 });
  });

  it('refuses a link used for another unit or purpose', async () => {
    const { id } = await issue(ballot('foreign', 'u1'));
    await expect(resolveLink(store, id, now, { purpose: 'ballot', unitId: 'u2' })).rejects.toThrow(LinkMismatchError);
    await expect(resolveLink(store, id, now, { purpose: 'selfAssessment' })).rejects.toThrow(LinkMismatchError);
    await expect(consumeLink(store, { id, now, expect: { purpose: 'ballot', cycleId: 'other' } })).rejects.toThrow(LinkMismatchError);
  });

  it('refuses the links of a unit once they are revoked, and only those', async () => {
    const { id: mine } = await issue({ purpose: 'selfAssessment', cycleId: 'revoke', unitId: 'u1', round: 1 });
    const { id: theirs } = await issue({ purpose: 'selfAssessment', cycleId: 'revoke', unitId: 'u2', round: 1 });
    expect(await revokeLinksOf(store, { cycleId: 'revoke', unitId: 'u1', purpose: 'selfAssessment' }, now)).toBe(1);
    await expect(resolveLink(store, mine, now)).rejects.toThrow(LinkRevokedError);
    expect(await resolveLink(store, theirs, now)).toMatchObject({ unitId: 'u2' });
  });

  it('lets a reusable form link act until it is revoked', async () => {
    const { id } = await issue({ purpose: 'selfAssessment', cycleId: 'drafts', unitId: 'u1', round: 1 }, false);
    await consumeLink(store, { id, now });
    const second = await consumeLink(store, { id, now });
    expect(second).toMatchObject({ state: 'active', uses: 2 });
    await revokeLinksOf(store, { cycleId: 'drafts' }, now);
    await expect(consumeLink(store, { id, now })).rejects.toThrow(LinkRevokedError);
  });

  it('carries an admin sign-in link for an email address', async () => {
    const { id } = await createLink(store, { purpose: 'adminSignIn', email: 'admin@tinh.gov.vn' }, { now, expiresAt: later(1) });
    expect(await consumeLink(store, { id, now, expect: { purpose: 'adminSignIn' } })).toMatchObject({ email: 'admin@tinh.gov.vn', state: 'used' });
  });
});
