/** worklist.setOverride / worklist.clearOverride: a collector pins or snoozes a customer, with a reason, recorded. */
import { v7 as uuidv7 } from 'uuid';
import { WorklistClearOverrideSchema, WorklistSetOverrideSchema } from '../../shared/api/schemas';
import { refused } from '../../shared/i18n/refusals';
import { requireDateInWindow } from '../../shared/domain/date-bounds';
import { dateOfTimestamp } from '../../shared/domain/dates';
import type { NewRow } from '../schema';
import { build, execute, selectAll } from '../typed-sql';
import type { Command, CommandTx } from './run-command';
import { requireCustomer } from './guards';
import { overrideOwner } from '../queries/override-owner';

/** Ends every uncleared override the user set on the customer; returns how many were still in force. Another user's stay theirs. */
function clearAll(tx: CommandTx, customerId: string, reason: string | null): number {
  let inForce = 0;
  const active = build
    .selectFrom('worklist_overrides')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('created_by', '=', overrideOwner(tx.userId))
    .where('cleared_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id');
  for (const row of selectAll(tx.sqlite, active)) {
    if (row.expires_at === null || row.expires_at > tx.now) inForce += 1;
    execute(tx.sqlite, build.updateTable('worklist_overrides').set({ cleared_at: tx.now }).where('id', '=', row.id));
    tx.audit('worklist_override', row.id, 'clear', row, { ...row, cleared_at: tx.now, clear_reason: reason });
  }
  return inForce;
}

export const setWorklistOverride: Command<typeof WorklistSetOverrideSchema, { customerId: string }> = {
  name: 'worklist.setOverride',
  localOnly: true,
  input: WorklistSetOverrideSchema,
  apply(tx, input) {
    requireCustomer(tx.sqlite, input.customerId);
    if (input.expiresAt !== null && Date.parse(input.expiresAt) <= Date.parse(tx.now)) {
      throw refused('validation', 'overrideExpiryPast', 'expiresAt');
    }
    if (input.expiresAt !== null) requireDateInWindow('snooze', dateOfTimestamp(input.expiresAt), tx.asOf, 'expiresAt');
    // A new pin or snooze replaces the previous one: there is one override per customer at a time.
    clearAll(tx, input.customerId, `replaced by a ${input.kind}`);
    const row: NewRow<'worklist_overrides'> = {
      id: uuidv7(),
      customer_id: input.customerId,
      kind: input.kind,
      reason: input.reason,
      expires_at: input.expiresAt,
      created_by: overrideOwner(tx.userId),
      created_at: tx.now,
    };
    execute(tx.sqlite, build.insertInto('worklist_overrides').values(row));
    tx.audit('worklist_override', row.id, 'create', null, { ...row, cleared_at: null });
    tx.touch(input.customerId);
    return { customerId: input.customerId };
  },
};

export const clearWorklistOverride: Command<typeof WorklistClearOverrideSchema, { customerId: string }> = {
  name: 'worklist.clearOverride',
  localOnly: true,
  input: WorklistClearOverrideSchema,
  apply(tx, input) {
    requireCustomer(tx.sqlite, input.customerId);
    const inForce = clearAll(tx, input.customerId, input.reason ?? null);
    if (inForce === 0) throw refused('conflict', 'notPinnedOrSnoozed', 'customerId');
    tx.touch(input.customerId);
    return { customerId: input.customerId };
  },
};
