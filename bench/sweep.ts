/**
 * The scheduled sweep at province scale (issue 20, item 2): `blocs` small blocs (400 × 4 units by default)
 * started on a local stack whose clock is then moved day by day through the self-assessment, so that the
 * stack's own schedule runs the catalog's `sweep` after each local midnight, as EventBridge would: the
 * quiet days, the two reminder days (3 and 1 days before the deadline, the default rules) and the day
 * after the deadline, when every unit's wait is overdue and failed by the sweep. Records each sweep's wall
 * time, DynamoDB requests, the cycles and requests it had in flight at once, and reads every email back to
 * check that no unit was reminded twice and that every wait ended missed once.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUNCTIONS } from '../functions/catalog.js';
import { StoredBlocSchema, saveBlocSettings, storeSheet } from '../functions/admin/settings.js';
import { startCycles } from '../functions/admin/start.js';
import { defaultCriteriaSheet, localStart, TimelineSchema, vietnamDateOf, type Timeline } from '../functions/domain/index.js';
import { sharedDeps } from '../functions/shared/deps.js';
import { inPool } from '../functions/shared/in-pool.js';
import { listOpenTasks } from '../functions/store/tasks.js';
import { currentInvocation, onInvocationEnd } from '../local/invocations.js';
import { readMail } from '../local/services/ses.js';
import { drillBloc } from '../local/simulate/drill-blocs.js';
import { startLocalStack } from '../local/stack.js';
import { PROVINCE_MAIL_RATE } from './province.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** One run of the catalog's sweep, as the local schedule started it. */
export interface SweepRun {
  ms: number;
  requests: number;
  /** Most cycles under this sweep's lease at one moment. */
  maxCyclesInFlight: number;
  /** Most DynamoDB requests of this sweep in flight at one moment. */
  maxRequestsInFlight: number;
}

/** The sweeps of one day: the one after midnight, which does the day's work, and those after it. */
export interface SweepDay {
  /** The Vietnam date swept. */
  day: string;
  /** What that day is to the self-assessment: a quiet day, a reminder day, or the day after the deadline. */
  kind: 'quiet' | 'reminder 3 days' | 'reminder 1 day' | 'deadline passed';
  first: SweepRun;
  /** The slowest of the day's later sweeps (the schedule's, which find the work done). */
  again?: SweepRun;
}

export interface SweepBench {
  blocs: number;
  units: number;
  /** Seconds to store the blocs, start their cycles and open the self-assessment (not the sweep's). */
  setupSeconds: number;
  /** The catalog's timeout of the sweep function. */
  timeoutSeconds: number;
  days: SweepDay[];
  sweeps: number;
  reminderEmails: number;
  /** Units that got two reminders with the same subject (the same reminder twice): must be 0. */
  remindedTwice: number;
  /** Self-assessment waits still open after the deadline's sweep: must be 0. */
  openAfterDeadline: number;
}

type Command = { constructor: { name: string }; input?: Record<string, unknown> };
type Send = (this: unknown, command: Command, ...rest: unknown[]) => Promise<unknown>;

/**
 * Watches the sweep's invocations: wall time from the invocation's end, and its DynamoDB requests (the
 * SDK's shared `send`, wrapped) with the cycles under lease and the requests in flight. The local stack
 * runs one sweep at a time, so what was counted since the last sweep ended belongs to the one ending.
 */
function watchSweeps(dayOf: () => string) {
  const runs: Array<SweepRun & { day: string }> = [];
  let current = { requests: 0, inFlight: 0, maxRequestsInFlight: 0, cycles: 0, maxCyclesInFlight: 0 };
  const base = Object.getPrototypeOf(DynamoDBClient.prototype) as { send: Send };
  const send = base.send;
  base.send = async function watchedSend(command, ...rest) {
    if (currentInvocation()?.functionName !== 'sweep') return send.call(this, command, ...rest);
    const c = current;
    c.requests++;
    c.maxRequestsInFlight = Math.max(c.maxRequestsInFlight, ++c.inFlight);
    const leaseTaken = command.constructor.name === 'PutCommand' && (command.input?.Item as { type?: string } | undefined)?.type === 'lease';
    const leaseReleased = command.constructor.name === 'DeleteCommand' && String((command.input?.Key as { pk?: string } | undefined)?.pk).startsWith('LEASE#');
    try {
      const output = await send.call(this, command, ...rest);
      if (leaseTaken) c.maxCyclesInFlight = Math.max(c.maxCyclesInFlight, ++c.cycles);
      return output;
    } finally {
      c.inFlight--;
      if (leaseReleased) c.cycles--;
    }
  };
  const stopListening = onInvocationEnd((invocation, ms) => {
    if (invocation.functionName !== 'sweep') return;
    runs.push({ day: dayOf(), ms: Math.round(ms), requests: current.requests, maxCyclesInFlight: current.maxCyclesInFlight, maxRequestsInFlight: current.maxRequestsInFlight });
    current = { requests: 0, inFlight: 0, maxRequestsInFlight: 0, cycles: 0, maxCyclesInFlight: 0 };
  });
  return {
    runs,
    stop: () => {
      base.send = send;
      stopListening();
    },
  };
}

