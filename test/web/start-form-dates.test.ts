import { describe, expect, it } from 'vitest';
import { TimelineSchema } from '../../functions/domain/index.js';
import { nextYearOf, timelineFromLastYear } from '../../functions/web/admin-forms.js';

const at = (date: string) => Date.parse(`${date}T03:00:00Z`);

/** A calendar held with its conference in the year before: the pledge signed at the year-end conference. */
const year2026 = TimelineSchema.parse({
  year: 2026,
  pledge: { opensOn: '2025-12-05', deadlineOn: '2026-01-15' },
  selfAssessment: { opensOn: '2026-11-01', deadlineOn: '2026-11-20' },
  crossCheck: { opensOn: '2026-11-21', deadlineOn: '2026-11-30' },
  vote: { opensOn: '2026-12-01', deadlineOn: '2026-12-10' },
  approval: { opensOn: '2026-12-11', deadlineOn: '2027-02-28' },
});

describe("the start form's dates from last year's calendar", () => {
  it('moves every date on one year, same day and month', () => {
    expect(timelineFromLastYear(year2026, at('2026-12-05'))).toEqual({
      pledge: { opensOn: '2026-12-05', deadlineOn: '2027-01-15' },
      selfAssessment: { opensOn: '2027-11-01', deadlineOn: '2027-11-20' },
      crossCheck: { opensOn: '2027-11-21', deadlineOn: '2027-11-30' },
      vote: { opensOn: '2027-12-01', deadlineOn: '2027-12-10' },
      approval: { opensOn: '2027-12-11', deadlineOn: '2028-02-28' },
    });
  });

  it('proposes last year\'s conferences again, their day moved on a year, their time, place and host kept', () => {
    const met = TimelineSchema.parse({ ...year2026, pledge: { ...year2026.pledge, conference: { on: '2026-01-10', at: '14:00', place: 'Hội trường A', hostUnitId: 'ban-to-chuc' } } });
    expect(timelineFromLastYear(met, at('2026-12-05'))?.pledge).toEqual({ opensOn: '2026-12-05', deadlineOn: '2027-01-15', conference: { on: '2027-01-10', at: '14:00', place: 'Hội trường A', hostUnitId: 'ban-to-chuc' } });
  });

  it('leaves out last year\'s year-end conference for a bloc that now votes online, keeping its other conferences', () => {
    const met = TimelineSchema.parse({
      ...year2026,
      pledge: { ...year2026.pledge, conference: { on: '2026-01-10', place: 'Hội trường A' } },
      vote: { ...year2026.vote, conference: { on: '2026-12-08', place: 'Hội trường B' } },
    });
    const moved = timelineFromLastYear(met, at('2026-12-05'), { votesOnline: true });
    expect(moved?.vote).toEqual({ opensOn: '2027-12-01', deadlineOn: '2027-12-10' });
    expect(moved?.pledge?.conference).toEqual({ on: '2027-01-10', at: '08:00', place: 'Hội trường A' });
    expect(timelineFromLastYear(met, at('2026-12-05'))?.vote?.conference).toEqual({ on: '2027-12-08', at: '08:00', place: 'Hội trường B' });
  });

  it('takes 29 February to 28 February', () => {
    expect(nextYearOf('2028-02-29')).toBe('2029-02-28');
  });

  it('leaves out an optional phase whose moved deadline has passed', () => {
    expect(timelineFromLastYear(year2026, at('2027-01-20'))).not.toHaveProperty('pledge');
  });

  it('proposes nothing from a calendar whose moved self-assessment would already have opened', () => {
    expect(timelineFromLastYear(year2026, at('2027-11-02'))).toBeUndefined();
  });
});
