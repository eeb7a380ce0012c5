/**
 * The event loop of the drill's one Node.js process (the local stack and the demo client that drives it):
 * how late it ran what was due (the delay histogram of perf_hooks), how busy it was, and who kept it busy.
 * Who: every synchronous run of a callback (a timer, a socket's data, a promise's continuation) is timed and
 * attributed to the invocation it belongs to (local/invocations.ts: the route or workflow function), else to
 * the part of the process that started it (the stack's own machinery: HTTP server, Step Functions runtime,
 * schedules; or the demo client). A request that waits for the loop waits for these runs: the longest ones
 * are the tail.
 */
import { AsyncLocalStorage, createHook, executionAsyncResource } from 'node:async_hooks';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { currentInvocation } from '../local/invocations.js';

/** The part of the process outside any invocation: the stack's machinery, or the demo client driving it. */
export type ProcessPart = 'stack' | 'driver';

/** Synchronous time on the event loop of one origin. */
export interface LoopOrigin {
  /** A route ("POST /api/links/{id}"), a workflow function, or "stack (…)" / "driver (…)" outside them. */
  origin: string;
  /** Milliseconds the loop spent running this origin's callbacks (CPU time, unless the machine preempted it). */
  busyMs: number;
  /** Callbacks run (macrotasks and promise continuations alike). */
  runs: number;
  /** Runs of 10 ms or more: each delayed everything else that was due by as long. */
  runsOver10Ms: number;
  longestMs: number;
}

/** One long synchronous run, for finding what blocks the loop. */
export interface LongRun {
  origin: string;
  ms: number;
  /** When it began (performance.now() of this process). */
  at: number;
  /** The async resource whose callback ran: "Timeout", "TCPWRAP", "PROMISE", … */
  resource: string;
}

export interface LoopFigures {
  /** How late the loop ran a timer due at that moment (ms): the wait any request has before its turn. */
  delay: { p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number };
  /** Share of the wall time the loop was busy (not waiting for I/O). */
  utilization: number;
  /** CPU seconds of the whole Node.js process (every thread: the loop, GC helpers, the thread pool). */
  cpuSeconds: number;
  /** Busy time by origin, heaviest first; empty unless measured by origin. */
  byOrigin: LoopOrigin[];
  /** The 20 longest runs. */
  longest: LongRun[];
  /** Every run of 10 ms or more, in order (for what the slowest requests waited for: {@link stallsDuring}). */
  longRuns: LongRun[];
}

const parts = new AsyncLocalStorage<ProcessPart>();
const PART_NAMES: Record<ProcessPart, string> = { stack: 'stack (HTTP server, runtime, schedules)', driver: 'driver (the demo client)' };

/** Runs `work` as that part of the process: what it starts outside any invocation is attributed to it. */
export function asPart<T>(part: ProcessPart, work: () => T): T {
  return parts.run(part, work);
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const ms = (ns: number) => round1(ns / 1e6);

/**
 * Watches the event loop from now until `stop()`. With `byOrigin`, every callback is timed through an
 * async hook (promise continuations included), which costs the process some CPU; without, only the delay
 * histogram and the utilisation, which cost nothing measurable.
 */
export function watchEventLoop(options: { byOrigin: boolean }): { stop(): LoopFigures } {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const utilizationBefore = performance.eventLoopUtilization();
  const cpuBefore = process.cpuUsage();
  const byOrigin = new Map<string, LoopOrigin>();
  const longest: LongRun[] = [];
  const longRuns: LongRun[] = [];
  let depth = 0;
  let began = 0;
  const originNow = () => {
    const invocation = currentInvocation();
    if (invocation) return invocation.route ?? invocation.functionName;
    const part = parts.getStore();
    return part ? PART_NAMES[part] : 'other';
  };
  const hook = createHook({
    before() {
      if (depth++ === 0) began = performance.now();
    },
    after() {
      if (--depth !== 0) return;
      const took = performance.now() - began;
      const origin = originNow();
      let entry = byOrigin.get(origin);
      if (!entry) byOrigin.set(origin, (entry = { origin, busyMs: 0, runs: 0, runsOver10Ms: 0, longestMs: 0 }));
      entry.busyMs += took;
      entry.runs++;
      if (took >= 10) entry.runsOver10Ms++;
      if (took > entry.longestMs) entry.longestMs = took;
      if (took < 10) return;
      const run = { origin, ms: round1(took), at: began, resource: executionAsyncResource().constructor.name };
      if (longRuns.length < 100_000) longRuns.push(run);
      if (longest.length < 20 || took > longest.at(-1)!.ms) {
        longest.push(run);
        longest.sort((a, b) => b.ms - a.ms).splice(20);
      }
    },
  });
  if (options.byOrigin) hook.enable();
  return {
    stop: () => {
      hook.disable();
      delay.disable();
      const cpu = process.cpuUsage(cpuBefore);
      return {
        delay: { p50Ms: ms(delay.percentile(50)), p90Ms: ms(delay.percentile(90)), p99Ms: ms(delay.percentile(99)), maxMs: ms(delay.max) },
        utilization: Math.round(performance.eventLoopUtilization(utilizationBefore).utilization * 1000) / 1000,
        cpuSeconds: round1((cpu.user + cpu.system) / 1e6),
        byOrigin: [...byOrigin.values()].map((o) => ({ ...o, busyMs: Math.round(o.busyMs), longestMs: round1(o.longestMs) })).sort((a, b) => b.busyMs - a.busyMs),
        longest,
        longRuns,
      };
    },
  };
}

/**
 * What requests waited for: the time of the long runs (10 ms or more) that overlapped them, by origin, per
 * request, heaviest first. A request in flight while the loop runs someone else's long callback waits that long.
 */
export function stallsDuring(runs: readonly LongRun[], requests: ReadonlyArray<{ startedAt: number; ms: number }>): Array<{ origin: string; msPerRequest: number }> {
  const byOrigin = new Map<string, number>();
  for (const request of requests) {
    const end = request.startedAt + request.ms;
    for (const run of runs) {
      const overlap = Math.min(end, run.at + run.ms) - Math.max(request.startedAt, run.at);
      if (overlap > 0) byOrigin.set(run.origin, (byOrigin.get(run.origin) ?? 0) + overlap);
    }
  }
  return [...byOrigin].map(([origin, ms]) => ({ origin, msPerRequest: round1(ms / Math.max(1, requests.length)) })).sort((a, b) => b.msPerRequest - a.msPerRequest);
}

/** The figures as printed lines: the delay, then the heaviest origins and the longest runs. */
export function loopLines(loop: LoopFigures, top = 15): string[] {
  const { delay } = loop;
  return [
    `event loop: delay p50 ${delay.p50Ms} / p90 ${delay.p90Ms} / p99 ${delay.p99Ms} / max ${delay.maxMs} ms; busy ${Math.round(loop.utilization * 100)} % of the time; Node CPU ${loop.cpuSeconds} s`,
    ...(loop.byOrigin.length === 0
      ? []
      : [
          `busy by origin (ms, runs, runs ≥ 10 ms, longest ms), ${Math.round(loop.byOrigin.reduce((sum, o) => sum + o.busyMs, 0))} ms in all:`,
          ...loop.byOrigin.slice(0, top).map((o) => `  ${String(o.busyMs).padStart(7)}  ${o.origin}: ${o.runs} runs, ${o.runsOver10Ms} ≥ 10 ms, longest ${o.longestMs}`),
          'longest runs:',
          ...loop.longest.slice(0, 10).map((r) => `  ${String(r.ms).padStart(7)}  ${r.origin} (${r.resource})`),
        ]),
  ];
}
