/**
 * The customers of one push, read in bulk: which the caller may change. Mutations never write
 * customers, so one read per request serves every mutation that names a customer. A customer that
 * does not exist is simply not one the caller may change: the push answers both the same way, so
 * customer ids cannot be probed.
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal';
import { customerScopeFilter } from '../auth/scope';
import type { ServerDatabase } from '../db/schema';

export interface CustomerLookup {
  /** Reads these customers in one query, so the mayChange calls for them that follow need none. */
  prefetch(ids: readonly string[]): Promise<void>;
  /** False for a customer outside the caller's scope and for one that does not exist. */
  mayChange(customerId: string): Promise<boolean>;
}

export function customerLookup(db: Kysely<ServerDatabase>, principal: Principal): CustomerLookup {
  const known = new Map<string, boolean>();

  async function prefetch(ids: readonly string[]): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !known.has(id));
    if (wanted.length === 0) return;
    const visible = await db.selectFrom('customers').select('customers.id').where('customers.id', 'in', wanted).where(customerScopeFilter(principal)).execute();
    const visibleIds = new Set(visible.map((row) => row.id));
    for (const id of wanted) known.set(id, visibleIds.has(id));
  }

  return {
    prefetch,
    async mayChange(customerId) {
      await prefetch([customerId]);
      return known.get(customerId) ?? false;
    },
  };
}
