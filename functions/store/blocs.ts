/**
 * Blocs ("khối thi đua"), their member units and their criteria sheets ("bảng tiêu chí"). Payloads are
 * the domain's objects, validated by the caller's schema; the store keeps them versioned.
 */
import type { Store } from './client.js';
import { NotFoundError } from './errors.js';
import { execute, putNewOp, updateVersionedOp } from './items.js';
import { getItem, queryAll, queryIndex, queryPrefix } from './reads.js';
import { blocKeys } from './keys.js';
import { envelope, toVersioned } from './records.js';
import type { Parser, Versioned } from './records.js';
import type { WriteOp } from './items.js';

export interface SaveInput<T> {
  data: T;
  /** 0 to create; otherwise the version that was read. */
  expectedVersion: number;
  now: Date;
}

/** Creates or changes a bloc, as a write to go with the audit event that records it. */
export function saveBlocOp<T>(store: Store, blocId: string, input: SaveInput<T>): WriteOp {
  return updateVersionedOp(store, blocKeys.bloc(blocId), input.expectedVersion, {
    set: { ...envelope(input.data, input.expectedVersion, input.now), type: 'bloc', blocId, gsi1pk: blocKeys.allBlocs, gsi1sk: blocId },
  });
}

/** Creates or changes a bloc; returns the new version. */
export async function saveBloc<T>(store: Store, blocId: string, input: SaveInput<T>): Promise<number> {
  await execute(store, saveBlocOp(store, blocId, input));
  return input.expectedVersion + 1;
}

export async function getBloc<T = unknown>(store: Store, blocId: string, parser?: Parser<T>): Promise<Versioned<T>> {
  const key = blocKeys.bloc(blocId);
  const item = await getItem(store, key);
  if (!item) throw new NotFoundError(key);
  return toVersioned(item, parser);
}

export async function listBlocs<T = unknown>(store: Store, parser?: Parser<T>): Promise<Versioned<T>[]> {
  return (await queryIndex(store, 'gsi1', blocKeys.allBlocs)).map((item) => toVersioned(item, parser));
}

/** The ids of every bloc, without their settings (the bulk of the item). */
export async function listBlocIds(store: Store): Promise<string[]> {
  const items = await queryAll(store, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': blocKeys.allBlocs },
    ProjectionExpression: 'blocId',
  });
  return items.map((item) => item.blocId as string);
}

/** Creates or changes a member unit of a bloc; returns the new version. */
export async function saveUnit<T>(store: Store, blocId: string, unitId: string, input: SaveInput<T>): Promise<number> {
  await execute(
    store,
    updateVersionedOp(store, blocKeys.unit(blocId, unitId), input.expectedVersion, {
      set: { ...envelope(input.data, input.expectedVersion, input.now), type: 'unit', blocId, unitId },
    }),
  );
  return input.expectedVersion + 1;
}

export async function listUnits<T = unknown>(store: Store, blocId: string, parser?: Parser<T>): Promise<Versioned<T>[]> {
  return (await queryPrefix(store, blocKeys.bloc(blocId).pk, 'UNIT#')).map((item) => toVersioned(item, parser));
}

/**
 * Stores one version of a criteria sheet. Versions are immutable (a cycle pins the version it started
 * with), so storing an existing version again raises AlreadyExistsError.
 */
export async function putSheetVersion<T>(
  store: Store,
  ref: { blocId: string; sheetId: string; sheetVersion: string },
  data: T,
  now: Date,
): Promise<void> {
  await execute(store, putSheetVersionOp(store, ref, data, now));
}

/** Stores one version of a criteria sheet, as a write to go with the bloc's save that puts it in force. */
export function putSheetVersionOp<T>(store: Store, ref: { blocId: string; sheetId: string; sheetVersion: string }, data: T, now: Date): WriteOp {
  const key = blocKeys.sheet(ref.blocId, ref.sheetId, ref.sheetVersion);
  return putNewOp(store, { ...key, type: 'sheet', ...ref, ...envelope(data, 0, now), version: 1 });
}

export async function getSheetVersion<T = unknown>(
  store: Store,
  ref: { blocId: string; sheetId: string; sheetVersion: string },
  parser?: Parser<T>,
): Promise<Versioned<T>> {
  const key = blocKeys.sheet(ref.blocId, ref.sheetId, ref.sheetVersion);
  const item = await getItem(store, key);
  if (!item) throw new NotFoundError(key);
  return toVersioned(item, parser);
}

/** Every stored version of a bloc's sheets (or of one sheet), in key order. */
export async function listSheetVersions<T = unknown>(
  store: Store,
  blocId: string,
  sheetId?: string,
  parser?: Parser<T>,
): Promise<(Versioned<T> & { sheetId: string; sheetVersion: string })[]> {
  const items = await queryPrefix(store, blocKeys.bloc(blocId).pk, sheetId ? `SHEET#${sheetId}#` : 'SHEET#');
  return items.map((item) => ({ ...toVersioned(item, parser), sheetId: item.sheetId as string, sheetVersion: item.sheetVersion as string }));
}
