/**
 * Key builders: the only place that spells the table's keys. Every entity of a cycle lives in the cycle's
 * partition, so one query returns the cycle with its tasks, forms, results and approval rounds. Links,
 * sessions, rate counters, the outbox and the audit trail have partitions of their own.
 * docs/data-model.md lists the patterns.
 */
import { createHash } from 'node:crypto';
import { StoreError } from './errors.js';
import type { Key } from './items.js';

/** Ids become key segments: they must be non-empty and free of the separator. */
export function segment(value: string | number): string {
  const text = String(value);
  if (text === '' || text.includes('#')) throw new StoreError(`invalid id segment "${text}"`);
  return text;
}

/** Zero-padded numbers so that sort keys order numerically. */
export const pad = (n: number, width = 3) => String(n).padStart(width, '0');

export const blocKeys = {
  bloc: (blocId: string): Key => ({ pk: `BLOC#${segment(blocId)}`, sk: 'BLOC' }),
  unit: (blocId: string, unitId: string): Key => ({ pk: `BLOC#${segment(blocId)}`, sk: `UNIT#${segment(unitId)}` }),
  sheet: (blocId: string, sheetId: string, sheetVersion: string): Key => ({
    pk: `BLOC#${segment(blocId)}`,
    sk: `SHEET#${segment(sheetId)}#${segment(sheetVersion)}`,
  }),
  /** gsi1: every bloc, by id. */
  allBlocs: 'BLOCS',
};

/** Each unit's result of a year, in its bloc's partition (store/history.ts). */
export const historyKeys = {
  unitYear: (blocId: string, unitId: string, year: number): Key => ({ pk: `BLOC#${segment(blocId)}`, sk: `HISTORY#${segment(unitId)}#${year}` }),
  /** Sort-key prefixes: the whole bloc's history, one unit's. */
  ofBloc: 'HISTORY#',
  ofUnit: (unitId: string) => `HISTORY#${segment(unitId)}#`,
  /** gsi1: every bloc's results of a year (the province view), sorted by bloc and unit. */
  ofYear: (year: number) => `RESULTS#${year}`,
  ofYearSort: (blocId: string, unitId: string) => `${segment(blocId)}#${segment(unitId)}`,
  /** gsi2 (sparse): only the results of a year that carry a decided award (the province view's earlier years). */
  awardsOfYear: (year: number) => `AWARDS#${year}`,
};

const cyclePk = (cycleId: string) => `CYCLE#${segment(cycleId)}`;

/** A unit's piece of work in one phase (and round) of a cycle. */
export interface TaskRef {
  cycleId: string;
  phase: string;
  round?: number;
  unitId: string;
}

const taskSuffix = (ref: TaskRef) => `${segment(ref.phase)}#${pad(ref.round ?? 1)}#${segment(ref.unitId)}`;

