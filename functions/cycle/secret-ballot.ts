/**
 * Casting an online secret ballot (SPEC §3.6, docs/rules.md "The online secret ballot"). Three writes, never
 * two of them in one transaction:
 *  1. the anonymous ballot, pending, under the id the receipt code gives (no voter, no time);
 *  2. the voter's transaction: the link used, the task closed, the "has voted" marker holding only the
 *     code's commitment, an audit event that says only that the unit voted, the receipt email without the choices;
 *  3. the ballot marked counted.
 * A crash after 1 leaves a pending ballot no marker claims: not counted. A crash after 2 leaves a pending
 * ballot a marker claims: the voter's retry (same page, same code) or the receipt check counts it, and the
 * tally counts it when the numbers show it is one of the unfinished (domain/secret-ballot.ts).
 */
import * as z from 'zod';
import {
  ReceiptCodeSchema,
  SecretBallotMarkerSchema,
  ballotIdOf,
  commitmentOf,
  endsOnAnswer,
  isSecretBallotMarker,
  newReceiptCode,
  type Ballot,
  type CycleConfig,
} from '../domain/index.js';
import { LinkError, LinkUsedError } from '../links/errors.js';
import { consumeLink } from '../links/links.js';
import { BallotTakenError, countBallot, deletePendingBallot, getBallot, listBallots, putPendingBallot } from '../store/ballots.js';
import { StoreError } from '../store/errors.js';
import { getForm, listForms, submitFormOps, type Form } from '../store/forms.js';
import type { WriteOp } from '../store/items.js';
import { closeUnitTaskOp, type TaskRef, type UnitTask } from '../store/tasks.js';
import { sendQueued } from '../mail/mailer.js';
import type { CycleDeps } from '../shared/deps.js';
import type { PhaseWindowRecord } from './context.js';
import { PhaseClosedError, StateRefusedError } from './errors.js';
import { formSchema } from './forms.js';
import type { CycleOf } from './notify.js';
import { answerClosedTask, completeTask } from './phases.js';
import { receiptEmail } from './receipt.js';

/** What the voter sent: the choices and, from the ballot page, the receipt code it carries. */
export interface SecretVote {
  linkId: string;
  data: unknown;
  receiptCode?: string | undefined;
  at: Date;
  source?: { ip?: string | undefined; userAgent?: string | undefined };
}

/** What casting answers: as any submission, plus the code the voter keeps (none for a repeat without one). */
export interface SecretVoteResult {
  kind: 'submitted';
  phase: 'vote';
  formVersion: number;
  duplicate: boolean;
  receiptCode?: string | undefined;
}

type VoteRef = TaskRef & { phase: 'vote'; round: number };

/** Whether a vote window is the online secret ballot's (not a conference's record). */
export const isOnlineBallot = (config: CycleConfig, window: PhaseWindowRecord) => window.phase === 'vote' && !window.meeting && config.rules.voteMode === 'online';

const codeOf = (text: string | undefined) => (text === undefined || text === '' ? newReceiptCode() : z.object({ receiptCode: ReceiptCodeSchema }).parse({ receiptCode: text }).receiptCode);

/** Casts the ballot a voter's link opens; `closed`: the round no longer takes ballots. */
export async function castSecretBallot(
  deps: CycleDeps,
  vote: SecretVote,
  ctx: { ref: VoteRef; cycle: CycleOf; window: PhaseWindowRecord; task: UnitTask | undefined; form: Form | undefined; closed: boolean },
): Promise<SecretVoteResult> {
  const { store } = deps;
  const { ref, cycle, window } = ctx;
  const code = codeOf(vote.receiptCode);
  // Already voted: the same code finishes what it started; anything else is told the ballot is cast.
  if (ctx.form?.submitted !== undefined) return (await repeatOf(deps, vote, ref, cycle.config, window)) ?? alreadyCast(ctx.form);
  if (ctx.closed) throw new PhaseClosedError('vote');
  const choices = formSchema('vote', cycle.config, window, 'submission').parse(vote.data) as Ballot;
  const ballotId = ballotIdOf(code);
  try {
    await putPendingBallot(store, ref.cycleId, ref.round, ballotId, choices);
  } catch (error) {
    if (error instanceof BallotTakenError) throw new StateRefusedError({ reason: 'receiptTaken' }, { cause: error });
    throw error;
  }
  const marker = SecretBallotMarkerSchema.parse({ secretBallot: true, commitment: commitmentOf(code) });
  const receipt = receiptEmail(deps, cycle, ref, marker, { submissionNumber: 1, changeableUntil: undefined }, vote.at);
  const actor = `unit:${ref.unitId}`;
  const ops: WriteOp[] = [...submitFormOps(store, ref, { data: marker, expectedVersion: 0, now: vote.at, actor, submissionNumber: 1 }), receipt.op];
  const endsWait = endsOnAnswer('vote', cycle.config.rules);
  if (endsWait && ctx.task?.status === 'open') ops.push(closeUnitTaskOp(store, ref, ctx.task.version, { status: 'done', now: vote.at, answerPending: true }));
  try {
    await consumeLink(store, {
      id: vote.linkId,
      now: vote.at,
      ops,
      // The trail says who voted and when, never what: the ballot has no event of its own.
      audit: {
        chainId: ref.cycleId,
        actor,
        action: 'vote.submitted',
        target: `form:vote:${ref.round}:${ref.unitId}`,
        after: { voted: true },
        ...(vote.source?.ip ? { sourceIp: vote.source.ip } : {}),
        ...(vote.source?.userAgent ? { userAgent: vote.source.userAgent } : {}),
      },
    });
  } catch (error) {
    // A link that can no longer act (expired, revoked): this ballot will never be claimed, withdraw it.
    if (error instanceof LinkError && !(error instanceof LinkUsedError)) await deletePendingBallot(store, ref.cycleId, ref.round, ballotId);
    if (!(error instanceof LinkUsedError || error instanceof StoreError)) throw error;
    // Another request stored this voter's marker first: the same code (a double click) finishes it; another
    // code's marker means this pending ballot is never to count, so it is withdrawn. Any other failure leaves
    // it for this page's retry, which sends the same code (a concurrent twin may still be claiming it).
    const repeat = await repeatOf(deps, { ...vote, receiptCode: code }, ref, cycle.config, window);
    if (repeat) return repeat;
    const form = await getForm(store, ref);
    if (form?.submitted === undefined) throw error;
    await deletePendingBallot(store, ref.cycleId, ref.round, ballotId);
    return alreadyCast(form);
  }
  await ensureCounted(deps, ref, ballotId, choices);
  if (endsWait && ctx.task?.status === 'open') await answerClosedTask(deps, ref);
  else if (endsWait) await completeTask(deps, ref, vote.at);
  await sendQueued(deps.mailer, receipt, vote.at);
  return { kind: 'submitted', phase: 'vote', formVersion: 1, duplicate: false, receiptCode: code };
}

