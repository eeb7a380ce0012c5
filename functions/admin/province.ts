/**
 * The province's work on a year (SPEC §1, §2: "Ban Thi đua – Khen thưởng tỉnh"): every bloc's cycle at
 * once, read in one query per cycle, and the board's own decision, the choice of the units it proposes
 * for the Government's flag, checked by the domain's rules and stored with its audit event.
 */
import { appendAuditEvent } from '../audit/trail.js';
import type { AdminContext } from '../cycle/admin.js';
import { provinceViewOf, dossierOf, type BlocInput, type Dossier, type PastAward, type ProvinceView } from '../dossier/index.js';
import { GovernmentFlagChoiceSchema, checkGovernmentFlagChoice, type GovernmentFlagChoiceInput, type GovernmentFlagChoice, type RefusalCode } from '../domain/index.js';
import type { CycleDeps } from '../shared/deps.js';
import { inPool } from '../shared/in-pool.js';
import { loadCycleSummary } from '../store/cycle-view.js';
import { listCycleHeadsOfYear } from '../store/cycles.js';
import { getGovernmentFlag, provinceAuditChain, saveGovernmentFlagOp } from '../store/province.js';
import { progressOfView } from './progress.js';
import { pastAwards } from './province-history.js';

/** The board's recorded choice of a year, with the quota it was checked against and the exceptions it took. */
export interface GovernmentFlagRecord extends GovernmentFlagChoice {
  quota: number;
  exceptions: RefusalCode[];
  decidedBy: string;
  decidedAt: string;
}

export interface ProvinceYear extends ProvinceView {
  /** The awards of the earlier years the view looked back over. */
  past: PastAward[];
  /** The recorded choice and its version (0: none yet). */
  choice?: GovernmentFlagRecord | undefined;
  choiceVersion: number;
}

/** Cycles read at once: DynamoDB serves them in parallel, and 8 keeps a small Lambda's sockets few. */
const READ_CONCURRENCY = 8;

/**
 * The dossiers of closed cycles, by cycle id and version: a closed cycle's records no longer change (and
 * any write to the cycle item would change its version), so a warm container reads each once. Bounded.
 */
const closedDossiers = new Map<string, Dossier>();
const CLOSED_KEPT = 2_000;

async function blocInput(deps: CycleDeps, head: { cycleId: string; status: string; version: number }): Promise<BlocInput> {
  const key = `${head.cycleId}#${head.version}`;
  const kept = closedDossiers.get(key);
  if (kept) return { dossier: kept };
  const view = await loadCycleSummary(deps.store, head.cycleId, { running: head.status === 'running' });
  const dossier = dossierOf(view);
  if (head.status !== 'running') {
    if (closedDossiers.size >= CLOSED_KEPT) closedDossiers.delete(closedDossiers.keys().next().value!);
    closedDossiers.set(key, dossier);
    return { dossier };
  }
  const last = progressOfView(dossier.cycle, view).phases.at(-1);
  const open = last && { phase: last.window.phase, round: last.window.round, deadlineAt: last.window.deadlineAt, closedAt: last.window.closedAt, actors: last.actors.map((a) => ({ unitId: a.unitId, acted: a.state === 'acted' })) };
  return { dossier, open };
}

type Head = Awaited<ReturnType<typeof listCycleHeadsOfYear>>[number];
const headKey = (head: Head) => `${head.cycleId}#${head.version}#${head.status}`;

/** Each year's cycles as this container last listed them: their running cycles are read while the new listing is. */
const lastHeads = new Map<number, Head[]>();
const YEARS_KEPT = 20;

/**
 * Starts reading the running cycles of the year's previous listing, at most READ_CONCURRENCY at once, before
 * the new listing is back: the request waits for the longer of the two, not for both one after the other.
 * A read is used only when the new listing shows its cycle at the same version and status; it was made
 * during this request, after it arrived, so it is as fresh as one started after the listing.
 */
