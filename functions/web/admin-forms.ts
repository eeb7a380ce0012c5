/** The admin's forms: the zod schemas their fields are parsed with (the JSON API takes the same shapes). */
import * as z from 'zod';
import { EligibilitySchema, OPTIONAL_PHASES, PHASES, TaskPhaseSchema, TimelineSchema, formatNumber, vietnamDateOf, type ConferencePlan, type PhaseName, type Timeline } from '../domain/index.js';
import type { Lang } from './http.js';
import { PHRASES } from '../shared/phrases.js';

const LocalDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

/** Asking for a sign-in link (the page and the JSON API): an email address, no longer than one can be (RFC 5321). */
export const SignInRequestSchema = z.object({ email: z.email({ error: 'must be an email address' }).max(254, { error: 'must be at most 254 characters' }) });

/** Phát động: the blocs to start and the year's timeline. */
export const StartCyclesSchema = z.object({
  blocIds: z.array(z.string().min(1)).min(1, { error: 'choose at least one bloc' }),
  timeline: TimelineSchema,
});

export const ExtendDeadlineSchema = z.object({ phase: TaskPhaseSchema, round: z.coerce.number().int().positive().default(1), deadlineOn: LocalDate });
export const ReopenFormSchema = ExtendDeadlineSchema.extend({ unitId: z.string().min(1, { error: 'choose a unit' }) });
export const EligibilityFormSchema = z.object({ unitId: z.string().min(1, { error: 'choose a unit' }), eligibility: EligibilitySchema });

/**
 * A timeline from the start form's flat fields ("selfAssessment.opensOn"…); an optional phase left blank is
 * left out. A conference ("pledge.conference.place"…) is planned where the pledge or mid-year box
 * "pledge.conference" is ticked, and for the vote wherever one of its fields says more than the default;
 * a blank field takes the calendar's default (the last day, 08:00, the host's premises, the leader unit).
 */
export function timelineFromFields(fields: URLSearchParams): Record<string, unknown> {
  const timeline: Record<string, unknown> = { year: Number(fields.get('year')) };
  for (const phase of ['pledge', 'midYear', 'selfAssessment', 'crossCheck', 'vote', 'approval']) {
    const opensOn = fields.get(`${phase}.opensOn`) || undefined;
    const deadlineOn = fields.get(`${phase}.deadlineOn`) || undefined;
    const optional = phase === 'pledge' || phase === 'midYear';
    if (!optional || opensOn || deadlineOn) timeline[phase] = { opensOn, deadlineOn, ...conferenceFromFields(fields, phase) };
  }
  return timeline;
}

const CONFERENCE_FIELDS = ['on', 'at', 'place', 'hostUnitId'] as const;

/** The time of day the form shows in a conference's time field, the calendar's default. */
const DEFAULT_CONFERENCE_AT = '08:00';

function conferenceFromFields(fields: URLSearchParams, phase: string): { conference?: Record<string, string> } {
  const filled = Object.fromEntries(CONFERENCE_FIELDS.flatMap((name) => (fields.get(`${phase}.conference.${name}`)?.trim() ? [[name, fields.get(`${phase}.conference.${name}`)!.trim()]] : [])));
  // The vote's time field shows 08:00 whatever the bloc's rules: left so, it plans nothing the default does
  // not, and a bloc that votes online (whose year-end conference the start refuses) starts from the form as shown.
  const planned = Object.entries(filled).some(([name, value]) => name !== 'at' || value !== DEFAULT_CONFERENCE_AT);
  const held = phase === 'vote' ? planned : fields.get(`${phase}.conference`) === 'yes';
  return held ? { conference: filled } : {};
}

/** The usual calendar of a bloc's year (month-day, opening and deadline), which the start form proposes. */
const USUAL_CALENDAR: Array<[PhaseName, string, string]> = [
  ['pledge', '01-15', '02-28'],
  ['midYear', '06-15', '07-15'],
  ['selfAssessment', '11-15', '12-05'],
  ['crossCheck', '12-06', '12-12'],
  ['vote', '12-13', '12-18'],
  ['approval', '12-19', '12-28'],
];
const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * The dates the start form proposes for `year`: the usual calendar, without the optional phases whose
 * opening has passed; when the self-assessment's opening has passed too, the required phases keep their
 * lengths and follow one another from tomorrow.
 */
export function proposedTimeline(year: number, now: number): Partial<Record<PhaseName, { opensOn: string; deadlineOn: string }>> {
  const today = vietnamDateOf(now);
  const usual = USUAL_CALENDAR.map(([phase, opens, deadline]) => ({ phase, opensOn: `${year}-${opens}`, deadlineOn: `${year}-${deadline}` }));
  const kept = usual.filter((w) => !OPTIONAL_PHASES.includes(w.phase) || w.opensOn > today);
  const required = kept.filter((w) => !OPTIONAL_PHASES.includes(w.phase));
  if (required[0]!.opensOn <= today) {
    let next = addDays(today, 1);
    for (const w of required) {
      const length = daysBetween(w.opensOn, w.deadlineOn);
      [w.opensOn, w.deadlineOn] = [next, addDays(next, length)];
      next = addDays(w.deadlineOn, 1);
    }
  }
  return Object.fromEntries(kept.map((w) => [w.phase, { opensOn: w.opensOn, deadlineOn: w.deadlineOn }]));
}

