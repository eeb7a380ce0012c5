import * as z from 'zod';
import { freeText } from './text.js';
import { vietnamDateOf } from './timeline.js';
import { MAX_OCCURRENCES, criteriaOf, pointsForCount, sheetVersion, type CriteriaSheet, type Criterion } from './criteria-sheet.js';
import { PointsSchema, fromHundredths, toHundredths } from './points.js';

/**
 * The forms units and approvers fill. Schemas that depend on the cycle (its pinned sheet, its nominees)
 * are built by factories, so a score is checked against the very criterion it scores.
 */

const Text = (max: number) => freeText().trim().max(max, { error: `must be at most ${max} characters` });
const Reason = freeText().trim().min(1, { error: 'a reason is required' }).max(2000);

/** Ký giao ước thi đua: the unit confirms the year's pledge text and targets. */
export const PledgeConfirmationSchema = z.object({
  accepted: z.literal(true, { error: 'the pledge must be accepted' }),
  signerName: Text(120).min(1, { error: 'the signer name is required' }),
  signerTitle: Text(120).min(1, { error: 'the signer title is required' }),
  note: Text(2000).default(''),
});
export type PledgeConfirmation = z.infer<typeof PledgeConfirmationSchema>;

/** How many times a per-occurrence deduction happened ("số lần"): a whole number from 0. */
const CountSchema = z
  .number({ error: 'must be a number of occurrences' })
  .int({ error: 'must be a whole number of occurrences' })
  .nonnegative({ error: 'must not be negative' })
  .max(MAX_OCCURRENCES, { error: `must be at most ${MAX_OCCURRENCES} occurrences` });

export const ScoreEntrySchema = z.object({
  points: PointsSchema,
  /** For a per-occurrence criterion: the count the points follow from (the form fills `points` from it). */
  count: CountSchema.optional(),
  note: Text(2000).default(''),
  evidenceUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) link' }).optional(),
});
export type ScoreEntry = z.infer<typeof ScoreEntrySchema>;

/** Checks one value against its criterion's 0..max range and step grid; returns the problem, if any. */
export function scoreProblem(criterion: Criterion, points: number): string | undefined {
  const value = toHundredths(points);
  const max = toHundredths(criterion.maxPoints)!;
  const step = toHundredths(criterion.step)!;
  if (value === undefined || value < 0) return 'must be a number of points';
  if (criterion.allOrNothing && value !== 0 && value !== max) return `must be 0 or ${criterion.maxPoints} (all or nothing)`;
  if (value > max) return `must be at most ${criterion.maxPoints} (the criterion's maximum)`;
  if (value % step !== 0 && criterion.perOccurrence === undefined) return `must be a multiple of ${criterion.step}`; // counted points follow the count, off the grid or not
  return undefined;
}

/**
 * Fills in the points of per-occurrence criteria from their count, before validation: the count is what a
 * unit or a checker enters, the points follow (count × points per occurrence, capped at the maximum).
 * Entries of other criteria, and counts that are not whole numbers (their own issue names them), pass
 * as they are; a per-occurrence entry without a valid count gets 0 points so that only its count is
 * named. Idempotent, so a stored form parses again to the same data.
 */
function pointsFromCounts(sheet: CriteriaSheet, applies: (entry: Record<string, unknown>) => boolean) {
  const counted = new Map(criteriaOf(sheet).filter((c) => c.perOccurrence !== undefined).map((c) => [c.code, c]));
  return (entries: unknown): unknown => {
    if (typeof entries !== 'object' || entries === null || counted.size === 0) return entries;
    return Object.fromEntries(
      Object.entries(entries as Record<string, unknown>).map(([code, entry]) => {
        const criterion = counted.get(code);
        if (!criterion || typeof entry !== 'object' || entry === null || !applies(entry as Record<string, unknown>)) return [code, entry];
        const count = (entry as { count?: unknown }).count;
        const valid = typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= MAX_OCCURRENCES;
        return [code, { ...entry, points: valid ? fromHundredths(pointsForCount(criterion, count)) : 0 }];
      }),
    );
  };
}

