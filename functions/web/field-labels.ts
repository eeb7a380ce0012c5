/**
 * The fields of an error summary as a reader sees them: each with its label from the phrase book (never
 * its program name), the id of the control its link reaches, and in the order the form shows them.
 */
import { criteriaOf } from '../domain/index.js';
import { unitName } from '../cycle/notify.js';
import type { Lang } from './http.js';
import type { LinkView } from './link-views.js';
import { PHRASES } from '../shared/phrases.js';
import type { FieldProblem } from './problems.js';
import { meetingAnchor } from './meeting-form.js';

/** A field problem with the words and the link the summary shows. */
export interface LabelledField extends FieldProblem {
  label: string;
  /** The id of the control the summary links to; absent when no control holds the field. */
  anchor?: string | undefined;
}

type Placed = { label: string; anchor?: string; order: number };

// Controls of the simple forms, in the order their page shows them.
const SIMPLE_FIELDS = ['accepted', 'signerName', 'signerTitle', 'note', 'flagUnitId', 'decision', 'decisionNumber', 'decisionDate', 'response', 'withdraw', 'reason'] as const;

/** The criterion fields: "scores.I.1.points" (self-assessment), "items.I.1.reason" (cross-check). */
function criterionField(view: LinkView, path: string, lang: Lang): Placed | undefined {
  const t = PHRASES[lang];
  const match = path.match(/^(scores|items)\.(.+?)(?:\.(points|count|note|evidenceUrl|reason))?$/);
  if (!match) return undefined;
  const criteria = criteriaOf(view.config.sheet);
  const index = criteria.findIndex((c) => c.code === match[2]);
  if (index < 0) return undefined;
  const c = criteria[index]!;
  const part = match[3];
  const parts = { points: [t.points, 'points', 1], count: [t.count, 'count', 1], note: [t.note, 'note', 2], evidenceUrl: [t.evidenceUrl, 'evidence', 3], reason: [t.reason, 'reason', 3] } as const;
  const title = `${c.code}. ${c.title}`;
  if (!part) return { label: title, anchor: match[1] === 'items' ? `verdict-${c.code}` : `points-${c.code}`, order: index * 4 };
  const [word, prefix, offset] = parts[part as keyof typeof parts];
  return { label: (part === 'points' || part === 'count') && match[1] === 'scores' ? title : `${title} – ${word}`, anchor: `${prefix}-${c.code}`, order: index * 4 + offset };
}

/** The ballot's fields: "flag.vp-tinh-uy", "certificate.ubkt", the leaders' choice. */
function ballotField(view: LinkView, path: string, lang: Lang): Placed | undefined {
  const t = PHRASES[lang];
  const ballot = view.window.ballot ?? { flagCandidates: [], certificateNominees: [] };
  const [kind, id] = path.split('.') as [string, string | undefined];
  if ((kind === 'flag' || kind === 'certificate') && id) {
    const list = kind === 'flag' ? ballot.flagCandidates : ballot.certificateNominees;
    const order = (kind === 'flag' ? 0 : ballot.flagCandidates.length) + Math.max(0, list.indexOf(id));
    return { label: `${t[kind]}: ${unitName(view.config, id)}`, anchor: `${kind}-${id}`, order };
  }
  if (path === 'leaderUnitId' || path === 'deputyUnitId') {
    return { label: path === 'leaderUnitId' ? t.nextLeader : t.nextDeputy, anchor: path, order: 10_000 + (path === 'leaderUnitId' ? 0 : 1) };
  }
  return undefined;
}

const MEETING_ORDER = ['heldAt', 'place', 'hostUnitId', 'chair', 'secretary', 'attendance', 'guests', 'agenda', 'pledgeSigners', 'countingCommittee', 'rounds', 'equalOrder', 'nextLeaderUnitId', 'nextDeputyUnitId', 'pledgeSigned', 'signedScanRef'];

