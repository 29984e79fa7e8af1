/** Signing in at an address where some other web server answers says so, not just "not found". */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/demo/credentials';
import { openClient, type TestClient } from './support';

const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

describe('sign-in at an address without a Ledgerline server', () => {
  it.each([
    ['a JSON "not found"', () => new Response(JSON.stringify({ message: 'not found' }), { status: 404, headers: { 'content-type': 'application/json' } })],
    ['an HTML page', () => new Response('<html><body>Welcome to nginx</body></html>', { status: 200, headers: { 'content-type': 'text/html' } })],
  ])('answered with %s names the address and that no Ledgerline server is there', async (_, answer) => {
    const client = await openClient({ fetch: () => Promise.resolve(answer()) });
    clients.push(client);
    await expect(client.call('sync.signIn', { serverUrl: 'https://intranet.example.com', username: 'ann', password: DEMO_PASSWORD })).rejects.toThrow(
      /^sync\.signIn: validation No Ledgerline server answered at https:\/\/intranet\.example\.com; check the address .*\(serverUrl\)$/,
    );
  });
});
