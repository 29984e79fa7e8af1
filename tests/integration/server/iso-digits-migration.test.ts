import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateServerDatabase, protocolVersion } from '../../../server/db/migrate';
import { PROTOCOL_VERSION } from '../../../server/version';
import { createServerMigrator } from '../../../server/db/migrations';
import type { ServerDatabase } from '../../../server/db/schema';
import { BACKENDS, migrationsFrom, openTestDb } from './support/backends';

const AT = '2026-03-02T09:00:00.000Z';

/** One customer's book in `currency`, every money column of the synced tables filled. */
async function seedBook(db: Kysely<ServerDatabase>, id: string, currency: string): Promise<void> {
  const statements = [
    `INSERT INTO customers (id, erp_key, number, name, country, currency, payment_terms, payment_terms_days, credit_limit_minor, risk_class, updated_at, updated_seq)
     VALUES ('${id}', '${id}', '${id}', '${id}', 'HU', '${currency}', 'NET30', 30, 5000, 'low', '${AT}', 1)`,
    `INSERT INTO open_items (id, erp_key, customer_id, kind, document_number, document_date, due_date, currency, original_minor, open_minor, disputed_minor, updated_at, updated_seq)
     VALUES ('i${id}', 'i${id}', '${id}', 'invoice', 'INV-${id}', '2026-02-01', '2026-03-01', '${currency}', 1234, 1000, 300, '${AT}', 1)`,
    `INSERT INTO payments (id, erp_key, customer_id, amount_minor, currency, value_date, updated_at, updated_seq) VALUES ('p${id}', 'p${id}', '${id}', 234, '${currency}', '2026-02-20', '${AT}', 1)`,
    `INSERT INTO clearings (id, payment_id, open_item_id, customer_id, amount_minor, currency, cleared_on, updated_seq) VALUES ('k${id}', 'p${id}', 'i${id}', '${id}', 234, '${currency}', '2026-02-20', 1)`,
    `INSERT INTO promises (id, customer_id, amount_minor, currency, promised_date, status, paid_minor, created_at, updated_at, updated_seq) VALUES ('r${id}', '${id}', 700, '${currency}', '2026-03-10', 'open', 100, '${AT}', '${AT}', 1)`,
    `INSERT INTO disputes (id, customer_id, reason_code, status, currency, disputed_minor, created_at, updated_at, updated_seq) VALUES ('d${id}', '${id}', 'pricing', 'new', '${currency}', 300, '${AT}', '${AT}', 1)`,
    `INSERT INTO dispute_items (dispute_id, open_item_id, disputed_minor) VALUES ('d${id}', 'i${id}', 300)`,
    `INSERT INTO escalations (id, customer_id, kind, amount_minor, currency, reason, status, requested_at, updated_seq) VALUES ('e${id}', '${id}', 'write_off', 50, '${currency}', 'small', 'requested', '${AT}', 1)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

async function amounts(db: Kysely<ServerDatabase>, id: string): Promise<number[]> {
  const row = await sql<Record<string, number>>`
    SELECT c.credit_limit_minor, i.original_minor, i.open_minor, i.disputed_minor, p.amount_minor AS paid, k.amount_minor AS cleared,
           r.amount_minor AS promised, r.paid_minor, d.disputed_minor AS dispute, di.disputed_minor AS dispute_item, e.amount_minor AS escalated
    FROM customers c JOIN open_items i ON i.customer_id = c.id JOIN payments p ON p.customer_id = c.id JOIN clearings k ON k.open_item_id = i.id
    JOIN promises r ON r.customer_id = c.id JOIN disputes d ON d.customer_id = c.id JOIN dispute_items di ON di.dispute_id = d.id
    JOIN escalations e ON e.customer_id = c.id
    WHERE c.id = ${id}`.execute(db);
  return Object.values(row.rows[0] ?? {}).map(Number);
}

const BOOK = [5000, 1234, 1000, 300, 234, 234, 700, 100, 300, 300, 50];

describe.each(BACKENDS)('server migration 011-iso-currency-digits on %s', (kind) => {
  it('multiplies the amounts of the currencies whose precision changed, leaves the others, and serves the current protocol', async () => {
    const testDb = await openTestDb(kind, { migrate: false });
    try {
      const { db } = testDb;
      await createServerMigrator(db as unknown as Kysely<unknown>, testDb.schema).migrateTo('010-promise-made-on');
      await seedBook(db, 'cH', 'HUF');
      await seedBook(db, 'cQ', 'IQD');
      await seedBook(db, 'cE', 'EUR');
      await seedBook(db, 'cJ', 'JPY');
      await sql`UPDATE open_items SET open_minor = 9007199254740991 WHERE id = 'icQ'`.execute(db);

      expect(await migrateServerDatabase(db, testDb.schema)).toEqual(migrationsFrom('011-iso-currency-digits'));

      expect(await amounts(db, 'cH')).toEqual(BOOK.map((value) => value * 100));
      const iqd = BOOK.map((value) => value * 1000);
      iqd[2] = Number.MAX_SAFE_INTEGER;
      expect(await amounts(db, 'cQ')).toEqual(iqd);
      expect(await amounts(db, 'cE')).toEqual(BOOK);
      expect(await amounts(db, 'cJ')).toEqual(BOOK);
      expect(await protocolVersion(db)).toBe(PROTOCOL_VERSION);
    } finally {
      await testDb.dispose();
    }
  });
});
