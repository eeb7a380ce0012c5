/**
 * Phát động: the admin starts the year's cycle for one or many blocs at once. Each bloc gets its own
 * execution (SPEC §3: small histories, independent failures); a bloc that cannot start is reported by
 * name without stopping the others.
 */
import { startCycle, type AdminContext } from '../cycle/admin.js';
import type { CycleDeps } from '../cycle/deps.js';
import type { Timeline } from '../domain/index.js';
import { allowedAdmins } from './sessions.js';
import { configForCycle } from './settings.js';

export type StartOutcome = { blocId: string; cycleId: string; executionArn: string } | { blocId: string; error: unknown };

export async function startCycles(deps: CycleDeps, blocIds: readonly string[], timeline: Timeline, ctx: AdminContext): Promise<StartOutcome[]> {
  const admins = [...new Set([ctx.actor.replace(/^admin:/, ''), ...allowedAdmins()])];
  const outcomes: StartOutcome[] = [];
  for (const blocId of new Set(blocIds)) {
    try {
      const config = await configForCycle(deps.store, blocId, timeline, admins);
      outcomes.push({ blocId, ...(await startCycle(deps, config, ctx)) });
    } catch (error) {
      outcomes.push({ blocId, error });
    }
  }
  return outcomes;
}
