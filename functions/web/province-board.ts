/**
 * The province's settings page of the admin console: the persons of the emulation board ("lãnh đạo Ban Thi
 * đua – Khen thưởng") who sign the province's Tờ trình. A person is recorded with both a name and a title,
 * or left wholly blank (unset); an invalid field comes back beside its input, and nothing is stored.
 */
import { loadBoardPeople, saveBoardPeople } from '../admin/settings.js';
import { PHRASES } from '../shared/phrases.js';
import { adminContext, requireAdmin } from './admin-auth.js';
import { guarded, render } from './admin-pages.js';
import { CSRF_FIELD, checkCsrf } from './csrf.js';
import { formFields, langOf, seeOther, type Lang } from './http.js';
import { problemOf } from './problems.js';

/** The form's roles, in the order the page shows them. */
const ROLES = ['head', 'deputy'] as const;

/** A role's person from its two fields; both blank is no person (the role unset). */
function boardFromFields(fields: URLSearchParams): Record<string, { name: string; title: string } | undefined> {
  return Object.fromEntries(
    ROLES.map((role) => {
      const name = fields.get(`${role}.name`) ?? '';
      const title = fields.get(`${role}.title`) ?? '';
      return [role, name.trim() === '' && title.trim() === '' ? undefined : { name, title }];
    }),
  );
}

/** "deputy.title" as the summary shows it: "Phó Trưởng ban – Chức vụ", linked to its input. */
function fieldLabel(path: string, lang: Lang): { label: string; anchor?: string } {
  const p = PHRASES[lang].province;
  const [role, field] = path.split('.');
  if ((role !== 'head' && role !== 'deputy') || (field !== 'name' && field !== 'title')) return { label: p.board };
  return { label: `${role === 'head' ? p.boardHead : p.boardDeputy} – ${field === 'name' ? p.personName : p.personTitle}`, anchor: `${role}-${field}` };
}

export const boardPage = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  const { people, version } = await loadBoardPeople(deps.store);
  return render(event, 200, 'admin/province-board.njk', { session, people, version, roles: ROLES, saved: event.queryStringParameters?.saved, errors: {} });
});

export const saveBoardAction = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  const fields = formFields(event);
  checkCsrf(event, fields.get(CSRF_FIELD));
  const people = boardFromFields(fields);
  const version = Number(fields.get('version') ?? 0);
  try {
    await saveBoardPeople(deps.store, people, version, adminContext(session, event));
    return seeOther('/admin/province/board?saved=1');
  } catch (error) {
    const problem = problemOf(error, langOf(event));
    if (problem.code !== 'invalid' && problem.code !== 'conflict') throw error;
    const errors = Object.fromEntries(problem.fields.map((f) => [f.path, f.message]));
    const labelled = { ...problem, fields: problem.fields.map((f) => ({ ...f, ...fieldLabel(f.path, langOf(event)) })) };
    return render(event, problem.status, 'admin/province-board.njk', { session, people, version, roles: ROLES, problem: labelled, errors });
  }
});
