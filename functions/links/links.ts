/**
 * Emailed links (SPEC §4): an opaque id from a CSPRNG (256 bits, base64url) that maps server-side to a
 * purpose, a cycle, a unit and a round. Only the sha256 of the id is stored, so a leaked table holds no
 * usable link. Opening a link (GET) resolves it and changes nothing; acting (POST) consumes it in the
 * same transaction as the action and its audit event, so a link acts at most once even when fifty
 * clicks arrive together.
 */
import { randomBytes } from 'node:crypto';
import { appendAuditEvent } from '../audit/trail.js';
import type { AuditHead, AuditInput } from '../audit/trail.js';
import type { Store } from '../store/client.js';
import { execute, transact } from '../store/items.js';
import type { Item, WriteOp } from '../store/items.js';
import { linkKeys } from '../store/keys.js';
import { getLinkItem, listLinkItems, putLinkOp, revokeLinkItem, useLinkOp } from '../store/links.js';
import { LinkExpiredError, LinkMismatchError, LinkRevokedError, LinkUnknownError, LinkUsedError } from './errors.js';
import { LinkSchema } from './link.js';
import type { Link, LinkOf, LinkPurpose, LinkTarget } from './link.js';

/** Expired links are kept this long (so their page says "expired", not "unknown"), then DynamoDB's TTL removes them. */
const retentionSeconds = 180 * 24 * 3600;
const idPattern = /^[A-Za-z0-9_-]{43}$/;

/** A fresh link id: 32 bytes from the operating system's CSPRNG, base64url (43 characters). */
export const newLinkId = () => randomBytes(32).toString('base64url');

/** Issues a link; the returned id goes into the email and nowhere else. */
export async function createLink(
  store: Store,
  target: LinkTarget,
  options: { expiresAt: Date; now: Date; singleUse?: boolean; id?: string },
): Promise<{ id: string; link: Link }> {
  const { op, ...created } = newLinkOp(store, target, options);
  await execute(store, op);
  return created;
}

/** The write that issues a link, for a transaction with what goes with it (e.g. the email that carries it). */
export function newLinkOp(
  store: Store,
  target: LinkTarget,
  options: { expiresAt: Date; now: Date; singleUse?: boolean; id?: string },
): { id: string; link: Link; op: WriteOp } {
  const id = options.id ?? newLinkId();
  const link = LinkSchema.parse({
    ...target,
    expiresAt: options.expiresAt.toISOString(),
    state: 'active',
    singleUse: options.singleUse ?? true,
    uses: 0,
    createdAt: options.now.toISOString(),
    version: 1,
  });
  const scope = 'cycleId' in link ? { cycleId: link.cycleId, unitId: 'unitId' in link ? link.unitId : undefined, purpose: link.purpose } : { signInAddress: link.email };
  const ttl = Math.floor(options.expiresAt.getTime() / 1000) + retentionSeconds;
  return { id, link, op: putLinkOp(store, id, link, scope, ttl) };
}

/** What a link must be for the page that opened it; anything else is a LinkMismatchError. */
export interface LinkExpectation<P extends LinkPurpose> {
  purpose: P | readonly P[];
  cycleId?: string;
  unitId?: string;
}

/**
 * Resolves a link for display: the purpose-typed link, or a LinkError saying why it cannot act
 * (unknown, expired, used, revoked, mismatch). Reads only.
 */
export async function resolveLink<P extends LinkPurpose = LinkPurpose>(
  store: Store,
  id: string,
  now: Date,
  expect?: LinkExpectation<P>,
): Promise<LinkOf<P>> {
  if (!idPattern.test(id)) throw new LinkUnknownError();
  const link = usable(await getLinkItem(store, id), now);
  if (expect) checkExpectation(link, expect);
  return link as LinkOf<P>;
}

/**
 * Consumes a link and applies its action in one transaction: `ops` (e.g. a form submission and the task
 * it closes) and, when given, the audit event that records them. A single-use link becomes used; a
 * reusable one counts the use. Of concurrent consumptions of a single-use link exactly one succeeds; the
 * others get LinkUsedError and write nothing.
 */
