/** contactPerson.save: a collector adds a contact person or corrects one; at most one is primary per customer. */
import type { z } from 'zod';
import type { NewContactPersonSchema } from '../api/collector-schemas';
import { ContactPersonSaveSchema } from '../api/schemas';
import { refused } from '../i18n/refusals';
import type { SyncedRow } from '../sync/tables';
import { defineMutation, namedCustomer, type DecideContext } from './definition';
import { insertRow, newId, rowById, rowsWhere, updateRow, type Step } from './effects';

type PersonInput = z.output<typeof NewContactPersonSchema> & { readonly id?: string | undefined };

/**
 * Adds a contact person, or corrects the one `input.id` names; a primary one demotes the
 * customer's other primary first (the unique index on both sides allows one). `fieldPrefix` names
 * where the person sits in the args (a contact log's `newContactPerson.`).
 */
export function* saveContactPerson(ctx: DecideContext, customerId: string, input: PersonInput, fieldPrefix: string): Step<SyncedRow<'contact_persons'>> {
  const before = input.id === undefined ? undefined : yield* rowById('contact_persons', input.id, { lock: true });
  if (input.id !== undefined && before?.customer_id !== customerId) {
    throw refused('not_found', { key: 'contactPersonNotFoundForCustomer', params: { id: input.id } }, `${fieldPrefix}id`);
  }
  if (input.isPrimary) {
    for (const other of yield* rowsWhere('contact_persons', { customer_id: customerId, is_primary: true }, { lock: true })) {
      if (other.id !== before?.id) yield* updateRow('contact_persons', customerId, other.id, { is_primary: false, updated_at: ctx.now }, 'update');
    }
  }
  const values = {
    name: input.name,
    role: input.role,
    phone: input.phone,
    email: input.email,
    preferred_channel: input.preferredChannel,
    // Left out (a client that does not ask for it): a correction keeps the language stored.
    language: input.language === undefined ? (before?.language ?? null) : input.language,
    is_primary: input.isPrimary,
    updated_at: ctx.now,
  };
  if (before !== undefined) {
    yield* updateRow('contact_persons', customerId, before.id, values, 'update');
    return { ...before, ...values };
  }
  const row: SyncedRow<'contact_persons'> = { id: yield* newId('contact_persons'), customer_id: customerId, ...values, created_at: ctx.now };
  yield* insertRow('contact_persons', customerId, row, 'create');
  return row;
}

export const contactPersonSave = defineMutation({
  name: 'contactPerson.save',
  args: ContactPersonSaveSchema,
  customerOf: namedCustomer,
  *decide(ctx, args) {
    return yield* saveContactPerson(ctx, args.customerId, args, '');
  },
});
