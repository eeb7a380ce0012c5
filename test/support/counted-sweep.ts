/** A sweep run as the catalog's function would run it, with the DynamoDB requests it sent (local/sdk-sends.ts). */
import { sweep } from '../../functions/cycle/scheduler.js';
import { currentInvocation, runInvocation } from '../../local/invocations.js';
import { observeSdkSends } from '../../local/sdk-sends.js';
import type { CycleHarness } from './cycle-harness.js';

/** One sweep run as the catalog's function, with the DynamoDB requests it sent, by command ("GetItem", "BatchGetItem", …). */
export async function countedSweep(h: CycleHarness) {
  const requests: Record<string, number> = {};
  const stop = observeSdkSends((service, command) => {
    if (service !== 'DynamoDB' || currentInvocation()?.functionName !== 'sweep') return;
    const name = command.constructor.name.replace(/Command$/, '');
    requests[name] = (requests[name] ?? 0) + 1;
  });
  try {
    return { report: await runInvocation({ functionName: 'sweep' }, () => sweep(h.deps, h.now())), requests };
  } finally {
    stop();
  }
}

