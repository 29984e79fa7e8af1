/** contactPerson.save on the desktop: the shared rule (shared/mutations/contact-persons.ts), answered with the saved person. */
import type { z } from 'zod';
import type { ContactPersonSchema } from '../../shared/api/schemas';
import { contactPersonSave } from '../../shared/mutations/contact-persons';
import type { SyncedRow } from '../../shared/sync/tables';
import { definitionCommand } from '../mutations/sqlite-driver';

export type ContactPerson = z.output<typeof ContactPersonSchema>;

const toContactPerson = (row: SyncedRow<'contact_persons'>): ContactPerson => ({
  id: row.id,
  name: row.name,
  role: row.role,
  phone: row.phone,
  email: row.email,
  preferredChannel: row.preferred_channel,
  language: row.language,
  isPrimary: row.is_primary,
});

export const saveContactPerson = definitionCommand(contactPersonSave, toContactPerson);