/** A date one year later, same day and month; 29 February becomes 28 February. */
export function nextYearOf(date: string): string {
  const [y, m, d] = date.split('-') as [string, string, string];
  const day = m === '02' && d === '29' ? '28' : d;
  return `${Number(y) + 1}-${m}-${day}`;
}

/**
 * The dates the start form proposes from the bloc's calendar of the year before, each moved one year on
 * (blocs keep their calendar from year to year); undefined where that calendar can no longer run as
 * moved (its self-assessment would already have opened), so the usual calendar is proposed instead. An
 * optional phase whose moved deadline has passed is left out, as the usual proposal does; so is last
 * year's year-end conference when the bloc now votes online (`votesOnline`), which the start would refuse.
 */
export function timelineFromLastYear(last: Timeline, now: number, options: { votesOnline?: boolean } = {}): Partial<Record<PhaseName, { opensOn: string; deadlineOn: string; conference?: ConferencePlan }>> | undefined {
  const today = vietnamDateOf(now);
  const moved = PHASES.flatMap((phase) => {
    const w = last[phase];
    // Where the bloc met last year it meets again: its conference moves on a year with the phase.
    const plan = w && 'conference' in w && !(phase === 'vote' && options.votesOnline) ? w.conference : undefined;
    const conference = plan ? { conference: { ...plan, ...(plan.on ? { on: nextYearOf(plan.on) } : {}) } } : {};
    return w ? [{ phase, opensOn: nextYearOf(w.opensOn), deadlineOn: nextYearOf(w.deadlineOn), ...conference }] : [];
  });
  if (moved.find((w) => w.phase === 'selfAssessment')!.opensOn <= today) return undefined;
  const kept = moved.filter((w) => !OPTIONAL_PHASES.includes(w.phase) || w.deadlineOn > today);
  return Object.fromEntries(kept.map(({ phase, ...w }) => [phase, w]));
}

/** The start form's summary when blocs could not start: the one bloc by name, else how many, and how many others did start. */
export function notStartedSummary(failed: readonly string[], started: number, lang: Lang): string {
  const t = PHRASES[lang].admin.notStarted;
  const head = failed.length === 1 ? t.one.replace('{bloc}', failed[0]!) : t.many.replace('{n}', formatNumber(failed.length, lang));
  if (started === 0) return head;
  return `${head} ${started === 1 ? t.otherStarted : t.othersStarted.replace('{n}', formatNumber(started, lang))}`;
}

/** The start form's errors in words, in the form's order, each linking to its field. */
export function startFormFields(fields: Array<{ path: string; message: string }>, lang: Lang, blocNames: Record<string, string> = {}) {
  const t = PHRASES[lang];
  const order = ['blocIds', 'timeline.year', ...USUAL_CALENDAR.flatMap(([p]) => [`timeline.${p}.opensOn`, `timeline.${p}.deadlineOn`, `timeline.${p}.conference`, ...CONFERENCE_FIELDS.map((f) => `timeline.${p}.conference.${f}`)])];
  // The form's list of blocs, as its legend says it: one bloc is not "các khối".
  const blocs = Object.keys(blocNames).length === 1 ? t.admin.bloc : t.blocs;
  const place = (path: string) => {
    const [, phase, end] = path.split('.') as [string, PhaseName | undefined, string | undefined];
    // "Choose a bloc" points at the first bloc's box.
    if (path === 'blocIds') return { label: blocs, ...(Object.keys(blocNames)[0] ? { anchor: `bloc-${Object.keys(blocNames)[0]}` } : {}) };
    // A bloc that could not start (a cycle of that year already there): its error is beside its box.
    if (path.startsWith('blocId.')) return { label: blocNames[path.slice('blocId.'.length)] ?? blocs, anchor: `bloc-${path.slice('blocId.'.length)}` };
    if (path === 'timeline.year') return { label: t.year, anchor: 'year' };
    const conferenceField = path.split('.')[3] as (typeof CONFERENCE_FIELDS)[number] | undefined;
    if (phase && t.phases[phase] && end === 'conference' && conferenceField) {
      const label = { on: t.admin.conferenceOn, at: t.admin.conferenceAt, place: t.admin.conferencePlace, hostUnitId: t.admin.conferenceHost }[conferenceField];
      return { label: `${t.phases[phase]} – ${t.admin.conference} – ${label}`, anchor: `${phase}-conference-${conferenceField}` };
    }
    // The conference as a whole (a year-end one the bloc's rules do not hold): its box, or the vote's first field, having none.
    if (phase && t.phases[phase] && end === 'conference') return { label: `${t.phases[phase]} – ${t.admin.conference}`, anchor: phase === 'vote' ? 'vote-conference-on' : `${phase}-conference` };
    if (phase && t.phases[phase] && end) return { label: `${t.phases[phase]} – ${end === 'opensOn' ? t.opensOn : t.deadlineOn}`, anchor: `${phase}-${end === 'opensOn' ? 'opens' : 'deadline'}` };
    return { label: t.formField };
  };
  const rank = (path: string) => (order.indexOf(path) < 0 ? order.length : order.indexOf(path));
  return [...fields].sort((a, b) => rank(a.path) - rank(b.path)).map((f) => ({ ...f, ...place(f.path) }));
}
