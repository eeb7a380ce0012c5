/**
 * What a cycle records as it runs, by name: the window of each phase it opens, its plan, the scoring, each
 * ballot round's tally, the proposal and the published outcome. The workflow's steps write each once
 * (cycle/results.ts); the dossier (functions/dossier/) reads them all back from the cycle's partition.
 */
import * as z from 'zod';
import type { Nominations } from './awards.js';
import { CONFERENCE_KINDS } from './conference.js';
import type { TaskPhase } from './cycle-plan.js';
import type { RankedUnit } from './scoring.js';

/** A window ("đợt"): one phase (and round) as opened, with its dates and who must act in it. */
export const PhaseWindowRecordSchema = z.object({
  phase: z.string(),
  round: z.number().int().positive(),
  opensAt: z.string(),
  deadlineAt: z.string(),
  capAt: z.string(),
  /** The units (or the approver) who must act in this window. */
  actors: z.array(z.string()),
  /** Cross-check only: who checks whom. */
  assignments: z.array(z.object({ checkerUnitId: z.string(), checkedUnitId: z.string() })).default([]),
  /** Vote only: what this round's ballot asks. */
  ballot: z.object({ flagCandidates: z.array(z.string()), certificateNominees: z.array(z.string()), electLeaders: z.boolean() }).optional(),
  /**
   * A conference's window (the pledge, mid-year or year-end conference, conference.ts): the secretary, its
   * one actor, records the sitting in one form. `planned` is the sitting the calendar plans, fixed at the
   * opening (windows opened before it was kept have none: the calendar's default then). The year-end
   * conference's record is checked against the ranking's places and the nominations (the rounds the room
   * needed follow from them).
   */
  meeting: z
    .object({
      kind: z.enum(CONFERENCE_KINDS).default('yearEnd'),
      planned: z.object({ heldAt: z.string(), hostUnitId: z.string(), place: z.string().optional() }).optional(),
      places: z.record(z.string(), z.number().int()).default({}),
      nominations: z.custom<Nominations>((v) => typeof v === 'object' && v !== null).optional(),
    })
    .optional(),
  /** Leader decision only: the candidates the ballots left undecided. */
  candidates: z.array(z.string()).optional(),
  /** Set once every wait of the window has ended. */
  closedAt: z.string().optional(),
});
export type PhaseWindowRecord = z.infer<typeof PhaseWindowRecordSchema>;

/** What every phase window's result name starts with (a cycle's windows are read by it). */
export const WINDOW_PREFIX = 'window.';
export const windowName = (phase: TaskPhase, round: number) => `${WINDOW_PREFIX}${phase}.${round}`;
export const PLAN = 'plan';

/** The names of the results a cycle stores, one per step that computes them. */
export const RESULT_NAMES = {
  scores: 'scores',
  vote: (round: number) => `vote.${round}`,
  proposal: 'proposal',
  final: 'final',
  eligibility: 'eligibility',
} as const;

/** The bloc's scoring ("kết quả chấm điểm"): the ranking with each criterion's points and corrections. */
export interface ScoresResult {
  rows: RankedUnit[];
  nominations: Nominations;
  /** Cross-check by checked unit: who checked it, or that nobody did. */
  crossChecks: Record<string, { checkerUnitId: string; done: boolean }>;
  computedAt: string;
}

/** The published outcome ("công bố kết quả"): what the province granted, and next year's leaders. */
export interface FinalResult {
  status: 'approved' | 'rejected' | 'noDecision';
  flag: string[];
  certificate: string[];
  withdrawn: string[];
  leaderUnitId: string;
  deputyUnitId: string;
  decisionNumber?: string | undefined;
  decisionDate?: string | undefined;
  publishedAt: string;
}
