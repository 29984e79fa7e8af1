import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin, type AdminIo } from '../../../server/cli/admin';
import type { UserListing } from '../../../server/cli/admin-commands';
import { runRecordedImport } from '../../../server/import/run';
import { runFileOf } from '../../../server/import/runs';
import { BACKENDS } from './support/backends';
import { PASSWORD, login, seedCustomer, startHarness, unique, type Harness } from './support/harness';

describe.each(BACKENDS)('admin CLI on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.dispose());

  /** Runs the CLI in-process against the test database, capturing its output. */
  async function admin(argv: string[], password = PASSWORD) {
    const out: string[] = [];
    const err: string[] = [];
    let opened = 0;
    const io: AdminIo = {
      openDb: () => {
        opened += 1;
        return Promise.resolve({ db: h.testDb.db, close: () => Promise.resolve() });
      },
      readPassword: () => Promise.resolve(password),
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      clock: h.clock,
    };
    const code = await runAdmin(argv, io);
    return { code, out: out.join('\n'), err: err.join('\n'), opened };
  }

  const users = async (): Promise<UserListing[]> => JSON.parse((await admin(['list-users', '--json'])).out) as UserListing[];
  const status = async (username: string, password = PASSWORD) =>
    (await h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password } })).statusCode;

  it('exits 2 with the usage on bad arguments, without touching the database', async () => {
    const cases = [
      [],
      ['frobnicate'],
      ['create-user', 'ann'],
      ['create-user', 'ann', '--role', 'boss'],
      ['create-user', 'ann', '--role', 'collector', '--collector', 'x'],
      ['create-team'],
      ['create-team', 'a', 'b'],
      ['disable-user', 'ann', '--bogus'],
      ['assign-customers', 'C-1'],
      ['assign-customers', '--collector', 'ann'],
      ['list-users', 'extra'],
      ['set-team-time-zone', 'North'],
      ['set-team-time-zone', 'North', 'Europe/Berlin', '--clear'],
      ['create-team', 'North', '--clear'],
      ['set-team-language', 'North'],
      ['set-team-language', 'North', 'de', '--clear'],
      ['set-team-language', 'North', 'de', '--time-zone', 'UTC'],
      ['create-team', 'North', '--language'],
      ['import-runs', '--limit', '0'],
      ['import-runs', '--limit', 'ten'],
      ['import-run'],
      ['import-run', 'a', '--limit', '3'],
    ];
    for (const argv of cases) {
      const result = await admin(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toContain('Usage: npm run server:admin');
      expect(result.opened).toBe(0);
    }
  });

  it('import-runs lists the kept import runs newest first, import-run shows one with every refusal kept', async () => {
    expect((await admin(['import-runs'])).out).toBe('No import has run yet.');
    const day = { clock: h.clock, defaultTimeZone: 'UTC' };
    const content = 'key,name,country\nR-1,Run One,DE\nR-2,,XXX\n';
    const mapping = { columns: { key: 'key', name: 'name', country: 'country' }, defaultCurrency: 'EUR' };
    const refused = await runRecordedImport(h.testDb.db, day, { source: { format: 'csv', entity: 'customers', mapping, content } }, { origin: 'cli', file: runFileOf('customers.csv', Buffer.from(content)) });
    const partial = await runRecordedImport(h.testDb.db, day, { source: { format: 'csv', entity: 'customers', mapping, content }, allowPartial: true }, { origin: 'http', file: null });

    const listed = await admin(['import-runs']);
    expect(listed.code).toBe(0);
    expect(listed.out.split('\n')).toEqual([
      ['2026-03-02T09:00:00.000Z', partial.run.id, 'http', '-', 'customers by mapping (csv)', 'imported the valid rows', 'customers 1+ 0~ 0=', '2 refused'].join('\t'),
      ['2026-03-02T09:00:00.000Z', refused.run.id, 'cli', 'customers.csv', 'customers by mapping (csv)', 'nothing applied: rows refused', '-', '2 refused'].join('\t'),
    ]);
    expect(JSON.parse((await admin(['import-runs', '--limit', '1', '--json'])).out)).toEqual([expect.objectContaining({ id: partial.run.id, rejectionCount: 2 })]);
    const detail = await admin(['import-run', refused.run.id]);
    expect(detail.out.split('\n')).toEqual([
      `Run ${refused.run.id} (cli): nothing applied: rows refused`,
      '  started 2026-03-02T09:00:00.000Z, finished 2026-03-02T09:00:00.000Z',
      '  read as customers by mapping (csv)',
      `  file customers.csv, ${String(content.length)} bytes, SHA-256 ${refused.run.file?.sha256 ?? ''}`,
      'line 3, column country (customers): "XXX": not an ISO 3166 country code (two letters)',
      'line 3, column name (customers): "": required, but empty or missing',
    ]);
    expect(await admin(['import-run', 'nope'])).toMatchObject({ code: 1, err: 'There is no import run "nope".' });
  });

  it('prints the usage for --help and exits 0', async () => {
    const result = await admin(['--help']);
    expect(result).toMatchObject({ code: 0, opened: 0 });
    expect(result.out).toContain('assign-customers --collector');
  });

  it('creates teams and users who can then sign in; duplicates fail with exit 1', async () => {
    const team = `North ${unique()}`;
    expect((await admin(['create-team', team])).code).toBe(0);
    const again = await admin(['create-team', team]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');

    const username = `lead-${unique()}`;
    const created = await admin(['create-user', username.toUpperCase(), '--role', 'team_lead', '--team', team, '--display-name', 'Lena Lead']);
    expect(created).toMatchObject({ code: 0, out: `Created team_lead "${username}".` });
    expect((await users()).find((u) => u.username === username)).toMatchObject({ role: 'team_lead', team, displayName: 'Lena Lead', disabled: false });
    expect(await status(username)).toBe(200);

    expect((await admin(['create-user', username, '--role', 'collector'])).code).toBe(1);
    expect((await admin(['create-user', `x-${unique()}`, '--role', 'collector', '--team', 'No Such Team'])).err).toContain('no team');
    const weak = await admin(['create-user', `x-${unique()}`, '--role', 'collector'], 'short');
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('at least');
  });

  it("sets the zone a team works in, refusing names the server does not know; --clear returns it to the server's", async () => {
    const team = `West ${unique()}`;
    const zoneOf = async () => (await h.testDb.db.selectFrom('teams').select('time_zone').where('name', '=', team).executeTakeFirstOrThrow()).time_zone;
    expect(await admin(['create-team', team, '--time-zone', 'America/Los_Angeles'])).toMatchObject({ code: 0, out: `Created team "${team}" in America/Los_Angeles.` });
    expect(await zoneOf()).toBe('America/Los_Angeles');

    const unknown = await admin(['set-team-time-zone', team, 'Pacific/Atlantis']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('"Pacific/Atlantis" is not a time zone this server knows');
    expect(await zoneOf()).toBe('America/Los_Angeles');
    expect((await admin(['create-team', `East ${unique()}`, '--time-zone', 'Mars'])).code).toBe(1);

    expect(await admin(['set-team-time-zone', team, 'utc'])).toMatchObject({ code: 0, out: `Team "${team}" now works in UTC.` });
    expect(await zoneOf()).toBe('UTC');
    expect(await admin(['set-team-time-zone', team, '--clear'])).toMatchObject({ code: 0, out: `Team "${team}" now works in the server's own zone.` });
    expect(await zoneOf()).toBeNull();
    expect((await admin(['set-team-time-zone', 'No Such Team', 'UTC'])).err).toContain('no team');
  });

  it("sets a team's language in its canonical form, refusing what is no language code with the field and why; --clear removes it", async () => {
    const team = `DACH ${unique()}`;
    const languageOf = async () => (await h.testDb.db.selectFrom('teams').select('language').where('name', '=', team).executeTakeFirstOrThrow()).language;
    expect(await admin(['create-team', team, '--time-zone', 'Europe/Berlin', '--language', 'DE_at'])).toMatchObject({ code: 0, out: `Created team "${team}" in Europe/Berlin, language de-AT.` });
    expect(await languageOf()).toBe('de-AT');
    const plain = `Plain ${unique()}`;
    expect(await admin(['create-team', plain])).toMatchObject({ code: 0, out: `Created team "${plain}".` });
    expect((await h.testDb.db.selectFrom('teams').select('language').where('name', '=', plain).executeTakeFirstOrThrow()).language).toBeNull();

    const invalid = await admin(['set-team-language', team, 'Deutsch!']);
    expect(invalid).toMatchObject({ code: 1, err: `The team's language "Deutsch!" must be a language code such as de, es-MX or zh-CN.` });
    const long = 'de-' + 'abcdefgh-'.repeat(4) + 'x';
    expect(await admin(['set-team-language', team, long])).toMatchObject({ code: 1, err: `The team's language "${long}" must be at most 35 characters.` });
    expect((await admin(['set-team-language', team, ' '])).err).toBe(`The team's language " " is empty: give a language code such as de, es-MX or zh-CN, or --clear.`);
    expect(await languageOf()).toBe('de-AT');
    // Refused before the team is looked at, and nothing is created.
    const refused = `Refused ${unique()}`;
    expect((await admin(['create-team', refused, '--language', 'x'])).code).toBe(1);
    expect(await h.testDb.db.selectFrom('teams').select('id').where('name', '=', refused).executeTakeFirst()).toBeUndefined();

    // Any language is kept, not only those with documents: French falls through to the user's language there.
    expect(await admin(['set-team-language', team, 'fr'])).toMatchObject({ code: 0, out: `Team "${team}" now falls back to fr for its customers' documents.` });
    expect(await languageOf()).toBe('fr');
    expect(await admin(['set-team-language', team, '--clear'])).toMatchObject({ code: 0, out: `Team "${team}" has no language now: its customers' documents fall back to the user's language.` });
    expect(await languageOf()).toBeNull();
    expect(await admin(['set-team-language', 'No Such Team', 'de'])).toMatchObject({ code: 1, err: 'There is no team "No Such Team".' });
  });

  it('reset-password changes the password and ends existing sessions', async () => {
    const username = `c-${unique()}`;
    await admin(['create-user', username, '--role', 'collector']);
    const session = await login(h, username);
    expect((await admin(['reset-password', username], 'a brand new password')).code).toBe(0);
    expect(await status(username)).toBe(401);
    expect(await status(username, 'a brand new password')).toBe(200);
    const refresh = await h.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: session.refreshToken } });
    expect(refresh.statusCode).toBe(401);
    expect((await admin(['reset-password', 'nobody-at-all'])).code).toBe(1);
  });

  it('disable-user blocks sign-in and shows in list-users', async () => {
    const username = `c-${unique()}`;
    await admin(['create-user', username, '--role', 'collector']);
    expect((await admin(['disable-user', username])).code).toBe(0);
    expect(await status(username)).toBe(403);
    expect((await users()).find((u) => u.username === username)?.disabled).toBe(true);
    expect((await admin(['list-users'])).out).toContain(`${username}\tcollector`);
  });

  it('assign-customers moves customers to the collector and their team, logged for the pull; all or nothing', async () => {
    const team = `South ${unique()}`;
    await admin(['create-team', team]);
    const username = `c-${unique()}`;
    await admin(['create-user', username, '--role', 'collector', '--team', team]);
    const a = await seedCustomer(h, null);
    const b = await seedCustomer(h, null);

    const failed = await admin(['assign-customers', '--collector', username, a.number, 'NO-SUCH-NUMBER']);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('NO-SUCH-NUMBER');
    const { db } = h.testDb;
    expect((await db.selectFrom('customers').select('collector_id').where('id', '=', a.id).executeTakeFirstOrThrow()).collector_id).toBeNull();

    const done = await admin(['assign-customers', '--collector', username, a.number, b.number]);
    expect(done).toMatchObject({ code: 0, out: `Assigned 2 customers to "${username}".` });
    const rows = await db
      .selectFrom('customers')
      .innerJoin('users', 'users.id', 'customers.collector_id')
      .innerJoin('teams', 'teams.id', 'customers.team_id')
      .select(['customers.id', 'users.username', 'teams.name', 'customers.version', 'customers.updated_seq'])
      .where('customers.id', 'in', [a.id, b.id])
      .execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ username, name: team, version: 2 });
    const log = await db.selectFrom('change_log').select(['seq', 'entity_id', 'op']).where('customer_id', 'in', [a.id, b.id]).execute();
    expect(log.map((entry) => entry.op)).toEqual(['upsert', 'upsert']);
    expect(rows.map((row) => row.updated_seq).sort()).toEqual(log.map((entry) => entry.seq).sort());
    expect((await users()).find((u) => u.username === username)?.customers).toBe(2);

    const session = await login(h, username);
    const list = await h.app.inject({ method: 'GET', url: '/v1/portfolio/customers', headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(list.json<{ customers: { id: string }[] }>().customers.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
  });
  it('assign-from-file assigns by a mapping, all or nothing, says what it did, and a second run changes nothing', async () => {
    const team = `West ${unique()}`;
    await admin(['create-team', team]);
    const [ann, bob] = [`ann-${unique()}`, `bob-${unique()}`];
    for (const username of [ann, bob]) await admin(['create-user', username, '--role', 'collector', '--team', team]);
    const a = await seedCustomer(h, null);
    const b = await seedCustomer(h, null);
    const dir = mkdtempSync(join(tmpdir(), 'assign-'));
    const file = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const { db } = h.testDb;
    const assigned = async () => db.selectFrom('customers').select(['id', 'collector_id', 'assignment_reason', 'assigned_at', 'version']).where('id', 'in', [a.id, b.id]).orderBy('number').execute();

    // A blank line does not shift the lines the report names.
    const bad = await admin(['assign-from-file', file('bad.csv', `customer,collector\n\n${a.number},${ann}\nNOPE,${bob}\n${b.number},nobody-${unique()}\n`)]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('line 4: "NOPE": no customer with number or ERP key "NOPE"');
    expect(bad.out).toMatch(/line 5: "nobody-[^"]+": there is no user/);
    expect(bad.err).toBe('Nothing was assigned: 2 lines refused.');
    expect((await assigned()).map((row) => row.collector_id)).toEqual([null, null]);

    // By number and by ERP key; a dry run plans and writes nothing.
    const mapping = file('map.csv', `Customer,Collector\n${a.number},${ann}\nERP-${b.number},${bob.toUpperCase()}\n`);
    expect(await admin(['assign-from-file', mapping, '--dry-run'])).toMatchObject({ code: 0, out: `Would assign 2 customers (${ann} 1, ${bob} 1); 0 already with that collector; 0 matched no rule.` });
    expect((await assigned()).map((row) => row.collector_id)).toEqual([null, null]);

    expect(await admin(['assign-from-file', mapping])).toMatchObject({ code: 0, out: `Assigned 2 customers (${ann} 1, ${bob} 1); 0 already with that collector; 0 matched no rule.` });
    const ids = await db.selectFrom('users').select(['id', 'username']).where('username', 'in', [ann, bob]).execute();
    const idOf = (username: string) => ids.find((user) => user.username === username)?.id;
    const after = await assigned();
    expect(after).toHaveLength(2);
    expect(after).toEqual(
      expect.arrayContaining([
        { id: a.id, collector_id: idOf(ann), assignment_reason: 'bulk assignment from map.csv', assigned_at: h.clock.now().toISOString(), version: 2 },
        { id: b.id, collector_id: idOf(bob), assignment_reason: 'bulk assignment from map.csv', assigned_at: h.clock.now().toISOString(), version: 2 },
      ]),
    );
    const logged = async () => db.selectFrom('change_log').select('seq').where('customer_id', 'in', [a.id, b.id]).execute();
    expect(await logged()).toHaveLength(2);

    expect(await admin(['assign-from-file', mapping])).toMatchObject({ code: 0, out: 'Assigned 0 customers; 2 already with that collector; 0 matched no rule.' });
    expect(await logged()).toHaveLength(2);
  });

  it('assign-from-file assigns by rules the customers nobody collects, the first matching rule winning', async () => {
    const team = `East ${unique()}`;
    await admin(['create-team', team]);
    const [cara, dan] = [`cara-${unique()}`, `dan-${unique()}`];
    for (const username of [cara, dan]) await admin(['create-user', username, '--role', 'collector', '--team', team]);
    const austrian = await seedCustomer(h, null);
    const german = await seedCustomer(h, null);
    const { db } = h.testDb;
    await db.updateTable('customers').set({ country: 'AT' }).where('id', '=', austrian.id).execute();
    const dir = mkdtempSync(join(tmpdir(), 'assign-'));
    const rules = (body: unknown): string => {
      writeFileSync(join(dir, 'rules.json'), JSON.stringify(body));
      return join(dir, 'rules.json');
    };
    const range = { from: austrian.number < german.number ? austrian.number : german.number, to: austrian.number < german.number ? german.number : austrian.number };

    const refused = await admin(['assign-from-file', rules({ rules: [{ collector: `ghost-${unique()}`, countries: ['AT'] }] })]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/rule 1: "ghost-[^"]+": there is no user/);
    const malformed = await admin(['assign-from-file', rules({ rules: [{ collector: cara, countries: ['Austria'] }] })]);
    expect(malformed).toMatchObject({ code: 1, err: expect.stringContaining('rules.0.countries.0: must be ISO 3166 country codes such as "DE"') as string });

    const done = await admin(['assign-from-file', rules({ rules: [{ collector: cara.toUpperCase(), countries: ['AT'], numbers: range }, { collector: dan, numbers: range }] }), '--reason', 'New territories', '--json']);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({ source: 'rules', committed: true, byCollector: { [cara]: 1, [dan]: 1 }, rejected: [] });
    const rows = await db.selectFrom('customers').innerJoin('users', 'users.id', 'customers.collector_id').select(['customers.id', 'users.username', 'customers.assignment_reason']).where('customers.id', 'in', [austrian.id, german.id]).execute();
    expect(Object.fromEntries(rows.map((row) => [row.id, [row.username, row.assignment_reason]]))).toEqual({ [austrian.id]: [cara, 'New territories'], [german.id]: [dan, 'New territories'] });
  });
});
