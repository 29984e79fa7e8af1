import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SERVER_SCHEMA_VERSION, SERVER_MIGRATIONS } from '../../../server/db/migrations';
import { NewerServerDatabaseError, migrateServerDatabase, protocolVersion } from '../../../server/db/migrate';
import { BACKENDS, openTestDb, type TestDb } from './support/backends';

// One database per backend for the whole file: starting PGlite costs seconds. The first test
// migrates it; later tests use distinct rows, and the newer-database test runs last.
describe.each(BACKENDS)('server migrations on %s', (kind) => {
  let current: TestDb;
  beforeAll(async () => {
    current = await openTestDb(kind, { migrate: false });
  });
  afterAll(() => current.dispose());

  it('apply every migration once and are idempotent', async () => {
    expect(await migrateServerDatabase(current.db, current.schema)).toEqual(Object.keys(SERVER_MIGRATIONS));
    expect(await migrateServerDatabase(current.db, current.schema)).toEqual([]);
    expect(LATEST_SERVER_SCHEMA_VERSION).toBe(16);
    expect(await protocolVersion(current.db)).toBe(5);
  });

  it('keeps attachments with their bytes, logged as changes, gone with their customer', async () => {
    const { db } = current;
    await db
      .insertInto('customers')
      .values({ id: 'c-att', erp_key: 'E-ATT', number: '10077', name: 'Files Ltd', country: 'GB', currency: 'GBP', payment_terms: 'NET30', payment_terms_days: 30, credit_limit_minor: 0, risk_class: 'low', collector_id: null, team_id: null, updated_at: '2026-03-01T10:00:00Z', updated_seq: 1 })
      .execute();
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff]);
    await db
      .insertInto('attachments')
      .values({ id: 'a-1', customer_id: 'c-att', parent_kind: 'dispute', parent_id: 'd-1', file_name: 'pod.pdf', media_type: 'application/pdf', size_bytes: bytes.length, created_by: null, created_at: '2026-03-02T09:00:00Z', updated_seq: 2 })
      .execute();
    await db.insertInto('attachment_contents').values({ attachment_id: 'a-1', content: bytes }).execute();
    await db.insertInto('change_log').values({ entity: 'attachments', entity_id: 'a-1', customer_id: 'c-att', op: 'upsert' }).execute();
    const stored = await db.selectFrom('attachment_contents').select('content').where('attachment_id', '=', 'a-1').executeTakeFirstOrThrow();
    expect(Buffer.from(stored.content).equals(bytes)).toBe(true);
    await expect(db.insertInto('change_log').values({ entity: 'invoices', entity_id: 'x', customer_id: 'c-att', op: 'upsert' } as never).execute()).rejects.toThrow(/change_log_entity_check/);
    await db.deleteFrom('customers').where('id', '=', 'c-att').execute();
    expect(await db.selectFrom('attachment_contents').select('attachment_id').where('attachment_id', '=', 'a-1').execute()).toEqual([]);
  });

  it('maps bigint money, dates and timestamps to numbers and ISO strings', async () => {
    const { db } = current;
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
        credit_limit_minor: 9_007_199_254_740_991,
        risk_class: 'low',
        collector_id: null,
        team_id: null,
        updated_at: '2026-03-01T10:00:00.123Z',
        updated_seq: 1,
      })
      .execute();
    await db
      .insertInto('open_items')
      .values({
        id: 'i1',
        erp_key: 'I1',
        customer_id: 'c1',
        kind: 'invoice',
        document_number: 'INV-1',
        reference: null,
        document_date: '2026-02-01',
        due_date: '2026-03-03',
        currency: 'EUR',
        original_minor: 12_345,
        open_minor: 12_345,
        cleared_at: null,
        updated_at: '2026-03-01T10:00:00Z',
        updated_seq: 2,
      })
      .execute();
    const customer = await db.selectFrom('customers').selectAll().executeTakeFirstOrThrow();
    expect(customer.credit_limit_minor).toBe(9_007_199_254_740_991);
    expect(customer.updated_at).toBe('2026-03-01T10:00:00.123Z');
    expect(customer.version).toBe(1);
    expect(customer.credit_hold).toBe(false);
    const item = await db.selectFrom('open_items').selectAll().executeTakeFirstOrThrow();
    expect(item).toMatchObject({ due_date: '2026-03-03', document_date: '2026-02-01', open_minor: 12_345, updated_seq: 2 });
  });

  it('assigns increasing change_log sequences and rejects unknown entities', async () => {
    const { db } = current;
    const rows = await db
      .insertInto('change_log')
      .values([
        { entity: 'customers', entity_id: 'c1', customer_id: 'c1', op: 'upsert' },
        { entity: 'customers', entity_id: 'c1', customer_id: 'c1', op: 'remove' },
      ])
      .returning(['seq', 'at'])
      .execute();
    expect(rows[1]?.seq).toBeGreaterThan(rows[0]?.seq ?? Infinity);
    expect(rows[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await expect(sql`INSERT INTO change_log (entity, entity_id, customer_id, op) VALUES ('users', 'u', 'c', 'upsert')`.execute(db)).rejects.toThrow();
  });

  it('records one mutation per client sequence', async () => {
    const { db } = current;
    const now = '2026-03-01T10:00:00.000Z';
    await db.insertInto('teams').values({ id: 't1', name: 'North', created_at: now }).execute();
    await db
      .insertInto('users')
      .values({ id: 'u1', username: 'ann', display_name: 'Ann', email: null, role: 'collector', team_id: 't1', password_hash: 'x', created_at: now, updated_at: now })
      .execute();
    await db.insertInto('clients').values({ id: 'cl1', user_id: 'u1', created_at: now, last_seen_at: now }).execute();
    const mutation = { client_id: 'cl1', client_seq: 1, user_id: 'u1', name: 'logActivity', result: 'applied' as const, reason: null, at: now };
    await db.insertInto('client_mutations').values({ mutation_id: 'm1', ...mutation }).execute();
    await expect(db.insertInto('client_mutations').values({ mutation_id: 'm2', ...mutation }).execute()).rejects.toThrow();
    await expect(db.insertInto('client_mutations').values({ ...mutation, mutation_id: 'm1', client_seq: 2 }).execute()).rejects.toThrow();
  });

  it("keeps a team's default language, none unless set (015-team-language)", async () => {
    const { db } = current;
    const now = '2026-03-01T10:00:00.000Z';
    await db.insertInto('teams').values([{ id: 't-de', name: 'DACH', created_at: now, language: 'de' }, { id: 't-none', name: 'Nowhere', created_at: now }]).execute();
    const rows = await db.selectFrom('teams').select(['id', 'language']).where('id', 'in', ['t-de', 't-none']).orderBy('id').execute();
    expect(rows).toEqual([{ id: 't-de', language: 'de' }, { id: 't-none', language: null }]);
  });

  it('refuses a database migrated by a newer server', async () => {
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('999-future', '2030-01-01')`.execute(current.db);
    await expect(migrateServerDatabase(current.db, current.schema)).rejects.toBeInstanceOf(NewerServerDatabaseError);
  });
});