/** A timeline whose self-assessment opens tomorrow and ends in 8 days; the later phases far enough off not to open here. */
function sweepTimeline(now: number): Timeline {
  const day = (n: number) => vietnamDateOf(now + n * DAY_MS);
  return TimelineSchema.parse({
    year: Number(day(1).slice(0, 4)),
    selfAssessment: { opensOn: day(1), deadlineOn: day(8) },
    crossCheck: { opensOn: day(30), deadlineOn: day(35) },
    vote: { opensOn: day(36), deadlineOn: day(40) },
    approval: { opensOn: day(41), deadlineOn: day(50) },
  });
}

/** Runs the bench on a local stack of its own (DynamoDB Local and the mail in memory) and stops it. */
export async function sweepBench(options: { blocs: number; units: number; seed?: number; log?: (line: string) => void }): Promise<SweepBench> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 400;
  const dataDir = await mkdtemp(join(tmpdir(), 'thidua-bench-sweep-'));
  // SES's rate for a province's account (raised from the default 14/s): the bench is about the sweep,
  // not about how long the opening emails take to go out.
  const stack = await startLocalStack({ dataDir, port: 0, inMemory: true, seed: false, mailSendRate: PROVINCE_MAIL_RATE, log: () => {} });
  const watch = watchSweeps(() => vietnamDateOf(stack.clock.now()));
  try {
    const deps = sharedDeps();
    const began = performance.now();
    const now = stack.clock.now();
    const timeline = sweepTimeline(now);
    log(`sweep: storing ${options.blocs} blocs of ${options.units} units and starting their cycles`);
    const blocs = Array.from({ length: options.blocs }, (_, i) => drillBloc({ blocs: options.blocs, units: options.units, seed }, i + 1));
    await inPool(blocs, 8, async (bloc) => {
      const sheet = await storeSheet(deps.store, bloc.id, 'mac-dinh', defaultCriteriaSheet, new Date(now));
      await saveBlocSettings(deps.store, StoredBlocSchema.parse({ ...bloc, sheet }), 0, { actor: 'system:bench', at: new Date(now) });
    });
    const blocIds = blocs.map((b) => b.id);
    const started = await startCycles(deps, blocIds, timeline, { actor: 'admin:admin@thidua.local', at: new Date(now) });
    const failed = started.filter((s) => 'error' in s);
    if (failed.length > 0) throw new Error(`cycles that did not start: ${JSON.stringify(failed.slice(0, 3))}`);
    const cycleIds = started.map((s) => ('cycleId' in s ? s.cycleId : ''));
    const midnightOf = (date: string) => localStart(date);
    const opens = midnightOf(timeline.selfAssessment.opensOn);
    log('sweep: opening the self-assessment in every bloc');
    await stack.advanceClock(opens + 10 * 60_000);
    const setupSeconds = Math.round((performance.now() - began) / 100) / 10;
    watch.runs.length = 0;
    const deadlineDay = timeline.selfAssessment.deadlineOn;
    const kindOf = (day: string): SweepDay['kind'] => {
      const before = Math.round((midnightOf(deadlineDay) - midnightOf(day)) / DAY_MS);
      return before === 3 ? 'reminder 3 days' : before === 1 ? 'reminder 1 day' : before < 0 ? 'deadline passed' : 'quiet';
    };
    // Day by day to the morning after the deadline: each jump crosses one midnight, whose sweep runs.
    for (let d = 1; midnightOf(vietnamDateOf(opens + d * DAY_MS)) <= midnightOf(deadlineDay) + DAY_MS; d++) {
      const day = vietnamDateOf(opens + d * DAY_MS);
      log(`sweep: ${day} (${kindOf(day)})`);
      await stack.advanceClock(midnightOf(day) + 10 * 60_000);
      // A second sweep the same day, as the 5-minute schedule runs: it must find nothing new.
      if (kindOf(day) !== 'quiet') await stack.sweep();
      await stack.idle();
    }
    const mail = await readMail(stack.endpoints.ses);
    const reminders = mail.filter((m) => /Nhắc hạn/.test(m.subject));
    const seen = new Map<string, number>();
    for (const m of reminders) for (const to of m.destination.to) seen.set(`${to} ${m.subject}`, (seen.get(`${to} ${m.subject}`) ?? 0) + 1);
    const open = await Promise.all(cycleIds.map((id) => listOpenTasks(deps.store, id, 'selfAssessment')));
    const days = [...Map.groupBy(watch.runs, (r) => r.day)].map(([day, [first, ...later]]): SweepDay => {
      const again = later.reduce<SweepRun | undefined>((a, b) => (a && a.ms >= b.ms ? a : b), undefined);
      return { day, kind: kindOf(day), first: first!, ...(again ? { again } : {}) };
    });
    return {
      blocs: options.blocs,
      units: options.blocs * options.units,
      setupSeconds,
      timeoutSeconds: FUNCTIONS.find((f) => f.name === 'sweep')!.timeoutSeconds,
      days,
      sweeps: watch.runs.length,
      reminderEmails: reminders.length,
      remindedTwice: [...seen.values()].filter((count) => count > 1).length,
      openAfterDeadline: open.flat().length,
    };
  } finally {
    watch.stop();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
