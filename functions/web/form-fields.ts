/**
 * The HTML forms' flat fields ("points.I.1", "flag.vp-tinh-uy") turned into the nested data the domain's
 * schemas validate. Numbers take a decimal comma too ("12,5"); what is not a number stays as typed, so the
 * schema names the field and the page shows the value back.
 */
import type { TaskPhase } from '../domain/index.js';

const number = (raw: string | null): number | string | undefined => {
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw.trim().replace(',', '.'));
  return Number.isFinite(value) ? value : raw;
};
const text = (raw: string | null) => (raw === null ? undefined : raw);
const prefixed = (fields: URLSearchParams, prefix: string) =>
  [...new Set([...fields.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)))];
const yesNo = (raw: string | null) => (raw === 'yes' ? true : raw === 'no' ? false : undefined);

/** The form's data for `phase` from its fields. */
export function dataFromFields(phase: TaskPhase, fields: URLSearchParams): Record<string, unknown> {
  switch (phase) {
    case 'pledge':
      return { accepted: fields.get('accepted') === 'on' ? true : false, signerName: text(fields.get('signerName')), signerTitle: text(fields.get('signerTitle')), note: text(fields.get('note')) ?? '' };
    case 'midYear':
    case 'selfAssessment': {
      const scores: Record<string, unknown> = {};
      for (const code of new Set([...prefixed(fields, 'points.'), ...prefixed(fields, 'count.')])) {
        // A per-occurrence deduction sends its count; its points follow from it (domain/forms.ts).
        const value = fields.has(`count.${code}`) ? { count: number(fields.get(`count.${code}`)) } : { points: number(fields.get(`points.${code}`)) };
        if (Object.values(value)[0] === undefined) continue; // an empty field is a criterion not scored yet
        const evidenceUrl = fields.get(`evidence.${code}`)?.trim();
        scores[code] = { ...value, note: fields.get(`note.${code}`) ?? '', ...(evidenceUrl ? { evidenceUrl } : {}) };
      }
      return { scores };
    }
    case 'crossCheck': {
      const items: Record<string, unknown> = {};
      for (const code of prefixed(fields, 'verdict.')) {
        const verdict = fields.get(`verdict.${code}`);
        const value = fields.has(`count.${code}`) ? { count: number(fields.get(`count.${code}`)) } : { points: number(fields.get(`points.${code}`)) };
        items[code] = verdict === 'correct' ? { verdict, ...value, reason: fields.get(`reason.${code}`) ?? '' } : { verdict };
      }
      return { items };
    }
    case 'vote': {
      const decisions = (kind: string) => Object.fromEntries(prefixed(fields, `${kind}.`).map((id) => [id, yesNo(fields.get(`${kind}.${id}`))]));
      const leaders = fields.has('leaderUnitId') ? { leaderUnitId: text(fields.get('leaderUnitId')), deputyUnitId: text(fields.get('deputyUnitId')) } : {};
      return { flag: decisions('flag'), certificate: decisions('certificate'), ...leaders };
    }
    case 'leaderDecision':
      return { flagUnitId: fields.get('flagUnitId') ? fields.get('flagUnitId') : null, reason: text(fields.get('reason')) };
    case 'approval':
      return fields.get('decision') === 'return'
        ? { decision: 'return', reason: text(fields.get('reason')) }
        : {
            decision: text(fields.get('decision')),
            ...(fields.get('decisionNumber')?.trim() ? { decisionNumber: fields.get('decisionNumber') } : {}),
            ...(fields.get('decisionDate')?.trim() ? { decisionDate: fields.get('decisionDate') } : {}),
          };
    case 'revision':
      return { response: text(fields.get('response')), withdraw: fields.getAll('withdraw') };
  }
}

/**
 * What a form shows back when it returns with errors: every field as typed, including the note of a
 * criterion whose score was left empty (which `dataFromFields` leaves out, as a criterion not scored yet).
 */
export function typedFromFields(phase: TaskPhase, fields: URLSearchParams): Record<string, unknown> {
  const typed = (code: string, name: string) => fields.get(`${name}.${code}`) ?? '';
  switch (phase) {
    case 'midYear':
    case 'selfAssessment': {
      const codes = new Set([...prefixed(fields, 'points.'), ...prefixed(fields, 'count.'), ...prefixed(fields, 'note.'), ...prefixed(fields, 'evidence.')]);
      return { scores: Object.fromEntries([...codes].map((c) => [c, { points: typed(c, 'points'), count: typed(c, 'count'), note: typed(c, 'note'), evidenceUrl: typed(c, 'evidence') }])) };
    }
    case 'crossCheck':
      return { items: Object.fromEntries(prefixed(fields, 'verdict.').map((c) => [c, { verdict: typed(c, 'verdict'), points: typed(c, 'points'), count: typed(c, 'count'), reason: typed(c, 'reason') }])) };
    default:
      return dataFromFields(phase, fields);
  }
}
