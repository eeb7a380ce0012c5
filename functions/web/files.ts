/**
 * The dossier's files on the web (issue 17). JSON: a unit's link asks for an upload, confirms it, lists
 * and opens its own files; the approver's link and an admin session list and open every file of the
 * cycle. Pages: a plain multipart form for browsers without JavaScript (the file passes through the
 * server, with a smaller cap), and a link that redirects to a short-lived presigned GET.
 */
import * as z from 'zod';
import { actorOfAdmin, actorOfLink, conferenceRecordState, type FileActor } from '../files/access.js';
import { FileNotUploadedError, FileTooLargeError } from '../files/errors.js';
import { confirmUpload, filesOf, issueUpload, openFile, uploadThroughServer } from '../files/files.js';
import { FORM_UPLOAD_MAX_BYTES, FilePurposeSchema, PURPOSES, type FilePurpose } from '../files/purposes.js';
import { storageOrigin } from '../files/storage.js';
import { CycleConfigSchema } from '../domain/index.js';
import { LinkMismatchError } from '../links/errors.js';
import { getPinnedCycle } from '../store/cycles.js';
import type { CycleDeps } from '../shared/deps.js';
import type { StoredFile } from '../store/files.js';
import { adminContext, requireAdmin } from './admin-auth.js';
import { admin, endpoint } from './endpoints.js';
import { checkCsrf, csrfToken, CSRF_FIELD } from './csrf.js';
import { jsonBody, langOf, requestTime, seeOther, type HttpEvent, type HttpResult } from './http.js';
import { page, problemPage } from './link-pages.js';
import { nextStepOnLink, problemOf } from './problems.js';
import { readUpload } from './multipart.js';
import { limitingUnknownLinks } from './rate-limit.js';

const UploadRequestSchema = z.object({
  purpose: FilePurposeSchema,
  criterion: z.string().min(1).max(40).optional(),
  fileName: z.string().min(1).max(255),
  contentType: z.string().min(1).max(200),
  size: z.number().int().positive(),
});

/** The actor of the request's link, with the same limit on unknown ids as opening the link's page. */
function linkActor(deps: CycleDeps, event: HttpEvent): Promise<FileActor> {
  return limitingUnknownLinks(deps.store, event, () => actorOfLink(deps.store, event.pathParameters?.id ?? '', requestTime(event)));
}

/** A file as the API shows it (the storage key stays inside). */
const shown = ({ key: _key, cycleId: _cycle, ...file }: StoredFile) => file;

export const issueUploadEndpoint = endpoint(async (deps, event) => issueUpload(deps, await linkActor(deps, event), UploadRequestSchema.parse(jsonBody(event))));

export const confirmUploadEndpoint = endpoint(async (deps, event) =>
  shown(await confirmUpload(deps, await linkActor(deps, event), event.pathParameters?.uploadId ?? '', requestTime(event))),
);

/** The files the link may read and, for a dossier-files link, the kinds it adds (`adds`). */
export const listLinkFiles = endpoint(async (deps, event) => {
  const actor = await linkActor(deps, event);
  return { files: (await filesOf(deps, actor)).map(shown), ...(actor.mayAdd ? { adds: actor.mayAdd } : {}) };
});

export const openLinkFile = endpoint(async (deps, event) => {
  const { file, url, expiresAt } = await openFile(deps, await linkActor(deps, event), event.pathParameters?.fileId ?? '');
  return { file: shown(file), url, expiresAt };
});

const adminActor = (event: HttpEvent, actor: string) => actorOfAdmin(event.pathParameters?.cycleId ?? '', actor);

export const listCycleFiles = admin(async (deps, event, ctx) => ({ files: (await filesOf(deps, adminActor(event, ctx.actor))).map(shown) }));

export const openCycleFile = admin(async (deps, event, ctx) => {
  const { file, url, expiresAt } = await openFile(deps, adminActor(event, ctx.actor), event.pathParameters?.fileId ?? '');
  return { file: shown(file), url, expiresAt };
});

/** The file itself, by a redirect to its presigned GET; a refusal is a page. */
async function redirectToFile(deps: CycleDeps, event: HttpEvent, actorOf: () => Promise<FileActor>, options: { admin?: boolean } = {}): Promise<HttpResult> {
  const lang = langOf(event);
  try {
    const { url } = await openFile(deps, await actorOf(), event.pathParameters?.fileId ?? '');
    return { statusCode: 302, headers: { location: url, 'cache-control': 'no-store' }, body: '' };
  } catch (error) {
    // The admin's page carries no help meant for a unit.
    return problemPage(problemOf(error, lang), lang, options);
  }
}

