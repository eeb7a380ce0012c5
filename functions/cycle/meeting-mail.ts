/**
 * The emails of the year-end conference (SPEC §1 "How blocs really meet", §4): the invitation to every
 * unit and guest when the conference phase opens, with the planned time, the host, the agenda and the
 * nominees; and, once the secretary has recorded the sitting, the record's summary to the same people.
 * Each is queued once per recipient through the outbox, so sending again (a retried step) sends nothing new.
 */
import { personsOf, plannedSitting, type CycleConfig, type MeetingRecord } from '../domain/index.js';
import { usualAgenda } from '../shared/meeting-phrases.js';
import type { CycleDeps } from '../shared/deps.js';
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

/** Invites every unit and guest to the conference the vote window stands for. */
export async function inviteToConference(deps: CycleDeps, cycle: CycleOf, window: PhaseWindowRecord, at: Date): Promise<void> {
  const { config } = cycle;
  const planned = plannedSitting(config.bloc, window);
  const names = (ids: readonly string[] = []) => ids.map((id) => unitName(config, id));
  const data = {
    heldAt: planned.heldAt,
    hostUnitName: unitName(config, planned.hostUnitId),
    agenda: usualAgenda(config.language, cycle.year),
    secretBallot: config.rules.voteMode === 'secretBallot',
    flagNominees: names(window.ballot?.flagCandidates),
    certificateNominees: names(window.ballot?.certificateNominees),
  };
  for (const to of conferenceRecipients(config)) {
    await queue(deps, cycle, 'meetingInvitation', to.email, `vote.${window.round}`, { ...common(cycle, to.email), recipientName: to.name, ...data }, at);
  }
}

/** Sends the recorded conference's summary (what the secretary's receipt lists) to every unit and guest. */
export async function sendConferenceSummary(deps: CycleDeps, cycle: CycleOf, record: MeetingRecord, at: Date): Promise<void> {
  const entries = receiptEntries('vote', cycle.config, record as unknown as Record<string, unknown>);
  for (const to of conferenceRecipients(cycle.config)) {
    await queue(deps, cycle, 'meetingSummary', to.email, 'vote.1', { ...common(cycle, to.email), recipientName: to.name, heldAt: record.heldAt, place: record.place, entries }, at);
  }
}