/**
 * A voter's repeat with the code their marker commits to (a double click, a retry after a lost answer): the
 * ballot is stored and counted if it was not yet, and the same code is shown again. Undefined otherwise.
 */
export async function repeatOf(deps: CycleDeps, vote: SecretVote, ref: VoteRef, config: CycleConfig, window: PhaseWindowRecord): Promise<SecretVoteResult | undefined> {
  const form = await getForm(deps.store, ref);
  if (!isSecretBallotMarker(form?.submitted) || vote.receiptCode === undefined) return undefined;
  const code = codeOf(vote.receiptCode);
  if (form.submitted.commitment !== commitmentOf(code)) return undefined;
  const ballotId = ballotIdOf(code);
  const stored = await getBallot(deps.store, ref.cycleId, ref.round, ballotId);
  if (!stored) {
    const parsed = formSchema('vote', config, window, 'submission').safeParse(vote.data);
    if (!parsed.success) return undefined;
    await ensureCounted(deps, ref, ballotId, parsed.data as Ballot);
  } else await countBallot(deps.store, ref.cycleId, ref.round, ballotId);
  return { kind: 'submitted', phase: 'vote', formVersion: form.version, duplicate: true, receiptCode: code };
}

/** Marks the voter's ballot counted, storing it again first if a concurrent request withdrew it meanwhile. */
async function ensureCounted(deps: CycleDeps, ref: VoteRef, ballotId: string, choices: Ballot): Promise<void> {
  try {
    await countBallot(deps.store, ref.cycleId, ref.round, ballotId);
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    await putPendingBallot(deps.store, ref.cycleId, ref.round, ballotId, choices);
    await countBallot(deps.store, ref.cycleId, ref.round, ballotId);
  }
}

/** A ballot already cast by this voter: acknowledged as such, without a code (only its holder has it). */
function alreadyCast(form: Form): SecretVoteResult {
  return { kind: 'submitted', phase: 'vote', formVersion: form.version, duplicate: true };
}

/** What a receipt code tells its holder: whether its ballot is in the count, and what the ballot holds. */
export type ReceiptCheck = { found: false } | { found: true; round: number; counted: boolean; choices: Ballot };

/**
 * Checks a receipt code against a cycle's anonymous ballots. A pending ballot whose marker is stored (its
 * request stopped between the two writes) is counted here: the code proves it is that voter's.
 */
export async function checkReceipt(deps: CycleDeps, cycleId: string, receiptCode: string): Promise<ReceiptCheck> {
  const code = codeOf(receiptCode);
  const ballot = (await listBallots(deps.store, cycleId)).find((b) => b.id === ballotIdOf(code));
  if (!ballot) return { found: false };
  let counted = ballot.status === 'counted';
  if (!counted) {
    const markers = await listForms(deps.store, cycleId, 'vote', ballot.round);
    if (markers.some((f) => isSecretBallotMarker(f.submitted) && f.submitted.commitment === commitmentOf(code))) {
      await countBallot(deps.store, cycleId, ballot.round, ballot.id);
      counted = true;
    }
  }
  return { found: true, round: ballot.round, counted, choices: ballot.choices };
}
