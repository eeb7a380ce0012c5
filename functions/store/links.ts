/**
 * The link items (docs/data-model.md, patterns 16, 17, 17a): one item per emailed link, keyed by the
 * sha256 of its id. The rules of what a link may do live in functions/links/; here are the reads and
 * the conditional writes that enforce them against concurrent clicks.
 */
import type { Store } from './client.js';
import { StoreError } from './errors.js';
import { conditionalUpdateOp, execute, putNewOp, type Item, type Key, type WriteOp } from './items.js';
import { getItem, queryIndex } from './reads.js';
import { linkKeys } from './keys.js';

/** Where a link is listed so it can be revoked with its kind: a cycle's (per unit and purpose) or an address's sign-in links. */
export type LinkScope = { cycleId: string; unitId?: string | undefined; purpose: string } | { signInAddress: string };

function indexOf(key: Key, scope: LinkScope | undefined): Record<string, string> {
  if (!scope) return {};
  if ('signInAddress' in scope) return { gsi1pk: linkKeys.ofAddress(scope.signInAddress), gsi1sk: key.pk };
  return { gsi1pk: linkKeys.ofCycle(scope.cycleId), gsi1sk: linkKeys.ofCycleSort(scope.unitId, scope.purpose, key.pk) };
}

/** Writes a new link item (its id must be new), listed under `scope`, removed by TTL at `ttl` (epoch seconds). */
export function putLinkOp(store: Store, id: string, link: Record<string, unknown>, scope: LinkScope | undefined, ttl: number): WriteOp {
  const key = linkKeys.link(id);
  return putNewOp(store, { ...key, type: 'link', ...link, ...indexOf(key, scope), ttl });
}

export function getLinkItem(store: Store, id: string): Promise<Item | undefined> {
  return getItem(store, linkKeys.link(id));
}

/** The link items listed under a cycle (optionally one unit's, of one purpose) or an address. */
export function listLinkItems(store: Store, scope: { cycleId: string; unitId?: string | undefined; purpose?: string | undefined } | { signInAddress: string }): Promise<Item[]> {
  if ('signInAddress' in scope) return queryIndex(store, 'gsi1', linkKeys.ofAddress(scope.signInAddress));
  return queryIndex(store, 'gsi1', linkKeys.ofCycle(scope.cycleId), linkKeys.ofCyclePrefix(scope.unitId, scope.purpose));
}

/**
 * The write that uses a link, guarded on it still being active and unexpired at `at`: a single-use link
 * becomes used, a reusable one counts the use.
 */
export function useLinkOp(store: Store, id: string, singleUse: boolean, at: string, onConditionFailed: WriteOp['onConditionFailed']): WriteOp {
  return conditionalUpdateOp(
    store,
    linkKeys.link(id),
    {
      update: `SET ${singleUse ? '#state = :used, ' : ''}usedAt = :at, uses = uses + :one, #version = #version + :one`,
      condition: '#state = :active AND expiresAt > :at',
      names: { '#state': 'state', '#version': 'version' },
      values: { ':active': 'active', ':at': at, ':one': 1, ...(singleUse ? { ':used': 'used' } : {}) },
    },
    onConditionFailed,
  );
}

/** Raised inside a revocation whose condition failed; {@link revokeLinkItem} turns it into its answer. */
class LinkNotActiveError extends StoreError {
  constructor(readonly exists: boolean) {
    super('the link is not active');
    this.name = 'LinkNotActiveError';
  }
}

/** Marks an active link item revoked; says whether it was, or was not active (used, revoked), or is unknown. */
export async function revokeLinkItem(store: Store, key: Key, at: string): Promise<'revoked' | 'notActive' | 'unknown'> {
  try {
    const revoke = {
      update: 'SET #state = :revoked, revokedAt = :at, #version = #version + :one',
      condition: '#state = :active',
      names: { '#state': 'state', '#version': 'version' },
      values: { ':revoked': 'revoked', ':active': 'active', ':at': at, ':one': 1 },
    };
    await execute(store, conditionalUpdateOp(store, key, revoke, (current) => new LinkNotActiveError(current !== undefined)));
    return 'revoked';
  } catch (error) {
    if (error instanceof LinkNotActiveError) return error.exists ? 'notActive' : 'unknown';
    throw error;
  }
}
