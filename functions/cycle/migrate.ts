/**
 * The data migrations: what a release changed in the shape of stored data, applied to the data earlier
 * releases wrote. They run after every deploy (on AWS a CloudFormation trigger invokes the catalog's
 * `migrate` once the table and the functions are in place; the local stack invokes it at start), each until
 * it has gone through once: then it is recorded (store/migrations.ts) and skipped, so a later deploy costs
 * one read. Each is idempotent, so one cut short (a timeout, a failed deploy) runs whole again next time.
 * A new migration goes at the end of {@link MIGRATIONS}, in the order releases made the changes.
 */
import { listBlocIds } from '../store/blocs.js';
import type { Store } from '../store/client.js';
import { indexBlocAwards } from '../store/history.js';
import { getMigrationRecords, recordMigration, type MigrationCounts } from '../store/migrations.js';
import { getForm } from '../store/forms.js';
import { listOpenTasks, markSubmitted, moveLegacyUnansweredTasks } from '../store/tasks.js';
import { inPool } from '../shared/in-pool.js';
import { areaLogger } from '../shared/logger.js';
import { listRunningCycles, wakeRunningCycles } from './wake-ups.js';

/** One change of stored data: its name (its record's key) and the work, which returns what it changed. */
export interface Migration {
  name: string;
  run(store: Store, at: Date): Promise<MigrationCounts>;
}

/** The log message of every run, with its report: what to look for in the function's log group. */
export const MIGRATION_LOG_MESSAGE = 'data migrations';

const migrationLogger = areaLogger('migrate');

/** Items worked on side by side: a province's 40–400 blocs or cycles, a query or a few writes each. */
const CONCURRENCY = 8;

/** Runs `count` on each item side by side and adds up what each returned. */
async function total<T>(items: readonly T[], count: (item: T) => Promise<number>): Promise<number> {
  let sum = 0;
  await inPool(items, CONCURRENCY, async (item) => {
    sum += await count(item);
  });
  return sum;
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    // The sweep looks only at cycles with a wake-up due (issue 20): cycles whose deadlines were set before
    // wake-ups existed get theirs from their open tasks.
    name: 'sweep-wake-ups',
    run: async (store, at) => ({ cyclesWoken: await wakeRunningCycles(store, at) }),
  },
  {
    // A task done whose wait may be unanswered is listed among the sweep's due work, no longer under
    // ANSWERDUE#<cycleId> (issue 20), which the sweep does not read: those of running cycles move.
    name: 'unanswered-tasks-to-sweep',
    run: async (store, at) => {
      const cycles = await listRunningCycles(store, at);
      return { cyclesRunning: cycles.length, tasksMoved: await total(cycles, (cycle) => moveLegacyUnansweredTasks(store, cycle.cycleId)) };
    },
  },
  {
    // The province's earlier years read the decided awards on gsi2 (AWARDS#<year>, issue 20): results
    // published or entered before carry no such key.
    name: 'awards-index',
    run: async (store) => {
      const blocIds = await listBlocIds(store);
      return { blocs: blocIds.length, resultsIndexed: await total(blocIds, (blocId) => indexBlocAwards(store, blocId)) };
    },
  },
  {
    // Who has acted in an open unit phase is read from the tasks (the province's pages): a unit that
    // submitted before its task recorded `submittedAt` gets it from its form.
    name: 'submitted-task-markers',
    run: async (store, at) => {
      const cycles = await listRunningCycles(store, at);
      return { cyclesRunning: cycles.length, tasksMarked: await total(cycles, (cycle) => markSubmittedTasks(store, cycle.cycleId)) };
    },
  },
];

/** Marks each open task of a cycle whose unit's form is submitted with that form's time; returns how many. */
async function markSubmittedTasks(store: Store, cycleId: string): Promise<number> {
  let marked = 0;
  for (const task of (await listOpenTasks(store, cycleId)).filter((t) => !t.submittedAt)) {
    const submittedAt = (await getForm(store, task))?.submittedAt;
    if (submittedAt && (await markSubmitted(store, task, submittedAt))) marked++;
  }
  return marked;
}

/** What one run did. */
export interface MigrationReport {
  /** The migrations run now, with what each changed. */
  ran: { name: string; counts: MigrationCounts }[];
  /** The migrations that had gone through before (recorded), not run again. */
  doneBefore: string[];
}

/**
 * Runs every migration not recorded as done yet, in order, recording each once it went through, and logs
 * what the run did (one line, {@link MIGRATION_LOG_MESSAGE}). A migration that fails stops the run: the
 * error is logged with what ran before it and thrown (on AWS the deploy fails and rolls back); the next
 * run starts again from the failed one.
 */
export async function migrate(store: Store, at: Date, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationReport> {
  const recorded = new Set((await getMigrationRecords(store, migrations.map((m) => m.name))).map((record) => record.name));
  const report: MigrationReport = { ran: [], doneBefore: migrations.filter((m) => recorded.has(m.name)).map((m) => m.name) };
  for (const migration of migrations.filter((m) => !recorded.has(m.name))) {
    try {
      const counts = await migration.run(store, at);
      await recordMigration(store, { name: migration.name, ranAt: at.toISOString(), counts });
      report.ran.push({ name: migration.name, counts });
    } catch (error) {
      migrationLogger.error(MIGRATION_LOG_MESSAGE, { ...report, failed: migration.name, error: error as Error });
      throw error;
    }
  }
  migrationLogger.info(MIGRATION_LOG_MESSAGE, { ...report });
  return report;
}
