/**
 * The records of the data migrations that went through (cycle/migrate.ts): one item per migration,
 * `MIGRATION#<name>`, written once its work is done, with when and what it changed. A migration with a
 * record is not run again, so a deploy after the one that brought it costs one read; deleting the record
 * runs it again at the next deploy (each migration is idempotent).
 */
import type { Store } from './client.js';
import { execute, putOp } from './items.js';
import { getItems } from './reads.js';
import { migrationKeys } from './keys.js';

/** What one migration changed, by what it counts ("cycles", "tasks", "results"). */
export type MigrationCounts = Record<string, number>;

/** A migration that went through. */
export interface MigrationRecord {
  name: string;
  /** When it finished (the migrating function's clock). */
  ranAt: string;
  counts: MigrationCounts;
}

/** The records of the migrations named, where there is one: in one read (BatchGetItem). */
export async function getMigrationRecords(store: Store, names: readonly string[]): Promise<MigrationRecord[]> {
  const items = await getItems(store, names.map((name) => migrationKeys.record(name)));
  return items.flatMap((item) => (item ? [{ name: item.name as string, ranAt: item.ranAt as string, counts: item.counts as MigrationCounts }] : []));
}

/** Records a migration that went through, replacing any earlier record of it (a migration run again). */
export async function recordMigration(store: Store, record: MigrationRecord): Promise<void> {
  await execute(store, putOp(store, { ...migrationKeys.record(record.name), type: 'migration', ...record }));
}
