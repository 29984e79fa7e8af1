/** contact.defaults: what the quick-log form starts with, so a common call takes three keystrokes. */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import type { ContactDefaultsSchema } from '../../shared/api/collector-schemas';
import type { Channel, Direction } from '../../shared/domain/codes';
import { prepared } from '../statements';

export type ContactDefaults = z.output<typeof ContactDefaultsSchema>;

const LAST_BY_USER = 'SELECT channel, direction FROM activities WHERE user_id = ? ORDER BY created_at DESC LIMIT 1';
const LAST_BY_ANYONE = 'SELECT channel, direction FROM activities WHERE user_id IS NULL ORDER BY created_at DESC LIMIT 1';
const PRIMARY = 'SELECT id FROM contact_persons WHERE customer_id = ? AND is_primary = 1 LIMIT 1';
const LAST_SPOKEN_TO = `SELECT contact_person_id AS id FROM activities
  WHERE customer_id = ? AND contact_person_id IS NOT NULL ORDER BY occurred_at DESC LIMIT 1`;

/** The channel and direction of the collector's last logged contact; the customer's primary or last contact person. */
export function queryContactDefaults(sqlite: ReadDb, me: string | null, customerId: string | undefined): ContactDefaults {
  const last =
    me === null
      ? prepared<[], { channel: Channel; direction: Direction }>(sqlite, LAST_BY_ANYONE).get()
      : prepared<[string], { channel: Channel; direction: Direction }>(sqlite, LAST_BY_USER).get(me);
  const person =
    customerId === undefined
      ? undefined
      : (prepared<[string], { id: string }>(sqlite, PRIMARY).get(customerId) ?? prepared<[string], { id: string }>(sqlite, LAST_SPOKEN_TO).get(customerId));
  return { channel: last?.channel ?? 'phone', direction: last?.direction ?? 'outbound', contactPersonId: person?.id ?? null };
}
