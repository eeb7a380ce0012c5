/**
 * The secretary's HTML form of a conference (SPEC §1 "How blocs really meet"): the pledge, mid-year or
 * year-end one. What the page offers (each unit's persons, the bloc's guests; at the pledge conference the
 * units that may sign; at the year-end one the nominees of each round and the units that share a place), the
 * flat fields turned into the record the domain checks (domain/conference.ts, domain/meeting.ts), and the
 * record's error paths turned back into the form's fields, so each message shows beside the control it is
 * about. It works without JavaScript: every round the room may hold is on the page, an empty one is not sent.
 */
import { guestText, vietnamDateTimeInput, personsOf, rotationProposal, type ConferenceKind } from '../domain/index.js';
import { sittingOf } from '../cycle/meeting-mail.js';
import type { LinkView } from './link-views.js';
import { usualAgenda } from '../shared/meeting-phrases.js';
import type { Lang } from './http.js';

/** A person as the form offers them: `key` is "unitId/role" (head, deputy-0, officer). */
export interface FormPerson { key: string; unitId: string; name: string; title: string }

/** What the meeting page shows beside its fields. */
export interface MeetingFormModel {
  kind: ConferenceKind;
  units: Array<{ id: string; name: string; persons: FormPerson[] }>;
  /** The bloc's guests, each with the words the page shows (guestText: the organisation said once). */
  guests: Array<{ name: string; title: string; organisation: string; text: string }>;
  extraGuests: number[];
  agendaRows: number[];
  rounds: Array<{ flag: string[]; certificate: string[] }>;
  writtenVotes: boolean;
  secretBallot: boolean;
  equalGroups: Array<{ place: number; unitIds: string[] }>;
  rotation: { leaderUnitId: string; deputyUnitId: string };
  /** The earliest sitting the form takes, as its time control reads it (the year-end conference: its window's opening). */
  heldFrom?: string | undefined;
}

/** The form's values: each field's values as posted (checkboxes repeat a name). */
export type FormValues = Record<string, string[]>;

const EXTRA_GUESTS = 2;
const AGENDA_ROWS = 5;

/** Whether a link's page is the secretary's record of a conference (a window held at the bloc's conference). */
export const isMeeting = (view: LinkView) => view.window.meeting !== undefined;

/** The page model of the meeting form. */
export function meetingModel(view: LinkView): MeetingFormModel {
  const { bloc, rules } = view.config;
  const places = view.window.meeting?.places ?? {};
  const byPlace = new Map<number, string[]>();
  for (const unit of bloc.units) byPlace.set(places[unit.id] ?? 0, [...(byPlace.get(places[unit.id] ?? 0) ?? []), unit.id]);
  const first = view.window.ballot ?? { flagCandidates: [], certificateNominees: [] };
  // A later round asks only the flag again, between the candidates the round before left open.
  const later = first.flagCandidates.length > 0 ? Array.from({ length: rules.flagVoteRounds - 1 }, () => ({ flag: [...first.flagCandidates], certificate: [] })) : [];
  return {
    kind: view.window.meeting?.kind ?? 'yearEnd',
    units: bloc.units.map((u) => ({ id: u.id, name: u.name, persons: personsOf(u.people).map((p) => ({ key: `${u.id}/${p.role}`, unitId: u.id, name: p.name, title: p.title })) })),
    guests: bloc.guests.map((g) => ({ name: g.name, title: g.title, organisation: g.organisation, text: guestText(g) })),
    extraGuests: [...Array(EXTRA_GUESTS).keys()],
    agendaRows: [...Array(AGENDA_ROWS).keys()],
    rounds: [{ flag: [...first.flagCandidates], certificate: [...first.certificateNominees] }, ...later],
    writtenVotes: rules.writtenVotes,
    secretBallot: rules.voteMode === 'secretBallot',
    equalGroups: [...byPlace.entries()].filter(([place, ids]) => place > 0 && ids.length > 1).sort(([a], [b]) => a - b).map(([place, unitIds]) => ({ place, unitIds })),
    rotation: rotationProposal(bloc),
    // The year-end conference votes on the ranking published when its window opened: the picker starts there.
    heldFrom: view.window.meeting?.kind === 'yearEnd' ? vietnamDateTimeInput(view.window.opensAt) : undefined,
  };
}

