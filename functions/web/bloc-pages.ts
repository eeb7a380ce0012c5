/**
 * The blocs' settings in the admin console: a bloc and its units (persons, guests), its rules ("quy chế")
 * with who awards, its criteria sheet (XLSX out and in, built-in templates), its years and its change log.
 * Every POST carries its CSRF token and redirects (303) to the bloc page; refused fields come back beside
 * their inputs with nothing stored.
 */
import * as z from 'zod';
import { StoredBlocSchema, applySheetTemplate, listSheetVersions, loadBlocSettings, loadSheet, saveBlocSettings, saveBlocWithSheet, sheetRefOf, templateSheetId } from '../admin/settings.js';
import { XLSX_TYPE } from '../documents/index.js';
import { BlocRulesSchema, SHEET_TEMPLATES, SheetTemplateIdSchema, defaultBlocRules, sheetTemplate } from '../domain/index.js';
import type { CycleDeps } from '../shared/deps.js';
import { PHRASES } from '../shared/phrases.js';
import { listBlocHistory } from '../store/history.js';
import { adminContext, requireAdmin } from './admin-auth.js';
import { guarded, render } from './admin-pages.js';
import { blocFromFields, rulesFromFields } from './bloc-forms.js';
import { CSRF_FIELD, checkCsrf } from './csrf.js';
import { historyRows } from './history-view.js';
import { BadRequestError, download, formFields, langOf, seeOther, type HttpEvent, type HttpResult, type Lang } from './http.js';
import { readUpload } from './multipart.js';
import { problemOf, type Problem } from './problems.js';
import { blocSettingsChanges } from './settings-changes.js';

/** A bloc's settings page: the bloc and its units, its rules, its criteria sheet. `new` opens an empty form. */
export const blocPage = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  const blocId = event.pathParameters?.blocId ?? '';
  if (blocId === 'new') return render(event, 200, 'admin/bloc.njk', { session, isNew: true, bloc: emptyBloc(), version: 0, templates: Object.keys(SHEET_TEMPLATES), errors: {} });
  return renderBlocPage(deps, event, { session, blocId, status: 200, saved: event.queryStringParameters?.saved });
});

/** The page of an existing bloc, with a problem and the fields at fault when an action on it was refused. */
async function renderBlocPage(deps: CycleDeps, event: HttpEvent, args: { session: unknown; blocId: string; status: number; saved?: string | undefined; problem?: Problem; errors?: Record<string, string>; /** What the refused form held, shown instead of the stored bloc. */ bloc?: unknown }): Promise<HttpResult> {
  const { bloc, version } = await loadBlocSettings(deps.store, args.blocId);
  const sheet = await loadSheet(deps.store, bloc.id, bloc.sheet);
  const versions = sheetVersionsInWords(await listSheetVersions(deps.store, bloc.id), bloc.sheet);
  const history = historyRows(await listBlocHistory(deps.store, bloc.id), { units: bloc.units, province: bloc.province, rules: bloc.rules }, langOf(event));
  const changes = await blocSettingsChanges(deps.store, bloc.id, langOf(event));
  const { status, blocId: _id, ...rest } = args;
  return render(event, status, 'admin/bloc.njk', { bloc, version, sheet, versions, history, changes, templates: Object.keys(SHEET_TEMPLATES), errors: {}, ...rest });
}

/**
 * The bloc's criteria sheet versions as its page tells them, newest first: each by its number in the order
 * they were saved, its title and when, and whether it is in force; never its id or content hash, which
 * name it for the program, not for the admin.
 */
function sheetVersionsInWords(stored: ReadonlyArray<{ sheetId: string; sheetVersion: string; createdAt: string; data: unknown }>, inForce: { sheetId: string; sheetVersion: string }) {
  return [...stored]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((v, i) => ({ number: i + 1, title: (v.data as { title?: string }).title ?? '', savedAt: v.createdAt, inForce: v.sheetId === inForce.sheetId && v.sheetVersion === inForce.sheetVersion }))
    .reverse();
}

