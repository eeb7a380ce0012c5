/**
 * JSON endpoints for scripts (the demo, integrations): the same actions as the pages, with the same
 * validation and errors as `{ error: { status, code, message, fields } }`. Links act with their id;
 * admins with a session (Bearer header, or the cookie plus an X-CSRF-Token header). A POST must be
 * `application/json`, which a cross-site form cannot send.
 */
import { actOnLink } from '../cycle/actions.js';
import { publishedBallots } from '../dossier/index.js';
import { extendDeadline, markIneligible, reopenForm } from '../cycle/admin.js';
import { auditOf, cycleProgressAndDossier, cycleHeadsOfYear } from '../admin/progress.js';
import { requestSignIn, signIn } from '../admin/sessions.js';
import { startCycles } from '../admin/start.js';
import { CriteriaSheetSchema, SheetTemplateIdSchema, defaultCriteriaSheet, sheetTemplate, vietnamDateOf } from '../domain/index.js';
import { StoredBlocSchema, listBlocSettings, listVersionedBlocSettings, saveBlocSettings, saveBlocWithSheet, sheetRefOf, templateSheetId } from '../admin/settings.js';
import * as z from 'zod';
import { EligibilityFormSchema, ExtendDeadlineSchema, ReopenFormSchema, SignInRequestSchema, StartCyclesSchema } from './admin-forms.js';
import { clientOf, jsonBody, langOf, requestTime } from './http.js';
import { admin, endpoint } from './endpoints.js';
import { viewLink } from './link-views.js';
import { problemOf } from './problems.js';
import { limitingUnknownLinks } from './rate-limit.js';

const ActSchema = z.object({ intent: z.enum(['draft', 'submit']).default('submit'), data: z.unknown(), formVersion: z.number().int().nonnegative().optional(), receiptCode: z.string().max(64).optional() });

export const getLink = endpoint(async (deps, event) => {
  const view = await limitingUnknownLinks(deps.store, event, () => viewLink(deps, event.pathParameters?.id ?? '', requestTime(event)));
  const { config, dossier, ...rest } = view;
  return { ...rest, bloc: { id: config.bloc.id, name: config.bloc.name, units: config.bloc.units.map((u) => ({ id: u.id, name: u.name })) }, sheet: config.sheet, ranking: dossier?.scores?.rows.map((r) => ({ unitId: r.unitId, place: r.place, total: r.total })) };
});

export const postLink = endpoint(async (deps, event) => {
  const input = ActSchema.parse(jsonBody(event));
  const client = clientOf(event);
  return limitingUnknownLinks(deps.store, event, () => actOnLink(deps, { linkId: event.pathParameters?.id ?? '', ...input, at: requestTime(event), source: { ip: client.ip, userAgent: client.userAgent } }));
});

export const requestSignInLink = endpoint(async (deps, event) => {
  const { email } = SignInRequestSchema.parse(jsonBody(event));
  await requestSignIn(deps, email, requestTime(event), clientOf(event));
  return { requested: true };
});

/** Uses a sign-in link and returns the session id, for a script's Bearer header. */
export const signInWithLink = endpoint(async (deps, event) => {
  const { sessionId, session } = await limitingUnknownLinks(deps.store, event, () => signIn(deps, event.pathParameters?.id ?? '', requestTime(event), clientOf(event)));
  return { sessionId, ...session };
});

export const listCycles = admin(async (deps, event) => {
  const year = Number(event.queryStringParameters?.year) || Number(vietnamDateOf(requestTime(event).getTime()).slice(0, 4));
  const cycles = await cycleHeadsOfYear(deps, year);
  return { year, cycles: cycles.map(({ cycleId, blocId, year: y, phase, status }) => ({ cycleId, blocId, year: y, phase, status })) };
});

