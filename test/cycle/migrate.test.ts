/**
 * The data migrations (functions/cycle/migrate.ts) on data as earlier releases wrote it, against DynamoDB
 * Local and the local Step Functions runtime: a running cycle whose deadlines were set before the sweep's
 * wake-ups, a task done whose wait was left unanswered under the old `ANSWERDUE#` listing, and a decided
 * award published before the awards index, a unit's open task that does not say its form was submitted.
 * After one run the sweep finds and answers them, the province's awards query finds the award and the task
 * says when the unit submitted; a second run changes nothing.
 */
import { DeleteCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, type Migration } from '../../functions/cycle/migrate.js';
import { sweep } from '../../functions/cycle/scheduler.js';
import type { CycleConfig, UnitYearResult } from '../../functions/domain/index.js';
import { saveBloc } from '../../functions/store/blocs.js';
import { listYearAwards, recordYearResults } from '../../functions/store/history.js';
import { queryPrefix } from '../../functions/store/reads.js';
import { cycleKeys, historyKeys, legacyKeys, migrationKeys, sweepKeys } from '../../functions/store/keys.js';
import { getMigrationRecords } from '../../functions/store/migrations.js';
import { clearWakeUps, listDueWork, type WakeUp } from '../../functions/store/sweep-schedule.js';
import { getUnitTask, listOpenTasks, type TaskRef } from '../../functions/store/tasks.js';
import { getForm } from '../../functions/store/forms.js';
import { submissionFor } from '../domain/fixtures.js';
import { catalogFunctions } from '../../local/functions.js';
import { CycleHarness } from '../support/cycle-harness.js';
import { SUBJECT, cycleConfig } from './fixtures.js';

const OLD_BLOC = 'khoi-truoc-2026';
const result = (unitId: string, place: number, awardDecided?: string): UnitYearResult => ({
  blocId: OLD_BLOC,
  unitId,
  year: 2025,
  place,
  total: 9_500 - place * 100,
  classification: 'xuatSac',
  ...(awardDecided ? { awardDecided } : {}),
});

