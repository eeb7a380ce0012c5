import { describe, expect, it } from 'vitest';
import { GovernmentFlagRefusedError, InconsistentInputError } from '../../functions/domain/index.js';
import { REQUEST_PHRASES } from '../../functions/shared/request-phrases.js';
import { STATE_PHRASES } from '../../functions/shared/state-phrases.js';
import { BadRequestError, type BadRequest } from '../../functions/web/http.js';
import { problemOf } from '../../functions/web/problems.js';

const REASONS = Object.keys(REQUEST_PHRASES.vi.refused) as BadRequest['reason'][];

/**
 * A request that cannot be read, and a domain rule only a programmer can break, as the reader sees them:
 * the phrase book's sentence, the part at fault by its label, never the log's English nor a program name.
 * (What a person can provoke through the pages and the API is tested over HTTP in request-refusals.test.ts.)
 */
describe('the phrase book of requests that cannot be read', () => {
  it('has a Vietnamese and an English sentence for every reason, and no other', () => {
    expect(Object.keys(REQUEST_PHRASES.en.refused).sort()).toEqual([...REASONS].sort());
    for (const reason of REASONS) {
      expect(REQUEST_PHRASES.vi.refused[reason]).toMatch(/\S.*\.$/);
      expect(REQUEST_PHRASES.vi.refused[reason]).not.toBe(REQUEST_PHRASES.en.refused[reason]);
    }
  });

  it('tells a Vietnamese reader how large a file may be, naming the criteria sheet file by its label', () => {
    const problem = problemOf(new BadRequestError('sheet', { reason: 'tooLarge', megabytes: 2 }), 'vi');
    expect(problem).toMatchObject({ status: 400, code: 'badRequest', message: 'Tệp bảng tiêu chí lớn hơn 2 MB; vui lòng chọn tệp nhỏ hơn.' });
    expect(problem.fields).toEqual([{ path: 'sheet', message: problem.message }]);
  });

  it('tells an English reader that a form sent more parts than the page sends, naming the file by its label', () => {
    expect(problemOf(new BadRequestError('file', { reason: 'tooManyParts' }), 'en').message).toBe('The file: the form sent has more parts than this page sends. Please reload the page and send it again.');
  });
});

describe('a domain rule only a programmer can break', () => {
  it('reads the Vietnamese "cannot be done" sentence, without the English of the scoring', () => {
    const problem = problemOf(new InconsistentInputError('submissions names "x", which is not a unit of the bloc', 'submissions'), 'vi');
    expect(problem).toMatchObject({ status: 400, code: 'invalid', message: STATE_PHRASES.vi.cannot });
    expect(JSON.stringify(problem)).not.toMatch(/not a unit|Dữ liệu không hợp lệ/);
  });

  it('reads a refused Government flag choice that escaped its page as "cannot be done", without the refusal codes', () => {
    const problem = problemOf(new GovernmentFlagRefusedError([{ code: 'overQuota', units: ['khoi/u1'], quota: 1, chosen: 2 }]), 'vi');
    expect(problem).toMatchObject({ status: 400, code: 'invalid', message: STATE_PHRASES.vi.cannot });
    expect(JSON.stringify(problem)).not.toMatch(/overQuota|khoi\/u1/);
  });
});
