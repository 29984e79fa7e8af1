/**
 * A mutation the server cannot apply (here: a database trigger refuses its row, which no schema
 * foresees) comes back `unprocessable`; the desktop engine keeps it in the sync issues like any
 * other rejection, undoes it locally, and the changes queued behind it reach the server.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../server/support/backends';
import { signedInClient, startSyncServer, type SyncServer, type TestClient } from './support';

describe.each(BACKENDS)('an unprocessable mutation on %s', (kind) => {
  let server: SyncServer;
  let client: TestClient;

  beforeAll(async () => {
    server = await startSyncServer(kind);
    const db = server.h.testDb.db;
    await sql
      .raw(
        `CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW.body LIKE 'poison%' THEN RAISE EXCEPTION 'refused by a test trigger'; END IF;
           RETURN NEW;
         END $$`,
      )
      .execute(db);
    await sql.raw('CREATE TRIGGER refuse_poison BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION refuse_poison()').execute(db);
    client = await signedInClient(server);
  });
  afterAll(async () => {
    await client.close();
    await server.dispose();
  });

  it('becomes a sync issue and does not hold back the changes after it', async () => {
    const sqlite = client.workspace.store.sqlite;
    const customerId = (sqlite.prepare('SELECT id FROM customers ORDER BY number LIMIT 1').get() as { id: string }).id;
    const poisoned = await client.call('note.add', { customerId, body: 'poison pill' });
    const after = await client.call('note.add', { customerId, body: 'written after the poison pill' });

    const status = await client.workspace.engine?.syncOnce();
    expect(status).toMatchObject({ state: 'idle', pending: 0, issues: 1, error: null });
    const [issue] = await client.call('sync.issues', {});
    expect(issue).toMatchObject({ name: 'note.add', args: { customerId, body: 'poison pill' }, customerId, error: { code: 'unprocessable' } });
    // Undone locally, and the note behind it is on the server.
    expect(sqlite.prepare('SELECT count(*) AS n FROM notes WHERE id = ?').get(poisoned.id)).toEqual({ n: 0 });
    const onServer = await server.h.testDb.db.selectFrom('notes').select('body').where('id', 'in', [poisoned.id, after.id]).execute();
    expect(onServer).toEqual([{ body: 'written after the poison pill' }]);
  });
});