export const cycleKeys = {
  cycle: (cycleId: string): Key => ({ pk: cyclePk(cycleId), sk: 'CYCLE' }),
  partition: cyclePk,
  task: (ref: TaskRef): Key => ({ pk: cyclePk(ref.cycleId), sk: `TASK#${taskSuffix(ref)}` }),
  form: (ref: TaskRef): Key => ({ pk: cyclePk(ref.cycleId), sk: `FORM#${taskSuffix(ref)}` }),
  submission: (ref: TaskRef, n: number): Key => ({
    pk: cyclePk(ref.cycleId),
    sk: `SUBMISSION#${taskSuffix(ref)}#${pad(n, 4)}`,
  }),
  /** Sort-key prefixes: the forms of a phase (and round), the submissions of one form. */
  formsOf: (phase: string, round?: number) => `FORM#${segment(phase)}#${round === undefined ? '' : `${pad(round)}#`}`,
  submissionsOf: (ref: TaskRef) => `SUBMISSION#${taskSuffix(ref)}#`,
  /** An anonymous ballot of the online secret ballot: keyed by its random id, never by a voter or a time. */
  ballot: (cycleId: string, round: number, ballotId: string): Key => ({ pk: cyclePk(cycleId), sk: `BALLOT#${pad(round)}#${segment(ballotId)}` }),
  /** Sort-key prefix: the anonymous ballots of a round (or of every round). */
  ballotsOf: (round?: number) => `BALLOT#${round === undefined ? '' : `${pad(round)}#`}`,
  result: (cycleId: string, name: string): Key => ({ pk: cyclePk(cycleId), sk: `RESULT#${segment(name)}` }),
  approval: (cycleId: string, round: number): Key => ({ pk: cyclePk(cycleId), sk: `APPROVAL#${pad(round)}` }),
  /** gsi1: cycles of a year; gsi2: cycles of a bloc. */
  ofYear: (year: number) => `YEAR#${year}`,
  ofBloc: (blocId: string) => `BLOCCYCLES#${segment(blocId)}`,
  /** gsi1 (sparse): the open tasks of a cycle, sorted by phase, round, unit. */
  openTasks: (cycleId: string) => `OPENTASKS#${segment(cycleId)}`,
  openTaskSort: taskSuffix,
  /** Whether a key is a unit task's, or a form's (e.g. to tell which item of a transaction moved). */
  isTask: (key: Key) => key.sk.startsWith('TASK#'),
  isForm: (key: Key) => key.sk.startsWith('FORM#'),
};

/** Secrets (link and session ids) are keyed by their sha256, so a leaked table holds no usable one. */
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('base64url');

