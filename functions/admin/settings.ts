/**
 * A bloc's settings as the admin keeps them between cycles: the bloc with its units, its rules ("quy
 * chế"), the criteria sheet version in force and the province's approver. Starting a cycle pins a copy.
 * And the province's own: the persons of its emulation board, who sign the province's documents.
 */
import * as z from 'zod';
import {
  BoardPeopleSchema,
  BlocRulesSchema,
  BlocSchema,
  CriteriaSheetSchema,
  pinConfig,
  sheetTemplate,
  sheetVersion,
  type BoardPeople,
  type CriteriaSheet,
  type SheetTemplateId,
  type CycleConfig,
  type Timeline,
} from '../domain/index.js';
import type { Store } from '../store/client.js';
import { appendAuditEvent, canonicalJson } from '../audit/index.js';
import { blocSettingsChain, provinceKeys } from '../store/keys.js';
import { getBoardPeople, saveBoardPeopleOp } from '../store/province.js';
import { getBloc, getSheetVersion, listBlocs, listSheetVersions, putSheetVersion, putSheetVersionOp, saveBlocOp } from '../store/blocs.js';
import type { WriteOp } from '../store/items.js';
import { AlreadyExistsError, NotFoundError } from '../store/errors.js';
import { CycleNotFoundError, CycleStateError } from '../cycle/errors.js';
import { cycleIdOf, type AdminContext } from '../cycle/admin.js';
import { ignoring } from '../shared/ignoring.js';
import { RESULT_NAMES, readResult, type Proposal } from '../cycle/results.js';

/** The bloc item's data (`BLOC#<id>`/`BLOC`): the domain's Bloc plus its settings. */
export const StoredBlocSchema = z.intersection(
  BlocSchema,
  z.object({
    rules: BlocRulesSchema,
    /** The sheet version in force: the `SHEET#<sheetId>#<sheetVersion>` item of the same bloc. */
    sheet: z.object({ sheetId: z.string(), sheetVersion: z.string() }),
    /** Ban Thi đua – Khen thưởng of the province: where the dossier goes for approval. */
    approverEmail: z.email(),
  }),
);
export type StoredBloc = z.infer<typeof StoredBlocSchema>;

export async function loadBlocSettings(store: Store, blocId: string): Promise<{ bloc: StoredBloc; version: number }> {
  try {
    const stored = await getBloc(store, blocId, StoredBlocSchema);
    return { bloc: stored.data, version: stored.version };
  } catch (error) {
    if (error instanceof NotFoundError) throw new CycleNotFoundError('bloc', blocId, 'blocId', { cause: error });
    throw error;
  }
}

export async function listBlocSettings(store: Store): Promise<StoredBloc[]> {
  return (await listBlocs(store, StoredBlocSchema)).map((b) => b.data);
}

/** Every bloc's settings with the version a change must name (the JSON API's listing). */
export async function listVersionedBlocSettings(store: Store): Promise<Array<StoredBloc & { version: number }>> {
  return (await listBlocs(store, StoredBlocSchema)).map((b) => ({ ...b.data, version: b.version }));
}

/**
 * Saves a bloc's settings if they are still at `expectedVersion` (0 creates the bloc), with the audit event
 * that records who changed which parts, from what to what, in the bloc's settings chain (one transaction).
 */
export async function saveBlocSettings(store: Store, bloc: StoredBloc, expectedVersion: number, ctx: AdminContext, withOps: WriteOp[] = []): Promise<number> {
  const data = StoredBlocSchema.parse(bloc);
  const stored = expectedVersion === 0 ? undefined : await ignoring(NotFoundError, getBloc(store, bloc.id));
  const change = settingsChange((stored?.data ?? {}) as Record<string, unknown>, data as Record<string, unknown>);
  const op = saveBlocOp(store, bloc.id, { data, expectedVersion, now: ctx.at });
  const action = expectedVersion === 0 ? 'bloc.created' : 'bloc.changed';
  await appendAuditEvent(store, { ...auditFrom(ctx), chainId: blocSettingsChain(bloc.id), action, target: `bloc:${bloc.id}`, ...change }, [...withOps, op]);
  return expectedVersion + 1;
}

/** The reference a bloc's settings hold to a criteria sheet stored as `sheetId`: its content decides its version. */
export const sheetRefOf = (sheetId: string, sheet: CriteriaSheet) => ({ sheetId, sheetVersion: sheetVersion(sheet) });

/**
 * Saves a bloc's settings that put `sheet` in force (`bloc.sheet` is its {@link sheetRefOf}), storing the
 * sheet's version in the same transaction unless stored already: a refused save (the bloc changed in
 * another tab, its id taken by another bloc) leaves no sheet version behind in the bloc's list.
 */
export async function saveBlocWithSheet(store: Store, bloc: StoredBloc, sheet: CriteriaSheet, expectedVersion: number, ctx: AdminContext): Promise<number> {
  const ref = { blocId: bloc.id, ...bloc.sheet };
  const stored = await ignoring(NotFoundError, getSheetVersion(store, ref));
  return saveBlocSettings(store, bloc, expectedVersion, ctx, stored ? [] : [putSheetVersionOp(store, ref, CriteriaSheetSchema.parse(sheet), ctx.at)]);
}

