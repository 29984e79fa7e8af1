/**
 * A team lead's store: the local profile leads team "north" with collectors Ann and Bob; Cem
 * collects for team "south". Ann has two customers, Cem one; each with an overdue invoice.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { EscalationKind } from '../../../shared/domain/codes';
import { addCustomer, addItem, addUser, insertRow } from '../../support/builders';
import { createTestApi, type TestApi } from '../../support/test-api';

export interface TeamFixture {
  readonly api: TestApi;
  readonly sqlite: BetterSqlite3.Database;
  readonly leadId: string;
  readonly annId: string;
  readonly bobId: string;
  readonly cemId: string;
  readonly otherLeadId: string;
  /** Ann's two customers. */
  readonly annCustomers: readonly [string, string];
  readonly cemCustomer: string;
}

export async function createTeamFixture(): Promise<TeamFixture> {
  const api = await createTestApi();
  const { sqlite } = api.store;
  const leadId = addUser(sqlite, { display_name: 'Lena Lead', role: 'team_lead', team_id: 'north', is_local_profile: 1 }).id;
  const annId = addUser(sqlite, { display_name: 'Ann', role: 'collector', team_id: 'north' }).id;
  const bobId = addUser(sqlite, { display_name: 'Bob', role: 'collector', team_id: 'north' }).id;
  const cemId = addUser(sqlite, { display_name: 'Cem', role: 'collector', team_id: 'south' }).id;
  const otherLeadId = addUser(sqlite, { display_name: 'Sven South', role: 'team_lead', team_id: 'south' }).id;
  const customer = (collectorId: string, name: string, teamId: string) => {
    const id = addCustomer(sqlite, { collector_id: collectorId, team_id: teamId, name }).id;
    addItem(sqlite, id, { open_minor: 50_000, due_date: '2026-10-15' });
    return id;
  };
  const annCustomers = [customer(annId, 'Acme Paint', 'north'), customer(annId, 'Birch Tools', 'north')] as const;
  const cemCustomer = customer(cemId, 'Southern Steel', 'south');
  // A first read brings summaries up to today, so later snapshots compare only what a command did.
  await api.call('worklist.query', {});
  return { api, sqlite, leadId, annId, bobId, cemId, otherLeadId, annCustomers, cemCustomer };
}

export function addEscalation(sqlite: BetterSqlite3.Database, customerId: string, kind: EscalationKind, requestedBy: string | null, amountMinor: number | null = null): string {
  const id = uuidv7();
  insertRow(sqlite, 'escalations', {
    id,
    customer_id: customerId,
    kind,
    amount_minor: amountMinor,
    currency: amountMinor === null ? null : 'EUR',
    reason: `please ${kind}`,
    status: 'requested',
    requested_by: requestedBy,
    requested_at: '2026-11-20T10:00:00.000Z',
    decided_by: null,
    decided_at: null,
    decision_comment: null,
  });
  return id;
}

/** Makes another user the local profile (the person using the installation). */
export function signInAs(sqlite: BetterSqlite3.Database, userId: string): void {
  sqlite.prepare('UPDATE users SET is_local_profile = 0 WHERE is_local_profile = 1').run();
  sqlite.prepare('UPDATE users SET is_local_profile = 1 WHERE id = ?').run(userId);
}

const TABLES = ['audit_log', 'outbox'] as const;

/** What a team command may write: row counts, collectors, holds, escalation states and summaries. */
export function snapshot(sqlite: BetterSqlite3.Database): Record<string, unknown> {
  return {
    ...Object.fromEntries(TABLES.map((table) => [table, (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n])),
    customers: sqlite.prepare('SELECT id, collector_id, credit_hold, updated_at FROM customers ORDER BY id').all(),
    escalations: sqlite.prepare('SELECT id, status, decided_by, decided_at, decision_comment FROM escalations ORDER BY id').all(),
    summaries: sqlite.prepare('SELECT customer_id, updated_at FROM customer_summary ORDER BY customer_id').all(),
  };
}
