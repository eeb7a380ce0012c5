/**
 * Forms a unit fills in a phase: the pledge confirmation, the mid-year and year-end self-assessment
 * ("tự chấm điểm"), the cross-check ("kiểm tra chéo"), the ballot ("phiếu bầu"). One item per
 * (cycle, phase, round, unit) holds the working copy and the last submission; every submission is also
 * kept as an immutable numbered snapshot. Payloads are validated by the caller's domain schema.
 */
import type { Store } from './client.js';
import { execute, putNewOp, transact, updateVersionedOp } from './items.js';
import { getItem, queryPrefix } from './reads.js';
import type { Item, WriteOp } from './items.js';
import { StateConflictError } from './errors.js';
import { cycleKeys } from './keys.js';
import type { TaskRef } from './keys.js';
import type { Parser } from './records.js';

export type FormRef = TaskRef;

export interface Form<T = unknown> {
  cycleId: string;
  phase: string;
  round: number;
  unitId: string;
  /** `draft` while the working copy has unsubmitted changes. */
  status: 'draft' | 'submitted';
  /** The working copy (the last draft saved, or the last submission). */
  data: T;
  /** The last submission: the one that counts. */
  submitted?: T;
  /** How many times the form was submitted. */
  submissions: number;
  version: number;
  updatedAt: string;
  submittedAt?: string;
  updatedBy?: string;
}

export interface FormChange<T> {
  data: T;
  /** 0 for a form not saved yet; otherwise the version the user's page was rendered from. */
  expectedVersion: number;
  now: Date;
  /** Who saved (e.g. the unit id or "admin:<email>"), for the record. */
  actor?: string;
}

const identity = (ref: FormRef) => ({ type: 'form', cycleId: ref.cycleId, phase: ref.phase, round: ref.round ?? 1, unitId: ref.unitId });

/** Saves a draft. Two tabs saving from the same version: one wins, the other gets VersionConflictError. */
export function saveDraftOp<T>(store: Store, ref: FormRef, change: FormChange<T>): WriteOp {
  return updateVersionedOp(store, cycleKeys.form(ref), change.expectedVersion, {
    set: {
      ...identity(ref),
      status: 'draft',
      data: change.data,
      updatedAt: change.now.toISOString(),
      updatedBy: change.actor,
      ...(change.expectedVersion === 0 ? { submissions: 0 } : {}),
    },
  });
}

export async function saveDraft<T>(store: Store, ref: FormRef, change: FormChange<T>): Promise<number> {
  await execute(store, saveDraftOp(store, ref, change));
  return change.expectedVersion + 1;
}

/**
 * The writes of a submission: the form (working copy and last submission) and an immutable snapshot
 * numbered `submissionNumber` (the form's `submissions` + 1). Add them to a transaction with the link
 * consumption and the task closing that go with them.
 */
export function submitFormOps<T>(store: Store, ref: FormRef, change: FormChange<T> & { submissionNumber: number }): WriteOp[] {
  const at = change.now.toISOString();
  return [
    updateVersionedOp(store, cycleKeys.form(ref), change.expectedVersion, {
      set: {
        ...identity(ref),
        status: 'submitted',
        data: change.data,
        submitted: change.data,
        submissions: change.submissionNumber,
        updatedAt: at,
        submittedAt: at,
        updatedBy: change.actor,
      },
    }),
    putNewOp(store, {
      ...cycleKeys.submission(ref, change.submissionNumber),
      ...identity(ref),
      type: 'submission',
      number: change.submissionNumber,
      data: change.data,
      submittedAt: at,
      submittedBy: change.actor,
      version: 1,
    }),
  ];
}

/**
 * A condition of a transaction: the form has not been submitted (or does not exist). StateConflictError
 * naming the form's key when it has; a transaction is ordered with the submission's, so exactly one of
 * the two sees the other.
 */
export function formNotSubmittedCheck(store: Store, ref: FormRef): WriteOp {
  const key = cycleKeys.form(ref);
  return {
    key,
    write: { ConditionCheck: { TableName: store.tableName, Key: key, ConditionExpression: 'attribute_not_exists(submitted)' } },
    onConditionFailed: () => new StateConflictError(key, 'not submitted'),
  };
}

/** Submits a form (plus any `withOps` in the same transaction); returns the form's new version. */
export async function submitForm<T>(
  store: Store,
  ref: FormRef,
  change: FormChange<T>,
  withOps: WriteOp[] = [],
): Promise<number> {
  const current = change.expectedVersion === 0 ? undefined : await getForm(store, ref);
  const submissionNumber = (current?.submissions ?? 0) + 1;
  await transact(store, [...submitFormOps(store, ref, { ...change, submissionNumber }), ...withOps]);
  return change.expectedVersion + 1;
}

export async function getForm<T = unknown>(store: Store, ref: FormRef, parser?: Parser<T>): Promise<Form<T> | undefined> {
  const item = await getItem(store, cycleKeys.form(ref));
  return item && toForm(item, parser);
}

/** The forms of a phase (optionally of one round) of a cycle, by unit. */
export async function listForms<T = unknown>(
  store: Store,
  cycleId: string,
  phase: string,
  round?: number,
  parser?: Parser<T>,
): Promise<Form<T>[]> {
  const items = await queryPrefix(store, cycleKeys.partition(cycleId), cycleKeys.formsOf(phase, round));
  return items.map((item) => toForm(item, parser));
}

/** Every submission of a form, oldest first. */
export async function listSubmissions<T = unknown>(
  store: Store,
  ref: FormRef,
  parser?: Parser<T>,
): Promise<{ number: number; data: T; submittedAt: string; submittedBy?: string }[]> {
  return (await queryPrefix(store, cycleKeys.partition(ref.cycleId), cycleKeys.submissionsOf(ref))).map((item) => ({
    number: item.number as number,
    data: (parser ? parser.parse(item.data) : item.data) as T,
    submittedAt: item.submittedAt as string,
    ...(item.submittedBy ? { submittedBy: item.submittedBy as string } : {}),
  }));
}

export function toForm<T = unknown>(item: Item, parser?: Parser<T>): Form<T> {
  const parse = (value: unknown) => (parser ? parser.parse(value) : value) as T;
  return {
    cycleId: item.cycleId as string,
    phase: item.phase as string,
    round: item.round as number,
    unitId: item.unitId as string,
    status: item.status as Form['status'],
    data: parse(item.data),
    ...(item.submitted !== undefined ? { submitted: parse(item.submitted) } : {}),
    submissions: (item.submissions as number | undefined) ?? 0,
    version: item.version as number,
    updatedAt: item.updatedAt as string,
    ...(item.submittedAt ? { submittedAt: item.submittedAt as string } : {}),
    ...(item.updatedBy ? { updatedBy: item.updatedBy as string } : {}),
  };
}