/** The parts of a settings record that differ, each before and after (a part absent before is only after). */
function settingsChange(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const parts = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => canonicalJson(before[k] ?? null) !== canonicalJson(after[k] ?? null));
  return { before: Object.fromEntries(parts.filter((k) => k in before).map((k) => [k, before[k]])), after: Object.fromEntries(parts.filter((k) => k in after).map((k) => [k, after[k]])) };
}

const auditFrom = (ctx: AdminContext) => ({ actor: ctx.actor, at: ctx.at, sourceIp: ctx.sourceIp, userAgent: ctx.userAgent });

/** The sheet id a template's sheet is stored under in a bloc: the Party template keeps the default's "mac-dinh". */
export function templateSheetId(id: SheetTemplateId): string {
  return id === 'party' ? 'mac-dinh' : `mau-${id}`;
}

/**
 * Puts a built-in template in force as the bloc's sheet (a new version; the next cycle pins it, running
 * cycles keep theirs) if the bloc is still at `expectedVersion`. The admin may then edit it in Excel.
 */
export async function applySheetTemplate(store: Store, blocId: string, id: SheetTemplateId, expectedVersion: number, ctx: AdminContext): Promise<{ sheetId: string; sheetVersion: string }> {
  const { bloc } = await loadBlocSettings(store, blocId);
  const ref = sheetRefOf(templateSheetId(id), sheetTemplate(id));
  if (ref.sheetId !== bloc.sheet.sheetId || ref.sheetVersion !== bloc.sheet.sheetVersion) await saveBlocWithSheet(store, { ...bloc, sheet: ref }, sheetTemplate(id), expectedVersion, ctx);
  return ref;
}

/** Stores a criteria sheet version (immutable; storing the same content again is a no-op) and returns its reference. */
export async function storeSheet(store: Store, blocId: string, sheetId: string, sheet: CriteriaSheet, now: Date): Promise<{ sheetId: string; sheetVersion: string }> {
  const ref = sheetRefOf(sheetId, sheet);
  try {
    await putSheetVersion(store, { blocId, ...ref }, CriteriaSheetSchema.parse(sheet), now);
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
  }
  return ref;
}

export async function loadSheet(store: Store, blocId: string, ref: { sheetId: string; sheetVersion: string }): Promise<CriteriaSheet> {
  try {
    return (await getSheetVersion(store, { blocId, ...ref }, CriteriaSheetSchema)).data;
  } catch (error) {
    if (error instanceof NotFoundError) throw new CycleStateError(`the criteria sheet ${ref.sheetId} (${ref.sheetVersion}) is missing`, 'sheet', { cause: error });
    throw error;
  }
}

export { listSheetVersions };

/** The configuration a new cycle of `blocId` pins: the bloc's settings and sheet in force now. */
export async function configForCycle(store: Store, blocId: string, timeline: Timeline, adminEmails: string[]): Promise<CycleConfig> {
  const { bloc } = await loadBlocSettings(store, blocId);
  const sheet = await loadSheet(store, blocId, bloc.sheet);
  const { rules, sheet: _ref, approverEmail, ...domainBloc } = bloc;
  // Started at the year-end conference while last year's dossier awaits approval: the leaders elected there lead it.
  const elected = rules.leadersTakeOver === 'atElection' ? await electedLeaders(store, blocId, timeline.year - 1) : undefined;
  return pinConfig({ bloc: BlocSchema.parse({ ...domainBloc, ...elected }), sheet, rules, timeline, approverEmail, adminEmails });
}

/** The leader and deputy the bloc elected in `year`'s vote, once it is over; undefined before. */
async function electedLeaders(store: Store, blocId: string, year: number): Promise<{ leaderUnitId: string; deputyUnitId: string } | undefined> {
  const proposal = await readResult<Proposal>(store, cycleIdOf(blocId, year), RESULT_NAMES.proposal);
  return proposal && { leaderUnitId: proposal.leaders.leaderUnitId, deputyUnitId: proposal.leaders.deputyUnitId };
}

/** The board's persons as recorded, with the version the settings form saves from (0: none yet). */
export async function loadBoardPeople(store: Store): Promise<{ people: BoardPeople; version: number }> {
  const stored = await getBoardPeople(store, BoardPeopleSchema);
  return { people: stored?.data ?? {}, version: stored?.version ?? 0 };
}

/**
 * Saves the board's persons if they are still at `expectedVersion` (two officers cannot overwrite each
 * other unseen), with the audit event of who changed them from what, in the province's settings chain.
 */
export async function saveBoardPeople(store: Store, people: BoardPeople, expectedVersion: number, ctx: AdminContext): Promise<void> {
  const data = BoardPeopleSchema.parse(people);
  const stored = expectedVersion === 0 ? undefined : await getBoardPeople(store);
  const op = saveBoardPeopleOp(store, { data, expectedVersion, now: ctx.at });
  const change = settingsChange((stored?.data ?? {}) as Record<string, unknown>, data as Record<string, unknown>);
  await appendAuditEvent(store, { ...auditFrom(ctx), chainId: provinceKeys.settingsChain, action: 'province.boardChanged', target: 'province:board', ...change }, [op]);
}
