/**
 * Which form a kind of work uses, validated against the cycle's pinned sheet and the window's questions
 * (how a submission reads back in a receipt is in receipt.ts).
 */
import {
  ApprovalDecisionSchema,
  decisionDatedBy,
  PledgeConfirmationSchema,
  ballotSchema,
  heldBy,
  whenHeldAtGiven,
  crossCheckSchema,
  leaderDecisionSchema,
  meetingRecordSchema,
  revisionSchema,
  sittingRecordSchema,
  selfAssessmentSchema,
  type CycleConfig,
  type TaskPhase,
} from '../domain/index.js';
import type * as z from 'zod';
import type { CriteriaSheet, MeetingContext, Proposal } from '../domain/index.js';
import type { PhaseWindowRecord } from './context.js';
import { StateRefusedError } from './errors.js';

/**
 * The sheet's schemas, made once per sheet object: a container keeps each cycle's configuration
 * (store/cycles.ts), so every submission of a cycle's self-assessment or cross-check finds its schema
 * here instead of building it again (about 0.4 ms, most of it hashing the sheet for its version).
 */
const sheetSchemas = new WeakMap<CriteriaSheet, Map<string, unknown>>();
function ofSheet<T>(sheet: CriteriaSheet, name: string, make: () => T): T {
  let schemas = sheetSchemas.get(sheet);
  if (!schemas) sheetSchemas.set(sheet, (schemas = new Map()));
  if (!schemas.has(name)) schemas.set(name, make());
  return schemas.get(name) as T;
}

/**
 * The schema a form of `phase` is parsed with, for a draft or a submission. `recordedAt`, when given, is
 * when the form is sent: a conference's record is refused while the sitting is still to come (a draft is no
 * record of a meeting, and tells nobody it took place), an approval dated after that day.
 */
export function formSchema(phase: TaskPhase, config: CycleConfig, window: PhaseWindowRecord, mode: 'draft' | 'submission', proposal?: Proposal, recordedAt?: Date, filedEvidence?: ReadonlySet<string>) {
  // A self-assessment checked against the unit's uploaded evidence files is made for that unit, not cached.
  const assessment = () => (filedEvidence?.size ? selfAssessmentSchema(config.sheet, mode, filedEvidence) : ofSheet(config.sheet, mode, () => selfAssessmentSchema(config.sheet, mode)));
  const held = <S extends z.ZodType<{ heldAt: string }>>(schema: S) => (recordedAt && mode === 'submission' ? schema.superRefine(heldBy(recordedAt, phase === 'vote' ? window.opensAt : undefined), whenHeldAtGiven) : schema);
  switch (phase) {
    case 'pledge':
    case 'midYear':
      // A conference's window: the secretary's record of the sitting stands for every unit's form.
      if (window.meeting) return held(sittingRecordSchema(phase, config.bloc));
      return phase === 'pledge' ? PledgeConfirmationSchema : assessment();
    case 'selfAssessment':
      return assessment();
    case 'crossCheck':
      return ofSheet(config.sheet, 'crossCheck', () => crossCheckSchema(config.sheet));
    case 'vote':
      if (window.meeting) return held(meetingRecordSchema(meetingContext(config, window.meeting)));
      return ballotSchema({ memberIds: config.bloc.units.map((u) => u.id), ...(window.ballot ?? { flagCandidates: [], certificateNominees: [], electLeaders: false }) });
    case 'leaderDecision':
      return leaderDecisionSchema(window.candidates ?? []);
    case 'approval':
      return recordedAt && mode === 'submission' ? ApprovalDecisionSchema.superRefine(decisionDatedBy(recordedAt)) : ApprovalDecisionSchema;
    case 'revision':
      return revisionSchema([...(proposal?.flag ?? []), ...(proposal?.certificate ?? [])]);
  }
}

/** What a meeting record of this cycle is checked against, from the vote window. */
export function meetingContext(config: CycleConfig, meeting: NonNullable<PhaseWindowRecord['meeting']>): MeetingContext {
  const rows = Object.entries(meeting.places).map(([unitId, place]) => ({ unitId, place }));
  if (!meeting.nominations) throw new StateRefusedError({ reason: 'onlyYearEndVotes' });
  return { bloc: config.bloc, rules: config.rules, rows, nominations: meeting.nominations };
}
