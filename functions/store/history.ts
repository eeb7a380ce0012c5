/**
 * Each unit's result of every year ("kết quả thi đua qua các năm"): one item per bloc, unit and year, in
 * the bloc's partition, also listed per year on gsi1 for the province view. Publishing a cycle writes its
 * year (cycle/publish.ts); an admin may enter the years before the system. A year written again (a retried
 * publish, a corrected hand entry) replaces the one before.
 *
 * This is the API other areas read history through: {@link listUnitHistory} (a unit's page),
 * {@link listBlocHistory} (the admin console, the rules that propose higher awards) and
 * {@link listYearResults} (the province's results of a year, every bloc), {@link listYearAwards} (its awards).
 */
import { UnitYearResultSchema, type UnitYearResult } from '../domain/history.js';
import type { Store } from './client.js';
import { execute, putOp, transact, updateIf, type Item, type WriteOp } from './items.js';
import { queryAll, queryIndex, queryPrefix } from './reads.js';
import { historyKeys } from './keys.js';

export type { UnitYearResult } from '../domain/history.js';

/** The write that keeps one unit's result of a year, replacing any earlier one of the same year. */
export function putYearResultOp(store: Store, result: UnitYearResult, now: Date): WriteOp {
  const parsed = UnitYearResultSchema.parse(result);
  return putOp(store, {
    ...historyKeys.unitYear(parsed.blocId, parsed.unitId, parsed.year),
    type: 'history',
    data: parsed,
    updatedAt: now.toISOString(),
    gsi1pk: historyKeys.ofYear(parsed.year),
    gsi1sk: historyKeys.ofYearSort(parsed.blocId, parsed.unitId),
    // A result with a decided award is also on the sparse awards index: the province reads a year's ~200
    // awards there instead of its 1,000 results. The item is replaced whole, so losing its award leaves it.
    ...(parsed.awardDecided ? awardsIndex(parsed) : {}),
  });
}

/** A result's keys on the sparse awards index (gsi2). */
const awardsIndex = (result: Pick<UnitYearResult, 'blocId' | 'unitId' | 'year'>) => ({
  gsi2pk: historyKeys.awardsOfYear(result.year),
  gsi2sk: historyKeys.ofYearSort(result.blocId, result.unitId),
});

/** Keeps the results of one year of a bloc (up to 100 units, a transaction's limit), all or none. */
export async function recordYearResults(store: Store, results: readonly UnitYearResult[], now: Date): Promise<void> {
  if (results.length === 0) return;
  const ops = results.map((r) => putYearResultOp(store, r, now));
  if (ops.length === 1) await execute(store, ops[0]!);
  else await transact(store, ops);
}

const toResult = (item: Item): UnitYearResult => UnitYearResultSchema.parse(item.data);

/** One unit's results, oldest year first. */
export async function listUnitHistory(store: Store, blocId: string, unitId: string): Promise<UnitYearResult[]> {
  return (await queryPrefix(store, historyKeys.unitYear(blocId, unitId, 0).pk, historyKeys.ofUnit(unitId))).map(toResult).sort(byYear);
}

/** Every unit's results in a bloc, by unit, then oldest year first. */
export async function listBlocHistory(store: Store, blocId: string): Promise<UnitYearResult[]> {
  return (await queryPrefix(store, historyKeys.unitYear(blocId, '-', 0).pk, historyKeys.ofBloc)).map(toResult).sort((a, b) => a.unitId.localeCompare(b.unitId) || byYear(a, b));
}

/** The results of one year across every bloc (the province view), by bloc, then unit. Eventually consistent (gsi1). */
export async function listYearResults(store: Store, year: number): Promise<UnitYearResult[]> {
  return (await queryIndex(store, 'gsi1', historyKeys.ofYear(year))).map(toResult);
}

/**
 * The awards decided in one year across every bloc (the province view's earlier years), from the sparse
 * awards index: a year of 1,000 units reads its ~200 awarded results, and of those only the four attributes
 * the view uses. Eventually consistent (gsi2).
 */
export async function listYearAwards(store: Store, year: number): Promise<Pick<UnitYearResult, 'blocId' | 'unitId' | 'year' | 'awardDecided'>[]> {
  const items = await queryAll(store, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ProjectionExpression: '#data.#bloc, #data.#unit, #data.#year, #data.#award',
    ExpressionAttributeNames: { '#data': 'data', '#award': 'awardDecided', '#bloc': 'blocId', '#unit': 'unitId', '#year': 'year' },
    ExpressionAttributeValues: { ':pk': historyKeys.awardsOfYear(year) },
  });
  return items.map((item) => item.data as Pick<UnitYearResult, 'blocId' | 'unitId' | 'year' | 'awardDecided'>);
}

/**
 * Puts on the awards index the results of a bloc with a decided award written before the index existed
 * (by earlier releases), which {@link listYearAwards} would otherwise never find; returns how many. A
 * result written again meanwhile carries its own keys and is left as it is.
 */
export async function indexBlocAwards(store: Store, blocId: string): Promise<number> {
  const unindexed = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    FilterExpression: 'attribute_not_exists(gsi2pk) AND attribute_exists(#data.#award)',
    ExpressionAttributeNames: { '#data': 'data', '#award': 'awardDecided' },
    ExpressionAttributeValues: { ':pk': historyKeys.unitYear(blocId, '-', 0).pk, ':prefix': historyKeys.ofBloc },
    ConsistentRead: true,
  });
  let indexed = 0;
  for (const item of unindexed) {
    const key = { pk: item.pk, sk: item.sk };
    const { gsi2pk, gsi2sk } = awardsIndex(toResult(item));
    const changed = await updateIf(store, key, {
      update: 'SET gsi2pk = :pk, gsi2sk = :sk',
      condition: 'attribute_not_exists(gsi2pk) AND attribute_exists(#data.#award)',
      names: { '#data': 'data', '#award': 'awardDecided' },
      values: { ':pk': gsi2pk, ':sk': gsi2sk },
    });
    if (changed) indexed++;
  }
  return indexed;
}

const byYear = (a: UnitYearResult, b: UnitYearResult) => a.year - b.year;