/** What the form holds before the secretary types: the planned sitting, each unit's head present, the usual agenda. */
export function meetingDefaults(view: LinkView, lang: Lang): FormValues {
  const { kind, planned } = sittingOf(view.config, view.window);
  // The secretary is the leader unit's officer, who sends this form; the chair its head.
  const leader = view.unitId;
  const model = meetingModel(view);
  const agenda = usualAgenda(lang, view.year, kind);
  return {
    heldAt: [planned.heldAt.slice(0, 16)],
    ...(planned.place ? { place: [planned.place] } : {}),
    hostUnitId: [planned.hostUnitId],
    chair: [`${leader}/head`],
    secretary: [`${leader}/officer`],
    attendance: [...model.units.flatMap((u) => u.persons.filter((p) => p.key.endsWith('/head')).map((p) => p.key)), `${leader}/officer`],
    ...Object.fromEntries(agenda.flatMap((item, i) => [[`agenda.${i}.item`, [item]], [`agenda.${i}.adopted`, ['yes']]])),
    ...(kind === 'yearEnd' ? { nextLeaderUnitId: [model.rotation.leaderUnitId], nextDeputyUnitId: [model.rotation.deputyUnitId] } : {}),
  };
}

/** The posted fields as the form's values, to show them back beside their errors. */
export function valuesOf(fields: URLSearchParams): FormValues {
  const values: FormValues = {};
  for (const [name, value] of fields) (values[name] ??= []).push(value);
  return values;
}

/** The record built from the form, and how each of its error paths reads as a field of the form. */
export interface MeetingFromForm {
  data: Record<string, unknown>;
  fieldOf: (path: string) => string;
}

const count = (raw: string): number | string => {
  const value = Number(raw.trim());
  return raw.trim() !== '' && Number.isInteger(value) ? value : raw;
};

/** The record of the conference from the form's fields. */
export function meetingFromFields(view: LinkView, fields: URLSearchParams): MeetingFromForm {
  const model = meetingModel(view);
  const persons = new Map(model.units.flatMap((u) => u.persons).map((p) => [p.key, p]));
  const person = (key: string) => {
    const p = persons.get(key);
    return p ? { unitId: p.unitId, name: p.name, title: p.title } : { unitId: key, name: '', title: '' };
  };
  // A person's select left on "choose a person" sends nothing chosen: the record asks for one (not for a member unit).
  const chosen = (key: string | null) => (key ? person(key) : undefined);
  const get = (name: string) => fields.get(name)?.trim() ?? '';
  // Rows left empty are not sent; what a record index was on the form is kept to place its errors.
  const renames: Array<[string, string]> = [];
  const attendance = fields.getAll('attendance').map(person);
  // A person the bloc does not have (another bloc's, a forged value) has no unit's box on the page: their error shows above them all.
  fields.getAll('attendance').forEach((key, i) => renames.push([`attendance.${i}`, persons.has(key) ? `attendance.${attendance[i]!.unitId}` : 'attendance']));
  const guests = fields.getAll('guests').flatMap((i) => model.guests[Number(i)] ?? []).map(({ name, title, organisation }) => ({ name, title, organisation }));
  guests.forEach((_, i) => renames.push([`guests.${i}`, 'guests']));
  for (const k of model.extraGuests) {
    const guest = { name: get(`guests.extra.${k}.name`), title: get(`guests.extra.${k}.title`), organisation: get(`guests.extra.${k}.organisation`) };
    if (!guest.name && !guest.title && !guest.organisation) continue;
    renames.push([`guests.${guests.length}`, `guests.extra.${k}`]);
    guests.push(guest);
  }
  const agenda: Array<{ item: string; adopted: boolean }> = [];
  for (const row of model.agendaRows) {
    if (!get(`agenda.${row}.item`)) continue;
    renames.push([`agenda.${agenda.length}`, `agenda.${row}`]);
    agenda.push({ item: get(`agenda.${row}.item`), adopted: fields.get(`agenda.${row}.adopted`) === 'yes' });
  }
  const countingCommittee = fields.getAll('countingCommittee').map((key) => ({ unitId: person(key).unitId, name: person(key).name }));
  const rounds = model.rounds.flatMap((round, r) => {
    const tallies = (kind: 'flag' | 'certificate') => Object.fromEntries(round[kind].flatMap((id) => (get(`rounds.${r}.${kind}.${id}`) ? [[id, count(get(`rounds.${r}.${kind}.${id}`))]] : [])));
    // Written votes count in the first round only (domain/meeting.ts): a later round has no such boxes.
    const held = { flag: tallies('flag'), certificate: tallies('certificate'), writtenVoters: r === 0 ? fields.getAll('rounds.0.writtenVoters') : [] };
    const empty = Object.keys(held.flag).length + Object.keys(held.certificate).length + held.writtenVoters.length === 0;
    return r > 0 && empty ? [] : [held];
  });
  const equalOrder = model.equalGroups.flatMap((group, g) => {
    const unitIds = group.unitIds.map((_, k) => get(`equalOrder.${g}.unitIds.${k}`)).filter((id) => id !== '');
    if (unitIds.length === 0 && !get(`equalOrder.${g}.reason`)) return [];
    return [{ g, decision: { unitIds, reason: get(`equalOrder.${g}.reason`) } }];
  });
  equalOrder.forEach(({ g }, i) => renames.push([`equalOrder.${i}`, `equalOrder.${g}`]));
  const heldAt = get('heldAt');
  const sitting = {
    heldAt: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(heldAt) ? `${heldAt}:00+07:00` : heldAt,
    place: get('place'),
    hostUnitId: get('hostUnitId'),
    chair: chosen(fields.get('chair')),
    secretary: chosen(fields.get('secretary')),
    attendance,
    guests,
    agenda,
    ...(get('signedScanRef') ? { signedScanRef: get('signedScanRef') } : {}),
  };
  // A pledge or mid-year conference votes on nothing: its record is the sitting (and the pledge's signers).
  if (model.kind !== 'yearEnd') {
    const data = { kind: model.kind, ...sitting, ...(model.kind === 'pledge' ? { pledgeSigners: fields.getAll('pledgeSigners') } : {}) };
    return { data, fieldOf: (path) => formField(path, renames) };
  }
  const data = {
    ...sitting,
    countingCommittee,
    rounds,
    equalOrder: equalOrder.map((e) => e.decision),
    nextLeaderUnitId: get('nextLeaderUnitId'),
    nextDeputyUnitId: get('nextDeputyUnitId'),
    ...(fields.get('pledgeSigned') === 'yes' ? { pledgeSigned: true } : fields.get('pledgeSigned') === 'no' ? { pledgeSigned: false } : {}),
  };
  return { data, fieldOf: (path) => formField(path, renames) };
}

