import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock, todayIn } from '../../shared/domain/clock';
import { addDays } from '../../shared/domain/dates';
import { TimeZoneSchema } from '../../shared/api/schemas';
import { calendarDayIn, canonicalTimeZone, knownTimeZones, startOfDayIn, systemTimeZone, wallClockIn } from '../../shared/domain/time-zone';

describe("the user's calendar day", () => {
  // Around midnight on 29 February 2024 in three zones: a minute before, the day is still the 29th; a minute after, the 1st.
  it.each([
    { zone: 'America/Los_Angeles', before: '2024-03-01T07:59:00.000Z', after: '2024-03-01T08:01:00.000Z' },
    { zone: 'Australia/Sydney', before: '2024-02-29T12:59:00.000Z', after: '2024-02-29T13:01:00.000Z' },
    { zone: 'UTC', before: '2024-02-29T23:59:00.000Z', after: '2024-03-01T00:01:00.000Z' },
  ])('in $zone the 29th ends at its own midnight', ({ zone, before, after }) => {
    expect(todayIn(manualClock(before), zone)).toBe('2024-02-29');
    expect(todayIn(manualClock(after), zone)).toBe('2024-03-01');
  });

  it('is the day of the wall clock, not of UTC: 17:30 on the 29th in Los Angeles, 01:00 on the 29th in Sydney', () => {
    expect(calendarDayIn(new Date('2024-03-01T01:30:00.000Z'), 'America/Los_Angeles')).toBe('2024-02-29');
    expect(calendarDayIn(new Date('2024-02-28T14:00:00.000Z'), 'Australia/Sydney')).toBe('2024-02-29');
    expect(wallClockIn(new Date('2024-03-01T01:30:00.000Z'), 'America/Los_Angeles')).toBe('2024-02-29 17:30 America/Los_Angeles');
    expect(wallClockIn(new Date('2024-03-01T00:00:00.000Z'), 'UTC')).toBe('2024-03-01 00:00 UTC');
  });

  it('follows daylight saving: Berlin is UTC+1 in winter and UTC+2 in summer', () => {
    expect(calendarDayIn(new Date('2024-01-15T23:30:00.000Z'), 'Europe/Berlin')).toBe('2024-01-16');
    expect(calendarDayIn(new Date('2024-07-15T22:30:00.000Z'), 'Europe/Berlin')).toBe('2024-07-16');
    expect(calendarDayIn(new Date('2024-07-15T21:30:00.000Z'), 'Europe/Berlin')).toBe('2024-07-15');
  });

  it('is in UTC the UTC date, and anywhere within a day of it', () => {
    const zones = knownTimeZones();
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2090-01-01T00:00:00Z') }), fc.constantFrom(...zones), (time, zone) => {
        const instant = new Date(time);
        const utc = instant.toISOString().slice(0, 10);
        expect(calendarDayIn(instant, 'UTC')).toBe(utc);
        expect([addDays(utc, -1), utc, addDays(utc, 1)]).toContain(calendarDayIn(instant, zone));
      }),
    );
  });
});

describe('time-zone names', () => {
  it('takes IANA names in the runtime’s spelling and refuses others with a reason', () => {
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(TimeZoneSchema.safeParse('Australia/Sydney').success).toBe(true);
    for (const bad of ['', 'Mars/Olympus_Mons', 'Europe/Berlin; DROP', 'x'.repeat(65)]) {
      expect(canonicalTimeZone(bad), bad).toBeNull();
      const parsed = TimeZoneSchema.safeParse(bad);
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/time zone|longer than/);
    }
  });

  it('knows the zone of this machine and every zone it offers', () => {
    expect(canonicalTimeZone(systemTimeZone())).toBe(systemTimeZone());
    expect(knownTimeZones().length).toBeGreaterThan(300);
    for (const zone of knownTimeZones()) expect(canonicalTimeZone(zone), zone).not.toBeNull();
  });
});

describe('the start of a day on a wall clock', () => {
  it.each([
    ['2024-03-01', 'America/Los_Angeles', '2024-03-01T08:00:00.000Z'],
    ['2024-03-01', 'Australia/Sydney', '2024-02-29T13:00:00.000Z'],
    ['2024-03-01', 'UTC', '2024-03-01T00:00:00.000Z'],
    ['2024-07-01', 'Europe/Berlin', '2024-06-30T22:00:00.000Z'],
    ['2024-03-31', 'Europe/Berlin', '2024-03-30T23:00:00.000Z'],
    ['2024-04-01', 'Europe/Berlin', '2024-03-31T22:00:00.000Z'],
    ['2024-04-01', 'Asia/Kolkata', '2024-03-31T18:30:00.000Z'],
  ])('%s begins in %s at %s', (day, zone, instant) => {
    expect(startOfDayIn(day, zone)).toBe(instant);
  });

  it("is the first instant of that day in any zone, so a snooze 'until the 1st' ends at the user's midnight", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2080-01-01T00:00:00Z') }), fc.constantFrom(...knownTimeZones()), (time, zone) => {
        const day = new Date(time).toISOString().slice(0, 10);
        const start = Date.parse(startOfDayIn(day, zone));
        expect(calendarDayIn(new Date(start), zone)).toBe(day);
        expect(calendarDayIn(new Date(start - 60_000), zone) < day).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