const emptyBloc = () => ({ id: '', name: '', province: '', headerStyle: 'state', approverEmail: '', units: [], rules: defaultBlocRules });

/** Saves the bloc form (its own fields and its units); invalid fields come back beside their inputs. */
export const saveBlocAction = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  const fields = formFields(event);
  checkCsrf(event, fields.get(CSRF_FIELD));
  const isNew = event.pathParameters?.blocId === 'new';
  const blocId = isNew ? (fields.get('id') ?? '').trim() : (event.pathParameters?.blocId ?? '');
  const version = Number(fields.get('version') ?? 0);
  const current = isNew ? undefined : (await loadBlocSettings(deps.store, blocId)).bloc;
  const input = { ...blocFromFields(fields), id: blocId, rules: current?.rules ?? defaultBlocRules, sheet: current?.sheet };
  try {
    // A new bloc starts from the template the admin picked (the Party agencies' sheet when none is sent).
    const template = isNew ? SheetTemplateIdSchema.parse(fields.get('sheetTemplate') || 'party') : 'party';
    // The template's sheet is stored with the new bloc, once the bloc is valid: a refused form stores nothing.
    const bloc = StoredBlocSchema.parse({ ...input, sheet: input.sheet ?? sheetRefOf(templateSheetId(template), sheetTemplate(template)) });
    if (input.sheet) await saveBlocSettings(deps.store, bloc, version, adminContext(session, event));
    else await saveBlocWithSheet(deps.store, bloc, sheetTemplate(template), 0, adminContext(session, event));
    return seeOther(`/admin/blocs/${encodeURIComponent(blocId)}?saved=1`);
  } catch (error) {
    const lang = langOf(event);
    const problem = problemOf(error, lang);
    if (problem.code !== 'invalid' && problem.code !== 'conflict') throw error;
    const errors = Object.fromEntries(problem.fields.map((f) => [f.path, f.message]));
    return render(event, problem.status, 'admin/bloc.njk', { session, isNew, bloc: input, version, templates: Object.keys(SHEET_TEMPLATES), sheetTemplate: fields.get('sheetTemplate'), problem, errors });
  }
});

/** The XLSX reader and writer of criteria sheets (exceljs), imported on the first download or upload, not at init. */
const sheetXlsx = () => import('../admin/sheet-xlsx.js');

/** The bloc's criteria sheet in force, as the XLSX an official edits in Excel. */
export const sheetDownload = guarded(async (deps, event) => {
  await requireAdmin(deps, event);
  const { bloc } = await loadBlocSettings(deps.store, event.pathParameters?.blocId ?? '');
  const sheet = await loadSheet(deps.store, bloc.id, bloc.sheet);
  return download(`bang-tieu-chi-${bloc.id}.xlsx`, XLSX_TYPE, await (await sheetXlsx()).exportSheetXlsx(sheet));
});

/** The criteria sheet upload: one .xlsx file of up to 2 MB (exceljs unzips in memory) and the form's few fields. */
const SHEET_UPLOAD = { fileBytes: 2 * 1024 * 1024, files: 1, fields: 10 };

/**
 * Imports a criteria sheet from an uploaded XLSX and puts it in force as a new version; the next cycle
 * pins it, running cycles keep theirs. The body is read last: the session and the CSRF token (in the
 * form's address or the X-CSRF-Token header, since the body is not read yet) are checked first, so no
 * stranger's upload is ever parsed. Problems come back on the bloc page, each naming its row and column.
 */
