/** followUps.mine: the collector's open follow-ups due today or earlier, oldest first. */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import type { MyFollowUpSchema } from '../../shared/api/collector-schemas';
import type { FollowUpStatus } from '../../shared/domain/codes';
import { prepared } from '../statements';

export type MyFollowUp = z.output<typeof MyFollowUpSchema>;

interface Row {
  id: string;
  customer_id: string;
  open_item_id: string | null;
  due_date: string;
  title: string;
  status: FollowUpStatus;
  assigned_to: string | null;
  number: string;
  name: string;
  document_number: string | null;
}

/**
 * Mine = assigned to me, or unassigned on a customer I collect (or nobody collects). Without a
 * local profile every follow-up counts as mine.
 */
const MINE = `SELECT f.id, f.customer_id, f.open_item_id, f.due_date, f.title, f.status, f.assigned_to, c.number, c.name, i.document_number
  FROM follow_ups f JOIN customers c ON c.id = f.customer_id LEFT JOIN open_items i ON i.id = f.open_item_id
  WHERE f.status = 'open' AND f.due_date <= @asOf
    AND (@me IS NULL OR f.assigned_to = @me OR (f.assigned_to IS NULL AND (c.collector_id = @me OR c.collector_id IS NULL)))
  ORDER BY f.due_date, c.name COLLATE NOCASE, f.id
  LIMIT @limit`;

export function queryMyFollowUps(sqlite: ReadDb, me: string | null, asOf: string, limit: number): MyFollowUp[] {
  return prepared<[{ me: string | null; asOf: string; limit: number }], Row>(sqlite, MINE)
    .all({ me, asOf, limit })
    .map((row) => ({
      id: row.id,
      customerId: row.customer_id,
      itemId: row.open_item_id,
      dueDate: row.due_date,
      title: row.title,
      status: row.status,
      assignedTo: row.assigned_to,
      customerNumber: row.number,
      customerName: row.name,
      documentNumber: row.document_number,
      overdue: row.due_date < asOf,
    }));
}
