/** Open items a promise or dispute names, loaded for the rule the client's store runs too. */
import type { Kysely } from 'kysely';
import { checkOwedItems, type OwedItemFacts } from '../../shared/domain/owed-items';
import type { ServerDatabase } from '../db/schema';

export type OwedItem = OwedItemFacts;

/** The items in input order, checked by the shared rule (shared/domain/owed-items.ts). */
export async function loadOwedItems(trx: Kysely<ServerDatabase>, customerId: string, ids: readonly string[], field: string, idKey = ''): Promise<OwedItem[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('open_items')
    .select(['id', 'customer_id', 'document_number', 'currency', 'open_minor', 'disputed_minor'])
    .where('id', 'in', [...ids])
    .execute();
  return checkOwedItems(new Map(rows.map((row) => [row.id, row])), customerId, ids, field, idKey);
}
