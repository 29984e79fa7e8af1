/**
 * A team's default language reaches the desktop with the directory (GET /v1/directory `teams`), at
 * every sync, replacing what the desktop had: a new language, a new team and a team gone. The account
 * shows it for the customers of the team (`teamLanguage`), and their statements fall back to it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, setTeamLanguage } from '../../../server/cli/admin-commands';
import { DEMO_TEAM, DEMO_USERNAMES } from '../../../server/demo/credentials';
import { BACKENDS } from '../server/support/backends';
import { pdfText } from '../reports/read-back';
import { signedInClient, startSyncServer, type SyncServer, type TestClient } from './support';

describe.each(BACKENDS)("a team's language on %s", (kind) => {
  let server: SyncServer;
  let client: TestClient;
  /** The collector's first customer, without a language of its own or of its contact persons. */
  let customerId = '';
  beforeAll(async () => {
    server = await startSyncServer(kind);
    const { db } = server.h.testDb;
    const collector = await db.selectFrom('users').select('id').where('username', '=', DEMO_USERNAMES.collector).executeTakeFirstOrThrow();
    customerId = (await db.selectFrom('customers').select('id').where('collector_id', '=', collector.id).orderBy('number').limit(1).executeTakeFirstOrThrow()).id;
    // Rows as they stand before the first snapshot: an ERP record without a correspondence language.
    await db.updateTable('customers').set({ language: null }).where('id', '=', customerId).execute();
    await db.updateTable('contact_persons').set({ language: null }).where('customer_id', '=', customerId).execute();
    client = await signedInClient(server);
  });
  afterAll(async () => {
    await client.close();
    await server.dispose();
  });

  const localTeams = () => client.workspace.store.sqlite.prepare('SELECT id, name, language FROM teams ORDER BY name').all();
  const header = async () => (await client.call('customer.account', { customerId })).customer;
  /** The customer's statement as text, exported by a user whose language is Spanish. */
  async function statement(): Promise<string> {
    const { jobId } = await client.call('report.exportStart', { kind: 'statement', format: 'pdf', language: 'es', filter: { customerId } });
    for (;;) {
      const status = await client.call('report.exportStatus', { jobId });
      if (status.state !== 'running') {
        expect(status).toMatchObject({ state: 'done', error: null });
        return pdfText(status.filePath);
      }
      await sleep(20);
    }
  }

  it('arrives with the first sync, and a change on the server replaces it at the next', async () => {
    expect(localTeams()).toEqual([{ id: DEMO_TEAM.id, name: DEMO_TEAM.name, language: 'en' }]);
    expect(await header()).toMatchObject({ language: null, teamLanguage: 'en' });
    expect(await statement()).toContain('Statement of account');

    const { db } = server.h.testDb;
    await setTeamLanguage(db, DEMO_TEAM.name, 'DE');
    const other = await createTeam(db, server.h.clock, 'Zürich', null, 'es-mx');
    expect((await client.workspace.engine?.syncOnce())?.state).toBe('idle');
    expect(localTeams()).toEqual([
      { id: DEMO_TEAM.id, name: DEMO_TEAM.name, language: 'de' },
      { id: other.id, name: 'Zürich', language: 'es-MX' },
    ]);
    expect(await header()).toMatchObject({ language: null, teamLanguage: 'de' });
    expect(await statement()).toContain('Kontoauszug');

    // Cleared, and a team gone from the server is gone here too: the statement is in the user's language.
    await setTeamLanguage(db, DEMO_TEAM.name, null);
    await db.deleteFrom('teams').where('id', '=', other.id).execute();
    expect((await client.workspace.engine?.syncOnce())?.state).toBe('idle');
    expect(localTeams()).toEqual([{ id: DEMO_TEAM.id, name: DEMO_TEAM.name, language: null }]);
    expect(await header()).toMatchObject({ language: null, teamLanguage: null });
    expect(await statement()).toContain('Estado de cuenta');
  });
});
