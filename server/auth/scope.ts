/**
 * Which customers a user may see and change: a collector the customers assigned to them, a
 * team lead their team's customers (and any assigned to them personally), an admin all.
 * Every data endpoint filters through here; a customer outside the scope answers 404, so ids
 * cannot be probed.
 */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import type { Principal } from './principal';

type CustomersEb = ExpressionBuilder<ServerDatabase, 'customers'>;
type ChangeLogEb = ExpressionBuilder<ServerDatabase, 'change_log'>;

/** A WHERE filter for any query that has `customers` in its FROM clause. */
export function customerScopeFilter(principal: Principal): (eb: CustomersEb) => Expression<SqlBool> {
  switch (principal.role) {
    case 'admin':
      return (eb) => eb.lit(true);
    case 'team_lead':
      return (eb) =>
        principal.teamId === null
          ? eb('customers.collector_id', '=', principal.userId)
          : eb.or([eb('customers.team_id', '=', principal.teamId), eb('customers.collector_id', '=', principal.userId)]);
    case 'collector':
      return (eb) => eb('customers.collector_id', '=', principal.userId);
  }
}

/**
 * The same rule over the assignment a customer's change_log entry recorded from before the change
 * (migration 005): true on the entries whose customer the principal could have held until then.
 * Only meaningful where `previous_scope_known` is true.
 */
export function previousScopeFilter(principal: Principal): (eb: ChangeLogEb) => Expression<SqlBool> {
  switch (principal.role) {
    case 'admin':
      return (eb) => eb.lit(true);
    case 'team_lead':
      return (eb) =>
        principal.teamId === null
          ? eb('change_log.previous_collector_id', '=', principal.userId)
          : eb.or([eb('change_log.previous_team_id', '=', principal.teamId), eb('change_log.previous_collector_id', '=', principal.userId)]);
    case 'collector':
      return (eb) => eb('change_log.previous_collector_id', '=', principal.userId);
  }
}

export async function visibleCustomerIds(db: Kysely<ServerDatabase>, principal: Principal): Promise<string[]> {
  const rows = await db.selectFrom('customers').select('customers.id').where(customerScopeFilter(principal)).orderBy('customers.id').execute();
  return rows.map((row) => row.id);
}

export async function canSeeCustomer(db: Kysely<ServerDatabase>, principal: Principal, customerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('customers')
    .select('customers.id')
    .where('customers.id', '=', customerId)
    .where(customerScopeFilter(principal))
    .executeTakeFirst();
  return row !== undefined;
}

/** Collector work (activities, promises, disputes) may be recorded on every customer the user can see. */
export const canChangeCustomer = canSeeCustomer;