export const startCyclesEndpoint = admin(async (deps, event, ctx) => {
  const input = StartCyclesSchema.parse(jsonBody(event));
  const outcomes = await startCycles(deps, input.blocIds, input.timeline, ctx);
  return { cycles: outcomes.map((o) => ('error' in o ? { blocId: o.blocId, error: problemOf(o.error, langOf(event)) } : o)) };
});

export const getCycle = admin(async (deps, event) => {
  const { progress, dossier } = await cycleProgressAndDossier(deps, event.pathParameters?.cycleId ?? '');
  const { cycle } = progress;
  return {
    cycleId: cycle.cycleId,
    blocId: cycle.blocId,
    blocName: cycle.config.bloc.name,
    year: cycle.year,
    status: cycle.status,
    phase: cycle.phase,
    phases: progress.phases.map((p) => ({ phase: p.window.phase, round: p.window.round, deadlineAt: p.window.deadlineAt, closed: Boolean(p.window.closedAt), actors: p.actors })),
    ranking: dossier.scores?.rows.map((r) => ({ place: r.place, unitId: r.unitId, unitName: dossier.units[r.unitId], total: r.total / 100, classification: r.classification, award: (dossier.awards.granted ?? dossier.awards.proposed)[r.unitId] ?? null })),
    final: dossier.final,
    // The online secret ballot's anonymous ballots of each tallied round, for anyone allowed to recount them.
    ballots: publishedBallots(dossier),
  };
});

export const extendDeadlineEndpoint = admin(async (deps, event, ctx) =>
  extendDeadline(deps, { cycleId: event.pathParameters?.cycleId ?? '', ...ExtendDeadlineSchema.parse(jsonBody(event)) }, ctx),
);
export const reopenEndpoint = admin(async (deps, event, ctx) => reopenForm(deps, { cycleId: event.pathParameters?.cycleId ?? '', ...ReopenFormSchema.parse(jsonBody(event)) }, ctx));
export const eligibilityEndpoint = admin(async (deps, event, ctx) => {
  await markIneligible(deps, { cycleId: event.pathParameters?.cycleId ?? '', ...EligibilityFormSchema.parse(jsonBody(event)) }, ctx);
  return { recorded: true };
});
/** A bloc's settings as a script sends them: the bloc, its rules, the approver, and optionally a new criteria sheet. */
const PutBlocSchema = z.object({
  bloc: z.unknown(),
  sheet: CriteriaSheetSchema.optional(),
  /** A built-in sheet to put in force instead of sending one: "party", "departments" or "districts". */
  sheetTemplate: SheetTemplateIdSchema.optional(),
  /** The version read before changing it; 0 (the default) creates the bloc. */
  version: z.number().int().nonnegative().default(0),
});

export const listBlocsEndpoint = admin(async (deps) => ({ blocs: await listVersionedBlocSettings(deps.store) }));

export const putBlocEndpoint = admin(async (deps, event, ctx) => {
  const blocId = event.pathParameters?.blocId ?? '';
  const input = PutBlocSchema.parse(jsonBody(event));
  const raw = (input.bloc ?? {}) as Record<string, unknown>;
  // A new sheet (the one sent, or the default for a bloc without one) is stored with the bloc, once it is valid.
  const [sheetId, newSheet] = input.sheet
    ? ['bang-diem', input.sheet]
    : input.sheetTemplate
      ? [templateSheetId(input.sheetTemplate), sheetTemplate(input.sheetTemplate)]
      : raw.sheet === undefined
        ? ['mac-dinh', defaultCriteriaSheet]
        : [undefined, undefined];
  const bloc = StoredBlocSchema.parse({ rules: {}, ...raw, id: blocId, sheet: newSheet ? sheetRefOf(sheetId!, newSheet) : raw.sheet });
  const version = newSheet ? await saveBlocWithSheet(deps.store, bloc, newSheet, input.version, ctx) : await saveBlocSettings(deps.store, bloc, input.version, ctx);
  return { blocId, version, sheet: bloc.sheet };
});

export const auditEndpoint = admin(async (deps, event) => auditOf(deps, event.pathParameters?.cycleId ?? ''));
