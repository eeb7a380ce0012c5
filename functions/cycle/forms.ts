/**
 * Which form a kind of work uses, validated against the cycle's pinned sheet and the window's questions,
 * and how a submission reads back in a receipt.
 */
import {
  ApprovalDecisionSchema,
  PledgeConfirmationSchema,
  ballotSchema,
  criteriaOf,
  crossCheckSchema,
  leaderDecisionSchema,
  revisionSchema,
  selfAssessmentSchema,
  type CycleConfig,
  type TaskPhase,
} from '../domain/index.js';
import type { Proposal } from '../domain/index.js';
import type { PhaseWindowRecord } from './context.js';
import { unitName } from './notify.js';

/** The schema a form of `phase` is parsed with, for a draft or a submission. */
export function formSchema(phase: TaskPhase, config: CycleConfig, window: PhaseWindowRecord, mode: 'draft' | 'submission', proposal?: Proposal) {
  switch (phase) {
    case 'pledge':
      return PledgeConfirmationSchema;
    case 'midYear':
    case 'selfAssessment':
      return selfAssessmentSchema(config.sheet, mode);
    case 'crossCheck':
      return crossCheckSchema(config.sheet);
    case 'vote':
      return ballotSchema({ memberIds: config.bloc.units.map((u) => u.id), ...(window.ballot ?? { flagCandidates: [], certificateNominees: [], electLeaders: false }) });
    case 'leaderDecision':
      return leaderDecisionSchema(window.candidates ?? []);
    case 'approval':
      return ApprovalDecisionSchema;
    case 'revision':
      return revisionSchema([...(proposal?.flag ?? []), ...(proposal?.certificate ?? [])]);
  }
}

type Entry = { label: string; value: string };

/** A submission as label/value lines, for the receipt email ("bản sao nội dung đã nộp"). */
export function receiptEntries(phase: TaskPhase, config: CycleConfig, data: Record<string, unknown>): Entry[] {
  const vi = config.language !== 'en';
  const yes = vi ? 'Đồng ý' : 'Approve';
  const no = vi ? 'Không đồng ý' : 'Do not approve';
  const name = (id: unknown) => unitName(config, String(id));
  switch (phase) {
    case 'midYear':
    case 'selfAssessment': {
      const scores = data.scores as Record<string, { points: number; note?: string }>;
      return criteriaOf(config.sheet)
        .filter((c) => scores[c.code] !== undefined)
        .map((c) => ({ label: `${c.code}. ${c.title}`, value: `${scores[c.code]!.points}/${c.maxPoints}${scores[c.code]!.note ? ` — ${scores[c.code]!.note}` : ''}` }));
    }
    case 'crossCheck': {
      const items = data.items as Record<string, { verdict: string; points?: number; reason?: string }>;
      return Object.entries(items).map(([code, item]) => ({
        label: code,
        value: item.verdict === 'confirm' ? (vi ? 'Xác nhận' : 'Confirmed') : `${vi ? 'Sửa thành' : 'Corrected to'} ${item.points} — ${item.reason}`,
      }));
    }
    case 'vote': {
      const ballot = data as { flag: Record<string, boolean>; certificate: Record<string, boolean>; leaderUnitId?: string; deputyUnitId?: string };
      return [
        ...Object.entries(ballot.flag).map(([id, ok]) => ({ label: `${vi ? 'Cờ thi đua' : 'Flag'}: ${name(id)}`, value: ok ? yes : no })),
        ...Object.entries(ballot.certificate).map(([id, ok]) => ({ label: `${vi ? 'Bằng khen' : 'Certificate'}: ${name(id)}`, value: ok ? yes : no })),
        ...(ballot.leaderUnitId ? [{ label: vi ? 'Trưởng khối năm sau' : "Next year's leader", value: name(ballot.leaderUnitId) }] : []),
        ...(ballot.deputyUnitId ? [{ label: vi ? 'Phó Trưởng khối năm sau' : "Next year's deputy", value: name(ballot.deputyUnitId) }] : []),
      ];
    }
    case 'leaderDecision':
      return [
        { label: vi ? 'Cờ thi đua' : 'Flag', value: data.flagUnitId ? name(data.flagUnitId) : vi ? 'Không đề nghị' : 'None' },
        { label: vi ? 'Lý do' : 'Reason', value: String(data.reason) },
      ];
    default:
      return Object.entries(data)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => ({ label: k, value: Array.isArray(v) ? v.map(name).join(', ') : String(v) }));
  }
}
