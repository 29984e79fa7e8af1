import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimestampSchema } from '../../shared/api/schemas';
import { CREATED_AT_MAX_AGE_DAYS, CREATED_AT_MAX_AHEAD_DAYS, createdAtProblem } from '../../shared/sync/created-at';

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
    expect(createdAtProblem(createdAt, serverNow)).toMatch(message);
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
