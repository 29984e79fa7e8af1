import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryResponseSchema } from '../../../shared/sync/protocol';
import { disableUser } from '../../../server/cli/admin-commands';
import { BACKENDS } from './support/backends';
import { bearer, login, seedTeam, seedUser, startHarness, type Harness } from './support/harness';

describe.each(BACKENDS)('GET /v1/directory on %s', (kind) => {
  let h: Harness;
  const users: { id: string; username: string; role: string; teamId: string | null }[] = [];
  let gone = '';
  let teamId = '';

  beforeAll(async () => {
    h = await startHarness(kind);
    const team = await seedTeam(h);
    teamId = (await h.testDb.db.selectFrom('teams').select('id').where('name', '=', team).executeTakeFirstOrThrow()).id;
    for (const role of ['collector', 'team_lead'] as const) users.push({ ...(await seedUser(h, role, team)), role, teamId });
    users.push({ ...(await seedUser(h, 'admin')), role: 'admin', teamId: null });
    const disabled = await seedUser(h, 'collector', team);
    gone = disabled.username;
    users.push({ ...disabled, role: 'collector', teamId });
    await disableUser(h.testDb.db, h.clock, gone);
  });
  afterAll(() => h.dispose());

  it('lists every user with names, roles, teams and whether disabled, and nothing else', async () => {
    const collector = users[0];
    if (collector === undefined) throw new Error('no collector');
    const response = await h.app.inject({ method: 'GET', url: '/v1/directory', headers: bearer((await login(h, collector.username)).accessToken) });
    expect(response.statusCode).toBe(200);
    const body = DirectoryResponseSchema.parse(response.json());
    expect(body.users).toEqual(
      [...users]
        .sort((a, b) => a.username.localeCompare(b.username))
        .map((user) => ({ id: user.id, username: user.username, displayName: user.username, role: user.role, teamId: user.teamId, disabled: user.username === gone })),
    );
    // A disabled user stays listed (their name is on the rows they wrote), marked, so no client assigns them work.
    expect(body.users.filter((user) => user.disabled).map((user) => user.username)).toEqual([gone]);
    expect(body.users.map((user) => user.teamId)).toContain(teamId);
    // No e-mail addresses, hashes or other flags: exactly the six fields.
    const raw = response.json<{ users: Record<string, unknown>[] }>();
    expect(raw.users.every((user) => Object.keys(user).sort().join() === 'disabled,displayName,id,role,teamId,username')).toBe(true);
  });

  it('is for signed-in users only', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/v1/directory' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});
