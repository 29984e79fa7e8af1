/**
 * The customers of one push, read in bulk: which exist and which the caller may change. Mutations
 * never write customers, so one read per request serves every mutation that names a customer.
 */
import type { Kysely } from 'kysely';
import { DomainError } from '../../shared/api/result';
import type { Principal } from '../auth/principal';
import { customerScopeFilter } from '../auth/scope';
import type { ServerDatabase } from '../db/schema';

export interface CustomerLookup {
  /** The id, or DomainError not_found when the customer does not exist. */
  require(customerId: string): Promise<string>;
  mayChange(customerId: string): Promise<boolean>;
}

interface Known {
  readonly exists: boolean;
  readonly mayChange: boolean;
}

export function customerLookup(db: Kysely<ServerDatabase>, principal: Principal): CustomerLookup & { prefetch(ids: readonly string[]): Promise<void> } {
  const known = new Map<string, Known>();

  async function read(ids: readonly string[]): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !known.has(id));
    if (wanted.length === 0) return;
    const existing = await db.selectFrom('customers').select('customers.id').where('customers.id', 'in', wanted).execute();
    const visible = await db.selectFrom('customers').select('customers.id').where('customers.id', 'in', wanted).where(customerScopeFilter(principal)).execute();
    const existingIds = new Set(existing.map((row) => row.id));
    const visibleIds = new Set(visible.map((row) => row.id));
    for (const id of wanted) known.set(id, { exists: existingIds.has(id), mayChange: visibleIds.has(id) });
  }

  async function get(id: string): Promise<Known> {
    await read([id]);
    return known.get(id) ?? { exists: false, mayChange: false };
  }

  return {
    prefetch: read,
    async require(customerId) {
      if (!(await get(customerId)).exists) throw new DomainError('not_found', `customer ${customerId} does not exist`, 'customerId');
      return customerId;
    },
    async mayChange(customerId) {
      return (await get(customerId)).mayChange;
    },
  };
}
