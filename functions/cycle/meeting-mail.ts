/**
 * The emails of the bloc's conferences (SPEC §1 "How blocs really meet", §4): the invitation to every unit,
 * person and guest when the conference's phase opens, with the planned time, the place, the host and the
 * agenda (and at the year-end conference the nominees); and, once the secretary has recorded the sitting,
 * the record's summary to the same people. Each is queued once per recipient and conference through the
 * outbox, so sending again (a retried step) sends nothing new.
 */
import { personsOf, plannedSitting, type ConferenceKind, type ConferenceRecord, type CycleConfig, type PlannedSitting, type TaskPhase } from '../domain/index.js';
import { usualAgenda } from '../shared/meeting-phrases.js';
import type { CycleDeps } from '../shared/deps.js';
import { inPool } from '../shared/in-pool.js';
import type { PhaseWindowRecord } from './context.js';
import { common, queue, unitName, type CycleOf } from './notify.js';
import { receiptEntries } from './receipt.js';

/** Who hears of the conference: each unit at its address, each of its persons with an address of their own, each guest with one. */
export function conferenceRecipients(config: CycleConfig): Array<{ email: string; name: string }> {
  const seen = new Set<string>();
  const once = (email: string | undefined, name: string) => {
    if (!email || seen.has(email.toLowerCase())) return [];
    seen.add(email.toLowerCase());
    return [{ email, name }];
  };
  return [
    ...config.bloc.units.flatMap((unit) => [...once(unit.email, unit.name), ...personsOf(unit.people).flatMap((p) => once(p.email, `${p.name}, ${p.title}`))]),
    ...config.bloc.guests.flatMap((g) => once(g.email, `${g.name}, ${g.title}`)),
  ];
}

/** The conference a window stands for: its kind and the sitting the calendar planned (fixed at the opening). */
export function sittingOf(config: CycleConfig, window: PhaseWindowRecord): { kind: ConferenceKind; planned: PlannedSitting } {
  const kind = window.meeting?.kind ?? 'yearEnd';
  return { kind, planned: window.meeting?.planned ?? plannedSitting(config.bloc, window) };
}

/** Invites every unit and guest to the conference the window stands for. */
export async function inviteToConference(deps: CycleDeps, cycle: CycleOf, window: PhaseWindowRecord, at: Date): Promise<void> {
  const { config } = cycle;
  const { kind, planned } = sittingOf(config, window);
  const names = (ids: readonly string[] = []) => ids.map((id) => unitName(config, id));
  const data = {
    conference: kind,
    heldAt: planned.heldAt,
    hostUnitName: unitName(config, planned.hostUnitId),
    ...(planned.place ? { place: planned.place } : {}),
    agenda: usualAgenda(config.language, cycle.year, kind),
    secretBallot: config.rules.voteMode === 'secretBallot',
    flagNominees: names(window.ballot?.flagCandidates),
    certificateNominees: names(window.ballot?.certificateNominees),
  };
  for (const to of conferenceRecipients(config)) {
    await queue(deps, cycle, 'meetingInvitation', to.email, `${window.phase}.${window.round}`, { ...common(cycle, to.email), recipientName: to.name, ...data }, at);
  }
}

/** How many summary emails the secretary's record queues side by side: 25–40 people, one round trip after another took 32. */
export const SUMMARY_AT_ONCE = 8;

/**
 * Sends the recorded conference's summary (what the secretary's receipt lists) to every unit and guest,
 * `atOnce` queued side by side (each its own conditional put). The secretary's record waits for it and
 * queues {@link SUMMARY_AT_ONCE} at a time; the workflow's steps, which queue it again for every bloc of a
 * province at the same moment, one after another (invite.ts says why).
 */
export async function sendConferenceSummary(deps: CycleDeps, cycle: CycleOf, window: PhaseWindowRecord, record: ConferenceRecord, at: Date, atOnce = 1): Promise<void> {
  const entries = receiptEntries(window.phase as TaskPhase, cycle.config, record as unknown as Record<string, unknown>);
  const conference = sittingOf(cycle.config, window).kind;
  await inPool(conferenceRecipients(cycle.config), atOnce, async (to) => {
    await queue(deps, cycle, 'meetingSummary', to.email, `${window.phase}.1`, { ...common(cycle, to.email), recipientName: to.name, conference, heldAt: record.heldAt, place: record.place, entries }, at);
  });
}
