/**
 * The anonymous ballots of the online secret ballot (domain/secret-ballot.ts). An item holds a round, the
 * choices and whether it counts yet: no voter, no time, no sequence; its key is the ballot's random id, so
 * the partition's order is no order of voting. Every write here is alone, never in a transaction with a
 * voter's write, and its errors name no key (a log line must not put a ballot next to a request's voter).
 */
import { isDeepStrictEqual } from 'node:util';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AnonymousBallot, Ballot } from '../domain/index.js';
import type { Store } from './client.js';
import { StoreError } from './errors.js';
import { type Item } from './items.js';
import { getItem, queryPrefix } from './reads.js';
import { cycleKeys } from './keys.js';

/** A ballot of that id is already counted with other choices: the code was used. */
export class BallotTakenError extends StoreError {
  constructor(options?: { cause?: unknown }) {
    super('a counted ballot already holds this receipt code', options);
    this.name = 'BallotTakenError';
  }
}

/**
 * Stores a ballot as pending, or replaces a pending one of the same id (its voter's own retry, perhaps with
 * other choices). A counted ballot is never replaced: BallotTakenError, unless the choices are the same.
 */
export async function putPendingBallot(store: Store, cycleId: string, round: number, ballotId: string, choices: Ballot): Promise<void> {
  const key = cycleKeys.ballot(cycleId, round, ballotId);
  try {
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...key, type: 'ballot', round, ballotId, choices, status: 'pending' },
        ConditionExpression: 'attribute_not_exists(pk) OR #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const current = await getBallot(store, cycleId, round, ballotId);
    if (!current || !isDeepStrictEqual(current.choices, choices)) throw new BallotTakenError({ cause: error });
  }
}

/** Marks a stored ballot counted (its voter's marker is stored); counting it again changes nothing. */
export async function countBallot(store: Store, cycleId: string, round: number, ballotId: string): Promise<void> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: cycleKeys.ballot(cycleId, round, ballotId),
        UpdateExpression: 'SET #status = :counted',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':counted': 'counted' },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new StoreError('the ballot to count is not stored', { cause: error });
    throw error;
  }
}

/** Removes a pending ballot whose voter's marker was never stored (the request lost to another); a counted one stays. */
export async function deletePendingBallot(store: Store, cycleId: string, round: number, ballotId: string): Promise<void> {
  try {
    await store.doc.send(
      new DeleteCommand({
        TableName: store.tableName,
        Key: cycleKeys.ballot(cycleId, round, ballotId),
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export async function getBallot(store: Store, cycleId: string, round: number, ballotId: string): Promise<AnonymousBallot | undefined> {
  const item = await getItem(store, cycleKeys.ballot(cycleId, round, ballotId));
  return item && toBallot(item);
}

/** The anonymous ballots of a cycle (of one round), in the order of their random ids. */
export async function listBallots(store: Store, cycleId: string, round?: number): Promise<AnonymousBallot[]> {
  return (await queryPrefix(store, cycleKeys.partition(cycleId), cycleKeys.ballotsOf(round))).map(toBallot);
}

export function toBallot(item: Item): AnonymousBallot {
  return { id: item.ballotId as string, round: item.round as number, choices: item.choices as Ballot, status: item.status as AnonymousBallot['status'] };
}
