import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ReceiptCodeSchema, ballotIdOf, commitmentOf, countedBallots, newReceiptCode, type AnonymousBallot } from '../../functions/domain/index.js';

const ballot = (id: string, status: AnonymousBallot['status'], flag = true): AnonymousBallot => ({ id, round: 1, status, choices: { flag: { a: flag }, certificate: {} } });

describe('a receipt code', () => {
  it('is six groups of four unambiguous characters, different each time', () => {
    const codes = Array.from({ length: 50 }, newReceiptCode);
    expect(codes.every((c) => /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(50);
  });

  it('reads a code typed in lower case, with spaces or without dashes, as the same code', () => {
    const code = newReceiptCode();
    expect(ReceiptCodeSchema.parse(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(ReceiptCodeSchema.parse(code.replace(/-/g, ''))).toBe(code);
  });

  it('rejects what is not a code, naming the field', () => {
    const result = z.object({ receiptCode: ReceiptCodeSchema }).safeParse({ receiptCode: 'ILOU-1234' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['receiptCode']);
  });

  it('gives a ballot id and a voter commitment that differ and cannot be told from each other', () => {
    const code = newReceiptCode();
    expect(ballotIdOf(code)).not.toBe(commitmentOf(code));
    expect(ballotIdOf(code)).toBe(ballotIdOf(code));
    expect(ballotIdOf(code)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the ballots a secret round counts', () => {
  it('counts every counted ballot and leaves a pending one no voter is missing', () => {
    expect(countedBallots([ballot('b', 'counted'), ballot('a', 'counted'), ballot('c', 'pending')], 2)).toEqual({ ballots: [ballot('a', 'counted'), ballot('b', 'counted')], unfinished: 0 });
  });

  it('counts pending ballots when they are exactly the voters without a counted ballot', () => {
    const { ballots, unfinished } = countedBallots([ballot('a', 'counted'), ballot('b', 'pending'), ballot('c', 'pending')], 3);
    expect(ballots.map((b) => b.id)).toEqual(['a', 'b', 'c']);
    expect(unfinished).toBe(0);
  });

  it('counts no pending ballot when there are more of them than unfinished voters, and says how many went uncounted', () => {
    const { ballots, unfinished } = countedBallots([ballot('a', 'counted'), ballot('b', 'pending'), ballot('c', 'pending')], 2);
    expect(ballots.map((b) => b.id)).toEqual(['a']);
    expect(unfinished).toBe(1);
  });
});
