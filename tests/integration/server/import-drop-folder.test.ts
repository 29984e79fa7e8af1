/**
 * The import drop folder on a real directory and database: files complete or still being written,
 * named by a preset or a sidecar, good, refused, unreadable, too large, twice the same; two servers
 * on one folder; a database that is away. Every file ends in done/ or rejected/ with its report,
 * and each run is kept.
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock';
import { buildServer } from '../../../server/app';
import { connectServerDb } from '../../../server/db/connect';
import { DropFolder, presetOfName, STALE_CLAIM_MS, type DropFolderLog } from '../../../server/import/drop-folder';
import { importRun, listImportRuns } from '../../../server/import/runs';
import { runImport } from '../../../server/import/run';
import { BACKENDS, openTestDb, type TestDb } from './support/backends';
import { TEST_SECRET } from './support/harness';

const presetFixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/import/presets/${name}`, import.meta.url)), 'utf8');
const SETTLE_MS = 5_000;

describe.each(BACKENDS)('import drop folder on %s', (kind) => {
  let testDb: TestDb;
  let clock: ReturnType<typeof manualClock>;
  const advance = (ms: number): void => { clock.set(new Date(clock.now().getTime() + ms).toISOString()); };
  let dir: string;
  const logged: string[] = [];
  const log: DropFolderLog = { info: (_details, message) => logged.push(message), warn: (_details, message) => logged.push(message) };
  const folderOn = (db = testDb.db, maxBytes = 1024 * 1024): DropFolder => new DropFolder(db, { clock, defaultTimeZone: 'Europe/Berlin' }, { dir, settleMs: SETTLE_MS, maxBytes }, log);
  const listing = (sub: string): string[] => readdirSync(join(dir, sub)).sort();
  const itemKeys = async (keys: readonly string[]): Promise<string[]> =>
    (await testDb.db.selectFrom('open_items').select('erp_key').where('erp_key', 'in', keys).orderBy('erp_key').execute()).map((row) => row.erp_key);
  /** Two looks at the folder the settle time apart: what a file needs to count as complete. */
  const settle = async (folder: DropFolder) => {
    const first = await folder.scan();
    advance(SETTLE_MS);
    return [...first, ...(await folder.scan())];
  };

  beforeAll(async () => {
    testDb = await openTestDb(kind);
    await runImport(testDb.db, { clock: manualClock('2026-03-01T00:00:00.000Z'), defaultTimeZone: 'UTC' }, { source: { format: 'json', entity: 'customers', records: JSON.parse(presetFixture('customers.json')) as unknown[] } });
  });
  afterAll(() => testDb.dispose());
  beforeEach(() => {
    clock = manualClock('2026-03-05T06:00:00.000Z');
    dir = mkdtempSync(join(tmpdir(), 'drop-'));
    logged.length = 0;
  });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('imports a file named by its preset once it is complete, files it in done/ with its report, and keeps the run', async () => {
    const folder = folderOn();
    await folder.prepare();
    const keys = ['1800002001', '1700000090', '1400000568', '1800002002'];
    writeFileSync(join(dir, 'sap-fbl5n-de_2026-03-05.csv'), presetFixture('sap-fbl5n-de.csv'));
    expect(await folder.scan()).toEqual([]);
    advance(SETTLE_MS - 1);
    expect(await folder.scan()).toEqual([]);
    expect(await itemKeys(keys)).toEqual([]);
    advance(1);
    const [outcome] = await folder.scan();
    expect(outcome).toMatchObject({ file: 'sap-fbl5n-de_2026-03-05.csv', movedTo: 'done', run: { origin: 'folder', outcome: 'imported', source: 'preset sap-fbl5n-de (csv)' } });
    expect(await itemKeys(keys)).toEqual([...keys].sort());
    expect(listing('.')).toEqual(['done', 'processing', 'rejected']);
    expect(listing('done')).toEqual(['sap-fbl5n-de_2026-03-05.csv', 'sap-fbl5n-de_2026-03-05.csv.report.json', 'sap-fbl5n-de_2026-03-05.csv.report.txt']);
    const report = readFileSync(join(dir, 'done', 'sap-fbl5n-de_2026-03-05.csv.report.txt'), 'utf8');
    expect(report).toContain(`Run ${outcome?.run?.id ?? ''} (folder): imported`);
    expect(report).toContain('  openItems: 4 inserted, 0 updated, 0 unchanged');
    expect(await importRun(testDb.db, outcome?.run?.id ?? '')).toMatchObject({ origin: 'folder', file: { name: 'sap-fbl5n-de_2026-03-05.csv' }, outcome: 'imported' });

    // The same contents again, under another name: recognised under the import lock, nothing read or changed, filed in done/ saying which run had them.
    const before = await testDb.db.selectFrom('open_items').select(['erp_key', 'updated_at']).where('erp_key', 'in', keys).orderBy('erp_key').execute();
    writeFileSync(join(dir, 'sap-fbl5n-de_again.csv'), presetFixture('sap-fbl5n-de.csv'));
    const [again] = await settle(folder);
    expect(again).toMatchObject({ movedTo: 'done', run: { outcome: 'duplicate', counts: {}, source: 'preset sap-fbl5n-de (csv)' } });
    expect(again?.run?.message).toBe(`The same contents were imported by run ${outcome?.run?.id ?? ''} at 2026-03-05T06:00:05.000Z from sap-fbl5n-de_2026-03-05.csv; nothing was read again.`);
    expect(await testDb.db.selectFrom('open_items').select(['erp_key', 'updated_at']).where('erp_key', 'in', keys).orderBy('erp_key').execute()).toEqual(before);

    // The same bytes read another way (a sidecar amending the preset) are a new import.
    writeFileSync(join(dir, 'amended.csv.import.json'), JSON.stringify({ preset: 'sap-fbl5n-de', mapping: { values: { kind: { AB: 'invoice' } } } }));
    writeFileSync(join(dir, 'amended.csv'), presetFixture('sap-fbl5n-de.csv'));
    expect(await settle(folder)).toEqual([expect.objectContaining({ movedTo: 'done', run: expect.objectContaining({ outcome: 'imported', source: 'preset sap-fbl5n-de amended by a mapping (csv)' }) as unknown })]);

    // A file of a name done/ already holds is filed beside it, not over it.
    writeFileSync(join(dir, 'sap-fbl5n-de_2026-03-05.csv'), presetFixture('sap-fbl5n-de.csv').replace('1.190,00', '1.090,00'));
    expect(await settle(folder)).toEqual([expect.objectContaining({ movedTo: 'done' })]);
    expect(listing('done')).toContain('sap-fbl5n-de_2026-03-05.2026-03-05T06-00-20Z.csv');
    expect(listing('done')).toContain('sap-fbl5n-de_2026-03-05.2026-03-05T06-00-20Z.csv.report.txt');
  });

  it('leaves a file alone while it is written: a temporary name, or a size that still changes', async () => {
    const folder = folderOn();
    await folder.prepare();
    const content = presetFixture('sap-fbl5n-en.csv');
    writeFileSync(join(dir, 'sap-fbl5n-en.csv.part'), content);
    writeFileSync(join(dir, '.sap-fbl5n-en.csv'), content);
    writeFileSync(join(dir, 'sap-fbl5n-en_growing.csv'), content.slice(0, 100));
    expect(await folder.scan()).toEqual([]);
    // Still growing at the next look: its settle time starts again.
    appendFileSync(join(dir, 'sap-fbl5n-en_growing.csv'), content.slice(100, 150));
    advance(SETTLE_MS);
    expect(await folder.scan()).toEqual([]);
    advance(SETTLE_MS - 1);
    expect(await folder.scan()).toEqual([]);
    expect(listing('.')).toEqual(['.sap-fbl5n-en.csv', 'done', 'processing', 'rejected', 'sap-fbl5n-en.csv.part', 'sap-fbl5n-en_growing.csv']);
    rmSync(join(dir, 'sap-fbl5n-en_growing.csv'));
    rmSync(join(dir, '.sap-fbl5n-en.csv'));
    // Renamed into place: complete as soon as it has been seen unchanged for the settle time.
    renameSync(join(dir, 'sap-fbl5n-en.csv.part'), join(dir, 'sap-fbl5n-en.csv'));
    expect(await settle(folder)).toEqual([expect.objectContaining({ file: 'sap-fbl5n-en.csv', movedTo: 'done' })]);
    expect(await itemKeys(['1800001234'])).toEqual(['1800001234']);
  });

  it('never stalls on a bad file: each is refused into rejected/ with its reasons, the good ones beside it still go in', async () => {
    const folder = folderOn(testDb.db, 4096);
    await folder.prepare();
    // Sorted by name, the bad files come first.
    writeFileSync(join(dir, 'a-nobody-knows-this.csv'), 'x,y\n1,2\n');
    writeFileSync(join(dir, 'b.csv'), 'Account;Belegnummer\n');
    writeFileSync(join(dir, 'b.csv.import.json'), '{"preset": "sap-fbl5n-de", "colour": "red"}');
    writeFileSync(join(dir, 'netsuite-open-invoices.big.csv'), `${presetFixture('netsuite-open-invoices.csv')}${'\n'.repeat(5000)}`);
    writeFileSync(join(dir, 'netsuite-open-invoices.bad.csv.import.json'), JSON.stringify({ preset: 'netsuite-open-invoices', mapping: { defaultCurrency: 'USD' } }));
    writeFileSync(join(dir, 'netsuite-open-invoices.bad.csv'), presetFixture('netsuite-open-invoices.csv').replace('INV1009,Beta GmbH,3/21/2026', 'INV1009,Beta GmbH,2026-03-21').replace('5001,', '6001,'));
    writeFileSync(join(dir, 'sap-fbl5n-de.latin1.csv'), Buffer.from('Konto;Belegnummer;Belegart;Belegdatum;Nettofälligkeit;Betrag in Belegwährung;Belegwährung;Zuordnung\n100042;1800003001;RV;03.02.2026;05.03.2026;10,00;EUR;Müller\n', 'latin1'));
    writeFileSync(join(dir, 'sap-fbl5n-en.good.csv'), presetFixture('sap-fbl5n-en.csv').replaceAll('18000012', '18000077'));
    const outcomes = await settle(folder);
    expect(outcomes.map(({ file, movedTo, run }) => [file, movedTo, run?.outcome])).toEqual([
      ['a-nobody-knows-this.csv', 'rejected', 'failed'],
      ['b.csv', 'rejected', 'failed'],
      ['netsuite-open-invoices.bad.csv', 'rejected', 'rejected'],
      ['netsuite-open-invoices.big.csv', 'rejected', 'failed'],
      ['sap-fbl5n-de.latin1.csv', 'rejected', 'failed'],
      ['sap-fbl5n-en.good.csv', 'done', 'imported'],
    ]);
    const [unnamed, sidecar, refused, big, latin1] = outcomes.map((outcome) => outcome.run);
    expect(unnamed?.message).toMatch(/^Neither a sidecar a-nobody-knows-this.csv.import.json nor the file's name says how to read it: start the name with a preset \(ibm-ar, sap-fbl5n-en, /);
    expect(sidecar?.message).toBe('The sidecar b.csv.import.json is not valid: (top level): Unrecognized key: "colour".');
    expect(refused?.rejections).toEqual([{ entity: 'openItems', line: 3, column: 'Due Date/Receive By', value: '2026-03-21', reason: 'not a date in the format M/d/yyyy' }]);
    expect(big?.message).toMatch(/^The file has \d+ bytes; the drop folder takes files of at most 4096 \(LEDGERLINE_IMPORT_MAX_MB\)\.$/);
    expect(latin1?.message).toBe('sap-fbl5n-de.latin1.csv: line 1 is not UTF-8. If the export is in another encoding, declare it in the mapping ("encoding": "windows-1252").');
    expect(await itemKeys(['6001', '1800003001'])).toEqual([]);
    expect(await itemKeys(['1800007734', '1800007740'])).toEqual(['1800007734', '1800007740']);
    expect(listing('rejected')).toEqual(
      ['a-nobody-knows-this.csv', 'b.csv', 'netsuite-open-invoices.bad.csv', 'netsuite-open-invoices.big.csv', 'sap-fbl5n-de.latin1.csv'].flatMap((name) => [name, ...(name === 'b.csv' || name.endsWith('.bad.csv') ? [`${name}.import.json`] : []), `${name}.report.json`, `${name}.report.txt`]).sort(),
    );
    expect(readFileSync(join(dir, 'rejected', 'netsuite-open-invoices.bad.csv.report.txt'), 'utf8')).toContain('line 3, column Due Date/Receive By (openItems): "2026-03-21": not a date in the format M/d/yyyy');
    expect(listing('.')).toEqual(['done', 'processing', 'rejected']);
  });

  it('reads a file as its sidecar says: an entity by a mapping (here Windows-1252, valid rows allowed in), written before the file', async () => {
    const folder = folderOn();
    await folder.prepare();
    const mapping = { columns: { key: 'Beleg', customerKey: 'Konto', documentDate: 'Datum', dueDate: 'Datum', originalAmount: 'Betrag', reference: 'Text' }, dateFormat: 'dd.MM.yyyy', decimalSeparator: ',', delimiter: ';', encoding: 'windows-1252', defaultCurrency: 'EUR' };
    writeFileSync(join(dir, 'nightly.csv.import.json'), JSON.stringify({ entity: 'openItems', mapping, allowPartial: true }));
    writeFileSync(join(dir, 'nightly.csv'), Buffer.from('Beleg;Konto;Datum;Betrag;Text\nN-1;100042;01.03.2026;12,50;Gebühr # März\nN-2;nobody;01.03.2026;1,00;x\n', 'latin1').map((byte) => (byte === 0x23 ? 0x96 : byte)));
    const [outcome] = await settle(folder);
    expect(outcome).toMatchObject({ movedTo: 'done', run: { outcome: 'imported_partially', source: 'openItems by mapping (csv)', rejectionCount: 1 } });
    expect(await testDb.db.selectFrom('open_items').select(['reference', 'original_minor']).where('erp_key', '=', 'N-1').execute()).toEqual([{ reference: 'Gebühr – März', original_minor: 1250 }]);
    expect(listing('done')).toEqual(['nightly.csv', 'nightly.csv.import.json', 'nightly.csv.report.json', 'nightly.csv.report.txt']);
  });

  it('imports each file once when two servers watch one folder, and puts back what a stopped server had claimed, never what a live one holds', async () => {
    const one = folderOn();
    const two = folderOn();
    await one.prepare();
    for (let index = 0; index < 4; index += 1) writeFileSync(join(dir, `sap-fbl5n-de_${String(index)}.csv`), presetFixture('sap-fbl5n-de.csv').replaceAll('180000200', `18000${String(index)}00`).replaceAll('1700000090', `17000${String(index)}0090`).replaceAll('1400000568', `14000${String(index)}0568`));
    await Promise.all([one.scan(), two.scan()]);
    advance(SETTLE_MS);
    const outcomes = (await Promise.all([one.scan(), two.scan()])).flat();
    expect(outcomes.map((outcome) => outcome.file).sort()).toEqual(['sap-fbl5n-de_0.csv', 'sap-fbl5n-de_1.csv', 'sap-fbl5n-de_2.csv', 'sap-fbl5n-de_3.csv']);
    expect(outcomes.every((outcome) => outcome.movedTo === 'done')).toBe(true);

    // A server that stopped mid-import left its claims folder; a live one's is touched at every scan.
    const claimed = (folder: string, minutesAgo: number): void => {
      mkdirSync(join(dir, 'processing', folder));
      writeFileSync(join(dir, 'processing', folder, `sap-fbl5n-de_${folder}.csv`), 'Konto\n');
      const at = new Date(clock.now().getTime() - minutesAgo * 60_000);
      utimesSync(join(dir, 'processing', folder), at, at);
    };
    claimed('stopped', STALE_CLAIM_MS / 60_000 + 1);
    claimed('busy', 1);
    // A newer file of the same name is already back in the folder: the reclaimed one goes beside it.
    writeFileSync(join(dir, 'sap-fbl5n-de_stopped.csv'), 'newer');
    await one.prepare();
    expect(readFileSync(join(dir, 'sap-fbl5n-de_stopped.csv'), 'utf8')).toBe('newer');
    expect(readFileSync(join(dir, 'sap-fbl5n-de_stopped.2026-03-05T06-00-05Z.csv'), 'utf8')).toBe('Konto\n');
    expect(existsSync(join(dir, 'processing', 'busy', 'sap-fbl5n-de_busy.csv'))).toBe(true);
    expect(readdirSync(join(dir, 'processing')).filter((name) => name.startsWith('stopped'))).toEqual([]);
    expect(logged).toContain('import drop folder: a file a stopped server had claimed was put back to be imported again');
  });

  it('puts a file back when the database is away, and imports it once the database is back', async () => {
    const away = await connectServerDb({ databaseUrl: 'postgres://127.0.0.1:1/test', onConnectionError: () => undefined });
    try {
      const folder = folderOn(away.db);
      await folder.prepare();
      writeFileSync(join(dir, 'bc-customer-ledger-entries.json'), presetFixture('bc-customer-ledger-entries.json'));
      expect(await settle(folder)).toEqual([{ file: 'bc-customer-ledger-entries.json', movedTo: 'retry', run: null }]);
      expect(listing('.')).toEqual(['bc-customer-ledger-entries.json', 'done', 'processing', 'rejected']);
    } finally {
      await away.close();
    }
    const back = folderOn();
    const [outcome] = await settle(back);
    // Business Central's local-currency entries need the company's currency: without a sidecar saying it, refused by row.
    expect(outcome).toMatchObject({ movedTo: 'rejected', run: { outcome: 'rejected', rejectionCount: 3 } });
    expect((await listImportRuns(testDb.db, 100)).map((run) => run.id)).toContain(outcome?.run?.id);
  });

  it('is watched by the server from start to close: a file dropped while it runs is imported without anyone asking', async () => {
    const app = await buildServer({ db: testDb.db, secret: TEST_SECRET, importFolder: { dir, pollMs: 20, settleMs: 0, maxBytes: 1024 * 1024 } });
    try {
      expect(listing('.')).toEqual(['done', 'processing', 'rejected']);
      writeFileSync(join(dir, 'oracle-receivables-invoices.json'), presetFixture('oracle-receivables-invoices.json'));
      await expect.poll(() => listing('done'), { timeout: 10_000, interval: 20 }).toContain('oracle-receivables-invoices.json.report.txt');
      expect(await itemKeys(['300100170996427'])).toEqual(['300100170996427']);
    } finally {
      await app.close();
    }
    // Closed: no scan runs any more.
    writeFileSync(join(dir, 'sap-fbl5n-en.csv'), presetFixture('sap-fbl5n-en.csv'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(listing('.')).toContain('sap-fbl5n-en.csv');
  });

  it('knows a preset by the start of a file name, the longest first', () => {
    expect(presetOfName('sap-fbl5n-de.csv')).toBe('sap-fbl5n-de');
    expect(presetOfName('sap-fbl5n-de_2026-12-06.csv')).toBe('sap-fbl5n-de');
    expect(presetOfName('netsuite-open-invoices 2026.csv')).toBe('netsuite-open-invoices');
    expect(presetOfName('sap-fbl5n-deutsch.csv')).toBeNull();
    expect(presetOfName('export.csv')).toBeNull();
  });
});