export async function consumeLink<P extends LinkPurpose = LinkPurpose>(
  store: Store,
  input: {
    id: string;
    now: Date;
    expect?: LinkExpectation<P>;
    ops?: WriteOp[];
    audit?: Omit<AuditInput, 'at'>;
    /**
     * What the caller read before, with its other reads: the link as {@link resolveLink} gave it (not read
     * again: the use's condition still requires it active and unexpired when the transaction commits) and
     * the audit chain's head (see `appendAuditEvent`).
     */
    read?: { link: LinkOf<P>; auditHead: AuditHead | undefined };
  },
): Promise<LinkOf<P>> {
  const link = input.read?.link ?? (await resolveLink(store, input.id, input.now, input.expect));
  if (input.read && input.expect) checkExpectation(link, input.expect);
  const at = input.now.toISOString();
  const op = useOp(store, input.id, link, input.now);
  const ops = [op, ...(input.ops ?? [])];
  if (input.audit) await appendAuditEvent(store, { ...input.audit, at: input.now }, ops, input.read ? { head: input.read.auditHead } : {});
  else await transact(store, ops);
  const used = link.singleUse ? { state: 'used' as const, usedAt: at } : { usedAt: at };
  return { ...link, ...used, uses: link.uses + 1, version: link.version + 1 };
}

/** Withdraws one link (e.g. replaced by a newer one). Revoking an already used or revoked link does nothing. */
export async function revokeLink(store: Store, id: string, now: Date): Promise<void> {
  if (!idPattern.test(id) || (await revokeLinkItem(store, linkKeys.link(id), now.toISOString())) === 'unknown') throw new LinkUnknownError();
}

/** Withdraws the active links of a cycle, optionally only a unit's and of one purpose (a phase closed). */
export async function revokeLinksOf(
  store: Store,
  scope: { cycleId: string; unitId?: string; purpose?: LinkPurpose },
  now: Date,
): Promise<number> {
  const items = (await listLinkItems(store, scope)).filter((item) => scope.purpose === undefined || item.purpose === scope.purpose);
  return revokeActive(store, items, now);
}

/** Withdraws the active sign-in links of an address (a newer one replaces them). */
export async function revokeSignInLinksOf(store: Store, email: string, now: Date): Promise<number> {
  return revokeActive(store, await listLinkItems(store, { signInAddress: email }), now);
}

async function revokeActive(store: Store, items: Item[], now: Date): Promise<number> {
  const active = items.filter((item) => item.state === 'active');
  await Promise.all(active.map((item) => revokeLinkItem(store, { pk: item.pk, sk: item.sk }, now.toISOString())));
  return active.length;
}

/** The write that uses a link, guarded on it still being active and unexpired. */
function useOp(store: Store, id: string, link: Link, now: Date): WriteOp {
  return useLinkOp(store, id, link.singleUse, now.toISOString(), (current) => {
    try {
      usable(current, now);
      return new LinkUsedError(undefined);
    } catch (error) {
      return error as Error;
    }
  });
}

/** The link of a stored item, or the LinkError that says why it cannot act at `now`. */
function usable(item: Item | undefined, now: Date): Link {
  if (!item) throw new LinkUnknownError();
  const parsed = LinkSchema.safeParse(item);
  if (!parsed.success) throw new LinkUnknownError({ cause: parsed.error });
  const link = parsed.data;
  if (link.state === 'used') throw new LinkUsedError(link.usedAt);
  if (link.state === 'revoked') throw new LinkRevokedError();
  if (Date.parse(link.expiresAt) <= now.getTime()) throw new LinkExpiredError(link.expiresAt);
  return link;
}

function checkExpectation(link: Link, expect: LinkExpectation<LinkPurpose>): void {
  const purposes: readonly LinkPurpose[] = typeof expect.purpose === 'string' ? [expect.purpose] : expect.purpose;
  if (!purposes.includes(link.purpose)) throw new LinkMismatchError('purpose');
  if (expect.cycleId !== undefined && (!('cycleId' in link) || link.cycleId !== expect.cycleId)) throw new LinkMismatchError('cycleId');
  if (expect.unitId !== undefined && (!('unitId' in link) || link.unitId !== expect.unitId)) throw new LinkMismatchError('unitId');
}

/**
 * The link an id stands for whatever its state (used, revoked, expired), or undefined when unknown. For
 * telling a repeated click apart from a new action: never let it authorise anything.
 */
export async function peekLink(store: Store, id: string): Promise<Link | undefined> {
  if (!idPattern.test(id)) return undefined;
  const parsed = LinkSchema.safeParse(await getLinkItem(store, id));
  return parsed.success ? parsed.data : undefined;
}
