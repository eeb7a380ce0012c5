/** A whole cycle read in one query of its partition: the cycle with its units' tasks and forms. */
import { toApprovalRound } from './approvals.js';
import type { ApprovalRound } from './approvals.js';
import type { Store } from './client.js';
import { toCycle } from './cycles.js';
import type { Cycle } from './cycles.js';
import { NotFoundError } from './errors.js';
import { toForm } from './forms.js';
import type { Form } from './forms.js';
import { queryAll } from './items.js';
import { cycleKeys } from './keys.js';
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
  };
}
