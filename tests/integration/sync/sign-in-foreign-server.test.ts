/** Signing in at an address where some other web server answers says so, not just "not found". */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/api/dispatch';
import { DEMO_PASSWORD } from '../../../server/demo/credentials';
import { openClient, type TestClient } from './support';

const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

describe('sign-in at an address without a Ledgerline server', () => {
  it.each([
    [
      'a JSON "not found"',
      () => new Response(JSON.stringify({ message: 'not found' }), { status: 404, headers: { 'content-type': 'application/json' } }),
      { reason: 'noServerAnswerStatus', params: { url: 'https://intranet.example.com', status: 404 } },
    ],
    [
      'an HTML page',
      () => new Response('<html><body>Welcome to nginx</body></html>', { status: 200, headers: { 'content-type': 'text/html' } }),
      { reason: 'noServerAnswerNotJson', params: { url: 'https://intranet.example.com', status: 200 } },
    ],
  ])('answered with %s names the address and that no Ledgerline server is there', async (_, answer, wording) => {
    const client = await openClient({ fetch: () => Promise.resolve(answer()) });
    clients.push(client);
    const input = { serverUrl: 'https://intranet.example.com', username: 'ann', password: DEMO_PASSWORD };
    await expect(client.call('sync.signIn', input)).rejects.toThrow(
      /^sync\.signIn: validation No Ledgerline server answered at https:\/\/intranet\.example\.com; check the address .*\(serverUrl\)$/,
    );
    // With the reason and values the dialog words it by in the user's language.
    expect(await dispatch(client.workspace.handlers, 'sync.signIn', input)).toMatchObject({ ok: false, error: wording });
  });
});