/** The count's own problems beside the points: a count where none belongs, or none where one is needed. */
function countProblem(criterion: Criterion, entry: { count?: unknown }): string | undefined {
  if (criterion.perOccurrence === undefined) return entry.count === undefined ? undefined : 'this criterion is not counted per occurrence';
  return entry.count === undefined ? 'enter the number of occurrences' : undefined;
}

/**
 * Runs a form-wide check even when some fields failed already, so a person sees every problem at once;
 * but only on an object (`"scores": -1` has its own issue, and the check would throw on it).
 */
const ALWAYS = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

function checkCodes(
  sheet: CriteriaSheet,
  entries: Record<string, unknown>,
  ctx: z.RefinementCtx,
  complete: boolean,
): Map<string, Criterion> {
  const byCode = new Map(criteriaOf(sheet).map((c) => [c.code, c]));
  for (const code of Object.keys(entries)) {
    if (!byCode.has(code)) ctx.addIssue({ code: 'custom', path: [code], message: `"${code}" is not a criterion of this sheet` });
  }
  if (complete) {
    for (const [code, criterion] of byCode) {
      if (sheet.blankMeansZero && criterion.kind !== 'standard') continue; // a blank bonus or penalty row is 0
      if (!(code in entries)) ctx.addIssue({ code: 'custom', path: [code], message: 'a score is required for every criterion' });
    }
  }
  return byCode;
}

/**
 * Tự chấm điểm: a score per criterion. A `draft` may leave criteria out; a `submission` must score them
 * all. Claimed bonus points need a note, an evidence link, or an evidence file the unit uploaded for the
 * criterion (`filedEvidence`: the codes of the criteria it filed evidence for).
 */
/** The issue of a claimed bonus with no evidence: the action looks for the unit's uploaded evidence files only then. */
export const BONUS_WITHOUT_EVIDENCE = 'bonus points need a note, an evidence link or an evidence file';

export function selfAssessmentSchema(sheet: CriteriaSheet, mode: 'draft' | 'submission', filedEvidence: ReadonlySet<string> = new Set()) {
  const version = sheetVersion(sheet);
  return z.object({
    sheetVersion: z.literal(version, { error: 'the form was filled against another version of the criteria sheet' }).optional(),
    scores: z.preprocess(pointsFromCounts(sheet, () => true), z.record(z.string(), ScoreEntrySchema).superRefine((scores, ctx) => {
      const byCode = checkCodes(sheet, scores, ctx, mode === 'submission');
      for (const [code, entry] of Object.entries(scores)) {
        const criterion = byCode.get(code);
        if (!criterion || typeof entry?.points !== 'number') continue; // a malformed entry has its own issue
        const counting = countProblem(criterion, entry);
        if (counting) ctx.addIssue({ code: 'custom', path: [code, 'count'], message: counting });
        const problem = scoreProblem(criterion, entry.points);
        if (problem) ctx.addIssue({ code: 'custom', path: [code, 'points'], message: problem });
        if (mode === 'submission' && criterion.kind === 'bonus' && entry.points > 0 && !entry.note && !entry.evidenceUrl && !filedEvidence.has(code)) {
          ctx.addIssue({ code: 'custom', path: [code, 'note'], message: BONUS_WITHOUT_EVIDENCE });
        }
      }
    }, ALWAYS)),
  });
}
export type SelfAssessment = z.infer<ReturnType<typeof selfAssessmentSchema>>;

export const CrossCheckItemSchema = z.discriminatedUnion('verdict', [
  z.object({ verdict: z.literal('confirm') }),
  z.object({ verdict: z.literal('correct'), points: PointsSchema, count: CountSchema.optional(), reason: Reason }),
]);
export type CrossCheckItem = z.infer<typeof CrossCheckItemSchema>;

/**
 * Kiểm tra chéo: the checker confirms or corrects every criterion of the checked unit; a correction needs a
 * reason. On a per-occurrence criterion the checker corrects the count, and the points follow from it.
 */
