/**
 * One primary contact person per customer on the server, as on the desktop: migration 006 demotes
 * the extra primaries a database already holds (logged, so clients pull it) and adds the unique
 * index; the ERP import refuses a second primary for one customer and demotes the stored primary
 * that an imported one replaces.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock';
import { migrateServerDatabase } from '../../../server/db/migrate';
import { createServerMigrator } from '../../../server/db/migrations';
import type { ServerDatabase } from '../../../server/db/schema';
import { runImport, type ImportSource } from '../../../server/import/run';
import { BACKENDS, migrationsFrom, openTestDb, type TestDb } from './support/backends';

const NOW = '2026-03-02T09:00:00.000Z';

async function addCustomer(db: Kysely<ServerDatabase>, id: string): Promise<void> {
  await db
    .insertInto('customers')
    .values({
      id,
      erp_key: `E-${id}`,
      number: `N-${id}`,
      name: `Customer ${id}`,
      country: 'DE',
      currency: 'EUR',
      payment_terms: 'NET30',
      payment_terms_days: 30,
      credit_limit_minor: 0,
      risk_class: 'medium',
      collector_id: null,
      team_id: null,
      updated_at: NOW,
      updated_seq: 0,
    })
    .execute();
}

async function addPerson(db: Kysely<ServerDatabase>, id: string, customerId: string, primary: boolean, updatedAt: string): Promise<void> {
  await db
    .insertInto('contact_persons')
    .values({ id, customer_id: customerId, name: `Person ${id}`, is_primary: primary, created_at: NOW, updated_at: updatedAt, updated_seq: 0 })
    .execute();
}

const primaries = async (db: Kysely<ServerDatabase>): Promise<string[]> =>
  (await db.selectFrom('contact_persons').select('id').where('is_primary', '=', true).orderBy('id').execute()).map((row) => row.id);

describe.each(BACKENDS)('one primary contact person per customer on %s', (kind) => {
  it('migration 006 keeps the primary changed last, demotes the others with a change_log entry each, and then refuses a second primary', async () => {
    const testDb = await openTestDb(kind, { migrate: false });
    try {
      const { db } = testDb;
      await createServerMigrator(db as unknown as Kysely<unknown>, testDb.schema).migrateTo('005-change-log-previous-scope');
      await addCustomer(db, 'c1');
      await addCustomer(db, 'c2');
      await addPerson(db, 'p1', 'c1', true, '2026-03-01T09:00:00.000Z');
      await addPerson(db, 'p2', 'c1', true, '2026-03-01T10:00:00.000Z');
      await addPerson(db, 'p3', 'c1', true, '2026-02-01T10:00:00.000Z');
      await addPerson(db, 'p4', 'c1', false, '2026-03-01T11:00:00.000Z');
      await addPerson(db, 'p5', 'c2', true, '2026-03-01T09:00:00.000Z');
      expect(await migrateServerDatabase(db, testDb.schema)).toEqual(migrationsFrom('006-one-primary-contact'));

      expect(await primaries(db)).toEqual(['p2', 'p5']);
      const logged = await db.selectFrom('change_log').select(['seq', 'entity', 'entity_id', 'customer_id', 'op']).orderBy('seq').execute();
      expect(logged.map(({ entity, entity_id, customer_id, op }) => [entity, entity_id, customer_id, op])).toEqual([
        ['contact_persons', 'p1', 'c1', 'upsert'],
        ['contact_persons', 'p3', 'c1', 'upsert'],
      ]);
      const demoted = await db.selectFrom('contact_persons').select(['id', 'version', 'updated_seq']).where('id', 'in', ['p1', 'p3']).orderBy('id').execute();
      expect(demoted).toEqual(logged.map((entry) => ({ id: entry.entity_id, version: 2, updated_seq: entry.seq })));
      const untouched = await db.selectFrom('contact_persons').select(['id', 'version']).where('id', 'in', ['p2', 'p4', 'p5']).orderBy('id').execute();
      expect(untouched.every((row) => row.version === 1)).toBe(true);

      await expect(addPerson(db, 'p6', 'c2', true, NOW)).rejects.toThrow(/contact_persons_one_primary/);
      await addPerson(db, 'p6', 'c2', false, NOW);
    } finally {
      await testDb.dispose();
    }
  });
});

describe.each(BACKENDS)('the ERP import of contact persons on %s', (kind) => {
  let testDb: TestDb;
  const clock = manualClock(NOW);
  const run = (source: ImportSource) => runImport(testDb.db, { clock: clock, defaultTimeZone: 'UTC' }, { source, allowPartial: true });
  const persons = (records: readonly object[]): ImportSource => ({ format: 'json', entity: 'contactPersons', records: [...records] });

  beforeAll(async () => {
    testDb = await openTestDb(kind);
    const customers = await run({
      format: 'json',
      entity: 'customers',
      records: [
        { key: 'K-1', name: 'One', country: 'DE', currency: 'EUR' },
        { key: 'K-2', name: 'Two', country: 'DE', currency: 'EUR' },
      ],
    });
    expect(customers.rejected).toEqual([]);
  });
  afterAll(() => testDb.dispose());

  const primaryKeys = async (): Promise<string[]> =>
    (await testDb.db.selectFrom('contact_persons').select('erp_key').where('is_primary', '=', true).orderBy('erp_key').execute()).map((row) => row.erp_key ?? '(no key)');

  it('refuses a second primary for one customer in one file, naming the row that came first; the first is stored', async () => {
    const report = await run(
      persons([
        { key: 'A', customerKey: 'K-1', name: 'Anne', isPrimary: true },
        { key: 'B', customerKey: 'K-1', name: 'Bert', isPrimary: true },
        { key: 'C', customerKey: 'K-2', name: 'Cleo', isPrimary: true },
      ]),
    );
    expect(report.rejected).toEqual([
      { entity: 'contactPersons', line: 2, column: 'isPrimary', value: 'true', reason: 'another row names this customer\'s primary contact person ("A", line 1): a customer has one' },
    ]);
    expect(report.applied.contactPersons).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await primaryKeys()).toEqual(['A', 'C']);
  });

  it('an imported primary replaces the stored one, which is demoted with a change_log entry before the import writes', async () => {
    const anne = await testDb.db.selectFrom('contact_persons').select(['id', 'version']).where('erp_key', '=', 'A').executeTakeFirstOrThrow();
    const seqBefore = (await testDb.db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq;
    const report = await run(persons([{ key: 'D', customerKey: 'K-1', name: 'Dora', isPrimary: true }]));
    expect(report.rejected).toEqual([]);
    expect(await primaryKeys()).toEqual(['C', 'D']);
    const demoted = await testDb.db.selectFrom('contact_persons').select(['version', 'updated_seq']).where('id', '=', anne.id).executeTakeFirstOrThrow();
    expect(demoted.version).toBe(anne.version + 1);
    const entries = await testDb.db.selectFrom('change_log').select(['seq', 'entity_id']).where('seq', '>', seqBefore).orderBy('seq').execute();
    expect(entries[0]).toEqual({ seq: demoted.updated_seq, entity_id: anne.id });
    expect(entries).toHaveLength(2);

    // The same file again changes nothing: D is already the one primary.
    const again = await run(persons([{ key: 'D', customerKey: 'K-1', name: 'Dora', isPrimary: true }]));
    expect(again.applied.contactPersons).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await primaryKeys()).toEqual(['C', 'D']);
  });
});