/** GET /l/{id}/files/{fileId}: for the unit (its own files) and the approver (every file). */
export const linkFileRedirect = (deps: CycleDeps, event: HttpEvent) => redirectToFile(deps, event, () => linkActor(deps, event));

/** GET /admin/cycles/{cycleId}/files/{fileId}: for a signed-in admin. */
export const adminFileRedirect = (deps: CycleDeps, event: HttpEvent) =>
  redirectToFile(deps, event, async () => adminActor(event, adminContext(await requireAdmin(deps, event), event).actor), { admin: true });

const FormUploadSchema = z.object({ purpose: FilePurposeSchema, criterion: z.string().min(1).max(40).optional() });

/**
 * POST /l/{id}/files?_csrf=…: the plain form upload. The CSRF token comes in the form's address, so it is
 * checked before the body is read, then the body by the one upload reader (multipart.ts).
 */
export async function formUpload(deps: CycleDeps, event: HttpEvent): Promise<HttpResult> {
  const lang = langOf(event);
  const id = event.pathParameters?.id ?? '';
  try {
    checkCsrf(event, event.queryStringParameters?.[CSRF_FIELD]);
    const actor = await linkActor(deps, event);
    const form = await readUpload(event, 'file', { fileBytes: FORM_UPLOAD_MAX_BYTES, files: 1, fields: 3, tooLarge: (bytes) => new FileTooLargeError(FORM_UPLOAD_MAX_BYTES, bytes) });
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) throw new FileNotUploadedError();
    const fields = FormUploadSchema.parse({ purpose: form.get('purpose') ?? undefined, criterion: form.get('criterion') || undefined });
    await uploadThroughServer(deps, actor, { ...fields, fileName: file.name, content: new Uint8Array(await file.arrayBuffer()), maxBytes: FORM_UPLOAD_MAX_BYTES }, requestTime(event));
    return seeOther(`/l/${encodeURIComponent(id)}${actor.mayAdd ? '/files' : ''}?file=added`);
  } catch (error) {
    return problemPage(problemOf(error, lang), lang, { next: nextStepOnLink(error, id, lang) });
  }
}

/**
 * GET /l/{id}/files: the page of a dossier-files link (after the vote), or of a conference secretary's
 * link: one upload per kind of file the link asks for (a nominee's achievement report, the leader's signed
 * scans, the signed minutes), with what the unit already sent. Before the conference is recorded the
 * secretary's page says that its scan comes after the record, and takes none; once the record's phase
 * closed without it, it says that no scan is taken any more, without a link to the closed form.
 */
export async function filesPage(deps: CycleDeps, event: HttpEvent): Promise<HttpResult> {
  const lang = langOf(event);
  try {
    const actor = await linkActor(deps, event);
    if (!actor.mayAdd) throw new LinkMismatchError('purpose');
    // The cycle is known to the container once read; the conference's record and the files are read beside each other.
    const [cycle, record, files] = await Promise.all([getPinnedCycle(deps.store, actor.cycleId, CycleConfigSchema), conferenceRecordState(deps.store, actor), filesOf(deps, actor)]);
    const mine = files.filter((f) => f.unitId === actor.unitId);
    // Evidence belongs to a criterion: it is added beside its criterion on the form, not on this page.
    const slots = (actor.mayAdd as FilePurpose[]).filter((purpose) => !PURPOSES[purpose].needsCriterion).map((purpose) => ({
      purpose,
      files: mine.filter((f) => f.purpose === purpose).map(shown),
      accept: PURPOSES[purpose].accepts.map((ext) => `.${ext}`).join(','),
      open: record === 'recorded',
    }));
    const csrf = csrfToken(event);
    const context = {
      linkId: event.pathParameters?.id ?? '',
      csrf: csrf.token,
      slots,
      blocName: cycle.config.bloc.name,
      year: cycle.year,
      unitName: cycle.config.bloc.units.find((u) => u.id === actor.unitId)?.name ?? actor.unitId,
      fileAdded: event.queryStringParameters?.file === 'added',
      recordState: record,
    };
    return page(200, 'dossierFiles.njk', context, lang, csrf.setCookie, [await storageOrigin(deps.files)]);
  } catch (error) {
    return problemPage(problemOf(error, lang), lang);
  }
}
