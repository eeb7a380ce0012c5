/**
 * The catalog's functions for the local stack: each handler module imported on its first use (so the
 * stack starts fast, and starts while a handler is still being written), shared by the Step Functions
 * runtime, the HTTP server, the sweep and the data migrations.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FUNCTIONS, type FunctionSpec } from '../functions/catalog.js';
import { inOwnReadBatch } from '../functions/store/reads.js';
import { HandlerModuleMissingError } from './http-server.js';
import { routeOf, runInvocation, type Invocation } from './invocations.js';
import { SystemClock, type FunctionRegistration, type LambdaHandler } from './stepfunctions/index.js';
import { LocalFunctions } from './stepfunctions/lambda.js';

const root = resolve(import.meta.dirname, '..');

/**
 * The catalog's handlers, each imported on its first use, shared by the runtime, the HTTP server and the
 * sweep. `afterInvocation` hears each invocation that finished (the drainer is kicked by those that queued mail).
 */
export function catalogFunctions(options: { afterInvocation?: (invocation: Invocation, spec: FunctionSpec) => void } = {}) {
  const modules = new Map<string, Promise<LambdaHandler>>();
  const load = (spec: FunctionSpec) => (): Promise<LambdaHandler> => {
    const path = join(root, spec.entry);
    if (!existsSync(path)) return Promise.reject(new HandlerModuleMissingError(spec.entry));
    let loading = modules.get(spec.name);
    if (!loading) {
      loading = import(pathToFileURL(path).href).then((module: { handler?: LambdaHandler }) => {
        const handler = module.handler;
        if (typeof handler !== 'function') throw new Error(`${spec.entry} does not export a handler`);
        return (async (event, context) => {
          const invocation: Invocation = { functionName: spec.name, route: routeOf(event) };
          try {
            return await runInvocation(invocation, () => inOwnReadBatch(() => handler(event, context)));
          } finally {
            options.afterInvocation?.(invocation, spec);
          }
        }) as LambdaHandler;
      });
      loading.catch(() => modules.delete(spec.name));
      modules.set(spec.name, loading);
    }
    return loading;
  };
  const lazy = (spec: FunctionSpec): LambdaHandler => async (event, context) => (await load(spec)())(event, context);
  // The sweep's timeout runs on real time: a jump of the clock must not time it out.
  const invoker = new LocalFunctions(new SystemClock());
  for (const spec of FUNCTIONS.filter((f) => f.schedule || f.mailEvents || f.afterDeploy)) invoker.register(spec.name, { handler: lazy(spec), timeoutSeconds: spec.timeoutSeconds });
  return {
    load,
    invoker,
    /** Every function the state machine names, with the catalog's timeout (the runtime's default is 3 s). */
    workflowRegistrations: (): Record<string, FunctionRegistration> =>
      Object.fromEntries(FUNCTIONS.filter((f) => f.aslKey).map((f) => [f.name, { handler: lazy(f), timeoutSeconds: f.timeoutSeconds }])),
  };
}


/**
 * Invokes the catalog's data migrations (`afterDeploy`) at the local clock's time, as the deploy's trigger
 * does on AWS (at the function's own clock there); the stack does not start on data it failed to migrate.
 */
export async function runMigrations(invoker: LocalFunctions, now: number, account: { region: string; accountId: string }): Promise<void> {
  for (const spec of FUNCTIONS.filter((f) => f.afterDeploy)) {
    const outcome = await invoker.invoke({ functionName: spec.name, payload: { time: new Date(now).toISOString() }, requestId: randomUUID(), ...account });
    if (!outcome.ok) throw new Error(`the data migrations (${spec.name}) failed: ${outcome.error}: ${outcome.cause}`);
  }
}
