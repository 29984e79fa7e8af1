import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../shared/api/result';
import { addDays, assertCalendarDate, compareDates, dateOfTimestamp, daysBetween, isCalendarDate, storedDateOfTimestamp } from '../../shared/domain/dates';

const calendarDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const dayOffset = fc.integer({ min: -40_000, max: 40_000 });

describe('isCalendarDate', () => {
  it.each(['2026-11-23', '2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01', '0050-06-15', '9999-12-31'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each(['2026-02-30', '2026-02-29', '1900-02-29', '0050-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-5', '26-01-05', '2026-11-23T00:00:00Z', ''])(
    'refuses %j',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );

  it('assertCalendarDate names the field', () => {
    expect(assertCalendarDate('2026-11-23')).toBe('2026-11-23');
    try {
      assertCalendarDate('2026-02-30', 'dueDate');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).field).toBe('dueDate');
    }
  });
});

describe('daysBetween / addDays', () => {
  it('counts calendar days across month ends, leap days and DST changes', () => {
    expect(daysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(daysBetween('2026-01-31', '2026-03-01')).toBe(29);
    expect(daysBetween('2024-01-31', '2024-03-01')).toBe(30);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-01-01')).toBe(-364);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
  });

  it('counts a stored date that is no real day as the day it rolls over to, held to the writable range', () => {
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(daysBetween('2026-02-30', '2026-03-02')).toBe(0);
    expect(addDays('2026-02-31', 0)).toBe('2026-03-03');
    expect(addDays('2026-19-39', 0)).toBe('2027-08-08');
    expect(addDays('0000-00-00', 0)).toBe('0000-01-01');
    expect(addDays('9999-99-99', -1)).toBe('9999-12-30');
    expect(compareDates('2026-02-31', '2026-03-03')).toBe(0);
  });

  it('is total over every value a DATE column can hold', () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }).map(String), { minLength: n, maxLength: n }).map((d) => d.join(''));
    const storable = fc.tuple(digits(4), fc.constantFrom('0', '1'), digits(1), fc.constantFrom('0', '1', '2', '3'), digits(1)).map(([y, m1, m2, d1, d2]) => `${y}-${m1}${m2}-${d1}${d2}`);
    fc.assert(
      fc.property(storable, storable, fc.integer({ min: -100_000, max: 100_000 }), (a, b, days) => {
        expect(isCalendarDate(addDays(a, days))).toBe(true);
        expect(daysBetween(a, b)).toBe(-daysBetween(b, a) || 0);
        expect(compareDates(a, b)).toBe(Math.sign(daysBetween(b, a)));
      }),
    );
  });

  it('refuses input that is not shaped like a date, naming the field', () => {
    expect(() => assertCalendarDate('2026-02-30')).toThrow(DomainError);
    expect(() => addDays('2026-11-23', 1.5)).toThrow(DomainError);
    expect(addDays('0001-01-01', -1)).toBe('0000-12-31');
    try {
      daysBetween('2026-01-01', 'tomorrow');
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).field).toBe('to');
    }
  });

  it('stays at the last or first calendar date instead of leaving the range', () => {
    expect(addDays('9999-12-31', 3)).toBe('9999-12-31');
    expect(addDays('9999-12-29', 3)).toBe('9999-12-31');
    expect(addDays('2026-01-01', 1e12)).toBe('9999-12-31');
    expect(addDays('0000-01-01', -1)).toBe('0000-01-01');
    expect(addDays('2026-01-01', -1e12)).toBe('0000-01-01');
  });

  it('is total over every calendar date and whole number of days', () => {
    const anyDate = fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (date, days) => {
        const moved = addDays(date, days);
        expect(isCalendarDate(moved)).toBe(true);
        expect(Math.sign(compareDates(moved, date))).toBe(moved === date ? 0 : Math.sign(days));
      }),
    );
  });

  it('addDays and daysBetween are inverse', () => {
    fc.assert(
      fc.property(calendarDate, dayOffset, (date, days) => {
        const later = addDays(date, days);
        expect(isCalendarDate(later)).toBe(true);
        expect(daysBetween(date, later)).toBe(days);
        expect(addDays(later, -days)).toBe(date);
      }),
    );
  });

  it('daysBetween is additive and antisymmetric', () => {
    fc.assert(
      fc.property(calendarDate, calendarDate, calendarDate, (a, b, c) => {
        expect(daysBetween(a, b) + daysBetween(b, c)).toBe(daysBetween(a, c));
        expect(daysBetween(b, a)).toBe(-daysBetween(a, b) || 0);
      }),
    );
  });
});

describe('dateOfTimestamp', () => {
  it('takes the UTC date', () => {
    expect(dateOfTimestamp('2026-11-23T09:00:00Z')).toBe('2026-11-23');
    expect(dateOfTimestamp('2026-11-23T23:59:59.999Z')).toBe('2026-11-23');
    expect(dateOfTimestamp('2026-11-24T01:00:00+02:00')).toBe('2026-11-23');
    expect(dateOfTimestamp('2026-11-23T22:30:00-05:00')).toBe('2026-11-24');
  });

  it('refuses a non-timestamp', () => {
    expect(() => dateOfTimestamp('yesterday')).toThrow(DomainError);
  });

  it('reads a stored timestamp that is no instant as no date at all', () => {
    expect(storedDateOfTimestamp('2026-11-23T09:00:00.000Z')).toBe('2026-11-23');
    for (const value of ['yesterday', '', 'NaN', '+275760-09-13T00:00:00.000Z']) expect(storedDateOfTimestamp(value)).toBeNull();
    fc.assert(fc.property(fc.string(), (value) => {
      const date = storedDateOfTimestamp(value);
      expect(date === null || isCalendarDate(date)).toBe(true);
    }));
  });
});

describe('compareDates', () => {
  it('orders dates', () => {
    expect(compareDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareDates('2026-01-02', '2026-01-02')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
  });

  it('agrees with daysBetween and with string order', () => {
    fc.assert(
      fc.property(calendarDate, calendarDate, (a, b) => {
        expect(compareDates(a, b)).toBe(Math.sign(daysBetween(b, a)));
        expect(compareDates(a, b)).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});
