/**
 * Cycles: one bloc × one year ("một kỳ thi đua"), run by one Step Functions execution. The configuration
 * (bloc, units, sheet, rules, timeline) is pinned when the cycle starts, so later edits of the bloc do not
 * change a running cycle.
 */
import type { Store } from './client.js';
import { NotFoundError } from './errors.js';
import { execute, putNewOp, updateVersionedOp } from './items.js';
import { getItem, queryAll, queryIndex } from './reads.js';
import type { Item, WriteOp } from './items.js';
import { cycleKeys } from './keys.js';
import type { Parser } from './records.js';

export type CycleStatus = 'running' | 'closed' | 'failed' | 'cancelled';

export interface Cycle<C = unknown> {
  cycleId: string;
  blocId: string;
  year: number;
  /** The phase the cycle is in (a domain PhaseName, or 'scoring', 'publish', ...). */
  phase: string;
  status: CycleStatus;
  /** Configuration pinned at start. */
  config: C;
  executionArn?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Creates a cycle; a second start of the same cycle id raises AlreadyExistsError. */
export async function createCycle<C>(
  store: Store,
  input: { cycleId: string; blocId: string; year: number; phase: string; config: C; executionArn?: string; now: Date },
): Promise<Cycle<C>> {
  const at = input.now.toISOString();
  const cycle: Cycle<C> = {
    cycleId: input.cycleId,
    blocId: input.blocId,
    year: input.year,
    phase: input.phase,
    status: 'running',
    config: input.config,
    ...(input.executionArn ? { executionArn: input.executionArn } : {}),
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await execute(
    store,
    putNewOp(store, {
      ...cycleKeys.cycle(input.cycleId),
      type: 'cycle',
      ...cycle,
      gsi1pk: cycleKeys.ofYear(input.year),
      gsi1sk: `${input.blocId}#${input.cycleId}`,
      gsi2pk: cycleKeys.ofBloc(input.blocId),
      gsi2sk: `${input.year}#${input.cycleId}`,
    }),
  );
  return cycle;
}

/** The cycle as read now; with a parser, its configuration parsed (once per container: {@link getPinnedCycle}). */
export async function getCycle<C = unknown>(store: Store, cycleId: string, configParser?: Parser<C>): Promise<Cycle<C>> {
  const key = cycleKeys.cycle(cycleId);
  const item = await getItem(store, key);
  if (!item) throw new NotFoundError(key);
  const cycle = toCycle(item);
  return configParser ? { ...cycle, config: pinned(store, cycle, configParser).config } : (cycle as Cycle<C>);
}

/** What no write changes once a cycle is created: its bloc, its year and its configuration. */
export type PinnedCycle<C> = Pick<Cycle<C>, 'cycleId' | 'blocId' | 'year' | 'config'>;

/**
 * The pinned part of the cycles this container has read, by parser, table and cycle. Safe to keep: the put
 * that creates a cycle writes its configuration ({@link createCycle}: a new item, never over another), every
 * later write of the item sets only its phase, status and execution ({@link updateCycleOp}), and no cycle is
 * deleted; so what was read once is what the item holds for as long as the container lives. What does
 * change (phase, status, version) is never taken from here. Reading a cycle's item (about 20 KB at 25 units)
 * and parsing its configuration took about 5 ms of CPU for every page and submission of a link (issue 20).
 * Frozen: every invocation the container serves shares it.
 */
const pinnedCycles = new WeakMap<Parser<unknown>, Map<string, PinnedCycle<unknown>>>();
/** A province has about 40 blocs a year: far more than a container serves, kept from growing without end. */
const PINNED_LIMIT = 500;
const pinnedKey = (store: Store, cycleId: string) => `${store.tableName}\u0000${cycleId}`;

function pinnedOf<C>(parser: Parser<C>): Map<string, PinnedCycle<C>> {
  let byKey = pinnedCycles.get(parser);
  if (!byKey) pinnedCycles.set(parser, (byKey = new Map()));
  return byKey as Map<string, PinnedCycle<C>>;
}

function pinned<C>(store: Store, cycle: Cycle, parser: Parser<C>): PinnedCycle<C> {
  const byKey = pinnedOf(parser);
  const key = pinnedKey(store, cycle.cycleId);
  const known = byKey.get(key);
  if (known) return known;
  const fresh = deepFreeze({ cycleId: cycle.cycleId, blocId: cycle.blocId, year: cycle.year, config: parser.parse(cycle.config) });
  if (byKey.size >= PINNED_LIMIT) byKey.delete(byKey.keys().next().value!);
  byKey.set(key, fresh);
  return fresh;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The cycle's bloc, year and parsed configuration: without a request once this container has read it. */
export async function getPinnedCycle<C>(store: Store, cycleId: string, configParser: Parser<C>): Promise<PinnedCycle<C>> {
  return knownPinnedCycle(store, cycleId, configParser) ?? (await getCycle(store, cycleId, configParser));
}

/** The cycle's pinned part if this container has read it (lets a caller start at once the reads that need its bloc). */
export function knownPinnedCycle<C>(store: Store, cycleId: string, configParser: Parser<C>): PinnedCycle<C> | undefined {
  return pinnedOf(configParser).get(pinnedKey(store, cycleId));
}

/** Moves the cycle on (phase, status, execution) if it is still at `expectedVersion`. */
export function updateCycleOp(
  store: Store,
  cycleId: string,
  expectedVersion: number,
  changes: { phase?: string; status?: CycleStatus; executionArn?: string },
  now: Date,
): WriteOp {
  return updateVersionedOp(store, cycleKeys.cycle(cycleId), expectedVersion, {
    set: { ...changes, updatedAt: now.toISOString() },
  });
}

export async function listCyclesOfYear(store: Store, year: number): Promise<Cycle[]> {
  return (await queryIndex(store, 'gsi1', cycleKeys.ofYear(year))).map((item) => toCycle(item));
}

/** The cycles of a year without their pinned configuration (the bulk of the item): ids, bloc, phase, status. */
export async function listCycleHeadsOfYear(store: Store, year: number): Promise<Omit<Cycle, 'config'>[]> {
  const items = await queryAll(store, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': cycleKeys.ofYear(year) },
    ProjectionExpression: 'pk, sk, cycleId, blocId, #year, phase, #status, version, createdAt, updatedAt',
    ExpressionAttributeNames: { '#year': 'year', '#status': 'status' },
  });
  return items.map((item) => {
    const { config: _config, ...head } = toCycle(item);
    return head;
  });
}

export async function listCyclesOfBloc(store: Store, blocId: string): Promise<Cycle[]> {
  return (await queryIndex(store, 'gsi2', cycleKeys.ofBloc(blocId))).map((item) => toCycle(item));
}

export function toCycle<C = unknown>(item: Item, configParser?: Parser<C>): Cycle<C> {
  return {
    cycleId: item.cycleId as string,
    blocId: item.blocId as string,
    year: item.year as number,
    phase: item.phase as string,
    status: item.status as CycleStatus,
    config: (configParser ? configParser.parse(item.config) : item.config) as C,
    ...(item.executionArn ? { executionArn: item.executionArn as string } : {}),
    version: item.version as number,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}
