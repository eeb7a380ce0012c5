import { describe, expect, it } from 'vitest';
import { CycleStateError, StateRefusedError, TimelineRefusedError, type StateRefusal } from '../../functions/cycle/errors.js';
import { STATE_PHRASES } from '../../functions/shared/state-phrases.js';
import { problemOf } from '../../functions/web/problems.js';

const REASONS = Object.keys(STATE_PHRASES.vi.refused) as StateRefusal['reason'][];

/** Every refusal by the cycle's state has its sentence in both languages, and none shows the log's English. */
describe('the phrase book of refusals by the cycle\'s state', () => {
  it('has a Vietnamese and an English sentence for every reason, and no other', () => {
    expect(Object.keys(STATE_PHRASES.en.refused).sort()).toEqual([...REASONS].sort());
    for (const reason of REASONS) {
      expect(STATE_PHRASES.vi.refused[reason]).toMatch(/\S.*\.$/);
      expect(STATE_PHRASES.en.refused[reason]).toMatch(/\S.*\.$/);
      expect(STATE_PHRASES.vi.refused[reason]).not.toBe(STATE_PHRASES.en.refused[reason]);
    }
  });

  it('names the phase of a form already sent by its Vietnamese name', () => {
    const problem = problemOf(new StateRefusedError({ reason: 'alreadySubmitted', phase: 'crossCheck' }), 'vi');
    expect(problem).toMatchObject({ status: 409, code: 'state', message: 'Biểu mẫu "Kiểm tra chéo" đã được gửi trước đó; nội dung đã gửi được ghi nhận và không gửi lại được.' });
  });

  it('names the phase by its English name for an English reader', () => {
    expect(problemOf(new StateRefusedError({ reason: 'formNoDrafts', phase: 'pledge' }), 'en').message).toBe('The form "Emulation pledge" cannot be saved as a draft: fill it in, then send it once.');
  });

  it('tells a unit a ballot has no drafts in Vietnamese, beside the intent', () => {
    const problem = problemOf(new StateRefusedError({ reason: 'ballotNoDrafts' }), 'vi');
    expect(problem.message).toBe('Phiếu bầu không lưu nháp được: hãy chọn xong rồi gửi phiếu một lần.');
    expect(problem.fields).toEqual([{ path: 'intent', message: problem.message }]);
  });

  it('answers a refusal only a programmer can meet with a Vietnamese "cannot be done", without its English', () => {
    const problem = problemOf(new CycleStateError('vote round 2 was never opened', 'round'), 'vi');
    expect(problem).toMatchObject({ status: 409, code: 'state', message: STATE_PHRASES.vi.cannot });
    expect(JSON.stringify(problem)).not.toMatch(/never opened/);
  });

  it('tells why a timeline cannot run without the English of the plan', () => {
    const problem = problemOf(new TimelineRefusedError('every deadline of this timeline has already passed'), 'vi');
    expect(problem).toMatchObject({ status: 400, code: 'timeline', message: STATE_PHRASES.vi.timelineOver });
    expect(JSON.stringify(problem)).not.toMatch(/already passed/);
  });
});
