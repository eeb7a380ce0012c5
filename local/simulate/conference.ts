/**
 * The demo's year-end conference (the default way a bloc votes, SPEC §1 "How blocs really meet"): every
 * unit's head attends but one, who votes in writing on the first round's ballot; the room elects a
 * counting committee; the secret paper ballot leaves the flag short of its threshold, so the room votes
 * again and settles it (the members present all choose one candidate: 80 % of a bloc of five or more; in
 * a smaller bloc the leaders then decide, as the demo plays them); the meeting orders the units that
 * share a place; the leader unit's officer, the secretary, records it all through the same HTML form (and
 * POST) a person uses. Two units of each bloc score alike, so that one place is shared and the meeting
 * has an order to decide.
 */
import { vietnamDateOf, type Timeline } from '../../functions/domain/index.js';
import { demoTimeline } from '../demo/index.js';
import type { DemoClient } from './client.js';

/** The unit whose self-assessment the unit at `index` copies (the fifth copies the fourth), so the two share a place. */
export const twinIndex = (index: number, units: number) => (index === 4 && units > 5 ? 3 : index);

interface MeetingLinkView {
  deadlineAt: string;
  year: number;
  unitId: string;
  bloc: { units: Array<{ id: string; name: string }> };
  window: {
    ballot: { flagCandidates: string[]; certificateNominees: string[] };
    /** The sitting the calendar planned, fixed when the phase opened (absent from windows opened before it was kept). */
    meeting: { places: Record<string, number>; planned?: { heldAt: string; place?: string; hostUnitId: string } | undefined };
  };
  /** What the secretary sent: once recorded, the link only shows it (and leads to the signed scan's upload). */
  form?: { submitted?: unknown } | undefined;
}

/** Whether the conference was recorded already (a demo restarted after the record): the link then has no form. */
const recorded = (view: Pick<MeetingLinkView, 'form'>) => view.form?.submitted !== undefined;

/** When the conference sits: as planned, or the calendar's default (8:00 on the window's last day). */
const plannedAt = (view: Pick<MeetingLinkView, 'deadlineAt' | 'window'>) => view.window.meeting.planned?.heldAt ?? `${vietnamDateOf(Date.parse(view.deadlineAt))}T08:00:00+07:00`;

/** How long the demo's conferences sit: the secretary records one once it has closed. */
const SITTING_MS = 3 * 60 * 60 * 1000;

/**
 * The secretary records a conference once it has been held (the record of a sitting still to come is
 * refused): the demo moves the local clock to the end of the planned sitting if it is not past it yet.
 */
async function afterTheSitting(client: DemoClient, view: MeetingLinkView): Promise<void> {
  const over = Date.parse(plannedAt(view)) + SITTING_MS;
  if ((await client.now()) < over) await client.jumpTo(over);
}

/** The record's fields as the secretary fills the form (names as meeting.njk has them). */
export function conferenceFields(view: MeetingLinkView, guests: number, flagThresholdPercent = 80): Array<[string, string]> {
  const units = view.bloc.units.map((u) => u.id);
  const leader = view.unitId;
  const absent = units.at(-1)!;
  const present = units.filter((id) => id !== absent);
  const members = units.length;
  const { flagCandidates, certificateNominees } = view.window.ballot;
  const short = Math.ceil((flagThresholdPercent * members) / 100) - 1; // one vote short of the flag's threshold
  const fields: Array<[string, string]> = [
    ['heldAt', plannedAt(view).slice(0, 16)],
    ['place', view.window.meeting.planned?.place ?? `Hội trường ${view.bloc.units.find((u) => u.id === leader)!.name}`],
    ['hostUnitId', view.window.meeting.planned?.hostUnitId ?? leader],
    ['chair', `${leader}/head`],
    ['secretary', `${leader}/officer`],
    ...present.map((id): [string, string] => ['attendance', `${id}/head`]),
    ['attendance', `${leader}/officer`],
    ...Array.from({ length: guests }, (_, i): [string, string] => ['guests', String(i)]),
    ['agenda.0.item', `Báo cáo tổng kết công tác thi đua, khen thưởng năm ${view.year} và phương hướng nhiệm vụ năm ${view.year + 1}`],
    ['agenda.0.adopted', 'yes'],
    ['agenda.1.item', 'Công bố kết quả chấm điểm, kiểm tra chéo và xếp hạng các đơn vị'],
    ['agenda.1.adopted', 'yes'],
    ...present.filter((id) => id !== leader).slice(0, 2).map((id): [string, string] => ['countingCommittee', `${id}/head`]),
    ...flagCandidates.map((id): [string, string] => [`rounds.0.flag.${id}`, String(short)]),
    ...certificateNominees.map((id): [string, string] => [`rounds.0.certificate.${id}`, String(present.length)]),
    ['rounds.0.writtenVoters', absent],
    // The runoff: every flag candidate tied one vote short, the room settles on the first of them. The
    // absent unit's written vote was cast on the first round's ballot only: the runoff is the room's.
    ...flagCandidates.map((id, i): [string, string] => [`rounds.1.flag.${id}`, String(i === 0 ? present.length : 0)]),
    ...equalOrders(view),
    ['nextLeaderUnitId', units[(units.indexOf(leader) + 1) % members]!],
    ['nextDeputyUnitId', units[(units.indexOf(leader) + 2) % members]!],
    ['pledgeSigned', 'yes'],
  ];
  return fields;
}

