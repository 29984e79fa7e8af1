/**
 * Each ERP preset imports its fixture (tests/fixtures/import/presets/, shaped as the vendor's
 * documentation describes the export; sources in that folder's README) through the CLI, and every
 * value of every item lands as the export meant it.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock';
import { runImportCli, type ImportIo } from '../../../server/cli/import';
import { PRESETS } from '../../../server/import/presets';
import { BACKENDS, openTestDb, type TestDb } from './support/backends';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/import/presets/${name}`, import.meta.url));

/** What a stored item says, by its ERP key: everything an import writes. */
interface StoredItem {
  readonly customer: string;
  readonly kind: string;
  readonly documentNumber: string;
  readonly reference: string | null;
  readonly documentDate: string;
  readonly dueDate: string;
  readonly currency: string;
  readonly originalMinor: number;
  readonly openMinor: number;
  readonly disputedMinor: number;
  readonly disputed: boolean;
  readonly dunningLevel: number;
  readonly clearedAt: string | null;
}

const item = (customer: string, kind: string, documentNumber: string, reference: string | null, documentDate: string, dueDate: string, currency: string, originalMinor: number, openMinor = originalMinor): StoredItem => ({
  customer, kind, documentNumber, reference, documentDate, dueDate, currency, originalMinor, openMinor, disputedMinor: 0, disputed: false, dunningLevel: 0, clearedAt: null,
});

