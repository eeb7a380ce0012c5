/** A whole cycle read in one query of its partition: the cycle with its units' tasks and forms. */
import { toApprovalRound } from './approvals.js';
import { toBallot } from './ballots.js';
import { RESULT_NAMES, WINDOW_PREFIX, type AnonymousBallot } from '../domain/index.js';
import type { ApprovalRound } from './approvals.js';
import type { Store } from './client.js';
import { toCycle } from './cycles.js';
import type { Cycle } from './cycles.js';
import { NotFoundError } from './errors.js';
import { inAddedOrder, toStoredFile, type StoredFile } from './files.js';
import { toForm } from './forms.js';
import type { Form } from './forms.js';
import { type Item } from './items.js';
import { getItem, queryAll, queryPrefix } from './reads.js';
import { cycleKeys, fileKeys } from './keys.js';
import { toVersioned } from './records.js';
import type { Versioned } from './records.js';
import { toTask } from './tasks.js';
import type { UnitTask } from './tasks.js';

export interface CycleView {
  cycle: Cycle;
  tasks: UnitTask[];
  forms: Form[];
  results: (Versioned<unknown> & { name: string })[];
  approvals: ApprovalRound[];
  /** The dossier's recorded files, oldest first. */
  files: StoredFile[];
  /** The online secret ballot's anonymous ballots, in the order of their random ids. */
  ballots: AnonymousBallot[];
}

export async function loadCycle(store: Store, cycleId: string): Promise<CycleView> {
  const items = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': cycleKeys.partition(cycleId) },
    ConsistentRead: true,
  });
  const cycleItem = items.find((item) => item.type === 'cycle');
  if (!cycleItem) throw new NotFoundError(cycleKeys.cycle(cycleId));
  const ofType = (type: string) => items.filter((item) => item.type === type);
  return {
    cycle: toCycle(cycleItem),
    tasks: ofType('task').map(toTask),
    forms: ofType('form').map((item) => toForm(item)),
    results: ofType('result').map((item) => ({ ...toVersioned(item), name: item.name as string })),
    approvals: ofType('approval').map(toApprovalRound),
    files: inAddedOrder(ofType('file').map(toStoredFile)),
    ballots: ofType('ballot').map(toBallot),
  };
}

/**
 * A cycle as the province's view reads it, many at once: the cycle, its approval rounds and its results;
 * the tasks only while it runs (who has acted), the bloc leader's revisions and the dossier's files
 * only once a round was returned (what changed since the return). The units' forms and submissions, the bulk of a partition, are never read.
 */
export async function loadCycleSummary(store: Store, cycleId: string, options: { running: boolean }): Promise<CycleView> {
  const pk = cycleKeys.partition(cycleId);
  const [head, results, tasks] = await Promise.all([
    // APPROVAL#… sorts just before CYCLE: the rounds and the cycle in one range.
    queryAll(store, { KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to', ExpressionAttributeValues: { ':pk': pk, ':from': 'APPROVAL#', ':to': 'CYCLE' }, ConsistentRead: true }),
    queryPrefix(store, pk, 'RESULT#'),
    options.running ? queryPrefix(store, pk, 'TASK#') : Promise.resolve([]),
  ]);
  const cycleItem = head.find((item) => item.type === 'cycle');
  if (!cycleItem) throw new NotFoundError(cycleKeys.cycle(cycleId));
  const approvals = head.filter((item) => item.type === 'approval').map(toApprovalRound);
  const returned = approvals.some((a) => a.status === 'returned');
  const [revisions, files] = returned ? await Promise.all([queryPrefix(store, pk, cycleKeys.formsOf('revision')), queryPrefix(store, pk, fileKeys.files)]) : [[], []];
  return {
    cycle: toCycle(cycleItem),
    tasks: tasks.map(toTask),
    forms: revisions.map((item: Item) => toForm(item)),
    results: results.map((item) => ({ ...toVersioned(item), name: item.name as string })),
    approvals,
    // Otherwise the dossier's files are read with the whole partition (loadCycle), not in the province's summary.
    files: inAddedOrder(files.map(toStoredFile)),
    ballots: [],
  };
}

/**
 * What a cycle's progress needs, for a list of many cycles (the admin's dashboard): its phase windows, its
 * final result and its tasks (each says whether its unit acted). `cycle` is the caller's (from the year's
 * listing and the pinned configuration); nothing else of the partition is read.
 */
export async function loadCycleProgressView<C>(store: Store, cycle: Cycle<C>): Promise<CycleView> {
  const pk = cycleKeys.partition(cycle.cycleId);
  const [windows, final, tasks] = await Promise.all([
    queryPrefix(store, pk, cycleKeys.result(cycle.cycleId, WINDOW_PREFIX).sk),
    getItem(store, cycleKeys.result(cycle.cycleId, RESULT_NAMES.final)),
    queryPrefix(store, pk, 'TASK#'),
  ]);
  return {
    cycle,
    tasks: tasks.map(toTask),
    forms: [],
    results: [...windows, ...(final ? [final] : [])].map((item) => ({ ...toVersioned(item), name: item.name as string })),
    approvals: [],
    files: [],
    ballots: [],
  };
}
