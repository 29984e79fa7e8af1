import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponseSchema, type Change } from '../../../shared/sync/protocol';
import type { Principal } from '../../../server/auth/principal';
import { loadPrincipal } from '../../../server/auth/authenticate';
import { assignCustomers } from '../../../server/cli/admin-commands';
import { recordChange } from '../../../server/db/change-log';
import { createServerMigrator } from '../../../server/db/migrations';
import { migrateServerDatabase } from '../../../server/db/migrate';
import { runImport } from '../../../server/import/run';
import { pull, pullJson } from '../../../server/sync/pull';
import { BACKENDS, migrationsFrom, openTestDb } from './support/backends';
import { login, seedCustomer, seedTeam, seedUser, startHarness, unique, type Harness } from './support/harness';
import { TestClient } from './sync-client';

const NAMES = ['ann', 'bob', 'dora', 'cem', 'northLead', 'southLead', 'admin'] as const;
type Name = (typeof NAMES)[number];

/** A caller's changes of one customer, shortest form: `remove customers`, `upsert notes`, ... */
const about = (changes: readonly Change[], customerId: string): string[] => changes.filter((c) => c.customerId === customerId).map((c) => `${c.op} ${c.entity}`);

describe.each(BACKENDS)("a customer's removal goes only to callers who could have held it, on %s", (kind) => {
  let h: Harness;
  let north = '';
  const principals = new Map<Name, Principal>();
  const tokens = new Map<Name, string>();
  const cursors = new Map<Name, string>();
  let customer = '';

  /** Everyone's changes since their last pull, through the object path and the JSON text alike (they must agree). */
  async function pullEveryone(): Promise<Record<Name, Change[]>> {
    const out: Partial<Record<Name, Change[]>> = {};
    for (const name of NAMES) {
      const principal = principals.get(name);
      if (principal === undefined) throw new Error(`no principal ${name}`);
      const cursor = cursors.get(name) ?? null;
      const objects = await pull(h.testDb.db, principal, cursor, 1000);
      const text = PullResponseSchema.parse(JSON.parse((await pullJson(h.testDb.db, principal, cursor, 1000)).json));
      expect(text).toEqual(objects);
      expect(objects.hasMore).toBe(false);
      cursors.set(name, objects.cursor);
      out[name] = objects.changes;
    }
    return out as Record<Name, Change[]>;
  }

  const push = async (name: Name, mutation: string, args: unknown) => {
    const client = new TestClient(h, tokens.get(name) ?? '');
    expect(await client.pushOk([client.make(mutation, args)])).toMatchObject([{ status: 'applied' }]);
  };

  beforeAll(async () => {
    h = await startHarness(kind);
    north = await seedTeam(h);
    const south = await seedTeam(h);
    const roles: Record<Name, ['collector' | 'team_lead' | 'admin', string | undefined]> = {
      ann: ['collector', north],
      bob: ['collector', north],
      dora: ['collector', north],
      cem: ['collector', south],
      northLead: ['team_lead', north],
      southLead: ['team_lead', south],
      admin: ['admin', undefined],
    };
    for (const name of NAMES) {
      const [role, team] = roles[name];
      const user = await seedUser(h, role, team);
      const principal = await loadPrincipal(h.testDb.db, user.id);
      if (principal === undefined) throw new Error(`no principal for ${name}`);
      principals.set(name, principal);
      tokens.set(name, (await login(h, user.username)).accessToken);
    }
    customer = (await seedCustomer(h, principals.get('ann')?.userId ?? null, north)).id;
    await pullEveryone();
  });
  afterAll(() => h.dispose());

  const idOf = (name: Name): string => principals.get(name)?.userId ?? '';

  it('a reassignment within a team: the previous collector gets the removal, a collector who never had the customer nothing', async () => {
    await push('northLead', 'customer.reassign', { customerIds: [customer], toCollectorId: idOf('bob') });
    const changes = await pullEveryone();
    expect(changes.ann).toEqual([{ op: 'remove', entity: 'customers', id: customer, customerId: customer, row: null }]);
    expect(about(changes.bob, customer)).toContain('upsert customers');
    expect(changes.bob.every((c) => c.op === 'upsert')).toBe(true);
    for (const still of ['northLead', 'admin'] as const) expect(about(changes[still], customer), still).toEqual(['upsert customers']);
    for (const never of ['dora', 'cem', 'southLead'] as const) expect(changes[never], never).toEqual([]);
  });

  it('a move to another team: the lead of the previous team gets the removal, the new team the customer', async () => {
    await push('admin', 'customer.reassign', { customerIds: [customer], toCollectorId: idOf('cem') });
    const changes = await pullEveryone();
    for (const previous of ['bob', 'northLead'] as const) expect(about(changes[previous], customer), previous).toEqual(['remove customers']);
    for (const now of ['cem', 'southLead', 'admin'] as const) expect(about(changes[now], customer), now).toEqual(['upsert customers']);
    // Ann lost it before her cursor and was told then; Dora never had it.
    for (const never of ['ann', 'dora'] as const) expect(changes[never], never).toEqual([]);
  });

  it('an ERP import and `assign-customers`: a new customer and its updates reach only whoever holds it', async () => {
    const key = `ERP-${unique()}`;
    const importName = async (name: string) => {
      const report = await runImport(h.testDb.db, { clock: h.clock, defaultTimeZone: 'UTC' }, { source: { format: 'json', entity: 'customers', records: [{ key, name, country: 'DE', currency: 'EUR' }] } });
      expect(report.committed).toBe(true);
    };
    await importName('Neu GmbH');
    const imported = (await h.testDb.db.selectFrom('customers').select('id').where('erp_key', '=', key).executeTakeFirstOrThrow()).id;
    let changes = await pullEveryone();
    expect(about(changes.admin, imported)).toEqual(['upsert customers']);
    for (const name of NAMES.filter((n) => n !== 'admin')) expect(changes[name], name).toEqual([]);

    await assignCustomers(h.testDb.db, h.clock, (await h.testDb.db.selectFrom('users').select('username').where('id', '=', idOf('dora')).executeTakeFirstOrThrow()).username, [key]);
    changes = await pullEveryone();
    for (const holder of ['dora', 'northLead', 'admin'] as const) expect(about(changes[holder], imported), holder).toEqual(['upsert customers']);
    for (const never of ['ann', 'bob', 'cem', 'southLead'] as const) expect(changes[never], never).toEqual([]);

    // An ERP update changes no assignment: it is news to the holders only.
    await importName('Neu GmbH & Co. KG');
    changes = await pullEveryone();
    for (const holder of ['dora', 'northLead', 'admin'] as const) expect(about(changes[holder], imported), holder).toEqual(['upsert customers']);
    for (const never of ['ann', 'bob', 'cem', 'southLead'] as const) expect(changes[never], never).toEqual([]);

    const annName = (await h.testDb.db.selectFrom('users').select('username').where('id', '=', idOf('ann')).executeTakeFirstOrThrow()).username;
    await assignCustomers(h.testDb.db, h.clock, annName, [key]);
    changes = await pullEveryone();
    expect(about(changes.dora, imported)).toEqual(['remove customers']);
    for (const holder of ['ann', 'northLead', 'admin'] as const) expect(about(changes[holder], imported), holder).toEqual(['upsert customers']);
    for (const never of ['bob', 'cem', 'southLead'] as const) expect(changes[never], never).toEqual([]);
  });

  it('an entry logged before migration 005 (no previous assignment recorded) still becomes a removal for every caller out of scope', async () => {
    const old = (await seedCustomer(h, idOf('ann'), north)).id;
    await push('northLead', 'customer.reassign', { customerIds: [old], toCollectorId: idOf('bob') });
    // What the migration leaves on the entries that exist when it runs.
    await h.testDb.db
      .updateTable('change_log')
      .set({ previous_scope_known: false, previous_collector_id: null, previous_team_id: null })
      .where('entity', '=', 'customers')
      .where('entity_id', '=', old)
      .execute();
    const changes = await pullEveryone();
    for (const out of ['ann', 'dora', 'cem', 'southLead'] as const) expect(about(changes[out], old), out).toEqual(['remove customers']);
    for (const holder of ['bob', 'northLead', 'admin'] as const) expect(about(changes[holder], old), holder).toEqual(['upsert customers']);
  });
});

