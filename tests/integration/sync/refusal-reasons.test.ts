/**
 * Refusals travel as codes: a change the server refuses (a rule's refusal, or one of the protocol's
 * own with its values) reaches the desktop's sync issues with its reason and params beside the
 * English message, and so does the last answer to a push the server keeps failing; stored values
 * that are damaged are left out, so the message words the issue. A refused sign-in carries the
 * server's reason to the dialog. The desktop side does not depend on the server's database, so one
 * backend is enough.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/api/dispatch';
import { CREATED_AT_MAX_AGE_DAYS } from '../../../shared/sync/created-at';
import { getSyncIssue } from '../../../db/sync/issues';
import { enqueueMutation, STUCK_AFTER_ATTEMPTS } from '../../../db/sync/outbox';
import { DEMO_USERNAMES } from '../../../server/demo/credentials';
import { AS_OF, NOW, openClient, signedInClient, startSyncServer, type SyncServer, type TestClient } from './support';

const DAY_MS = 86_400_000;

describe('refusal reasons from the server to the sync issues', () => {
  let server: SyncServer;
  const clients: TestClient[] = [];
  const track = (client: TestClient): TestClient => {
    clients.push(client);
    return client;
  };
  const firstCustomer = (client: TestClient): string =>
    (client.workspace.store.sqlite.prepare('SELECT id FROM customers ORDER BY number LIMIT 1').get() as { id: string }).id;

  beforeAll(async () => {
    server = await startSyncServer('pglite');
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) await client.close();
    await server.dispose();
  });

  it("keeps a rule's refusal and a protocol refusal with its values, stored beside the English message", async () => {
    const client = track(await signedInClient(server));
    const sqlite = client.workspace.store.sqlite;
    const customerId = firstCustomer(client);
    const note = await client.call('note.add', { customerId, body: 'Called about the March invoices' });
    await client.workspace.engine?.syncOnce();
    // Changes this store's own rules would refuse, queued as an older version of the app might have: the server judges them.
    const unchanged = uuidv7();
    enqueueMutation(sqlite, { id: unchanged, name: 'note.edit', args: { noteId: note.id, body: 'Called about the March invoices' }, createdAt: NOW, day: AS_OF });
    const longAgo = new Date(Date.parse(NOW) - (CREATED_AT_MAX_AGE_DAYS + 1) * DAY_MS).toISOString();
    const tooOld = uuidv7();
    enqueueMutation(sqlite, { id: tooOld, name: 'note.add', args: { customerId, body: 'Written on a computer offline for over a year' }, createdAt: longAgo, day: longAgo.slice(0, 10) });

    expect(await client.workspace.engine?.syncOnce()).toMatchObject({ pending: 0, issues: 2 });
    const issues = await client.call('sync.issues', {});
    expect(issues.find((issue) => issue.id === unchanged)?.error).toEqual({ code: 'validation', message: 'the text is unchanged', field: 'args.body', reason: 'noteUnchanged' });
    expect(issues.find((issue) => issue.id === tooOld)?.error).toEqual({
      code: 'validation',
      message: `createdAt lies more than ${String(CREATED_AT_MAX_AGE_DAYS)} days before the server's time; a change that old is not applied`,
      field: 'createdAt',
      reason: 'createdAtTooOld',
      params: { days: CREATED_AT_MAX_AGE_DAYS },
    });
    const stored = sqlite.prepare('SELECT id, error_reason, error_params FROM sync_issues ORDER BY id').all();
    expect(stored).toEqual(
      [
        { id: unchanged, error_reason: 'noteUnchanged', error_params: null },
        { id: tooOld, error_reason: 'createdAtTooOld', error_params: JSON.stringify({ days: CREATED_AT_MAX_AGE_DAYS }) },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('reads a stored refusal whose reason or values are damaged by its message alone', async () => {
    const client = track(await openClient());
    const sqlite = client.workspace.store.sqlite;
    const insert = sqlite.prepare<[string, string | null, string | null]>(
      `INSERT INTO sync_issues (id, name, args_json, customer_id, error_code, error_message, error_field, error_reason, error_params, created_at, rejected_at)
       VALUES (?, 'note.add', '{"body":"x"}', NULL, 'validation', 'the English message', 'args.body', ?, ?, '${NOW}', '${NOW}')`,
    );
    const rows: readonly (readonly [string | null, string | null, object])[] = [
      ['createdAtTooOld', '{"days": 400', {}],
      ['createdAtTooOld', '[400]', {}],
      ['createdAtTooOld', '{"days": {"value": 400}}', {}],
      ['createdAtTooOld', '"400 days"', {}],
      ['createdAtTooOld', JSON.stringify({ days: 'x'.repeat(1_001) }), {}],
      ['x'.repeat(65), null, {}],
      [null, '{"days": 400}', {}],
      // Well formed: kept, a reason this version does not know included (errorText words that one by the message).
      ['noteUnchanged', null, { reason: 'noteUnchanged' }],
      ['createdAtTooOld', '{"days": 400}', { reason: 'createdAtTooOld', params: { days: 400 } }],
      ['aReasonOfANewerServer', '{"n": 1}', { reason: 'aReasonOfANewerServer', params: { n: 1 } }],
    ];
    const ids = rows.map(([reason, params]) => {
      const id = uuidv7();
      insert.run(id, reason, params);
      return id;
    });
    const issues = await client.call('sync.issues', {});
    expect(issues).toHaveLength(rows.length);
    for (const [index, [, , wording]] of rows.entries()) {
      const issue = issues.find((candidate) => candidate.id === ids[index]);
      expect(issue?.error, String(index)).toEqual({ code: 'validation', message: 'the English message', field: 'args.body', ...wording });
    }
    // One issue read on its own (retry, discard) goes the same way.
    expect(getSyncIssue(sqlite, ids[0] ?? '').error).toEqual({ code: 'validation', message: 'the English message', field: 'args.body' });
  });

  it("keeps the server's reason with the last answer to a push it keeps failing, and reads a damaged answer as none", async () => {
    let failPushes = false;
    const failing: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (failPushes && url.endsWith('/v1/sync/push')) {
        const body = JSON.stringify({ error: { code: 'unavailable', message: 'The database is unavailable; try again shortly.', reason: 'databaseUnavailable' } });
        return Promise.resolve(new Response(body, { status: 503, headers: { 'content-type': 'application/json' } }));
      }
      return fetch(input, init);
    };
    const client = track(await signedInClient(server, DEMO_USERNAMES.collector, { fetch: failing }));
    const sqlite = client.workspace.store.sqlite;
    failPushes = true;
    await client.call('note.add', { customerId: firstCustomer(client), body: 'Sent while the database was away' });
    for (let attempt = 0; attempt < STUCK_AFTER_ATTEMPTS; attempt += 1) await client.workspace.engine?.syncOnce();
    const [stuck] = await client.call('sync.issues', {});
    expect(stuck?.error).toEqual({ code: 'push_failed', message: '503: The database is unavailable; try again shortly.', reason: 'databaseUnavailable' });

    sqlite.prepare("UPDATE outbox SET last_error = '{\"status\": 503, \"mess'").run();
    const [damaged] = await client.call('sync.issues', {});
    expect(damaged?.error).toEqual({ code: 'push_failed', message: 'no answer was recorded', reason: 'noAnswerRecorded' });
    failPushes = false;
  });

  it("gives a refused sign-in the server's reason, and the desktop's own", async () => {
    const client = track(await openClient());
    const wrong = await dispatch(client.workspace.handlers, 'sync.signIn', { serverUrl: server.url, username: DEMO_USERNAMES.collector, password: 'not the password' });
    expect(wrong).toEqual({ ok: false, error: { code: 'validation', message: 'Wrong username or password.', field: 'password', reason: 'wrongCredentials' } });
    const unreachable = await dispatch(client.workspace.handlers, 'sync.signIn', { serverUrl: 'http://127.0.0.1:9', username: DEMO_USERNAMES.collector, password: 'x' });
    expect(unreachable).toEqual({
      ok: false,
      error: {
        code: 'validation',
        message: 'The server at http://127.0.0.1:9 cannot be reached; check the address and the connection.',
        field: 'serverUrl',
        reason: 'serverUnreachable',
        params: { url: 'http://127.0.0.1:9' },
      },
    });
  });
});