describe.each(BACKENDS)('ERP presets on %s', (kind) => {
  let testDb: TestDb;
  let out: string[] = [];
  let err: string[] = [];
  const files = new Map<string, Uint8Array>();
  const io: ImportIo = {
    openDb: () => Promise.resolve({ db: testDb.db, close: () => Promise.resolve() }),
    readFile: async (path) => files.get(path) ?? (await readFile(path)),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    clock: manualClock('2026-03-05T09:00:00.000Z'),
  };
  const cli = async (...argv: string[]): Promise<number> => {
    out = [];
    err = [];
    return runImportCli(argv, io);
  };
  /** A file the test writes, as the CLI would read it from disk. */
  const virtual = (path: string, content: string | Uint8Array): string => {
    files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    return path;
  };

  async function stored(keys: readonly string[]): Promise<Record<string, StoredItem>> {
    const rows = await testDb.db
      .selectFrom('open_items as i')
      .innerJoin('customers as c', 'c.id', 'i.customer_id')
      .select(['i.erp_key', 'c.erp_key as customer', 'i.kind', 'i.document_number', 'i.reference', 'i.document_date', 'i.due_date', 'i.currency', 'i.original_minor', 'i.open_minor', 'i.disputed_minor', 'i.erp_disputed', 'i.dunning_level', 'i.cleared_at'])
      .where('i.erp_key', 'in', keys)
      .execute();
    return Object.fromEntries(
      rows.map((row) => [
        row.erp_key,
        {
          customer: row.customer,
          kind: row.kind,
          documentNumber: row.document_number,
          reference: row.reference,
          documentDate: row.document_date,
          dueDate: row.due_date,
          currency: row.currency,
          originalMinor: row.original_minor,
          openMinor: row.open_minor,
          disputedMinor: row.disputed_minor,
          disputed: row.erp_disputed,
          dunningLevel: row.dunning_level,
          clearedAt: row.cleared_at,
        },
      ]),
    );
  }

  beforeAll(async () => {
    testDb = await openTestDb(kind);
    expect(await cli('--file', fixture('customers.json'), '--entity', 'customers')).toBe(0);
  });
  afterAll(() => testDb.dispose());

  it('reads SAP FBL5N with English headers: US dates, grouped amounts, the minus leading or trailing, document types', async () => {
    expect(await cli('--file', fixture('sap-fbl5n-en.csv'), '--preset', 'sap-fbl5n-en')).toBe(0);
    expect(out[1]).toBe('  openItems: 4 inserted, 0 updated, 0 unchanged');
    expect(await stored(['1800001234', '1700000089', '1400000567', '1800001240'])).toEqual({
      '1800001234': item('100042', 'invoice', '1800001234', 'PO-77', '2026-02-03', '2026-03-05', 'USD', 119_000),
      '1700000089': item('100042', 'credit_memo', '1700000089', 'RMA-3', '2026-02-07', '2026-02-07', 'USD', -15_000),
      '1400000567': item('100043', 'payment_on_account', '1400000567', null, '2026-02-10', '2026-02-10', 'USD', -250_000),
      '1800001240': item('100043', 'invoice', '1800001240', 'CONTRACT 9', '2026-02-12', '2026-03-14', 'EUR', 123_456_789),
    });
  });

  it('reads SAP FBL5N with German headers and settings, from CSV and from its Excel export alike', async () => {
    expect(await cli('--file', fixture('sap-fbl5n-de.csv'), '--preset', 'sap-fbl5n-de')).toBe(0);
    const expected = {
      '1800002001': item('100042', 'invoice', '1800002001', '4711', '2026-02-03', '2026-03-05', 'EUR', 119_000),
      '1700000090': item('100042', 'credit_memo', '1700000090', 'Gutschrift Müller', '2026-02-07', '2026-02-07', 'EUR', -15_000),
      '1400000568': item('100043', 'payment_on_account', '1400000568', null, '2026-02-10', '2026-02-10', 'EUR', -250_000),
      '1800002002': item('100043', 'invoice', '1800002002', 'Öl & Gas', '2026-02-12', '2026-03-14', 'CHF', 1_234_567),
    };
    expect(await stored(Object.keys(expected))).toEqual(expected);

    // The same list saved as a workbook: typed numbers and dates, read with the preset's settings; nothing changes.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    const [header = '', ...lines] = readFileSync(fixture('sap-fbl5n-de.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
    sheet.addRow(header.split(';'));
    for (const line of lines) {
      const [konto, beleg, art, belegdatum, faellig, betrag, waehrung, zuordnung] = line.split(';');
      const day = (text = ''): Date => new Date(`${text.slice(6, 10)}-${text.slice(3, 5)}-${text.slice(0, 2)}T00:00:00Z`);
      const amount = Number((betrag ?? '').replace(/\./g, '').replace(',', '.').replace(/^(.*)-$/, '-$1'));
      sheet.addRow([konto, beleg, art, day(belegdatum), day(faellig), amount, waehrung, zuordnung === '' ? null : zuordnung]);
    }
    const xlsx = virtual('/virtual/fbl5n.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(await cli('--file', xlsx, '--preset', 'sap-fbl5n-de')).toBe(0);
    expect(out[1]).toBe('  openItems: 0 inserted, 0 updated, 4 unchanged');
    expect(await stored(Object.keys(expected))).toEqual(expected);
  });

  it('refuses a document type the preset does not list by name, and takes it once a mapping amends the preset', async () => {
    const content = readFileSync(fixture('sap-fbl5n-en.csv'), 'utf8').replace(',1700000089,DG,', ',1700000089,AB,').replace('1800001234', '1800009999');
    const file = virtual('/virtual/fbl5n-ab.csv', content);
    expect(await cli('--file', file, '--preset', 'sap-fbl5n-en')).toBe(1);
    expect(out).toContain('line 3, column Document Type (openItems): "AB": "AB" is not among the mapping\'s values for kind (listed: RV, DR, DG, DZ)');
    expect(await stored(['1800009999'])).toEqual({});

    const amendment = virtual('/virtual/ab.mapping.json', JSON.stringify({ values: { kind: { AB: 'credit_memo' } } }));
    expect(await cli('--file', file, '--preset', 'sap-fbl5n-en', '--mapping', amendment)).toBe(0);
    expect(Object.keys(await stored(['1800009999']))).toEqual(['1800009999']);
    // The preset itself is untouched by the amendment.
    const preset = PRESETS.get('sap-fbl5n-en');
    expect(preset?.kind === 'mapping' ? Object.keys(preset.mapping.values?.['kind'] ?? {}) : []).toEqual(['RV', 'DR', 'DG', 'DZ']);
  });

  it("reads Oracle Fusion's receivablesInvoices response as saved: the envelope, JSON numbers, balances and the transaction types", async () => {
    expect(await cli('--file', fixture('oracle-receivables-invoices.json'), '--preset', 'oracle-receivables-invoices')).toBe(0);
    expect(await stored(['300100170996427', '300100170996431', '300100170996440', '300100170996452'])).toEqual({
      '300100170996427': item('1008', 'invoice', '1007', 'PO-1007', '2026-02-20', '2026-03-22', 'USD', 145_950, 45_950),
      '300100170996431': item('1009', 'invoice', '1011', null, '2026-02-25', '2026-03-27', 'JPY', 1_250_000),
      '300100170996440': item('1008', 'debit_memo', 'DM-204', 'PO-1007', '2026-03-01', '2026-03-31', 'USD', 3_500),
      '300100170996452': item('1008', 'debit_memo', 'CB-12', null, '2026-03-03', '2026-03-03', 'USD', 12_075),
    });
    // Another format than the vendor's, or a document that is not its response, is named before anything is read.
    expect(await cli('--file', fixture('sap-fbl5n-en.csv'), '--preset', 'oracle-receivables-invoices')).toBe(2);
    expect(err[0]).toBe('The preset oracle-receivables-invoices reads json, not csv.');
    expect(await cli('--file', virtual('/virtual/oracle.json', '{"count": 0}'), '--preset', 'oracle-receivables-invoices')).toBe(2);
    expect(err[0]).toBe('The file must hold a JSON array of records, or an object with the array in "items" (the API\'s response as saved).');
  });

  it("reads Business Central's customer ledger entries from OData: local-currency entries take the company's currency from an amending mapping", async () => {
    const keys = ['1201', '1207', '1210', '1215'];
    expect(await cli('--file', fixture('bc-customer-ledger-entries.json'), '--preset', 'bc-customer-ledger-entries')).toBe(1);
    expect(out.filter((line) => line.startsWith('line '))).toEqual([1, 3, 4].map((line) => `line ${String(line)}, column Currency_Code (openItems): "": required (or give a default currency)`));
    expect(await stored(keys)).toEqual({});

    const lcy = virtual('/virtual/bc-lcy.mapping.json', JSON.stringify({ defaultCurrency: 'GBP' }));
    expect(await cli('--file', fixture('bc-customer-ledger-entries.json'), '--preset', 'bc-customer-ledger-entries', '--mapping', lcy)).toBe(0);
    expect(await stored(keys)).toEqual({
      '1201': item('10000', 'invoice', '103021', 'PO-55', '2026-02-02', '2026-03-05', 'GBP', 119_000, 69_000),
      '1207': item('10000', 'credit_memo', '104005', null, '2026-02-10', '2026-02-10', 'EUR', -15_000),
      '1210': item('20000', 'payment_on_account', 'G02001', null, '2026-02-14', '2026-02-14', 'GBP', -50_000, -21_234),
      '1215': item('20000', 'debit_memo', 'FIN-0012', null, '2026-02-28', '2026-03-14', 'GBP', 1_250),
    });
  });

  it('reads a NetSuite saved search of open invoices in the base currency the amending mapping names: grouped amounts, credits negative', async () => {
    // Amount and Amount Remaining are in the base currency, whatever the Currency column says: without it named, nothing is read.
    expect(await cli('--file', fixture('netsuite-open-invoices.csv'), '--preset', 'netsuite-open-invoices')).toBe(2);
    expect(err[0]).toBe('The preset netsuite-open-invoices reads NetSuite\'s Amount and Amount Remaining, which are in your base currency whatever the transaction\'s: amend it with that currency, e.g. {"defaultCurrency": "USD"}.');
    const base = virtual('/virtual/ns-base.mapping.json', JSON.stringify({ defaultCurrency: 'USD' }));
    expect(await cli('--file', fixture('netsuite-open-invoices.csv'), '--preset', 'netsuite-open-invoices', '--mapping', base)).toBe(0);
    expect(await stored(['5001', '5017', '5020'])).toEqual({
      '5001': item('Acme Club', 'invoice', 'INV1001', null, '2026-01-15', '2026-02-14', 'USD', 108_000, 58_000),
      '5017': item('Beta GmbH', 'invoice', 'INV1009', null, '2026-01-20', '2026-03-21', 'USD', 250_000),
      '5020': item('Acme Club', 'credit_memo', 'CM104', null, '2026-01-22', '2026-01-22', 'USD', -7_525),
    });
    // A remaining amount written without the credit's sign would turn a credit into a debt: refused.
    const unsigned = virtual('/virtual/ns.csv', readFileSync(fixture('netsuite-open-invoices.csv'), 'utf8').replace('-75.25,-75.25', '-75.25,75.25'));
    expect(await cli('--file', unsigned, '--preset', 'netsuite-open-invoices', '--mapping', base)).toBe(1);
    expect(out).toContain('line 4, column Amount Remaining (openItems): "75.25": the open amount has the opposite sign of the original amount (-75.25)');
  });

  it('keeps every preset run with the preset it was read by', async () => {
    const base = virtual('/virtual/ns-base.mapping.json', JSON.stringify({ defaultCurrency: 'USD' }));
    expect(await cli('--file', fixture('netsuite-open-invoices.csv'), '--preset', 'netsuite-open-invoices', '--mapping', base, '--dry-run', '--json')).toBe(0);
    const { runId } = JSON.parse(out[0] ?? '{}') as { runId: string };
    const run = await testDb.db.selectFrom('import_runs').select(['source', 'outcome', 'file_name', 'counts']).where('id', '=', runId).executeTakeFirstOrThrow();
    expect(run).toEqual({ source: 'preset netsuite-open-invoices amended by a mapping (csv)', outcome: 'dry_run', file_name: 'netsuite-open-invoices.csv', counts: JSON.stringify({ openItems: { inserted: 0, updated: 0, unchanged: 3 } }) });
  });
});