function readAhead(deps: CycleDeps, heads: readonly Head[] | undefined): Map<string, Promise<BlocInput>> {
  const running = (heads ?? []).filter((h) => h.status === 'running');
  const settlers = new Map<string, { resolve: (b: BlocInput) => void; reject: (e: unknown) => void }>();
  const reads = new Map<string, Promise<BlocInput>>();
  for (const head of running) {
    const read = new Promise<BlocInput>((resolve, reject) => settlers.set(headKey(head), { resolve, reject }));
    read.catch(() => undefined); // a read the new listing does not use may fail unobserved
    reads.set(headKey(head), read);
  }
  void inPool(running, READ_CONCURRENCY, async (head) => {
    const settle = settlers.get(headKey(head))!;
    await blocInput(deps, head).then(settle.resolve, settle.reject);
  });
  return reads;
}

/**
 * Every bloc's cycle of `year` as the province sees it at `now`, with the units' earlier years and the
 * board's choice. `history: false` leaves the earlier years out (the approver's queue shows none of them).
 */
export async function provinceYear(deps: CycleDeps, year: number, now: Date, options: { history?: boolean } = {}): Promise<ProvinceYear> {
  // The earlier years and the choice are read while the year's cycles are.
  const others = Promise.all([options.history === false ? [] : pastAwards(deps, year), getGovernmentFlag<GovernmentFlagRecord>(deps.store, year)]);
  others.catch(() => undefined); // awaited below; not an unhandled rejection if the cycles' reads fail first
  const ahead = readAhead(deps, lastHeads.get(year));
  const heads = await listCycleHeadsOfYear(deps.store, year);
  if (!lastHeads.has(year) && lastHeads.size >= YEARS_KEPT) lastHeads.delete(lastHeads.keys().next().value!);
  lastHeads.set(year, heads);
  const blocs: BlocInput[] = [];
  await inPool(heads, READ_CONCURRENCY, async (head) => {
    blocs.push(await (ahead.get(headKey(head)) ?? blocInput(deps, head)));
  });
  const [past, stored] = await others;
  return { ...provinceViewOf(year, blocs, past, now), past, choice: stored?.data, choiceVersion: stored?.version ?? 0 };
}

/**
 * Records the board's choice for the Government flag: refused as a whole (nothing stored) when it exceeds
 * the quota, names a unit that did not get its bloc's flag or whose bloc is not approved, or comes before
 * every bloc is approved without the reason the rules ask for. `expectedVersion` is the version the board's
 * page showed, so two officers cannot overwrite each other unseen.
 */
export async function chooseGovernmentFlag(deps: CycleDeps, input: GovernmentFlagChoiceInput, expectedVersion: number, ctx: AdminContext): Promise<GovernmentFlagRecord> {
  const choice = GovernmentFlagChoiceSchema.parse(input);
  const view = await provinceYear(deps, choice.year, ctx.at);
  const field = { blocs: view.blocs.map((b) => ({ blocId: b.blocId, approved: b.stage === 'approved', flagWinners: b.flagWinners })) };
  const { quota, exceptions } = checkGovernmentFlagChoice(choice, field);
  const record: GovernmentFlagRecord = { ...choice, exceptionReason: exceptions.length > 0 ? choice.exceptionReason : '', quota, exceptions, decidedBy: ctx.actor, decidedAt: ctx.at.toISOString() };
  await appendAuditEvent(
    deps.store,
    { chainId: provinceAuditChain(choice.year), actor: ctx.actor, action: 'governmentFlag.chosen', target: `province:${choice.year}`, at: ctx.at, before: view.choice, after: record, ...(ctx.sourceIp ? { sourceIp: ctx.sourceIp } : {}), ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}) },
    [saveGovernmentFlagOp(deps.store, choice.year, { data: record, expectedVersion, now: ctx.at })],
  );
  return record;
}

