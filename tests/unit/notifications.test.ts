import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markSeen, NOTIFICATION_KEY_MAX, NOTIFICATIONS_SEEN_MAX, notificationKey, unseenNotifications } from '../../shared/domain/notifications';

const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T09:00:00.000Z`;
const decision = { kind: 'decision', id: 'e1', at: at(22) };
const assignment = { kind: 'assignment', id: 'c1', at: at(20) };

describe('notification read marks', () => {
  it('counts what has no mark as new, and reading marks it', () => {
    expect(unseenNotifications([decision, assignment], [])).toEqual([decision, assignment]);
    const seen = markSeen([decision], []);
    expect(unseenNotifications([decision, assignment], seen)).toEqual([assignment]);
    expect(unseenNotifications([decision, assignment], markSeen([decision, assignment], seen))).toEqual([]);
  });

  it('makes the same customer assigned again news again, and a decision synced late still new', () => {
    const seen = markSeen([assignment], []);
    expect(unseenNotifications([{ ...assignment, at: at(23) }], seen)).toHaveLength(1);
    // Synced after the last read, but decided before it: a mark by time would have hidden it.
    expect(unseenNotifications([{ kind: 'decision', id: 'e0', at: at(1) }], markSeen([decision], []))).toHaveLength(1);
  });

  it('keeps the newest marks within the bound, without repeats, and every key within its length', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ kind: fc.constantFrom('decision', 'task'), id: fc.string({ maxLength: 300 }), at: fc.constant(at(5)) }), { maxLength: 300 }), fc.array(fc.string({ maxLength: 50 }), { maxLength: 250 }), (items, earlier) => {
        const marks = markSeen(items, earlier);
        expect(marks.length).toBeLessThanOrEqual(NOTIFICATIONS_SEEN_MAX);
        expect(new Set(marks).size).toBe(marks.length);
        expect(marks.every((mark) => mark.length <= NOTIFICATION_KEY_MAX)).toBe(true);
        const newest = [...new Set(items.map(notificationKey))].slice(0, NOTIFICATIONS_SEEN_MAX);
        expect(marks.slice(0, newest.length)).toEqual(newest);
      }),
    );
  });
});