/** The conference record's fields, as meeting-form.ts names them ("attendance.ubkt", "rounds.1.flag.ubkt"). */
function meetingField(view: LinkView, path: string, lang: Lang): Placed | undefined {
  if (!view.window.meeting) return undefined;
  const t = PHRASES[lang];
  const m = t.meeting;
  const parts = path.split('.');
  const order = MEETING_ORDER.indexOf(parts[0]!);
  if (order < 0) return undefined;
  const top: Record<string, string> = {
    heldAt: m.heldAt, place: m.place, hostUnitId: m.hostUnit, chair: m.chair, secretary: m.secretary, attendance: m.attendance, guests: m.guests, agenda: m.agenda, pledgeSigners: m.pledgeSigners,
    countingCommittee: m.countingCommittee, rounds: m.tallies, equalOrder: m.equalOrder, nextLeaderUnitId: t.nextLeader, nextDeputyUnitId: t.nextDeputy, pledgeSigned: m.pledgeSigned, signedScanRef: m.signedScanRef,
  };
  const rest = (): string | undefined => {
    const [head, a, b, c] = parts;
    if (head === 'attendance' && a) return unitName(view.config, a);
    if (head === 'guests' && a === 'extra') return `${m.otherGuest} ${Number(b) + 1}`;
    if (head === 'agenda' && a) return `${Number(a) + 1}`;
    if (head === 'rounds' && a) return [`${m.round} ${Number(a) + 1}`, b === 'writtenVoters' ? m.writtenVoters : b === 'flag' || b === 'certificate' ? `${t[b]}: ${c ? unitName(view.config, c) : ''}` : undefined].filter(Boolean).join(' – ');
    if (head === 'equalOrder' && a) return `${Number(a) + 1}`;
    return undefined;
  };
  const detail = rest();
  return { label: detail ? `${top[parts[0]!]} – ${detail}` : top[parts[0]!]!, anchor: meetingAnchor(view, path), order: 20_000 + order };
}

function simpleField(view: LinkView, path: string, lang: Lang): Placed | undefined {
  const t = PHRASES[lang];
  const name = path.split('.')[0] as (typeof SIMPLE_FIELDS)[number];
  const order = SIMPLE_FIELDS.indexOf(name);
  if (order < 0) return undefined;
  const labels: Record<(typeof SIMPLE_FIELDS)[number], string> = {
    accepted: t.pledgeAccept,
    signerName: t.signerName,
    signerTitle: t.signerTitle,
    note: t.note,
    flagUnitId: t.leaderDecisionLabel,
    decision: t.decision,
    decisionNumber: t.decisionNumber,
    decisionDate: t.decisionDate,
    response: t.response,
    withdraw: t.withdraw,
    reason: view.phase === 'approval' ? t.returnedReason : t.reason,
  };
  // A choice among radios or checkboxes links to its first one, which carries the field's name as id.
  return { label: labels[name], anchor: name === 'decision' ? 'decisionNumber' : name, order };
}

/** The problem's fields labelled and in the form's order. */
export function labelFields(view: LinkView, fields: FieldProblem[], lang: Lang): LabelledField[] {
  const placed = fields.map((field) => {
    const where = meetingField(view, field.path, lang) ?? criterionField(view, field.path, lang) ?? ballotField(view, field.path, lang) ?? simpleField(view, field.path, lang);
    return { ...field, label: where?.label ?? PHRASES[lang].formField, anchor: where?.anchor, order: where?.order ?? Number.MAX_SAFE_INTEGER };
  });
  return placed.sort((a, b) => a.order - b.order).map(({ order: _order, ...field }) => field);
}

/** The codes of the sheet's sections that hold a field with an error (they stay unfolded on a phone). */
export function sectionsWithErrors(view: LinkView, fields: FieldProblem[]): string[] {
  const codes = new Set(fields.map((f) => f.path.match(/^(?:scores|items)\.(.+?)(?:\.(?:points|count|note|evidenceUrl|reason))?$/)?.[1]));
  return view.config.sheet.sections.filter((s) => s.criteria.some((c) => codes.has(c.code))).map((s) => s.code);
}
