/**
 * Who is asking, for the files of one cycle: a unit through one of its emailed links (its own files
 * only), the approver through the approval link, or a signed-in admin (every file of the cycle).
 */
import { CycleConfigSchema, PhaseWindowRecordSchema, criteriaOf, windowName, type TaskPhase } from '../domain/index.js';
import { LinkMismatchError } from '../links/errors.js';
import { resolveLink } from '../links/links.js';
import type { Store } from '../store/client.js';
import { getPinnedCycle } from '../store/cycles.js';
import { getForm, type FormRef } from '../store/forms.js';
import { getResult } from '../store/results.js';
import { FileScopeError } from './errors.js';
import { FILE_PURPOSES, PURPOSES } from './purposes.js';

/** What a revision link adds: every purpose its rules allow through a revision. */
const REVISION_ADDS = FILE_PURPOSES.filter((p) => PURPOSES[p].addedThrough.includes('revision'));

export interface FileActor {
  cycleId: string;
  /** For audit events: "unit:<id>", "approver", "admin:<email>". */
  actor: string;
  /** A unit acts on its own files only; without it the actor reads every file of the cycle. */
  unitId?: string;
  /** The purpose of the link the unit came through: it decides what it may add. */
  linkPurpose?: string;
  /** Other units whose files a unit may read: the unit it cross-checks ("kiểm tra chéo"), or all ('all') when revising the bloc's dossier. */
  alsoReads?: readonly string[] | 'all';
  /** A link for dossier files names the kinds it adds (a nominee's report, the leader's scans); others add what their purpose allows. */
  mayAdd?: readonly string[];
  /** A conference secretary's link: the record whose signed minutes it adds, taken only once that record is sent. */
  conference?: FormRef & { phase: TaskPhase };
}

/** The actor an emailed link stands for; a sign-in link is not for files. */
export async function actorOfLink(store: Store, linkId: string, at: Date): Promise<FileActor> {
  const link = await resolveLink(store, linkId, at);
  if (link.purpose === 'adminSignIn') throw new LinkMismatchError('purpose');
  if (link.purpose === 'approval') return { cycleId: link.cycleId, actor: 'approver' };
  const actor: FileActor = { cycleId: link.cycleId, actor: `unit:${link.unitId}`, unitId: link.unitId, linkPurpose: link.purpose };
  if (link.purpose === 'dossierFiles') return { ...actor, mayAdd: link.files };
  // The conference's secretary adds the signed minutes, after the record, from the files page its link opens.
  if (link.purpose === 'meetingRecord') return { ...actor, mayAdd: ['signedMinutes'], conference: { cycleId: link.cycleId, phase: link.phase ?? 'vote', round: link.round, unitId: link.unitId } };
  // The leader revising a returned dossier reads every file and adds what the approver asked for, from the files page.
  if (link.purpose === 'revision') return { ...actor, alsoReads: 'all', mayAdd: REVISION_ADDS };
  if (link.purpose === 'crossCheck') return { ...actor, alsoReads: await checkedBy(store, link.cycleId, link.unitId) };
  return actor;
}

/** The unit that `checkerUnitId` cross-checks, by the cycle's assignment. */
async function checkedBy(store: Store, cycleId: string, checkerUnitId: string): Promise<string[]> {
  const stored = await getResult(store, cycleId, windowName('crossCheck', 1));
  const window = stored && PhaseWindowRecordSchema.parse(stored.data);
  return (window?.assignments ?? []).filter((a) => a.checkerUnitId === checkerUnitId).map((a) => a.checkedUnitId);
}

/**
 * Whether the actor's conference has been recorded: the signed minutes are a scan of that record, so none
 * is taken before it. True for an actor that adds no conference's minutes (no read then).
 */
export async function conferenceRecorded(store: Store, actor: FileActor): Promise<boolean> {
  if (!actor.conference) return true;
  return (await getForm(store, actor.conference))?.submitted !== undefined;
}

/**
 * Where the actor's conference record stands, for the secretary's files page: `recorded` (the scan is taken),
 * `toRecord` (the record comes first, its form still open), `notRecorded` (its phase closed without it: no
 * record, so no scan of one). `recorded` for an actor that adds no conference's minutes.
 */
export async function conferenceRecordState(store: Store, actor: FileActor): Promise<'recorded' | 'toRecord' | 'notRecorded'> {
  if (!actor.conference) return 'recorded';
  const ref = actor.conference;
  const [form, stored] = await Promise.all([getForm(store, ref), getResult(store, ref.cycleId, windowName(ref.phase, ref.round ?? 1))]);
  if (form?.submitted !== undefined) return 'recorded';
  return stored && PhaseWindowRecordSchema.parse(stored.data).closedAt !== undefined ? 'notRecorded' : 'toRecord';
}

/** A signed-in admin reading a cycle's files; `actor` is the admin's name in the audit trail ("admin:<email>"). */
export const actorOfAdmin = (cycleId: string, actor: string): FileActor => ({ cycleId, actor });

/** Whether `actor` may read a file of `unitId`. */
export function mayRead(actor: FileActor, unitId: string): boolean {
  return actor.unitId === undefined || actor.unitId === unitId || actor.alsoReads === 'all' || (actor.alsoReads?.includes(unitId) ?? false);
}

/** Refuses evidence for a criterion the cycle's sheet does not have (the code is the unit's input). */
export async function checkCriterion(store: Store, cycleId: string, criterion: string): Promise<void> {
  const cycle = await getPinnedCycle(store, cycleId, CycleConfigSchema);
  if (!criteriaOf(cycle.config.sheet).some((c) => c.code === criterion)) throw new FileScopeError('criterion');
}
