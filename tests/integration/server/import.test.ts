import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock';
import { runImport, type ImportSource } from '../../../server/import/run';
import { mappingSchema, type Mapping } from '../../../server/import/sources';
import { BACKENDS, openTestDb, type TestDb } from './support/backends';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8');
const mapping = (name: string): Mapping => mappingSchema.parse(JSON.parse(fixture(name)));
const json = (name: string): unknown[] => JSON.parse(fixture(name)) as unknown[];

describe.each(BACKENDS)('ERP import of CSV with a mapping and of JSON on %s', (kind) => {
  let testDb: TestDb;
  const clock = manualClock('2026-03-02T09:00:00.000Z');
  const run = (source: ImportSource, flags: { allowPartial?: boolean; dryRun?: boolean } = {}) => runImport(testDb.db, { clock: clock, defaultTimeZone: 'UTC' }, { source, ...flags });
  const itemKeys = async () => (await testDb.db.selectFrom('open_items').select('erp_key').orderBy('erp_key').execute()).map((row) => row.erp_key);
  const changeLogCount = async () => Number((await testDb.db.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const badItems: ImportSource = { format: 'csv', entity: 'openItems', mapping: mapping('items-bad.mapping.json'), content: fixture('items-bad.csv') };

  beforeAll(async () => {
    testDb = await openTestDb(kind);
  });
  afterAll(() => testDb.dispose());

  it('reads a semicolon CSV with decimal commas and dd.MM.yyyy dates', async () => {
    const customers = await run({ format: 'csv', entity: 'customers', mapping: mapping('customers-de.mapping.json'), content: fixture('customers-de.csv') });
    expect(customers).toMatchObject({ committed: true, rejected: [] });
    expect(customers.applied.customers).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    const schmidt = await testDb.db.selectFrom('customers').selectAll().where('erp_key', '=', 'D-101').executeTakeFirstOrThrow();
    expect(schmidt).toMatchObject({ number: 'D-101', name: 'Schmidt AG', country: 'AT', currency: 'EUR', credit_limit_minor: 250_050, payment_terms: 'NET14', payment_terms_days: 14, risk_class: 'high', credit_hold: false, version: 1 });

    const items = await run({ format: 'csv', entity: 'openItems', mapping: mapping('items-de.mapping.json'), content: fixture('items-de.csv') });
    expect(items).toMatchObject({ committed: true, rejected: [] });
    expect(items.applied.openItems).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const rows = await testDb.db.selectFrom('open_items').selectAll().where('erp_key', 'in', ['R-1', 'R-2', 'R-3']).orderBy('erp_key').execute();
    expect(rows.map((row) => [row.erp_key, row.kind, row.document_date, row.due_date, row.currency, row.original_minor, row.open_minor, row.customer_id === schmidt.id])).toEqual([
      ['R-1', 'invoice', '2026-01-03', '2026-02-02', 'EUR', 123_456, 123_456, false],
      ['R-2', 'credit_memo', '2026-01-15', '2026-01-15', 'EUR', -10_000, -10_000, false],
      ['R-3', 'invoice', '2026-02-28', '2026-03-30', 'EUR', 9_990, 5_000, true],
    ]);
  });

  it("reads an SAP line-item export as German settings write it: grouped amounts, SAP's trailing minus, document types mapped to kinds", async () => {
    const sapMapping = mapping('items-sap-de.mapping.json');
    const items = await run({ format: 'csv', entity: 'openItems', mapping: sapMapping, content: fixture('items-sap-de.csv') });
    expect(items).toMatchObject({ committed: true, rejected: [] });
    const rows = await testDb.db.selectFrom('open_items').select(['erp_key', 'kind', 'document_date', 'due_date', 'original_minor', 'open_minor', 'reference']).where('erp_key', 'in', ['1800000123', '1600000045', '1400000777', '1800000124']).orderBy('erp_key').execute();
    expect(rows).toEqual([
      { erp_key: '1400000777', kind: 'payment_on_account', document_date: '2026-02-28', due_date: '2026-02-28', original_minor: -100_000, open_minor: -100_000, reference: null },
      { erp_key: '1600000045', kind: 'credit_memo', document_date: '2026-01-15', due_date: '2026-01-15', original_minor: -25_000, open_minor: -25_000, reference: 'RMA-17' },
      { erp_key: '1800000123', kind: 'invoice', document_date: '2026-01-03', due_date: '2026-02-02', original_minor: 1_234_567, open_minor: 1_234_567, reference: 'PO-4711' },
      { erp_key: '1800000124', kind: 'invoice', document_date: '2026-03-01', due_date: '2026-03-31', original_minor: 123_456_789, open_minor: 123_456_789, reference: null },
    ]);

    // A document type the mapping does not list is refused by name, and so is an amount in another style; nothing is written.
    const before = await itemKeys();
    const odd = fixture('items-sap-de.csv').replace(';RV;', ';AB;').replace('250,00-', '-250,00');
    const refused = await run({ format: 'csv', entity: 'openItems', mapping: sapMapping, content: odd });
    expect(refused.committed).toBe(false);
    expect(refused.rejected).toEqual([
      { entity: 'openItems', line: 2, column: 'Belegart', value: 'AB', reason: '"AB" is not among the mapping\'s values for kind (listed: RV, DR, DG, DZ)' },
      { entity: 'openItems', line: 3, column: 'Betrag in HW', value: '-250,00', reason: "not an amount in the mapping's number style (e.g. 1.234,56-)" },
    ]);
    expect(await itemKeys()).toEqual(before);
  });

  it('says when a refused value came from the mapping, and reports only the code when a code is not listed', async () => {
    const base = mapping('items-sap-de.mapping.json');
    const typo = { ...base, values: { kind: { RV: 'invoce', DR: 'invoice', DG: 'credit_memo', DZ: 'payment_on_account' } } };
    const report = await run({ format: 'csv', entity: 'openItems', mapping: typo, content: fixture('items-sap-de.csv') });
    expect(report.committed).toBe(false);
    expect(report.rejected).toEqual([expect.objectContaining({ line: 2, column: 'Belegart', value: 'RV', reason: expect.stringMatching(/^"RV" maps to "invoce" in the mapping's values: one of invoice, / ) as unknown })]);
    // The currency code is not listed: its amount is not judged against the default currency that would stand in.
    const currencies = { ...base, columns: { ...base.columns, currency: 'Zuordnung' }, values: { ...base.values, currency: { 'PO-4711': 'EUR' } }, defaultCurrency: 'JPY' };
    const refused = await run({ format: 'csv', entity: 'openItems', mapping: currencies, content: fixture('items-sap-de.csv') });
    expect(refused.rejected.filter((rejection) => rejection.line === 3)).toEqual([expect.objectContaining({ column: 'Zuordnung', value: 'RMA-17' })]);
  });

  it('refuses a mapping whose values name a field the entity lacks, or whose grouping is its decimal separator', async () => {
    const base = mapping('items-sap-de.mapping.json');
    await expect(run({ format: 'csv', entity: 'openItems', mapping: { ...base, values: { colour: { R: 'red' } } }, content: fixture('items-sap-de.csv') })).rejects.toThrow(/values for fields openItems do not have: colour/);
    expect(mappingSchema.safeParse({ ...base, groupSeparator: ',' }).error?.issues).toEqual([expect.objectContaining({ path: ['groupSeparator'], message: 'the grouping separator must differ from the decimal separator' })]);
  });

  it('rejects a file with bad rows as a whole and reports every problem with line and column', async () => {
    const logBefore = await changeLogCount();
    const before = await itemKeys();
    const report = await run(badItems);
    expect(report.committed).toBe(false);
    expect(report.applied.openItems).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
    expect(await itemKeys()).toEqual(before);
    expect(await changeLogCount()).toBe(logBefore);
    expect(report.rejected.map(({ line, column, value }) => [line, column, value])).toEqual([
      [3, 'date', '2026-13-05'],
      [4, 'amount', '1.234'],
      [5, 'customer', 'NOPE'],
      [6, 'key', ''],
      [7, 'amount', 'abc'],
      [7, 'currency', 'EURO'],
      [7, 'kind', 'bill'],
      [8, '(row)', 'B-7,D-101,invoice,2026-01-05'],
      [10, 'key', 'B-1'],
    ]);
    const reasons = new Map(report.rejected.map((rejection) => [`${rejection.line}:${rejection.column}`, rejection.reason]));
    expect(reasons.get('3:date')).toBe('not a date in the format yyyy-MM-dd');
    expect(reasons.get('4:amount')).toBe('EUR amounts have at most 2 decimals');
    expect(reasons.get('5:customer')).toBe('no customer with ERP key "NOPE"');
    expect(reasons.get('6:key')).toBe('required, but empty or missing');
    expect(reasons.get('7:kind')).toContain('one of invoice, credit_memo');
    expect(reasons.get('8:(row)')).toBe('has 4 fields, the header has 7');
    expect(reasons.get('10:key')).toBe('ERP key "B-1" appears on line 2 with other values');
  });

  it('a dry run reports what would change and commits nothing', async () => {
    const before = await itemKeys();
    const report = await run(badItems, { dryRun: true, allowPartial: true });
    expect(report).toMatchObject({ committed: false, dryRun: true });
    expect(report.applied.openItems).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await itemKeys()).toEqual(before);
  });

  it('allowPartial applies the valid rows and still reports the rejected ones', async () => {
    const report = await run(badItems, { allowPartial: true });
    expect(report.committed).toBe(true);
    expect(report.rejected).toHaveLength(9);
    expect(report.applied.openItems).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    const stored = await testDb.db.selectFrom('open_items').select(['erp_key', 'original_minor']).where('erp_key', 'in', ['B-1', 'B-8']).orderBy('erp_key').execute();
    expect(stored).toEqual([
      { erp_key: 'B-1', original_minor: 10_000 },
      { erp_key: 'B-8', original_minor: 2_050 },
    ]);
  });

  it('imports JSON records: customers, contact persons, payments and clearings by ERP key', async () => {
    const customers = await run({ format: 'json', entity: 'customers', records: json('customers.json') });
    expect(customers).toMatchObject({ committed: true, rejected: [] });
    const two = await testDb.db.selectFrom('customers').selectAll().where('erp_key', '=', 'J-2').executeTakeFirstOrThrow();
    expect(two).toMatchObject({ number: '20002', currency: 'GBP', credit_limit_minor: 123_450, credit_hold: true, risk_class: 'medium', payment_terms: 'NET30' });

    const persons = await run({ format: 'json', entity: 'contactPersons', records: json('contact-persons.json') });
    expect(persons.applied.contactPersons).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    const anne = await testDb.db.selectFrom('contact_persons').selectAll().where('erp_key', '=', 'CP-1').executeTakeFirstOrThrow();
    expect(anne).toMatchObject({ name: 'Anne Payable', email: 'anne@example.com', preferred_channel: 'email', is_primary: true, version: 1 });
    const personsAgain = await run({ format: 'json', entity: 'contactPersons', records: json('contact-persons.json') });
    expect(personsAgain.applied.contactPersons).toEqual({ inserted: 0, updated: 0, unchanged: 2 });

    const payments = await run({
      format: 'json',
      entity: 'payments',
      mapping: { defaultCurrency: 'EUR' },
      records: [{ key: 'JP-1', customerKey: 'D-100', amount: '1234.56', valueDate: '2026-02-10', method: 'bank_transfer' }],
    });
    expect(payments.applied.payments.inserted).toBe(1);
    const clearings = await run({ format: 'json', entity: 'clearings', mapping: { defaultCurrency: 'EUR' }, records: [{ key: 'JC-1', itemKey: 'R-1', paymentKey: 'JP-1', amount: '1234.56', clearedOn: '2026-02-10' }] });
    expect(clearings).toMatchObject({ committed: true, rejected: [] });
    const item = await testDb.db.selectFrom('open_items').select(['id', 'customer_id']).where('erp_key', '=', 'R-1').executeTakeFirstOrThrow();
    const clearing = await testDb.db.selectFrom('clearings').selectAll().where('erp_key', '=', 'JC-1').executeTakeFirstOrThrow();
    expect(clearing).toMatchObject({ open_item_id: item.id, customer_id: item.customer_id, amount_minor: 123_456, currency: 'EUR', cleared_on: '2026-02-10' });
  });

  it('reads amounts at the ISO 4217 decimals of their currency, also where the locale data shows none (HUF, IQD)', async () => {
    const payments = await run({
      format: 'json',
      entity: 'payments',
      records: [
        { key: 'ISO-HUF', customerKey: 'D-100', amount: '1234.50', currency: 'HUF', valueDate: '2026-02-10' },
        { key: 'ISO-IQD', customerKey: 'D-100', amount: '1.234', currency: 'IQD', valueDate: '2026-02-10' },
        { key: 'ISO-JPY', customerKey: 'D-100', amount: '1500', currency: 'JPY', valueDate: '2026-02-10' },
      ],
    });
    expect(payments).toMatchObject({ committed: true, rejected: [] });
    const rows = await testDb.db.selectFrom('payments').select(['erp_key', 'amount_minor']).where('erp_key', 'like', 'ISO-%').orderBy('erp_key').execute();
    expect(rows).toEqual([
      { erp_key: 'ISO-HUF', amount_minor: 123_450 },
      { erp_key: 'ISO-IQD', amount_minor: 1_234 },
      { erp_key: 'ISO-JPY', amount_minor: 1_500 },
    ]);
    const tooPrecise = await run({ format: 'json', entity: 'payments', records: [{ key: 'ISO-JPY-2', customerKey: 'D-100', amount: '1500.5', currency: 'JPY', valueDate: '2026-02-10' }] });
    expect(tooPrecise).toMatchObject({ committed: false });
    expect(JSON.stringify(tooPrecise.rejected)).toContain('JPY amounts have no decimals');
  });

  it('rejects JSON records with unknown fields, wrong types and cross-customer clearings', async () => {
    const report = await run({
      format: 'json',
      entity: 'clearings',
      records: [
        { key: 'JC-2', itemKey: 'R-3', paymentKey: 'JP-1', amount: '1', currency: 'EUR', clearedOn: '2026-02-10' },
        { key: 'JC-3', itemKey: 'R-1', amount: 1e21, currency: 'EUR', clearedOn: '10.02.2026' },
        { key: 'JC-4', itemKey: 'R-1', amount: '1', currency: 'EUR', clearedOn: '2026-02-10', colour: 'red' },
        { key: 'JC-5', itemKey: 'R-1', amount: '90071992547409.92', currency: 'EUR', clearedOn: '2026-02-10' },
        { key: 'JC-6', itemKey: 'R-1', amount: '12.5', currency: 'JPY', clearedOn: '2026-02-10' },
        'not a record',
      ],
    });
    expect(report.committed).toBe(false);
    expect(report.rejected.map(({ line, column, reason }) => [line, column, reason])).toEqual([
      [1, 'paymentKey', 'the payment belongs to another customer than the open item "R-3"'],
      [2, 'amount', "not an amount in the mapping's number style (e.g. -1234.56)"],
      [2, 'clearedOn', 'not a date in the format yyyy-MM-dd'],
      [3, 'colour', expect.stringContaining('unknown field') as unknown],
      [4, 'amount', 'too large'],
      [5, 'amount', 'JPY amounts have no decimals'],
      [6, '(record)', 'expected an object'],
    ]);
  });

  it('an item moved to another customer is logged as removed from the previous one and upserted for the new one', async () => {
    const item = (customerKey: string) => run({ format: 'json', entity: 'openItems', mapping: { defaultCurrency: 'EUR' }, records: [{ key: 'MOVE-1', customerKey, documentDate: '2026-01-01', dueDate: '2026-01-31', originalAmount: '10' }] });
    await item('D-100');
    const customerId = async (key: string) => (await testDb.db.selectFrom('customers').select('id').where('erp_key', '=', key).executeTakeFirstOrThrow()).id;
    const [from, to] = [await customerId('D-100'), await customerId('D-101')];
    const before = await changeLogCount();
    expect((await item('D-101')).applied.openItems.updated).toBe(1);
    const moved = await testDb.db.selectFrom('open_items').select(['id', 'customer_id', 'version']).where('erp_key', '=', 'MOVE-1').executeTakeFirstOrThrow();
    expect(moved).toMatchObject({ customer_id: to, version: 2 });
    const entries = await testDb.db.selectFrom('change_log').select(['entity', 'entity_id', 'customer_id', 'op']).orderBy('seq').offset(before).execute();
    expect(entries).toEqual([
      { entity: 'open_items', entity_id: moved.id, customer_id: from, op: 'remove' },
      { entity: 'open_items', entity_id: moved.id, customer_id: to, op: 'upsert' },
    ]);
  });

  it('takes an item the ERP flags as disputed without an amount as disputed for all that is open; an amount given is kept', async () => {
    const records = [
      { key: 'DISP-ALL', customerKey: 'D-100', documentDate: '2026-01-01', dueDate: '2026-01-31', originalAmount: '100', openAmount: '80', disputed: 'yes' },
      { key: 'DISP-PART', customerKey: 'D-100', documentDate: '2026-01-01', dueDate: '2026-01-31', originalAmount: '100', disputedAmount: '25' },
      { key: 'DISP-SETTLED', customerKey: 'D-100', documentDate: '2026-01-01', dueDate: '2026-01-31', originalAmount: '100', openAmount: '0', disputed: 'yes' },
      { key: 'DISP-NONE', customerKey: 'D-100', documentDate: '2026-01-01', dueDate: '2026-01-31', originalAmount: '100' },
    ];
    expect(await run({ format: 'json', entity: 'openItems', mapping: { defaultCurrency: 'EUR' }, records })).toMatchObject({ committed: true, rejected: [] });
    const rows = await testDb.db.selectFrom('open_items').select(['erp_key', 'disputed_minor', 'erp_disputed']).where('erp_key', 'like', 'DISP-%').orderBy('erp_key').execute();
    expect(rows).toEqual([
      { erp_key: 'DISP-ALL', disputed_minor: 8_000, erp_disputed: true },
      { erp_key: 'DISP-NONE', disputed_minor: 0, erp_disputed: false },
      { erp_key: 'DISP-PART', disputed_minor: 2_500, erp_disputed: true },
      { erp_key: 'DISP-SETTLED', disputed_minor: 0, erp_disputed: true },
    ]);
  });

  it('serializes concurrent imports of the same new keys: one inserts, the other finds them unchanged', async () => {
    const records = [{ key: 'CC-1', name: 'Concurrent', country: 'DE', currency: 'EUR' }];
    const reports = await Promise.all([1, 2].map(() => run({ format: 'json', entity: 'customers', records })));
    expect(reports.map((report) => report.applied.customers).sort((a, b) => b.inserted - a.inserted)).toEqual([
      { inserted: 1, updated: 0, unchanged: 0 },
      { inserted: 0, updated: 0, unchanged: 1 },
    ]);
  });

  it('rejects a customer number taken by another ERP key, and the rows that refer to that customer', async () => {
    const report = await run({ format: 'json', entity: 'customers', records: [{ key: 'J-9', number: '20002', name: 'Taken number', country: 'DE', currency: 'EUR' }] });
    expect(report.rejected).toEqual([{ entity: 'customers', line: 1, column: 'number', value: '20002', reason: 'customer number "20002" belongs to ERP key "J-2"' }]);
    const persons = await run({ format: 'json', entity: 'contactPersons', records: [{ key: 'CP-9', customerKey: 'J-9', name: 'Nobody' }] });
    expect(persons.rejected.map((rejection) => rejection.reason)).toEqual(['no customer with ERP key "J-9"']);
  });

  it('a preset row whose customer is rejected reports why each dependent record fails', async () => {
    const header = 'countryCode,customerID,PaperlessDate,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,Disputed,SettledDate,PaperlessBill,DaysToSettle,DaysLate';
    const content = `${header}\n${'9'.repeat(21)},X-1,4/6/2013,INV-X,1/2/2013,2/1/2013,55.94,No,1/15/2013,Paper,13,0\n`;
    const report = await run({ format: 'csv', preset: 'ibm-ar', content }, { allowPartial: true });
    expect(report.rejected.map(({ entity, line, column, reason }) => [entity, line, column, reason])).toEqual([
      ['customers', 2, 'countryCode', 'at most 20 characters'],
      ['openItems', 2, 'customerID', 'customer "X-1" was rejected in this import'],
      ['payments', 2, 'customerID', 'customer "X-1" was rejected in this import'],
      ['clearings', 2, 'invoiceNumber', 'open item "INV-X" was rejected in this import'],
    ]);
    expect(await testDb.db.selectFrom('open_items').select('id').where('erp_key', '=', 'INV-X').execute()).toEqual([]);
  });

  it('updates a changed customer once and leaves assignment columns alone', async () => {
    await testDb.db.insertInto('teams').values({ id: 'team-north', name: 'North', created_at: '2026-03-01T00:00:00.000Z' }).execute();
    await testDb.db.updateTable('customers').set({ team_id: 'team-north' }).where('erp_key', '=', 'J-1').execute();
    const changed = json('customers.json').map((record, index) => (index === 0 ? { ...(record as object), name: 'Json One SA' } : record));
    const report = await run({ format: 'json', entity: 'customers', records: changed });
    expect(report.applied.customers).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    const one = await testDb.db.selectFrom('customers').selectAll().where('erp_key', '=', 'J-1').executeTakeFirstOrThrow();
    expect(one).toMatchObject({ name: 'Json One SA', team_id: 'team-north', version: 2, updated_at: '2026-03-02T09:00:00.000Z' });
    const again = await run({ format: 'json', entity: 'customers', records: changed });
    expect(again.applied.customers).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
  });
});