/**
 * The meeting's order of each group of units that share a place: a unit nominated for the certificate
 * before one that is not (the nomination already preferred it), otherwise the later in rotation first.
 */
function equalOrders(view: MeetingLinkView): Array<[string, string]> {
  const byPlace = new Map<number, string[]>();
  for (const u of view.bloc.units) {
    const place = view.window.meeting.places[u.id];
    if (place !== undefined) byPlace.set(place, [...(byPlace.get(place) ?? []), u.id]);
  }
  const groups = [...byPlace.entries()].filter(([, ids]) => ids.length > 1).sort(([a], [b]) => a - b);
  return groups.flatMap(([, ids], g): Array<[string, string]> => [
    ...[...ids].reverse().sort((a, b) => Number(nominated(view, b)) - Number(nominated(view, a))).map((id, k): [string, string] => [`equalOrder.${g}.unitIds.${k}`, id]),
    [`equalOrder.${g}.reason`, 'Hội nghị thống nhất xếp trên đơn vị có mô hình mới được nhân rộng trong năm'],
  ]);
}

const nominated = (view: MeetingLinkView, unitId: string) => view.window.ballot.certificateNominees.includes(unitId) || view.window.ballot.flagCandidates.includes(unitId);

/** The secretary records the conference through the form; a record sent before (a restarted demo) is left alone. */
export async function recordConference(client: DemoClient, linkId: string, guests: number): Promise<void> {
  const view = await client.call<MeetingLinkView>('GET', `/api/links/${linkId}`);
  if (recorded(view)) return;
  await afterTheSitting(client, view);
  await client.postForm(`/l/${linkId}`, conferenceFields(view, guests));
}

/**
 * The secretary records the pledge conference through the same form: every unit's head attends with the
 * secretary, the bloc's plan is adopted and every unit signs the year's pledge at the sitting.
 */
export async function recordPledgeConference(client: DemoClient, linkId: string): Promise<void> {
  const view = await client.call<MeetingLinkView>('GET', `/api/links/${linkId}`);
  if (recorded(view)) return;
  await afterTheSitting(client, view);
  const units = view.bloc.units.map((u) => u.id);
  const planned = view.window.meeting.planned;
  await client.postForm(`/l/${linkId}`, [
    ['heldAt', plannedAt(view).slice(0, 16)],
    ['place', planned?.place ?? `Hội trường ${view.bloc.units.find((u) => u.id === view.unitId)!.name}`],
    ['hostUnitId', planned?.hostUnitId ?? view.unitId],
    ['chair', `${view.unitId}/head`],
    ['secretary', `${view.unitId}/officer`],
    ...units.map((id): [string, string] => ['attendance', `${id}/head`]),
    ['attendance', `${view.unitId}/officer`],
    ['agenda.0.item', `Kế hoạch hoạt động của khối thi đua năm ${view.year}`],
    ['agenda.0.adopted', 'yes'],
    ['agenda.1.item', `Ký kết giao ước thi đua năm ${view.year}`],
    ['agenda.1.adopted', 'yes'],
    ...units.map((id): [string, string] => ['pledgeSigners', id]),
  ]);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The demo's calendar three days later, with a pledge conference today and tomorrow (at 08:30 on its last day, in the leader unit's hall). */
export function pledgeConferenceTimeline(now: number): Timeline {
  const later = demoTimeline(now + 3 * DAY_MS);
  const day = (n: number) => vietnamDateOf(now + n * DAY_MS);
  return { ...later, pledge: { opensOn: day(0), deadlineOn: day(1), conference: { at: '08:30', place: 'Hội trường tầng 2, trụ sở đơn vị Trưởng khối' } } };
}
