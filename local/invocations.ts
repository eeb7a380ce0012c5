/**
 * Which catalog function the code running now belongs to, as Lambda would know it: every handler the local
 * stack runs (workflow tasks, pages, the sweep, SES's Send events) runs inside an invocation scope, so a
 * meter can attribute what the handler does (its DynamoDB requests, its time) to the function and route.
 * Nothing in functions/ reads it: handlers cannot tell the difference.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** One invocation: the function, and for an HTTP function the route it answered ("POST /api/links/{id}"). */
export interface Invocation {
  functionName: string;
  route?: string;
}

/** Called when an invocation ends, with its wall time. */
export type InvocationListener = (invocation: Invocation, ms: number) => void;

const scope = new AsyncLocalStorage<Invocation>();
const listeners = new Set<InvocationListener>();

/** The invocation the caller runs in, if any. */
export function currentInvocation(): Invocation | undefined {
  return scope.getStore();
}

/** Listens to every invocation's end; returns the unsubscribe function. */
export function onInvocationEnd(listener: InvocationListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Runs `work` as one invocation of `invocation`. */
export async function runInvocation<T>(invocation: Invocation, work: () => Promise<T>): Promise<T> {
  const began = performance.now();
  try {
    return await scope.run(invocation, work);
  } finally {
    const ms = performance.now() - began;
    for (const listener of listeners) listener(invocation, ms);
  }
}

/**
 * The route of an HTTP API event (payload format 2.0), if it is one. A greedy route (`ANY /api/{proxy+}`,
 * routed further inside the function) is told by its method and path, with the segments that are ids
 * (long, or holding a digit) written `{id}`: `POST /api/links/{id}`.
 */
export function routeOf(event: unknown): string | undefined {
  const { routeKey, rawPath, requestContext } = (event ?? {}) as { routeKey?: unknown; rawPath?: unknown; requestContext?: { http?: { method?: unknown } } };
  if (typeof routeKey !== 'string') return undefined;
  const method = requestContext?.http?.method;
  if (!routeKey.includes('{proxy+}') || typeof rawPath !== 'string' || typeof method !== 'string') return routeKey;
  const path = rawPath.split('/').map((segment) => (segment.length > 20 || /\d/.test(segment) ? '{id}' : segment)).join('/');
  return `${method} ${path}`;
}
