import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/api/result';
import { DATE_WINDOWS, dateWindowProblem, latestDate, requireDateInWindow, type DateKind } from '../../shared/domain/date-bounds';
import { addDays, compareDates } from '../../shared/domain/dates';
import { refusalMessage, type Refusal } from '../../shared/i18n/refusals';

const TODAY = '2026-11-23';
const KINDS = Object.keys(DATE_WINDOWS) as DateKind[];
const words = (refusal: Refusal | null): string | null => (refusal === null ? null : refusalMessage(refusal));

describe('date windows', () => {
  it('take today and the last day of the window, nothing before or after', () => {
    for (const kind of KINDS) {
      expect(dateWindowProblem(kind, TODAY, TODAY)).toBeNull();
      expect(dateWindowProblem(kind, latestDate(kind, TODAY), TODAY)).toBeNull();
      expect(words(dateWindowProblem(kind, addDays(TODAY, -1), TODAY))).toBe('may not lie in the past');
      expect(words(dateWindowProblem(kind, addDays(latestDate(kind, TODAY), 1), TODAY))).toMatch(/^must be at most (a year|two years|five years) ahead \(by \d{4}-\d{2}-\d{2}\)$/);
    }
    expect(latestDate('promise', TODAY)).toBe('2027-11-23');
    expect(latestDate('followUp', TODAY)).toBe('2028-11-22');
  });

  it('refuse the last storable date, naming the field and today', () => {
    try {
      requireDateInWindow('promise', '9999-12-31', TODAY, 'promise.promisedDate');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).field).toBe('promise.promisedDate');
      expect((error as DomainError).message).toBe('9999-12-31 must be at most a year ahead (by 2027-11-23) (today is 2026-11-23)');
      expect((error as DomainError).detail).toEqual({ reason: 'dateBeyondOneYearToday', params: { date: '9999-12-31', latestDate: '2027-11-23', todayDate: '2026-11-23' } });
    }
  });

  it('accept exactly the dates between today and the window end, for any today', () => {
    const day = fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), day, day, (kind, date, today) => {
        const inside = compareDates(date, today) >= 0 && compareDates(date, latestDate(kind, today)) <= 0;
        expect(dateWindowProblem(kind, date, today) === null).toBe(inside);
      }),
    );
  });
});
