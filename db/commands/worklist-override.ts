/** worklist.setOverride / worklist.clearOverride: a collector pins or snoozes a customer, with a reason, recorded. */
import { v7 as uuidv7 } from 'uuid';
import { WorklistClearOverrideSchema, WorklistSetOverrideSchema } from '../../shared/api/schemas';
import { DomainError } from '../../shared/api/result';
import type { Row } from '../schema';
import { prepared } from '../statements';
import type { Command, CommandTx } from './run-command';
import { requireCustomer } from './guards';

const ACTIVE = 'SELECT * FROM worklist_overrides WHERE customer_id = ? AND cleared_at IS NULL ORDER BY created_at, id';
const CLEAR = 'UPDATE worklist_overrides SET cleared_at = ? WHERE id = ?';
const INSERT = `INSERT INTO worklist_overrides (id, customer_id, kind, reason, expires_at, created_by, created_at, cleared_at)
  VALUES (@id, @customer_id, @kind, @reason, @expires_at, @created_by, @created_at, NULL)`;

/** Ends every uncleared override of the customer; returns how many were still in force. */
function clearAll(tx: CommandTx, customerId: string, reason: string | null): number {
  let inForce = 0;
  for (const row of prepared<[string], Row<'worklist_overrides'>>(tx.sqlite, ACTIVE).all(customerId)) {
    if (row.expires_at === null || row.expires_at > tx.now) inForce += 1;
    prepared(tx.sqlite, CLEAR).run(tx.now, row.id);
    tx.audit('worklist_override', row.id, 'clear', row, { ...row, cleared_at: tx.now, clear_reason: reason });
  }
  return inForce;
}

export const setWorklistOverride: Command<typeof WorklistSetOverrideSchema, { customerId: string }> = {
  name: 'worklist.setOverride',
  input: WorklistSetOverrideSchema,
  apply(tx, input) {
    requireCustomer(tx.sqlite, input.customerId);
    if (input.expiresAt !== null && Date.parse(input.expiresAt) <= Date.parse(tx.now)) {
      throw new DomainError('validation', 'expiresAt must lie in the future', 'expiresAt');
    }
    // A new pin or snooze replaces the previous one: there is one override per customer at a time.
    clearAll(tx, input.customerId, `replaced by a ${input.kind}`);
    const row = {
      id: uuidv7(),
      customer_id: input.customerId,
      kind: input.kind,
      reason: input.reason,
      expires_at: input.expiresAt,
      created_by: tx.userId,
      created_at: tx.now,
    };
    prepared(tx.sqlite, INSERT).run(row);
    tx.audit('worklist_override', row.id, 'create', null, { ...row, cleared_at: null });
    tx.touch(input.customerId);
    return { customerId: input.customerId };
  },
};

export const clearWorklistOverride: Command<typeof WorklistClearOverrideSchema, { customerId: string }> = {
  name: 'worklist.clearOverride',
  input: WorklistClearOverrideSchema,
  apply(tx, input) {
    requireCustomer(tx.sqlite, input.customerId);
    const inForce = clearAll(tx, input.customerId, input.reason ?? null);
    if (inForce === 0) throw new DomainError('conflict', 'this customer is neither pinned nor snoozed', 'customerId');
    tx.touch(input.customerId);
    return { customerId: input.customerId };
  },
};