describe('the data migrations', () => {
  let h: CycleHarness;
  let config: CycleConfig;
  let cycleId: string;
  let unanswered: TaskRef;
  let submitted: TaskRef;
  let wakeUpsBefore: WakeUp[];
  const wakeUpsOf = async () => (await queryPrefix(h.deps.store, sweepKeys.wakeUp(cycleId, '-').pk, 'AT#')) as unknown as WakeUp[];
  const table = async () => {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await h.deps.store.doc.send(new ScanCommand({ TableName: h.deps.store.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items.sort((a, b) => `${a.pk}#${a.sk}`.localeCompare(`${b.pk}#${b.sk}`));
  };

  beforeAll(async () => {
    h = await CycleHarness.start('2026-10-01T00:00:00Z');
    config = cycleConfig({ rules: { closeEarly: false } });
    cycleId = (await h.startCycle(config)).cycleId;
    await h.advanceTo('2026-11-01T02:00:00Z'); // the self-assessment opens: its tasks and wake-ups are written
    const { store } = h.deps;
    // Data of earlier releases: the cycle without its wake-ups...
    wakeUpsBefore = await wakeUpsOf();
    await clearWakeUps(store, wakeUpsBefore);
    // ...one unit's task done with its wait unanswered, listed as the release before the wake-ups listed it...
    const [task] = await listOpenTasks(store, cycleId, 'selfAssessment');
    unanswered = { cycleId, phase: task!.phase, round: task!.round, unitId: task!.unitId };
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: cycleKeys.task(unanswered),
        UpdateExpression: 'SET #status = :done, closedAt = :at, gsi1pk = :legacy, gsi1sk = :sort',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'done', ':at': h.now().toISOString(), ':legacy': legacyKeys.unansweredTasks(cycleId), ':sort': cycleKeys.openTaskSort(unanswered) },
      }),
    );
    // ...another unit's self-assessment submitted, its task (open to the deadline) not saying so...
    const unit = config.bloc.units.find((u) => u.id !== unanswered.unitId)!;
    await h.act(await h.linkFor(unit.email, SUBJECT.selfAssessment), { scores: submissionFor(900) });
    submitted = { cycleId, phase: 'selfAssessment', round: 1, unitId: unit.id };
    await store.doc.send(new UpdateCommand({ TableName: store.tableName, Key: cycleKeys.task(submitted), UpdateExpression: 'REMOVE submittedAt' }));
    // ...and a bloc's results of 2025, one with a decided award, published before the awards index.
    await saveBloc(store, OLD_BLOC, { data: { id: OLD_BLOC, name: 'Khối thi đua các cơ quan tỉnh' }, expectedVersion: 0, now: h.now() });
    await recordYearResults(store, [result('van-phong', 1, 'flag'), result('ban-to-chuc', 2)], h.now());
    await store.doc.send(new UpdateCommand({ TableName: store.tableName, Key: historyKeys.unitYear(OLD_BLOC, 'van-phong', 2025), UpdateExpression: 'REMOVE gsi2pk, gsi2sk' }));
  }, 120_000);

  afterAll(() => h?.stop());

  it('finds nothing of the old data before it runs: no due work for the cycle, no award of 2025', async () => {
    expect((await listDueWork(h.deps.store, '2027-01-01T00:00:00.000Z')).map((w) => w.cycleId)).not.toContain(cycleId);
    expect(await listYearAwards(h.deps.store, 2025)).toEqual([]);
  });

  it('runs each migration once, recording what it changed', async () => {
    const report = await migrate(h.deps.store, h.now());
    expect(report).toEqual({
      ran: [
        { name: 'sweep-wake-ups', counts: { cyclesWoken: 1 } },
        { name: 'unanswered-tasks-to-sweep', counts: { cyclesRunning: 1, tasksMoved: 1 } },
        { name: 'awards-index', counts: { blocs: 1, resultsIndexed: 1 } },
        { name: 'submitted-task-markers', counts: { cyclesRunning: 1, tasksMarked: 1 } },
      ],
      doneBefore: [],
    });
    const records = await getMigrationRecords(h.deps.store, MIGRATIONS.map((m) => m.name));
    expect(records.map((r) => [r.name, r.ranAt])).toEqual(MIGRATIONS.map((m) => [m.name, h.now().toISOString()]));
  });

  it('gives the running cycle its wake-ups again, from its open tasks\' deadline', async () => {
    expect((await wakeUpsOf()).map((w) => w.at)).toEqual(wakeUpsBefore.map((w) => w.at));
  });

  it('lets the province\'s awards query find the award published before the index', async () => {
    expect(await listYearAwards(h.deps.store, 2025)).toEqual([{ blocId: OLD_BLOC, unitId: 'van-phong', year: 2025, awardDecided: 'flag' }]);
  });

  it('marks the open task of the unit that submitted with its form\'s time, so that the province counts it as acted', async () => {
    const task = await getUnitTask(h.deps.store, submitted);
    expect(task.status).toBe('open');
    expect(task.submittedAt).toBe((await getForm(h.deps.store, submitted))!.submittedAt);
  });

  it('changes nothing when run again', async () => {
    const before = await table();
    expect(await migrate(h.deps.store, new Date(h.now().getTime() + 60_000))).toEqual({ ran: [], doneBefore: MIGRATIONS.map((m) => m.name) });
    expect(await table()).toEqual(before);
  });

  it('leaves the sweep to answer the wait left unanswered under the old listing, and to wake the cycle at its reminders', async () => {
    const due = await listDueWork(h.deps.store, '2027-01-01T00:00:00.000Z');
    const work = due.find((w) => w.cycleId === cycleId);
    expect(work?.unanswered.map((t) => t.unitId)).toEqual([unanswered.unitId]);
    expect(work?.wakeUps).toHaveLength(wakeUpsBefore.length);
    expect(await sweep(h.deps, h.now())).toMatchObject({ cycles: 1, answeredLate: 1, failed: 0 });
    await h.idle();
    const after = await listDueWork(h.deps.store, '2027-01-01T00:00:00.000Z');
    expect(after.find((w) => w.cycleId === cycleId)?.unanswered).toEqual([]);
  });

  it('answers the deploy\'s custom resource through the catalog function: an update to its release runs what is not done; a rollback to the previous release and the stack\'s deletion migrate nothing', async () => {
    const { invoker } = catalogFunctions();
    process.env.RELEASE = 'b'; // as the stack sets it on the function
    const cloudFormation = (requestType: string, release = 'b') => ({
      RequestType: requestType,
      ServiceToken: 'arn:aws:lambda:ap-southeast-1:123456789012:function:provider',
      StackId: 'arn:aws:cloudformation:ap-southeast-1:123456789012:stack/ThiDua/1',
      RequestId: randomUUID(),
      LogicalResourceId: 'DataMigrationRun',
      PhysicalResourceId: 'thidua-data-migrations',
      ResourceType: 'Custom::ThiDuaDataMigrations',
      ResourceProperties: { ServiceToken: 'arn:aws:lambda:ap-southeast-1:123456789012:function:provider', Release: release },
    });
    const invoke = async (payload: unknown) => {
      const outcome = await invoker.invoke({ functionName: 'migrate', payload, requestId: randomUUID(), region: 'ap-southeast-1', accountId: '123456789012' });
      if (!outcome.ok) throw new Error(`${outcome.error}: ${outcome.cause}`);
      return outcome.output.Payload;
    };
    expect(await invoke(cloudFormation('Update'))).toEqual({ PhysicalResourceId: 'thidua-data-migrations', report: { ran: [], doneBefore: MIGRATIONS.map((m) => m.name) } });
    await h.deps.store.doc.send(new DeleteCommand({ TableName: h.deps.store.tableName, Key: migrationKeys.record('awards-index') }));
    const before = await table();
    expect(await invoke(cloudFormation('Update', 'a'))).toEqual({ PhysicalResourceId: 'thidua-data-migrations' });
    expect(await invoke(cloudFormation('Delete'))).toEqual({ PhysicalResourceId: 'thidua-data-migrations' });
    expect(await table()).toEqual(before);
    // The record deleted by hand: the next deploy runs that migration again (it finds nothing left to index).
    expect(await invoke(cloudFormation('Update'))).toEqual({
      PhysicalResourceId: 'thidua-data-migrations',
      report: { ran: [{ name: 'awards-index', counts: { blocs: 1, resultsIndexed: 0 } }], doneBefore: MIGRATIONS.map((m) => m.name).filter((name) => name !== 'awards-index') },
    });
    delete process.env.RELEASE;
  });

  it('stops at a migration that fails, keeping what went through before it, and runs from there the next time', async () => {
    const runs: string[] = [];
    let failing = true;
    const migrations: Migration[] = [
      { name: 'test-first', run: async () => (runs.push('first'), { items: 1 }) },
      {
        name: 'test-second',
        run: async () => {
          runs.push('second');
          if (failing) throw new Error('DynamoDB was unreachable');
          return { items: 2 };
        },
      },
    ];
    await expect(migrate(h.deps.store, h.now(), migrations)).rejects.toThrow('DynamoDB was unreachable');
    expect((await getMigrationRecords(h.deps.store, ['test-first', 'test-second'])).map((r) => r.name)).toEqual(['test-first']);
    failing = false;
    expect(await migrate(h.deps.store, h.now(), migrations)).toEqual({ ran: [{ name: 'test-second', counts: { items: 2 } }], doneBefore: ['test-first'] });
    expect(runs).toEqual(['first', 'second', 'second']);
  });
});
