/**
 * The `ids` of a pushed mutation: the ids the local command gave the rows it created, read back
 * from the audit log (docs/SYNC.md, "Client ids"), so the server creates them under the same ids.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { CreatedIds } from '../../shared/sync/protocol';
import { prepared } from '../statements';
import { AUDIT_ENTITY_TABLES, CREATING_ACTIONS } from './entities';

export function createdIdsOf(sqlite: BetterSqlite3.Database, mutationId: string, name: string): CreatedIds | undefined {
  const entries = prepared<[string], { entity: string; entity_id: string; action: string }>(
    sqlite,
    'SELECT entity, entity_id, action FROM audit_log WHERE mutation_id = ? ORDER BY seq',
  ).all(mutationId);
  const byTable = new Map<string, string[]>();
  for (const entry of entries) {
    const table = AUDIT_ENTITY_TABLES[entry.entity];
    if (table === undefined || !CREATING_ACTIONS.has(entry.action)) continue;
    const list = byTable.get(table) ?? [];
    list.push(entry.entity_id);
    byTable.set(table, list);
  }
  if (byTable.size === 0) return undefined;
  const ids: Record<string, string | string[]> = {};
  for (const [table, list] of byTable) ids[table] = list.length === 1 && name !== 'promise.plan' ? (list[0] ?? '') : list;
  // A payment plan (promise.plan, or agreed in a logged contact) names no row of its own: its id travels apart.
  const first = byTable.get('promises')?.[0];
  const plan = first === undefined ? undefined : prepared<[string], { plan_id: string | null }>(sqlite, 'SELECT plan_id FROM promises WHERE id = ?').get(first);
  if (plan?.plan_id) ids.plan = plan.plan_id;
  return ids;
}