export const sheetUpload = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  checkCsrf(event, event.queryStringParameters?.[CSRF_FIELD]);
  const blocId = event.pathParameters?.blocId ?? '';
  const file = (await readUpload(event, 'sheet', SHEET_UPLOAD)).get('sheet');
  if (typeof file === 'string' || !file?.size) throw new BadRequestError('sheet', { reason: 'noFile' });
  const sheet = await (await sheetXlsx()).importSheetXlsx(new Uint8Array(await file.arrayBuffer()));
  const { bloc, version } = await loadBlocSettings(deps.store, blocId);
  const ref = sheetRefOf(bloc.sheet.sheetId, sheet);
  if (ref.sheetVersion !== bloc.sheet.sheetVersion) await saveBlocWithSheet(deps.store, { ...bloc, sheet: ref }, sheet, version, adminContext(session, event));
  return seeOther(`/admin/blocs/${encodeURIComponent(blocId)}?saved=1`);
});

/** Puts the built-in criteria sheet the admin picked in force for the bloc (a new version; running cycles keep theirs). */
export const sheetTemplateAction = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  const fields = formFields(event);
  checkCsrf(event, fields.get(CSRF_FIELD));
  const blocId = event.pathParameters?.blocId ?? '';
  const picked = z.object({ sheetTemplate: SheetTemplateIdSchema }).safeParse({ sheetTemplate: fields.get('sheetTemplate') ?? undefined });
  if (!picked.success) {
    const problem = problemOf(picked.error, langOf(event));
    return renderBlocPage(deps, event, { session, blocId, status: problem.status, problem, errors: Object.fromEntries(problem.fields.map((f) => [f.path, f.message])) });
  }
  await applySheetTemplate(deps.store, blocId, picked.data.sheetTemplate, Number(fields.get('version') ?? 0), adminContext(session, event));
  return seeOther(`/admin/blocs/${encodeURIComponent(blocId)}?saved=1`);
});

/** Saves the bloc's rules ("quy chế"); invalid fields (who awards left blank…) come back beside their inputs, nothing saved. */
export const saveRulesAction = guarded(async (deps, event) => {
  const session = await requireAdmin(deps, event);
  const fields = formFields(event);
  checkCsrf(event, fields.get(CSRF_FIELD));
  const blocId = event.pathParameters?.blocId ?? '';
  const { bloc, version } = await loadBlocSettings(deps.store, blocId);
  // Rules the form does not show (higher awards, when leaders take over) keep their stored values: every
  // rule the form shows is in `typed`, even when blank (undefined: the schema's default).
  const typed = rulesFromFields(fields);
  const input = { ...bloc.rules, ...typed, awarding: { ...bloc.rules.awarding, ...(typed.awarding as object | undefined) } };
  const parsed = BlocRulesSchema.safeParse(input);
  if (!parsed.success) {
    const lang = langOf(event);
    const problem = problemOf(parsed.error, lang);
    const errors = Object.fromEntries(problem.fields.map((f) => [f.path, f.message]));
    const labelled = { ...problem, fields: problem.fields.map((f) => ({ ...f, ...rulesFieldLabel(f.path, lang) })) };
    return renderBlocPage(deps, event, { session, blocId, status: 400, bloc: { ...bloc, rules: { ...bloc.rules, ...input } }, problem: labelled, errors });
  }
  await saveBlocSettings(deps.store, { ...bloc, rules: parsed.data }, Number(fields.get('version') ?? version), adminContext(session, event));
  return seeOther(`/admin/blocs/${encodeURIComponent(blocId)}?saved=1`);
});

/** Where a rules error points: the awarding body's fields by their label, the others by the form's name for them. */
function rulesFieldLabel(path: string, lang: Lang): { label: string; anchor?: string } {
  const w = PHRASES[lang].admin.awarding;
  const known: Record<string, [string, string]> = {
    'awarding.body': [w.body, 'aw-body'],
    'awarding.addressee': [w.addressee, 'aw-addressee'],
    'awarding.awards.flag': [w.flag, 'aw-flag'],
    'awarding.awards.certificate': [w.certificate, 'aw-certificate'],
  };
  const found = known[path] ?? (path.startsWith('awarding.recipients') ? [w.recipients, 'aw-recipients'] : undefined);
  return found ? { label: found[0], anchor: found[1] } : { label: PHRASES[lang].admin.rules };
}
