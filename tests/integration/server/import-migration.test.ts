import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerMigrator } from '../../../server/db/migrations';
import { BACKENDS, openTestDb, type TestDb } from './support/backends';

describe.each(BACKENDS)('migration 002-erp-import on %s', (kind) => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await openTestDb(kind, { migrate: false });
    await createServerMigrator(testDb.db as unknown as Kysely<unknown>, testDb.schema).migrateTo('001-initial');
    await sql`INSERT INTO customers (id, erp_key, number, name, country, currency, payment_terms, payment_terms_days, credit_limit_minor, risk_class, updated_at, updated_seq)
      VALUES ('c1', 'E1', '1', 'Before', 'DE', 'EUR', 'NET30', 30, 0, 'low', now(), 0)`.execute(testDb.db);
    await sql`INSERT INTO open_items (id, erp_key, customer_id, kind, document_number, document_date, due_date, currency, original_minor, open_minor, updated_at, updated_seq)
      VALUES ('i1', 'I1', 'c1', 'invoice', 'I1', '2026-01-01', '2026-01-31', 'EUR', 100, 100, now(), 0)`.execute(testDb.db);
    await createServerMigrator(testDb.db as unknown as Kysely<unknown>, testDb.schema).migrateTo('002-erp-import');
  });
  afterAll(() => testDb.dispose());

  it('keeps existing rows valid: no ERP country code, not disputed', async () => {
    expect(await testDb.db.selectFrom('customers').select('erp_country_code').executeTakeFirstOrThrow()).toEqual({ erp_country_code: null });
    expect(await testDb.db.selectFrom('open_items').select('erp_disputed').executeTakeFirstOrThrow()).toEqual({ erp_disputed: false });
  });

  it('makes contact person and clearing ERP keys unique, while collector-made rows may have none', async () => {
    const person = (id: string, erpKey: string | null) =>
      testDb.db.insertInto('contact_persons').values({ id, erp_key: erpKey, customer_id: 'c1', name: id, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', updated_seq: 0 }).execute();
    await person('p1', 'K1');
    await person('p2', null);
    await person('p3', null);
    await expect(person('p4', 'K1')).rejects.toThrow();
    const clearing = (id: string) =>
      testDb.db.insertInto('clearings').values({ id, erp_key: 'C1', customer_id: 'c1', open_item_id: 'i1', amount_minor: 100, currency: 'EUR', cleared_on: '2026-01-31', updated_seq: 0 }).execute();
    await clearing('k1');
    await expect(clearing('k2')).rejects.toThrow();
  });
});