export const linkKeys = {
  link: (id: string): Key => ({ pk: `LINK#${hashOf(id)}`, sk: 'LINK' }),
  /** gsi1: the links of a cycle, sorted by unit and purpose (`-` for a link of no unit). */
  ofCycle: (cycleId: string) => `LINKS#${segment(cycleId)}`,
  ofCycleSort: (unitId: string | undefined, purpose: string, linkPk: string) => `${unitId ?? '-'}#${purpose}#${linkPk}`,
  /** Sort-key prefix of a cycle's links: all of them, a unit's, or a unit's of one purpose. */
  ofCyclePrefix: (unitId?: string, purpose?: string) => (unitId === undefined ? '' : `${unitId}#${purpose ? `${purpose}#` : ''}`),
  /** gsi1: the sign-in links of an address (addresses may hold `#`, so it is encoded). */
  ofAddress: (email: string) => `SIGNINLINKS#${encodeURIComponent(email)}`,
};

export const sessionKeys = {
  session: (id: string): Key => ({ pk: `SESSION#${hashOf(id)}`, sk: 'SESSION' }),
};

/**
 * A rate counter: what one subject (a source address, an email address) did in one window of a limit.
 * Every counter's partition starts with `RATE#`, so a check of "nothing changed" can leave them aside.
 */
export const rateKeys = {
  counter: (limit: string, subject: string, window: number): Key => ({ pk: `RATE#${encodeURIComponent(subject)}`, sk: `${segment(limit)}#${window}` }),
  prefix: 'RATE#',
};

export const outboxKeys = {
  item: (key: { cycleId: string; kind: string; recipient: string; round: string | number }): Key => ({
    pk: `OUTBOX#${segment(key.cycleId)}`,
    sk: `${segment(key.kind)}#${segment(key.recipient.trim().toLowerCase())}#${segment(key.round)}`,
  }),
  /**
   * gsi3: the unsent outbox by shard, sorted by the instant its status is about: what may still go out
   * (pending, sending, failed) under one key per shard, when it is due, so that the drainer's one listing
   * finds every due message whatever its status; given-up mail ("dead") apart.
   */
  byStatus: (status: string, shard: number) => `OUTBOX#${status === 'dead' ? 'dead' : 'due'}#${shard}`,
  byStatusSort: (at: string, key: Key) => `${at}#${key.pk}#${key.sk}`,
  /** An item's shard: a hash of its key, so a burst of emails spreads evenly over the shards. */
  shardOf: (key: Key) => createHash('sha256').update(`${key.pk}#${key.sk}`).digest()[0]! % OUTBOX_SHARDS,
};

/** Partition keys each outbox status is spread over on gsi3 (listed side by side). */
export const OUTBOX_SHARDS = 8;

/**
 * What the sweep must look at, and when (store/sweep-schedule.ts): a cycle's wake-ups (the instants of its
 * reminders and deadlines), each an item of its own, and its tasks closed as done whose wait may not have
 * been answered yet. Both are listed on gsi1 under `SWEEPDUE#<shard>` by the instant they are due, the
 * shard a hash of the cycle: a province's cycles spread over SWEEP_SHARDS partitions, none shared by all.
 */
export const sweepKeys = {
  wakeUp: (cycleId: string, at: string): Key => ({ pk: `SWEEP#${segment(cycleId)}`, sk: `AT#${segment(at)}` }),
  /** gsi1: what is due on the cycle's shard, sorted by the instant it is due. */
  due: (cycleId: string) => `SWEEPDUE#${createHash('sha256').update(segment(cycleId)).digest()[0]! % SWEEP_SHARDS}`,
  dueOnShard: (shard: number) => `SWEEPDUE#${shard}`,
  dueSort: (at: string, key: Key) => `${at}#${key.pk}#${key.sk}`,
};

/** Partition keys of gsi1 that the sweep's due work is spread over (listed side by side). */
export const SWEEP_SHARDS = 8;

/**
 * Keys of earlier releases, which data written then may still carry: only the data migrations
 * (cycle/migrate.ts) read them, to move such items to the current keys.
 */
export const legacyKeys = {
  /** gsi1, until the sweep's wake-ups: a cycle's tasks closed as done whose wait may not have been answered, sorted like its open tasks. */
  unansweredTasks: (cycleId: string) => `ANSWERDUE#${segment(cycleId)}`,
};

/** The record of a data migration that went through (store/migrations.ts): one item each, in a partition of its own. */
export const migrationKeys = {
  record: (name: string): Key => ({ pk: `MIGRATION#${segment(name)}`, sk: 'MIGRATION' }),
};

/** A lease on a piece of scheduled work (one cycle's sweep): each its own partition. */
export const leaseKeys = {
  lease: (work: string): Key => ({ pk: `LEASE#${segment(work)}`, sk: 'LEASE' }),
};

/** The audit chain of a bloc's settings (its units, rules, sheet in force, approver): every saved version. */
export const blocSettingsChain = (blocId: string): string => `bloc-${segment(blocId)}`;

export const auditKeys = {
  chain: (chainId: string) => `AUDIT#${segment(chainId)}`,
  event: (chainId: string, seq: number): Key => ({ pk: `AUDIT#${segment(chainId)}`, sk: `EVENT#${pad(seq, 10)}` }),
  /** Sort-key prefix of a chain's events. */
  events: 'EVENT#',
  head: (chainId: string): Key => ({ pk: `AUDIT#${segment(chainId)}`, sk: 'HEAD' }),
};

/** The province's own records of a year (its choice of the Government flag), apart from any cycle. */
export const provinceKeys = {
  governmentFlag: (year: number): Key => ({ pk: `PROVINCE#${segment(year)}`, sk: 'GOVFLAG' }),
  /** The board's persons (head, deputy): one item for the province, not per year. */
  board: (): Key => ({ pk: 'PROVINCE', sk: 'BOARD' }),
  /** The audit chain of the province's decisions of a year. */
  auditChain: (year: number) => `province-${segment(year)}`,
  /** The audit chain of the province's settings (the board's persons). */
  settingsChain: 'province-settings',
};

/** Dossier files (functions/files): the pending presigned uploads and the recorded files of a cycle. */
export const fileKeys = {
  upload: (cycleId: string, uploadId: string): Key => ({ pk: cyclePk(cycleId), sk: `UPLOAD#${segment(uploadId)}` }),
  file: (cycleId: string, fileId: string): Key => ({ pk: cyclePk(cycleId), sk: `FILE#${segment(fileId)}` }),
  partition: cyclePk,
  /** Sort-key prefix: every recorded file of the cycle. */
  files: 'FILE#',
};
