/**
 * Phát động: the admin starts the year's cycle for one or many blocs at once. Each bloc gets its own
 * execution (SPEC §3: small histories, independent failures); a bloc that cannot start is reported by
 * name without stopping the others.
 */
import { startCycle, type AdminContext } from '../cycle/admin.js';
import type { CycleDeps } from '../shared/deps.js';
import { inPool } from '../shared/in-pool.js';
import type { Timeline } from '../domain/index.js';
import { allowedAdmins } from './sessions.js';
import { configForCycle } from './settings.js';

export type StartOutcome = { blocId: string; cycleId: string; executionArn: string } | { blocId: string; error: unknown };

export async function startCycles(deps: CycleDeps, blocIds: readonly string[], timeline: Timeline, ctx: AdminContext): Promise<StartOutcome[]> {
  const admins = [...new Set([ctx.actor.replace(/^admin:/, ''), ...allowedAdmins()])];
  const unique = [...new Set(blocIds)];
  const outcomes = new Array<StartOutcome>(unique.length);
  // A few at a time: 40 blocs one after another took 9 s locally, and a hundred would near API Gateway's
  // 30-second limit; each bloc is its own cycle and audit chain, so they do not contend.
  await inPool(unique, START_CONCURRENCY, async (blocId, index) => {
    try {
      const config = await configForCycle(deps.store, blocId, timeline, admins);
      outcomes[index] = { blocId, ...(await startCycle(deps, config, ctx)) };
    } catch (error) {
      outcomes[index] = { blocId, error };
    }
  });
  return outcomes;
}

/** Blocs started at once by {@link startCycles}. */
const START_CONCURRENCY = 8;
