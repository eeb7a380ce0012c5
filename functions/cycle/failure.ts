/**
 * The end of a failed cycle: recorded, and the admins alerted. Apart from publishing (publish.ts), which
 * attaches the documents, so that record-failure does not bundle the document builders.
 */
import { appendAuditEvent } from '../audit/trail.js';
import { updateCycleOp } from '../store/cycles.js';
import { loadCycleConfig } from './context.js';
import type { CycleDeps } from '../shared/deps.js';
import { alertAdmins } from './notify.js';

/** Records a failed cycle and alerts the admins; the audit trail keeps the error. */
export async function recordFailure(deps: CycleDeps, input: { cycleId: string; error: unknown; at: Date }): Promise<void> {
  const cycle = await loadCycleConfig(deps.store, input.cycleId);
  const detail = JSON.stringify(input.error).slice(0, 2000);
  if (cycle.status === 'running') {
    await appendAuditEvent(
      deps.store,
      { chainId: input.cycleId, actor: 'workflow', action: 'cycle.failed', target: `cycle:${input.cycleId}`, at: input.at, after: input.error },
      [updateCycleOp(deps.store, input.cycleId, cycle.version, { status: 'failed' }, input.at)],
    );
  }
  const title = cycle.config.language === 'en' ? `The ${cycle.config.bloc.name} cycle stopped with an error` : `Kỳ thi đua của ${cycle.config.bloc.name} dừng do lỗi`;
  await alertAdmins(deps, cycle, 'failure', title, detail, input.at);
}
