import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { daysFrom, formatDate, formatDateTime, formatShortDate, money, relativeDay, setDisplayTimeZone, titleWithDate } from '../../../renderer/src/common/format';

describe('renderer date formatting', () => {
  beforeEach(() => {
    setDisplayTimeZone('UTC');
  });
  afterEach(() => {
    setDisplayTimeZone(null);
  });

  it("shows an instant on the user's wall clock and counts its day there; a calendar date never moves", () => {
    setDisplayTimeZone('America/Los_Angeles');
    // 01:30 UTC on 1 March is 17:30 on 29 February in Los Angeles.
    expect(formatDateTime('2024-03-01T01:30:00.000Z')).toMatch(/29.*(5:30|17:30)/);
    expect(formatDate('2024-03-01T01:30:00.000Z')).toMatch(/29/);
    expect(relativeDay('2024-03-01T01:30:00.000Z', '2024-02-29')).toBe('today');
    expect(formatDate('2024-03-01')).toMatch(/01|1/);
    expect(formatDate('2024-03-01')).toMatch(/Mar/);
    setDisplayTimeZone('Australia/Sydney');
    expect(relativeDay('2024-02-28T14:00:00.000Z', '2024-02-29')).toBe('today');
    setDisplayTimeZone('UTC');
    expect(formatDateTime('2024-03-01T01:30:00.000Z')).toMatch(/UTC/);
    expect(relativeDay('2024-03-01T01:30:00.000Z', '2024-02-29')).toBe('tomorrow');
  });

  it('counts whole days between dates and timestamps', () => {
    expect(daysFrom('2026-11-23', '2026-11-30')).toBe(7);
    expect(daysFrom('2026-11-23', '2026-11-22T23:59:00Z')).toBe(-1);
    expect(daysFrom('2026-02-28', '2026-03-01')).toBe(1);
  });

  it('says today, tomorrow, yesterday, or a signed day count', () => {
    const asOf = '2026-11-23';
    expect(relativeDay('2026-11-23', asOf)).toBe('today');
    expect(relativeDay('2026-11-24', asOf)).toBe('tomorrow');
    expect(relativeDay('2026-11-22T08:00:00.000Z', asOf)).toBe('yesterday');
    expect(relativeDay('2026-11-30', asOf)).toBe('in 7 d');
    expect(relativeDay('2026-11-13', asOf)).toBe('10 d ago');
  });

  it('never shifts a calendar date by time zone and drops the year only within the same year', () => {
    expect(formatDate('2026-01-01')).toContain('2026');
    expect(formatDate(null)).toBe('—');
    expect(formatShortDate('2026-12-01', '2026-11-23')).not.toContain('2026');
    expect(formatShortDate('2027-01-02', '2026-11-23')).toContain('2027');
    expect(formatShortDate('2026-12-01', '2026-11-23')).toMatch(/1/);
  });

  it('shows a stored value that is no real date or instant as it is, marked, instead of throwing', () => {
    expect(formatDate('2026-02-31')).toBe('⚠ 2026-02-31');
    expect(formatShortDate('2026-19-39', '2026-11-23')).toBe('⚠ 2026-19-39');
    expect(formatDateTime('yesterday')).toBe('⚠ yesterday');
    expect(formatDateTime('')).toBe('⚠ (empty)');
    expect(formatDateTime('+275760-09-13T00:00:00.000Z')).toBe('⚠ +275760-09-13T00:00:00.000Z');
    expect(relativeDay('0000-00-00', '2026-11-23')).toBe('not a valid date');
    expect(money(123_456, '???')).toBe('1,234.56 ???');
  });

  it('formats anything a text column can hold without throwing', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(typeof formatDate(value)).toBe('string');
        expect(typeof formatShortDate(value, '2026-11-23')).toBe('string');
        expect(typeof formatDateTime(value)).toBe('string');
        expect(typeof relativeDay(value, '2026-11-23')).toBe('string');
      }),
    );
  });
});

describe('titleWithDate', () => {
  it('shows the date a timeline title names in the user format, and only that occurrence', () => {
    expect(titleWithDate('Promise to pay by 2026-12-04 (level 2)', '2026-12-04')).toBe(`Promise to pay by ${formatDate('2026-12-04')} (level 2)`);
    // A follow-up a user titled with the same date keeps their text as typed.
    expect(titleWithDate('Follow-up on 2026-11-25: check 2026-11-25 remittance', '2026-11-25')).toBe(`Follow-up on ${formatDate('2026-11-25')}: check 2026-11-25 remittance`);
    expect(titleWithDate('Note', null)).toBe('Note');
    expect(titleWithDate('Payment received', '2026-11-25')).toBe('Payment received');
  });
});