describe.each(BACKENDS)('migration 005-change-log-previous-scope on %s', (kind) => {
  it("marks the entries already logged as without a previous assignment, and records it on every new customer entry", async () => {
    const testDb = await openTestDb(kind, { migrate: false });
    try {
      const { db } = testDb;
      await createServerMigrator(db as unknown as Kysely<unknown>, testDb.schema).migrateTo('004-log-epoch');
      const now = '2026-03-02T09:00:00.000Z';
      await db.insertInto('teams').values({ id: 't1', name: 'North', created_at: now }).execute();
      await db
        .insertInto('users')
        .values({ id: 'u1', username: 'ann', display_name: 'Ann', email: null, role: 'collector', team_id: 't1', password_hash: 'x', created_at: now, updated_at: now })
        .execute();
      await db
        .insertInto('customers')
        .values({
          id: 'c1',
          erp_key: 'E1',
          number: '10001',
          name: 'Acme',
          country: 'DE',
          currency: 'EUR',
          payment_terms: 'NET30',
          payment_terms_days: 30,
          credit_limit_minor: 0,
          risk_class: 'medium',
          collector_id: 'u1',
          team_id: 't1',
          updated_at: now,
          updated_seq: 0,
        })
        .execute();
      // Only the columns migration 004 knows.
      await db.insertInto('change_log').values({ entity: 'customers', entity_id: 'c1', customer_id: 'c1', op: 'upsert', at: now }).execute();
      expect(await migrateServerDatabase(db, testDb.schema)).toEqual(migrationsFrom('005-change-log-previous-scope'));

      await recordChange(db, { entity: 'customers', entityId: 'c1', customerId: 'c1', op: 'upsert' }, now);
      await recordChange(db, { entity: 'customers', entityId: 'c-new', customerId: 'c-new', op: 'upsert' }, now);
      await recordChange(db, { entity: 'notes', entityId: 'n1', customerId: 'c1', op: 'upsert' }, now);
      const entries = await db.selectFrom('change_log').select(['entity_id', 'previous_scope_known', 'previous_collector_id', 'previous_team_id']).orderBy('seq').execute();
      expect(entries).toEqual([
        { entity_id: 'c1', previous_scope_known: false, previous_collector_id: null, previous_team_id: null },
        { entity_id: 'c1', previous_scope_known: true, previous_collector_id: 'u1', previous_team_id: 't1' },
        // A customer not written yet was held by nobody but an admin.
        { entity_id: 'c-new', previous_scope_known: true, previous_collector_id: null, previous_team_id: null },
        // Only a customer's own entries say whom it was assigned to.
        { entity_id: 'n1', previous_scope_known: false, previous_collector_id: null, previous_team_id: null },
      ]);
    } finally {
      await testDb.dispose();
    }
  });
});
