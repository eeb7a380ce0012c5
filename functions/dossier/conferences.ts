/**
 * The bloc's pledge and mid-year conferences as the cycle held them (SPEC §1 "How blocs really meet"): each
 * one the calendar planned and whose phase opened, with the sitting planned and, once the secretary sent
 * it, the record. A conference whose deadline passed unrecorded is `notRecorded`: the documents then say
 * nothing of it, since nothing tells what happened. The year-end conference is the dossier's `meeting`.
 */
import { PhaseWindowRecordSchema, plannedSitting, windowName, type CycleConfig, type PlannedSitting, type SittingRecord } from '../domain/index.js';
import type { CycleView } from '../store/cycle-view.js';

export interface ConferenceSitting {
  kind: 'pledge' | 'midYear';
  /** The sitting as the calendar planned it. */
  planned: PlannedSitting;
  /** The secretary's record, once sent. */
  record?: SittingRecord | undefined;
  /** `recorded`; `notRecorded` once its deadline passed without the record; `open` while it may still come. */
  status: 'recorded' | 'notRecorded' | 'open';
}

/** The pledge and mid-year conferences whose phase opened, in the order of the year; pure. */
export function conferencesOf(view: Pick<CycleView, 'forms' | 'tasks' | 'results'>, config: CycleConfig): ConferenceSitting[] {
  return (['pledge', 'midYear'] as const).flatMap((kind) => {
    const stored = view.results.find((r) => r.name === windowName(kind, 1));
    const window = stored && PhaseWindowRecordSchema.parse(stored.data);
    if (!window?.meeting) return [];
    const secretary = window.actors[0];
    const record = view.forms.find((f) => f.phase === kind && f.round === 1 && f.unitId === secretary)?.submitted as SittingRecord | undefined;
    const task = view.tasks.find((t) => t.phase === kind && t.round === 1 && t.unitId === secretary);
    const status = record ? 'recorded' : window.closedAt !== undefined || task?.status === 'missed' ? 'notRecorded' : 'open';
    return [{ kind, planned: window.meeting.planned ?? plannedSitting(config.bloc, window), record, status }];
  });
}