export function crossCheckSchema(sheet: CriteriaSheet) {
  const correcting = (item: Record<string, unknown>) => item.verdict === 'correct';
  return z.object({
    items: z.preprocess(pointsFromCounts(sheet, correcting), z.record(z.string(), CrossCheckItemSchema).superRefine((items, ctx) => {
      const byCode = checkCodes(sheet, items, ctx, true);
      for (const [code, item] of Object.entries(items)) {
        const criterion = byCode.get(code);
        if (!criterion || item?.verdict !== 'correct' || typeof item.points !== 'number') continue;
        const counting = countProblem(criterion, item);
        if (counting) ctx.addIssue({ code: 'custom', path: [code, 'count'], message: counting });
        const problem = scoreProblem(criterion, item.points);
        if (problem) ctx.addIssue({ code: 'custom', path: [code, 'points'], message: problem });
      }
    }, ALWAYS)),
  });
}
export type CrossCheck = z.infer<ReturnType<typeof crossCheckSchema>>;

/** What a ballot asks in a given round: the nominees to approve or not, and (first round) next year's leaders. */
export interface BallotQuestions {
  memberIds: readonly string[];
  flagCandidates: readonly string[];
  certificateNominees: readonly string[];
  electLeaders: boolean;
}

/** Phiếu bầu: approve or not for each nominee; in the first round, a choice for next year's leader and deputy. */
export function ballotSchema(q: BallotQuestions) {
  const decisions = (ids: readonly string[]) =>
    z.object(Object.fromEntries(ids.map((id) => [id, z.boolean({ error: 'choose approve or not approve' })]))).strict();
  const member = z.string().refine((id) => q.memberIds.includes(id), { error: 'must be a member unit of the bloc' });
  const leader = q.electLeaders ? member : z.undefined({ error: 'leaders are elected in the first round only' }).optional();
  return z
    .object({ flag: decisions(q.flagCandidates), certificate: decisions(q.certificateNominees), leaderUnitId: leader, deputyUnitId: leader })
    .refine((b) => !q.electLeaders || b.leaderUnitId !== b.deputyUnitId, {
      path: ['deputyUnitId'],
      error: 'the deputy must be another unit than the leader',
    });
}
export type Ballot = {
  flag: Record<string, boolean>;
  certificate: Record<string, boolean>;
  leaderUnitId?: string | undefined;
  deputyUnitId?: string | undefined;
};

/** The bloc leader's and deputy's decision on a flag two ballot rounds left undecided. */
export function leaderDecisionSchema(candidates: readonly string[]) {
  return z.object({
    flagUnitId: z
      .string()
      .refine((id) => candidates.includes(id), { error: 'must be one of the undecided candidates' })
      .nullable(),
    reason: Reason,
  });
}
export type LeaderDecision = z.infer<ReturnType<typeof leaderDecisionSchema>>;

/**
 * The bloc leader's revision of a returned dossier ("hoàn thiện hồ sơ"): a response to the province's
 * reason and, where the province found a problem with a nominee, nominees withdrawn from the proposal.
 */
export function revisionSchema(nominees: readonly string[]) {
  return z.object({
    response: freeText().trim().min(1, { error: 'a response to the reason for return is required' }).max(4000),
    withdraw: z.array(z.string().refine((id) => nominees.includes(id), { error: 'must be one of the proposed units' })).default([]),
  });
}
export type Revision = z.infer<ReturnType<typeof revisionSchema>>;

/** Phê duyệt: approve (optionally with the decision number and date) or return the dossier with a reason. */
export const ApprovalDecisionSchema = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('approve'),
    decisionNumber: Text(60).optional(),
    decisionDate: z.iso.date({ error: 'must be a date YYYY-MM-DD' }).optional(),
  }),
  z.object({ decision: z.literal('return'), reason: Reason }),
]);
export type ApprovalDecision = z.infer<typeof ApprovalDecisionSchema>;

/**
 * An approval's decision is dated the day it was signed, which is not after the day the approver records it
 * (in Vietnam): a later date would stand in the results email and the unit's history as if already decided.
 */
export function decisionDatedBy(recordedAt: Date) {
  const today = vietnamDateOf(recordedAt.getTime());
  return (decision: ApprovalDecision, issues: z.core.$RefinementCtx<ApprovalDecision>): void => {
    if (decision.decision === 'approve' && decision.decisionDate !== undefined && decision.decisionDate > today) {
      issues.addIssue({ code: 'custom', path: ['decisionDate'], message: `a decision is dated the day it was signed: it cannot be after today (${today})` });
    }
  };
}