/** The form field an error path of the record is shown beside. */
function formField(path: string, renames: ReadonlyArray<[string, string]>): string {
  const rename = renames.find(([from]) => path === from || path.startsWith(`${from}.`));
  if (rename?.[1] === 'attendance') return 'attendance';
  const renamed = rename ? rename[1] + path.slice(rename[0].length) : path;
  return renamed
    .replace(/^(chair|secretary|countingCommittee|guests)(\.(?!extra).*)?$/, '$1')
    .replace(/^(attendance\.[^.]+)\..*$/, '$1')
    .replace(/^(rounds\.\d+\.writtenVoters|pledgeSigners)\..*$/, '$1')
    .replace(/^(equalOrder\.\d+\.unitIds)\..*$/, '$1');
}

/** The id of the control an error summary's link reaches for a field of the form (meeting.njk gives these ids). */
export function meetingAnchor(view: LinkView, path: string): string {
  const model = meetingModel(view);
  const [head, a, b] = path.split('.');
  const firstUnit = model.units[0]?.id ?? '';
  const round = (r: number) => {
    const asked = model.rounds[r] ?? model.rounds[0]!;
    const kind = asked.flag.length > 0 ? 'flag' : 'certificate';
    return `rounds.${r}.${kind}.${asked[kind][0] ?? ''}`;
  };
  switch (head) {
    case 'attendance':
      return `attendance-${a ?? firstUnit}-0`;
    case 'guests':
      return a === 'extra' ? path : model.guests.length > 0 ? 'guests-0' : 'guests.extra.0.name';
    case 'agenda':
      return `agenda.${a ?? 0}.item`;
    case 'countingCommittee':
      return `cc-${firstUnit}-0`;
    case 'pledgeSigners':
      return `pledgeSigners-${firstUnit}`;
    case 'rounds':
      if (a === undefined) return round(0);
      if (b === 'writtenVoters') return a === '0' ? `rounds.0.writtenVoters-${firstUnit}` : round(Number(a));
      return b ? path : round(Number(a));
    case 'equalOrder':
      return b === 'unitIds' ? `equalOrder.${a}.unitIds.0` : path;
    default:
      return path;
  }
}
