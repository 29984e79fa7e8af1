/**
 * notifications.list: what others did that the local user should know, newest first: over the last
 * 30 days (24-hour days back from now), decisions on the escalations they asked for, customers
 * assigned to them, others moving the disputes they raised and follow-ups others gave them; and,
 * however old, the changes of this workstation the server refused, which wait in the sync issues
 * until someone deals with them. Read from the synced rows, so it works offline and needs no table
 * of its own; what the user has read is a preference of keys (shared/domain/notifications.ts).
 */
import type { z } from 'zod';
import type { NotificationSchema } from '../../shared/api/notification-schemas';
import { timestampDaysBefore } from '../../shared/domain/dates';
import type { ReadDb } from '../read-db';
import { prepared } from '../statements';

export type Notification = z.output<typeof NotificationSchema>;

const NOTIFICATION_DAYS = 30;
const NOTIFICATION_LIMIT = 100;

// Each part names its columns alike: kind, id, at, customer, who did it, what (subject), the new state, and a text.
const NOTIFICATIONS = `
  SELECT 'decision' AS kind, e.id AS id, e.decided_at AS at, e.customer_id AS customerId, c.name AS customerName,
    u.display_name AS byName, e.kind AS subject, e.status AS state, e.decision_comment AS text
  FROM escalations e JOIN customers c ON c.id = e.customer_id LEFT JOIN users u ON u.id = e.decided_by
  WHERE e.requested_by = @me AND e.status IN ('approved', 'rejected') AND e.decided_at >= @since AND (e.decided_by IS NULL OR e.decided_by <> @me)
  UNION ALL
  SELECT 'assignment', c.id, c.assigned_at, c.id, c.name, u.display_name, NULL, NULL, c.assignment_reason
  FROM customers c LEFT JOIN users u ON u.id = c.assigned_by
  WHERE c.collector_id = @me AND c.assigned_at >= @since AND (c.assigned_by IS NULL OR c.assigned_by <> @me)
  UNION ALL
  SELECT 'reply', ev.id, ev.at, d.customer_id, c.name, u.display_name, d.reason_code, ev.to_status, nullif(ev.comment, '')
  FROM dispute_events ev JOIN disputes d ON d.id = ev.dispute_id JOIN customers c ON c.id = d.customer_id LEFT JOIN users u ON u.id = ev.user_id
  WHERE d.created_by = @me AND ev.at >= @since AND ev.user_id IS NOT NULL AND ev.user_id <> @me
  UNION ALL
  SELECT 'task', f.id, f.created_at, f.customer_id, c.name, u.display_name, NULL, f.due_date, f.title
  FROM follow_ups f JOIN customers c ON c.id = f.customer_id LEFT JOIN users u ON u.id = f.created_by
  WHERE f.assigned_to = @me AND f.status = 'open' AND f.created_at >= @since AND f.created_by IS NOT NULL AND f.created_by <> @me
  UNION ALL
  SELECT 'sync_issue', s.id, s.rejected_at, s.customer_id, c.name, NULL, s.name, s.error_code, s.error_message
  FROM sync_issues s LEFT JOIN customers c ON c.id = s.customer_id
  ORDER BY at DESC, id DESC
  LIMIT ${String(NOTIFICATION_LIMIT)}`;

/** `me` null (no local profile): only the sync issues, which are this workstation's whoever signs in. */
export function queryNotifications(sqlite: ReadDb, me: string | null, now: string): Notification[] {
  return prepared<[{ me: string | null; since: string }], Notification>(sqlite, NOTIFICATIONS).all({ me, since: timestampDaysBefore(now, NOTIFICATION_DAYS) });
}
