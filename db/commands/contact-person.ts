/** contactPerson.save: a collector adds a contact person or corrects one; at most one is primary per customer. */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { ContactPersonSaveSchema, type ContactPersonSchema } from '../../shared/api/schemas';
import { DomainError } from '../../shared/api/result';
import type { Row } from '../schema';
import { prepared } from '../statements';
import type { Command } from './run-command';
import { requireCustomer } from './guards';

export type ContactPerson = z.output<typeof ContactPersonSchema>;

const SELECT = 'SELECT * FROM contact_persons WHERE id = ?';
const OTHER_PRIMARIES = 'SELECT * FROM contact_persons WHERE customer_id = ? AND is_primary = 1 AND id <> ?';
const INSERT = `INSERT INTO contact_persons (id, customer_id, name, role, phone, email, preferred_channel, is_primary, created_at, updated_at)
  VALUES (@id, @customer_id, @name, @role, @phone, @email, @preferred_channel, @is_primary, @created_at, @updated_at)`;
const UPDATE = `UPDATE contact_persons SET name = @name, role = @role, phone = @phone, email = @email,
  preferred_channel = @preferred_channel, is_primary = @is_primary, updated_at = @updated_at WHERE id = @id`;
const UNSET_PRIMARY = 'UPDATE contact_persons SET is_primary = 0, updated_at = ? WHERE id = ?';

export const toContactPerson = (row: Row<'contact_persons'>): ContactPerson => ({
  id: row.id,
  name: row.name,
  role: row.role,
  phone: row.phone,
  email: row.email,
  preferredChannel: row.preferred_channel,
  isPrimary: row.is_primary === 1,
});

export const saveContactPerson: Command<typeof ContactPersonSaveSchema, ContactPerson> = {
  name: 'contactPerson.save',
  input: ContactPersonSaveSchema,
  apply(tx, input) {
    const { sqlite, now } = tx;
    requireCustomer(sqlite, input.customerId);
    const select = prepared<[string], Row<'contact_persons'>>(sqlite, SELECT);
    const before = input.id === undefined ? undefined : select.get(input.id);
    if (input.id !== undefined && before?.customer_id !== input.customerId) {
      throw new DomainError('not_found', `contact person ${input.id} does not exist for this customer`, 'id');
    }
    const id = before?.id ?? uuidv7();

    if (input.isPrimary) {
      for (const other of prepared<[string, string], Row<'contact_persons'>>(sqlite, OTHER_PRIMARIES).all(input.customerId, id)) {
        prepared(sqlite, UNSET_PRIMARY).run(now, other.id);
        tx.audit('contact_person', other.id, 'update', other, { ...other, is_primary: 0, updated_at: now });
      }
    }

    const values = {
      id,
      customer_id: input.customerId,
      name: input.name,
      role: input.role,
      phone: input.phone,
      email: input.email,
      preferred_channel: input.preferredChannel,
      is_primary: input.isPrimary ? 1 : 0,
      created_at: before?.created_at ?? now,
      updated_at: now,
    };
    if (before) prepared(sqlite, UPDATE).run(values);
    else prepared(sqlite, INSERT).run(values);
    const after = select.get(id);
    if (!after) throw new Error(`contact person ${id} vanished while saving`);
    tx.audit('contact_person', id, before ? 'update' : 'create', before ?? null, after);
    tx.touch(input.customerId);
    return toContactPerson(after);
  },
};
