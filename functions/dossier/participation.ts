/**
 * Who took part in the cycle's unit phases (the pledge, the mid-year review, the self-assessment, the
 * cross-check): for each phase that opened, its dates and, for each unit asked, whether and when it
 * submitted. The report drafts print it; a phase that never opened is absent, so nothing can claim it ran.
 */
import { PhaseWindowRecordSchema, pledgeSignerAt, scoreUnit, unitsInRotation, windowName, type CycleConfig, type Hundredths, type PledgeConfirmation, type ScoreEntry } from '../domain/index.js';
import type { CycleView } from '../store/cycle-view.js';
import type { ConferenceSitting } from './conferences.js';

/** The unit phases whose participation the reports tell, in the order of the year. */
export const PARTICIPATION_PHASES = ['pledge', 'midYear', 'selfAssessment', 'crossCheck'] as const;
export type ParticipationPhase = (typeof PARTICIPATION_PHASES)[number];

/** One unit's part in a phase. */
export interface UnitParticipation {
  unitId: string;
  /** `submitted` with its time; `missed` once the deadline passed without it; `open` while it can still come. */
  status: 'submitted' | 'missed' | 'open';
  submittedAt?: string | undefined;
  /** The pledge only: the person who signed it for the unit, as the form recorded them. */
  signer?: { name: string; title: string } | undefined;
  /** The mid-year review only: the points the unit gave itself for the first half-year, as submitted. */
  selfTotal?: Hundredths | undefined;
}

/** A phase that opened: when it ran and each unit asked. */
export interface PhaseParticipation {
  phase: ParticipationPhase;
  opensAt: string;
  deadlineAt: string;
  /** Set once the phase closed (its deadline passed or, where the rules allow, everyone had acted). */
  closedAt?: string | undefined;
  /** The pledge signed at the bloc's conference: when and where it sat (each signing unit's `submittedAt` is the sitting). */
  atConference?: { heldAt: string; place: string } | undefined;
  units: UnitParticipation[];
}

/**
 * The participation of every unit phase that opened, in the order of the year; pure. A phase held at a
 * conference has no unit forms: the pledge signed there counts as each signing unit's pledge (signed at the
 * conference, on its day, by the unit's person present), once recorded; the mid-year conference is no unit's
 * participation (the dossier's `conferences` tell it).
 */
export function participationOf(view: Pick<CycleView, 'forms' | 'tasks' | 'results'>, config: CycleConfig, conferences: readonly ConferenceSitting[] = []): PhaseParticipation[] {
  return PARTICIPATION_PHASES.flatMap((phase) => {
    const stored = view.results.find((r) => r.name === windowName(phase, 1));
    if (!stored) return [];
    const window = PhaseWindowRecordSchema.parse(stored.data);
    if (window.meeting) {
      const record = conferences.find((c) => c.kind === phase)?.record;
      if (phase !== 'pledge' || !record) return [];
      const units = unitsInRotation(config.bloc).map((u): UnitParticipation =>
        record.pledgeSigners.includes(u.id) ? { unitId: u.id, status: 'submitted', submittedAt: record.heldAt, signer: pledgeSignerAt(record, u.id) } : { unitId: u.id, status: 'missed' },
      );
      return [{ phase, opensAt: window.opensAt, deadlineAt: window.deadlineAt, closedAt: window.closedAt ?? record.heldAt, atConference: { heldAt: record.heldAt, place: record.place }, units }];
    }
    const units = window.actors.map((unitId) => unitPart(view, config, phase, unitId, window.closedAt !== undefined));
    return [{ phase, opensAt: window.opensAt, deadlineAt: window.deadlineAt, closedAt: window.closedAt, units }];
  });
}

function unitPart(view: Pick<CycleView, 'forms' | 'tasks'>, config: CycleConfig, phase: ParticipationPhase, unitId: string, closed: boolean): UnitParticipation {
  const form = view.forms.find((f) => f.phase === phase && f.round === 1 && f.unitId === unitId);
  if (form?.submitted === undefined) {
    const task = view.tasks.find((t) => t.phase === phase && t.round === 1 && t.unitId === unitId);
    // A draft never sent is not a submission: the unit missed the phase once it closed.
    return { unitId, status: closed || task?.status === 'missed' ? 'missed' : 'open' };
  }
  const part: UnitParticipation = { unitId, status: 'submitted', submittedAt: form.submittedAt ?? form.updatedAt };
  if (phase === 'pledge') {
    const pledge = form.submitted as PledgeConfirmation;
    part.signer = { name: pledge.signerName, title: pledge.signerTitle };
  }
  if (phase === 'midYear') {
    const scores = (form.submitted as { scores: Record<string, ScoreEntry> }).scores;
    part.selfTotal = scoreUnit(config.sheet, unitId, scores, undefined).total;
  }
  return part;
}
