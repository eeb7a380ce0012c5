/**
 * The end of a cycle: publishing the results (recording why it failed is in failure.ts). Publishing stores
 * the final result, hands the bloc to next year's leader and deputy, and emails every unit and the admins.
 */
import { appendAuditEvent } from '../audit/trail.js';
import { buildDocuments } from '../documents/index.js';
import { CLASSIFICATION_LABELS, awardingIn, finalOutcome, formatLocalDate, formatPoints, yearResultsOf, type Bloc } from '../domain/index.js';
import { withFinal } from '../dossier/index.js';
import { getBloc, saveBloc } from '../store/blocs.js';
import { updateCycleOp } from '../store/cycles.js';
import { recordYearResults } from '../store/history.js';
import { NotFoundError, VersionConflictError } from '../store/errors.js';
import { loadCycleDossier } from './context.js';
import type { CycleDeps } from '../shared/deps.js';
import { ignoring } from '../shared/ignoring.js';
import { adminTitle, queue, unitName } from './notify.js';
import { RESULT_NAMES, firstResultOp, once, required, type FinalResult } from './results.js';

const AWARD_NAMES = { flag: { en: 'Emulation flag' }, certificate: { en: 'Certificate of Merit' } } as const;

/** Công bố kết quả: stores the final result once, records next year's leaders, emails everyone, closes the cycle. */
export async function publishCycle(deps: CycleDeps, input: { cycleId: string; at: Date }): Promise<FinalResult> {
  const { store } = deps;
  const dossier = await loadCycleDossier(store, input.cycleId);
  const { cycle, approval } = dossier;
  const scores = required(dossier.scores, input.cycleId, RESULT_NAMES.scores);
  const proposal = required(dossier.vote.proposal, input.cycleId, RESULT_NAMES.proposal);
  const final = await once<FinalResult>(store, input.cycleId, RESULT_NAMES.final, async () => {
    const lastRoundStatus = approval.rounds.at(-1)?.status;
    const result = finalOutcome({ proposal, withdrawn: approval.withdrawn, lastRoundStatus, decisions: approval.decisions, at: input.at });
    await appendAuditEvent(
      store,
      { chainId: input.cycleId, actor: 'workflow', action: 'cycle.published', target: `cycle:${input.cycleId}`, at: input.at, after: result },
      [firstResultOp(store, input.cycleId, RESULT_NAMES.final, result, input.at), updateCycleOp(store, input.cycleId, cycle.version, { phase: 'published', status: 'closed' }, input.at)],
    );
    return result;
  });
  // Kept year after year (a retried publish writes the same again): higher awards are proposed from it.
  const history = yearResultsOf({ blocId: cycle.config.bloc.id, year: cycle.year, cycleId: input.cycleId, rows: scores.rows, proposal, final });
  await recordYearResults(store, history, input.at);
  await handOverLeadership(deps, cycle.config.bloc.id, final, input.at);
  const lang = cycle.config.language;
  const published = withFinal({ ...dossier, scores }, final);
  const awarding = awardingIn(cycle.config.rules.awarding, cycle.config.bloc.province);
  const rows = scores.rows.map((r) => {
    const award = published.awards.granted?.[r.unitId];
    return {
      place: r.place,
      unitName: unitName(cycle.config, r.unitId),
      total: formatPoints(r.total, lang),
      classification: CLASSIFICATION_LABELS[r.classification][lang],
      // The bloc's own award names (its rules: who awards); English keeps the generic names.
      ...(award ? { award: lang === 'vi' ? awarding.awards[award] : AWARD_NAMES[award].en } : {}),
    };
  });
  const data = {
    blocName: cycle.config.bloc.name,
    year: cycle.year,
    status: final.status,
    ...(final.decisionNumber ? { decisionNumber: final.decisionNumber } : {}),
    ...(final.decisionDate ? { decisionDate: formatLocalDate(final.decisionDate) } : {}),
    rows,
    leaderName: unitName(cycle.config, final.leaderUnitId),
    deputyName: unitName(cycle.config, final.deputyUnitId),
  };
  const attachments = await buildDocuments(published, ['scoreSummary']);
  const recipients = [...cycle.config.bloc.units.map((u) => ({ email: u.email, name: u.name })), ...cycle.config.adminEmails.map((email) => ({ email, name: adminTitle(cycle.config) }))];
  for (const { email, name } of recipients) {
    await queue(deps, cycle, 'results', email, 'final', { ...data, recipientName: name }, input.at, attachments);
  }
  return final;
}

/** Next year's leader and deputy take over the bloc (luân phiên); a concurrent admin edit is retried. */
async function handOverLeadership(deps: CycleDeps, blocId: string, final: FinalResult, at: Date): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await ignoring(NotFoundError, getBloc<Bloc>(deps.store, blocId));
    if (!stored) return; // a cycle started from a configuration only (no stored bloc): nothing to hand over
    if (stored.data.leaderUnitId === final.leaderUnitId && stored.data.deputyUnitId === final.deputyUnitId) return;
    const data = { ...stored.data, leaderUnitId: final.leaderUnitId, deputyUnitId: final.deputyUnitId };
    const saved = await ignoring(VersionConflictError, saveBloc(deps.store, blocId, { data, expectedVersion: stored.version, now: at }));
    if (saved !== undefined) return;
  }
}
