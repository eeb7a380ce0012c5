/**
 * The workflow's computing steps: begin the cycle, score the bloc (the tally of a ballot round is in
 * tally.ts). Each reads the stored forms, computes with the domain core, and stores its result once (a
 * retry reads it back).
 */
import { appendAuditEvent } from '../audit/trail.js';
import {
  crossCheckSchema,
  nominate,
  planCycle,
  scoreBloc,
  selfAssessmentSchema,
  type CyclePlan,
  type Eligibility,
} from '../domain/index.js';
import { updateCycleOp } from '../store/cycles.js';
import { listForms } from '../store/forms.js';
import { PLAN, loadCycleConfig, loadWindow } from './context.js';
import type { CycleDeps } from '../shared/deps.js';
import { TimelineRefusedError } from './errors.js';
import { RESULT_NAMES, firstResultOp, once, readResult, type ScoresResult } from './results.js';

/** Starts the cycle's run: fixes its plan (the timeline as instants with safety caps) and notes the execution. */
export async function beginCycle(deps: CycleDeps, input: { cycleId: string; executionArn: string; at: Date }): Promise<CyclePlan> {
  const { store } = deps;
  const cycle = await loadCycleConfig(store, input.cycleId);
  return once(store, input.cycleId, PLAN, async () => {
    const plan = planCycle(input.cycleId, cycle.config, input.at.getTime());
    if ('error' in plan) throw new TimelineRefusedError(plan.error);
    await appendAuditEvent(
      store,
      { chainId: input.cycleId, actor: 'workflow', action: 'cycle.begun', target: `cycle:${input.cycleId}`, at: input.at, after: plan },
      [
        firstResultOp(store, input.cycleId, PLAN, plan, input.at),
        updateCycleOp(store, input.cycleId, cycle.version, { executionArn: input.executionArn, phase: 'begun' }, input.at),
      ],
    );
    return plan;
  });
}

/** Bloc scoring ("chấm điểm, xếp hạng"): totals from the submitted forms and cross-checks, the ranking and the nominations. */
export async function scoreCycle(deps: CycleDeps, input: { cycleId: string; at: Date }): Promise<{ nominees: number }> {
  const { store } = deps;
  const { config } = await loadCycleConfig(store, input.cycleId);
  const result = await once<ScoresResult>(store, input.cycleId, RESULT_NAMES.scores, async () => {
    const submissionSchema = selfAssessmentSchema(config.sheet, 'submission');
    const checkSchema = crossCheckSchema(config.sheet);
    const submissions = Object.fromEntries(
      (await listForms(store, input.cycleId, 'selfAssessment', 1))
        .filter((f) => f.submitted !== undefined)
        .map((f) => [f.unitId, submissionSchema.parse(f.submitted).scores]),
    );
    const assignments = (await loadWindow(store, input.cycleId, 'crossCheck', 1))?.assignments ?? [];
    const checks = new Map((await listForms(store, input.cycleId, 'crossCheck', 1)).filter((f) => f.submitted !== undefined).map((f) => [f.unitId, f.submitted]));
    const crossChecks: ScoresResult['crossChecks'] = {};
    const checkedItems: Record<string, ReturnType<typeof checkSchema.parse>['items']> = {};
    for (const { checkerUnitId, checkedUnitId } of assignments) {
      const check = submissions[checkedUnitId] ? checks.get(checkerUnitId) : undefined;
      crossChecks[checkedUnitId] = { checkerUnitId, done: check !== undefined };
      if (check !== undefined) checkedItems[checkedUnitId] = checkSchema.parse(check).items;
    }
    const overrides = (await readResult<Record<string, Eligibility>>(store, input.cycleId, RESULT_NAMES.eligibility)) ?? {};
    const bloc = { units: config.bloc.units.map((u) => ({ ...u, eligibility: overrides[u.id] ?? u.eligibility })) };
    const rows = scoreBloc({ bloc, sheet: config.sheet, rules: config.rules, submissions, crossChecks: checkedItems });
    const scores: ScoresResult = { rows, nominations: nominate(rows, config.rules), crossChecks, computedAt: input.at.toISOString() };
    const summary = rows.map((r) => ({ unitId: r.unitId, place: r.place, total: r.total, classification: r.classification }));
    await appendAuditEvent(
      store,
      { chainId: input.cycleId, actor: 'workflow', action: 'scoring.done', target: `cycle:${input.cycleId}`, at: input.at, after: summary },
      [firstResultOp(store, input.cycleId, RESULT_NAMES.scores, scores, input.at)],
    );
    return scores;
  });
  const { flag, certificate } = result.nominations;
  return { nominees: flag.chosen.length + (flag.contested?.candidates.length ?? 0) + certificate.chosen.length };
}
