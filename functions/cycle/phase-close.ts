/**
 * Closing a phase: the "Close…" task step of every "Open… / Await… / Close…" group of the state machine.
 * Apart from phases.ts because it may send a conference's summary (mail templates), which the waiting
 * steps' functions then need not bundle.
 */
import { appendAuditEvents, readAuditHead, type AuditHead, type AuditInput } from '../audit/trail.js';
import type { ConferenceRecord } from '../domain/index.js';
import { getForm } from '../store/forms.js';
import type { WriteOp } from '../store/items.js';
import { NotFoundError, StateConflictError, VersionConflictError } from '../store/errors.js';
import { closeUnitTaskOp, getUnitTask, type TaskRef } from '../store/tasks.js';
import type { CycleDeps } from '../shared/deps.js';
import { ignoring } from '../shared/ignoring.js';
import { closeWindowOp, loadCycleConfig, loadWindow } from './context.js';
import { sendConferenceSummary } from './meeting-mail.js';
import { endedWaitAudit, type StepInput } from './phases.js';

/** A unit's wait that ended without an answer, as the Map of the phase's waits reports it: the deadline passed, or the cap. */
export interface EndedWait {
  unitId: string;
  /** The error that ended it: Thidua.DeadlinePassed, States.Timeout. */
  reason: string;
}

/** Units recorded per transaction: two items each (the task closed, its audit event), within DynamoDB's 100 with the window's. */
const UNITS_PER_TRANSACTION = 40;

/**
 * Closes a phase once every wait has ended: the units whose wait ended without an answer are recorded
 * (done for a unit that submitted, missed otherwise: the task closed, an audit event each), then the window
 * closed, recorded once. All of it in as few transactions as fit, the audit chain's head moved once per
 * transaction; idempotent for a retried step (what is closed already is left alone).
 */
export async function closePhase(deps: CycleDeps, input: StepInput & { ended?: readonly EndedWait[] | undefined }): Promise<{ closed: true }> {
  const { store } = deps;
  const ended = input.ended ?? [];
  const refs: TaskRef[] = ended.map(({ unitId }) => ({ cycleId: input.cycleId, phase: input.phase, round: input.round, unitId }));
  for (let attempt = 1; ; attempt++) {
    // Read together: one BatchGetItem (store/items.ts) for the tasks, the forms, the window and the chain's head.
    const [tasks, forms, windowOp, head] = await Promise.all([
      Promise.all(refs.map((ref) => ignoring(NotFoundError, getUnitTask(store, ref)))),
      Promise.all(refs.map((ref) => getForm(store, ref))),
      closeWindowOp(store, input.cycleId, input.phase, input.round, input.at),
      readAuditHead(store, input.cycleId),
    ]);
    const records: { audit: AuditInput; op: WriteOp }[] = [];
    ended.forEach((wait, i) => {
      const task = tasks[i];
      if (task?.status !== 'open') return;
      const status = forms[i]?.submitted !== undefined ? 'done' : 'missed';
      records.push({ audit: endedWaitAudit({ ...input, unitId: wait.unitId }, status, wait.reason), op: closeUnitTaskOp(store, refs[i]!, task.version, { status, now: input.at }) });
    });
    if (windowOp) records.push({ audit: { chainId: input.cycleId, actor: 'workflow', action: `${input.phase}.closed`, target: `phase:${input.phase}:${input.round}`, at: input.at }, op: windowOp });
    try {
      let last: AuditHead | undefined = head;
      for (let i = 0; i < records.length; i += UNITS_PER_TRANSACTION) {
        const chunk = records.slice(i, i + UNITS_PER_TRANSACTION);
        last = (await appendAuditEvents(store, chunk.map((r) => r.audit), chunk.map((r) => r.op), { head: last })).at(-1);
      }
      break;
    } catch (error) {
      // A task moved meanwhile (a late sweep closed it), or a retried run closed the window first: read again.
      if (!(error instanceof StateConflictError || error instanceof VersionConflictError) || attempt >= 5) throw error;
    }
  }
  await sendMissedConferenceSummary(deps, input);
  return { closed: true };
}

/**
 * A pledge or mid-year conference's summary goes out when its phase closes, should the secretary's request
 * have died before queuing it (once: the outbox keys it); the year-end one's goes out when its vote is tallied.
 */
async function sendMissedConferenceSummary(deps: CycleDeps, input: StepInput): Promise<void> {
  const window = input.phase === 'pledge' || input.phase === 'midYear' ? await loadWindow(deps.store, input.cycleId, input.phase, input.round) : undefined;
  if (!window?.meeting) return;
  const record = (await getForm<ConferenceRecord>(deps.store, { cycleId: input.cycleId, phase: input.phase, round: input.round, unitId: window.actors[0]! }))?.submitted;
  if (record) await sendConferenceSummary(deps, await loadCycleConfig(deps.store, input.cycleId), window, record, input.at);
}
