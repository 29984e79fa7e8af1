import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryResponseSchema } from '../../../shared/sync/protocol';
import { createTeam, disableUser, setTeamLanguage } from '../../../server/cli/admin-commands';
import { BACKENDS } from './support/backends';
import { bearer, login, seedTeam, seedUser, startHarness, type Harness } from './support/harness';

describe.each(BACKENDS)('GET /v1/directory on %s', (kind) => {
  let h: Harness;
  const users: { id: string; username: string; role: string; teamId: string | null }[] = [];
  let gone = '';
  let teamId = '';
  let teamName = '';

  beforeAll(async () => {
    h = await startHarness(kind);
    const team = await seedTeam(h);
    teamName = team;
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

  it('lists every team with its name and default language, by name, and the language as it is now', async () => {
    const collector = users[0];
    if (collector === undefined) throw new Error('no collector');
    const other = await createTeam(h.testDb.db, h.clock, `a-team-${teamId}`, null, 'es-MX');
    const headers = bearer((await login(h, collector.username)).accessToken);
    const teams = async () => {
      const response = await h.app.inject({ method: 'GET', url: '/v1/directory', headers });
      expect(response.statusCode).toBe(200);
      // Exactly the three fields: no time zone, no creation time.
      expect(response.json<{ teams: Record<string, unknown>[] }>().teams.every((team) => Object.keys(team).sort().join() === 'id,language,name')).toBe(true);
      return DirectoryResponseSchema.parse(response.json()).teams;
    };
    expect(await teams()).toEqual([
      { id: other.id, name: other.name, language: 'es-MX' },
      { id: teamId, name: teamName, language: null },
    ]);
    await setTeamLanguage(h.testDb.db, teamName, 'de');
    expect((await teams()).find((team) => team.id === teamId)).toEqual({ id: teamId, name: teamName, language: 'de' });
  });

  it("parses an older server's answer without teams, and a language a client cannot read as none", () => {
    expect(DirectoryResponseSchema.parse({ users: [] })).toEqual({ users: [], teams: [] });
    expect(DirectoryResponseSchema.parse({ users: [], teams: [{ id: 't', name: 'T' }, { id: 'u', name: 'U', language: 'not a tag!' }, { id: 'v', name: 'V', language: 'DE_ch' }] }).teams).toEqual([
      { id: 't', name: 'T', language: null },
      { id: 'u', name: 'U', language: null },
      { id: 'v', name: 'V', language: 'de-CH' },
    ]);
  });

  it('is for signed-in users only', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/v1/directory' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});
