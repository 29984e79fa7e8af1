/** contactPerson.save: a collector adds a contact person or corrects one; at most one is primary per customer. */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { ContactPersonSaveSchema, type ContactPersonSchema } from '../../shared/api/schemas';
import { DomainError } from '../../shared/api/result';
import type { NewRow, Row } from '../schema';
import { build, execute, selectAll, selectFirst } from '../typed-sql';
import type { Command } from './run-command';
import { requireCustomer } from './guards';

export type ContactPerson = z.output<typeof ContactPersonSchema>;

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
    const select = (id: string) => selectFirst(sqlite, build.selectFrom('contact_persons').selectAll().where('id', '=', id));
    const before = input.id === undefined ? undefined : select(input.id);
    if (input.id !== undefined && before?.customer_id !== input.customerId) {
      throw new DomainError('not_found', `contact person ${input.id} does not exist for this customer`, 'id');
    }
    const id = before?.id ?? uuidv7();

    if (input.isPrimary) {
      const otherPrimaries = build
        .selectFrom('contact_persons')
        .selectAll()
        .where('customer_id', '=', input.customerId)
        .where('is_primary', '=', 1)
        .where('id', '<>', id);
      for (const other of selectAll(sqlite, otherPrimaries)) {
        execute(sqlite, build.updateTable('contact_persons').set({ is_primary: 0, updated_at: now }).where('id', '=', other.id));
        tx.audit('contact_person', other.id, 'update', other, { ...other, is_primary: 0, updated_at: now });
      }
    }

    const values: NewRow<'contact_persons'> = {
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
    if (before) {
      const { name, role, phone, email, preferred_channel, is_primary, updated_at } = values;
      execute(
        sqlite,
        build.updateTable('contact_persons').set({ name, role, phone, email, preferred_channel, is_primary, updated_at }).where('id', '=', id),
      );
    } else {
      execute(sqlite, build.insertInto('contact_persons').values(values));
    }
    const after = select(id);
    if (!after) throw new Error(`contact person ${id} vanished while saving`);
    tx.audit('contact_person', id, before ? 'update' : 'create', before ?? null, after);
    tx.touch(input.customerId);
    return toContactPerson(after);
  },
};
