/**
 * The account reads every follow-up of its customer, open or done; the only index by customer held the
 * open ones, so that read scanned the whole table (2 ms of the account at the xl size, 0.013 ms with an
 * index). One index by customer, status and due date serves it and the open follow-ups' read alike.
 *
 * A first sync that was under way when the app quit has dropped the synced tables' indexes and keeps
 * their SQL to rebuild them when it finishes (db/sync/bulk-snapshot.ts): then the old index is already
 * gone, and the new one takes its place in that list rather than being built now.
 */
import { sql, type Kysely } from 'kysely';

const OLD_INDEX = 'follow_ups_customer_open';
const NEW_INDEX = { type: 'index', name: 'follow_ups_customer', sql: 'CREATE INDEX follow_ups_customer ON follow_ups (customer_id, status, due_date)' } as const;
const SUSPENDED_KEY = 'bulk.suspended_schema_objects';

interface SchemaObject {
  readonly type: string;
  readonly name: string;
  readonly sql: string;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`DROP INDEX IF EXISTS ${OLD_INDEX}`).execute(db);
  const suspended = await sql<{ value: string }>`SELECT value FROM sync_state WHERE key = ${SUSPENDED_KEY}`.execute(db);
  const saved = suspended.rows[0];
  if (saved === undefined) {
    await sql.raw(NEW_INDEX.sql).execute(db);
    return;
  }
  const objects = savedObjects(saved.value);
  if (objects === null) {
    // Not a list this app wrote: the sync's own reader refuses it and says so; the index is built now.
    await sql.raw(NEW_INDEX.sql).execute(db);
    return;
  }
  const kept = objects.filter((object) => object.name !== OLD_INDEX && object.name !== NEW_INDEX.name);
  await sql`UPDATE sync_state SET value = ${JSON.stringify([...kept, NEW_INDEX])} WHERE key = ${SUSPENDED_KEY}`.execute(db);
}

function savedObjects(value: string): SchemaObject[] | null {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) && parsed.every((object) => typeof object === 'object' && object !== null && 'name' in object) ? (parsed as SchemaObject[]) : null;
  } catch {
    return null;
  }
}
