import { describe, expect, it } from 'vitest';
import { TimelineSchema, checkCycleFitsFrom, formatVietnamDate, phaseInstants, phasesOf } from '../../functions/domain/index.js';
import { errorAt, errorPaths } from './zod-paths.js';

const year2026 = {
  year: 2026,
  pledge: { opensOn: '2026-01-05', deadlineOn: '2026-01-20' },
  selfAssessment: { opensOn: '2026-11-01', deadlineOn: '2026-11-20' },
  crossCheck: { opensOn: '2026-11-21', deadlineOn: '2026-11-30' },
  vote: { opensOn: '2026-12-01', deadlineOn: '2026-12-10' },
  approval: { opensOn: '2026-12-11', deadlineOn: '2026-12-25' },
};

describe('TimelineSchema', () => {
  it('accepts a year with an optional pledge and no mid-year review', () => {
    expect(phasesOf(TimelineSchema.parse(year2026))).toEqual(['pledge', 'selfAssessment', 'crossCheck', 'vote', 'approval']);
  });

  it('rejects a phase that opens before the previous deadline', () => {
    const input = { ...year2026, crossCheck: { opensOn: '2026-11-15', deadlineOn: '2026-11-30' } };
    expect(errorAt(TimelineSchema, input, 'crossCheck.opensOn')).toMatch(/after the selfAssessment deadline/);
  });

  it('rejects a deadline before the opening date', () => {
    expect(errorPaths(TimelineSchema, { ...year2026, vote: { opensOn: '2026-12-05', deadlineOn: '2026-12-01' } })).toContain('vote.deadlineOn');
  });

  it('rejects a phase whose deadline is after the approval deadline, the calendar’s end, beside that phase', () => {
    const input = { ...year2026, crossCheck: { opensOn: '2026-11-21', deadlineOn: '2027-01-05' } };
    expect(errorAt(TimelineSchema, input, 'crossCheck.deadlineOn')).toMatch(/not be after the approval deadline \(2026-12-25\)/);
  });

  it('accepts a real bloc’s calendar: pledge in January, the decision 15 months later', () => {
    const input = { ...year2026, pledge: { opensOn: '2026-01-10', deadlineOn: '2026-01-10' }, vote: { opensOn: '2027-01-05', deadlineOn: '2027-01-10' }, approval: { opensOn: '2027-01-11', deadlineOn: '2027-04-15' } };
    expect(TimelineSchema.safeParse(input).success).toBe(true);
  });

  it('rejects a calendar longer than 18 months, beside the approval deadline', () => {
    const input = { ...year2026, pledge: { opensOn: '2025-12-01', deadlineOn: '2025-12-20' }, approval: { opensOn: '2026-12-11', deadlineOn: '2027-06-02' } };
    expect(errorAt(TimelineSchema, input, 'approval.deadlineOn')).toMatch(/at most 18 months/);
  });

  it('rejects a date that is not a calendar date', () => {
    expect(errorPaths(TimelineSchema, { ...year2026, vote: { opensOn: '2026-13-01', deadlineOn: '2026-12-10' } })).toContain('vote.opensOn');
  });
});

describe('phaseInstants', () => {
  it('closes a phase at 23:59:59 Vietnam time (16:59:59 UTC)', () => {
    expect(phaseInstants({ opensOn: '2026-11-01', deadlineOn: '2026-11-20' })).toEqual({
      opensAt: '2026-10-31T17:00:00.000Z',
      deadlineAt: '2026-11-20T16:59:59.000Z',
    });
  });
});

describe('checkCycleFitsFrom', () => {
  const timeline = TimelineSchema.parse(year2026);
  it('accepts a start more than a year before the last deadline: the workflow hands over before its limit', () => {
    expect(checkCycleFitsFrom(timeline, Date.parse('2025-10-01T00:00:00Z'))).toBeUndefined();
  });
  it('refuses a start after every deadline', () => {
    expect(checkCycleFitsFrom(timeline, Date.parse('2026-12-26T00:00:00Z'))).toMatch(/already passed/);
  });
});

describe('formatVietnamDate', () => {
  it('shows dd/mm/yyyy in Vietnam time, which is the next day after 17:00 UTC', () => {
    expect(formatVietnamDate(Date.parse('2026-12-31T17:30:00Z'))).toBe('01/01/2027');
  });
});
