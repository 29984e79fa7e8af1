import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimestampSchema } from '../../shared/api/schemas';
import { addDays, dateOfTimestamp } from '../../shared/domain/dates';
import { calendarDayIn, knownTimeZones } from '../../shared/domain/time-zone';
import { refusalMessage } from '../../shared/i18n/refusals';
import { actedOnDay, CREATED_AT_MAX_AGE_DAYS, CREATED_AT_MAX_AHEAD_DAYS, createdAtProblem } from '../../shared/sync/created-at';

const DAY_MS = 86_400_000;
const serverNow = new Date('2026-03-02T09:00:00.000Z');
const at = (offsetMs: number) => new Date(serverNow.getTime() + offsetMs).toISOString();

describe('the createdAt window of a pushed mutation', () => {
  it.each([
    ['0001-01-01T00:00:00.000Z', /before the server's time/],
    ['1970-01-01T00:00:00Z', /before the server's time/],
    [at(-(CREATED_AT_MAX_AGE_DAYS * DAY_MS) - 1), /400 days before/],
    [at(CREATED_AT_MAX_AHEAD_DAYS * DAY_MS + 1), /ahead of the server's time/],
    ['9999-12-31T23:59:59.999Z', /ahead of the server's time/],
  ])('refuses %s', (createdAt, message) => {
    expect(TimestampSchema.safeParse(createdAt).success).toBe(true);
    const problem = createdAtProblem(createdAt, serverNow);
    expect(problem === null ? null : refusalMessage(problem)).toMatch(message);
  });

  it.each([at(0), at(-(CREATED_AT_MAX_AGE_DAYS * DAY_MS)), at(CREATED_AT_MAX_AHEAD_DAYS * DAY_MS), at(-3 * DAY_MS), at(5 * 60_000)])('takes %s', (createdAt) => {
    expect(createdAtProblem(createdAt, serverNow)).toBeNull();
  });

  it('takes exactly the times from 400 days before to 30 days after the server’s, to the millisecond', () => {
    const span = 2_000 * DAY_MS;
    fc.assert(
      fc.property(fc.integer({ min: -span, max: span }), (offset) => {
        const inside = offset >= -CREATED_AT_MAX_AGE_DAYS * DAY_MS && offset <= CREATED_AT_MAX_AHEAD_DAYS * DAY_MS;
        return (createdAtProblem(at(offset), serverNow) === null) === inside;
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('the day a mutation was made on (actedOnDay)', () => {
  it("takes the user's day where some zone was on it: Los Angeles at 17:30 on 29 February is 01:30 UTC on 1 March", () => {
    expect(actedOnDay('2024-03-01T01:30:00.000Z', '2024-02-29', new Date('2024-03-01T02:00:00.000Z'))).toBe('2024-02-29');
    // Sydney at 01:00 on the 29th: UTC is still on the 28th; the server's UTC day too, yet the 29th has begun there.
    expect(actedOnDay('2024-02-28T14:00:00.000Z', '2024-02-29', new Date('2024-02-28T14:05:00.000Z'))).toBe('2024-02-29');
  });

  it('takes the UTC date of createdAt without a day (protocol 1) or with a day no zone was on', () => {
    expect(actedOnDay('2024-03-01T01:30:00.000Z', undefined, new Date('2024-03-01T02:00:00.000Z'))).toBe('2024-03-01');
    expect(actedOnDay('2024-03-01T01:30:00.000Z', '2024-02-27', new Date('2024-03-01T02:00:00.000Z'))).toBe('2024-03-01');
    expect(actedOnDay('2024-03-01T01:30:00.000Z', '2024-03-03', new Date('2024-03-01T02:00:00.000Z'))).toBe('2024-03-01');
  });

  it('without a day is what it always was: the UTC date of createdAt, never after the server’s UTC date', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2090-01-01T00:00:00Z') }), fc.integer({ min: -40 * DAY_MS, max: 40 * DAY_MS }), (created, serverOffset) => {
        const createdAt = new Date(created).toISOString();
        const serverNow = new Date(created + serverOffset);
        const utc = dateOfTimestamp(createdAt);
        const server = dateOfTimestamp(serverNow.toISOString());
        expect(actedOnDay(createdAt, undefined, serverNow)).toBe(utc < server ? utc : server);
      }),
    );
  });

  it('takes a claimed day exactly when a real zone was on it, and never a day no zone has reached yet', () => {
    const zones = knownTimeZones();
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2090-01-01T00:00:00Z') }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 3 * DAY_MS }),
        (created, zone, delay) => {
          const createdAt = new Date(created).toISOString();
          const serverNow = new Date(created + delay);
          // A user in `zone` whose clock is right: the day they saw is taken as it is.
          expect(actedOnDay(createdAt, calendarDayIn(new Date(created), zone), serverNow)).toBe(calendarDayIn(new Date(created), zone));
          // Whatever is claimed, the day is no later than the latest day on Earth at the server's time.
          const claimed = addDays(dateOfTimestamp(createdAt), (delay % 7) - 3);
          expect(actedOnDay(createdAt, claimed, serverNow) <= dateOfTimestamp(new Date(serverNow.getTime() + 14 * 3_600_000).toISOString())).toBe(true);
        },
      ),
    );
  });

  it('caps a clock running ahead at the day it is now in the zones the claimed day allows', () => {
    // The desktop says Friday 09:00 UTC, Friday, in UTC; the server is on Wednesday: Wednesday.
    expect(actedOnDay('2026-03-06T09:00:00.000Z', '2026-03-06', new Date('2026-03-04T09:00:00.000Z'))).toBe('2026-03-04');
    // A day that does not fit the clock it came with is not believed.
    expect(actedOnDay('2026-03-06T09:00:00.000Z', '2026-03-02', new Date('2026-03-04T09:00:00.000Z'))).toBe('2026-03-04');
    // The 1st begins in Kiritimati (UTC+14) at 10:00 UTC on the 28th (2026 is no leap year), not before.
    expect(actedOnDay('2026-02-28T09:59:00.000Z', '2026-03-01', new Date('2026-02-28T09:59:00.000Z'))).toBe('2026-02-28');
    expect(actedOnDay('2026-02-28T10:00:00.000Z', '2026-03-01', new Date('2026-02-28T10:00:00.000Z'))).toBe('2026-03-01');
  });

});
