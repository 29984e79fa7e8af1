import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock';
import { runImportCli, type ImportIo } from '../../../server/cli/import';
import { importRun, listImportRuns } from '../../../server/import/runs';
import { BACKENDS, openTestDb, type TestDb } from './support/backends';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url));

describe.each(BACKENDS)('import CLI on %s', (kind) => {
  let testDb: TestDb;
  let out: string[] = [];
  let err: string[] = [];
  const io: ImportIo = {
    // The test owns the database; the CLI's close must not end it.
    openDb: () => Promise.resolve({ db: testDb.db, close: () => Promise.resolve() }),
    readFile: (path) => readFile(path),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    clock: manualClock('2026-03-02T09:00:00.000Z'),
  };
  const cli = async (...argv: string[]): Promise<number> => {
    out = [];
    err = [];
    return runImportCli(argv, io);
  };

  beforeAll(async () => {
    testDb = await openTestDb(kind);
  });
  afterAll(() => testDb.dispose());

  it('exits 2 with the usage on bad arguments, before touching the database', async () => {
    expect(await cli('--preset', 'ibm-ar')).toBe(2);
    expect(err.join('\n')).toContain('Name the file with --file.');
    expect(err.join('\n')).toContain('Usage:');
    expect(await cli('--file', 'x.csv', '--preset', 'ibm-ar', '--entity', 'customers')).toBe(2);
    expect(await cli('--file', 'x.csv', '--entity', 'invoices')).toBe(2);
    expect(err.join('\n')).toContain('Unknown entity "invoices"');
    expect(await cli('--file', fixture('customers-de.csv'), '--entity', 'customers')).toBe(2);
    expect(err.join('\n')).toContain('A CSV or XLSX import of an entity needs a mapping.');
    expect(await cli('--file', fixture('missing.csv'), '--preset', 'ibm-ar')).toBe(2);
    expect(err.join('\n')).toContain('Cannot read');
    expect(await cli('--help')).toBe(0);
    expect(out.join('\n')).toContain('--allow-partial');
  });

  it('imports with a mapping file and exits 0; a dry run commits nothing', async () => {
    expect(await cli('--file', fixture('customers-de.csv'), '--entity', 'customers', '--mapping', fixture('customers-de.mapping.json'), '--dry-run')).toBe(0);
    expect(out[0]).toBe('Dry run: nothing was committed.');
    expect(await testDb.db.selectFrom('customers').select('erp_key').execute()).toEqual([]);

    expect(await cli('--file', fixture('customers-de.csv'), '--entity', 'customers', '--mapping', fixture('customers-de.mapping.json'))).toBe(0);
    expect(out.slice(0, 2)).toEqual(['Imported.', '  customers: 2 inserted, 0 updated, 0 unchanged']);
    const runId = /^Run (\S+) \(npm run server:admin -- import-run \1\)\.$/.exec(out[2] ?? '')?.[1] ?? '';
    // The run's report is kept: which file, its hash, what came of it.
    expect(await importRun(testDb.db, runId)).toMatchObject({
      origin: 'cli',
      file: { name: 'customers-de.csv', sha256: createHash('sha256').update(readFileSync(fixture('customers-de.csv'))).digest('hex'), bytes: readFileSync(fixture('customers-de.csv')).byteLength },
      source: 'customers by mapping (csv)',
      outcome: 'imported',
      counts: { customers: { inserted: 2, updated: 0, unchanged: 0 } },
      rejectionCount: 0,
      startedAt: '2026-03-02T09:00:00.000Z',
    });
    expect(await cli('--file', fixture('customers.json'), '--entity', 'customers', '--json')).toBe(0);
    const json = JSON.parse(out[0] ?? '') as { runId: string };
    expect(json).toMatchObject({ committed: true, applied: { customers: { inserted: 2 } } });
    expect((await listImportRuns(testDb.db, 10)).map((run) => [run.id, run.outcome, run.file?.name])).toEqual(
      expect.arrayContaining([[runId, 'imported', 'customers-de.csv'], [json.runId, 'imported', 'customers.json']]),
    );
  });

  it('exits 1 and prints every rejected row; --allow-partial applies the rest', async () => {
    const args = ['--file', fixture('items-bad.csv'), '--entity', 'openItems', '--mapping', fixture('items-bad.mapping.json')];
    expect(await cli(...args)).toBe(1);
    expect(out[0]).toBe('Nothing was applied: 9 problem(s) in rejected rows.');
    expect(out).toContain('line 3, column date (openItems): "2026-13-05": not a date in the format yyyy-MM-dd');
    expect(out).toContain('line 8, column (row) (openItems): "B-7,D-101,invoice,2026-01-05": has 4 fields, the header has 7');
    expect(await testDb.db.selectFrom('open_items').select('erp_key').execute()).toEqual([]);

    expect(await cli(...args, '--allow-partial')).toBe(1);
    expect(out[0]).toBe('Imported the valid rows; 9 problem(s) in rejected rows.');
    expect(out[1]).toBe('  openItems: 2 inserted, 0 updated, 0 unchanged');
  });

  it('exits 2 when the mapping names a column the file lacks or is not valid', async () => {
    expect(await cli('--file', fixture('items-de.csv'), '--entity', 'openItems', '--mapping', fixture('items-bad.mapping.json'))).toBe(2);
    expect(err.join('\n')).toContain('columns the file does not have');
    expect(await cli('--file', fixture('items-de.csv'), '--entity', 'openItems', '--mapping', fixture('customers.json'))).toBe(2);
    expect(err.join('\n')).toContain('is not valid');
  });
  it('reads a Windows-1252 export when the mapping declares it, and names the line when it does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledgerline-import-cli-'));
    const file = join(dir, 'kunden-1252.csv');
    // "Müller & Söhne" and "O’Brien – Café Größe €" as an older SAP system writes them: one byte each,
    // the apostrophe, the dash and the euro sign from Windows-1252's own block (0x92, 0x96, 0x80).
    const bytes = Buffer.from('Kunde;Name;Land;Waehrung\r\nW-1;M\u00fcller & S\u00f6hne;DE;EUR\r\nW-2;O\u0092Brien \u0096 Caf\u00e9 Gr\u00f6\u00dfe \u0080;AT;EUR\r\n', 'latin1');
    writeFileSync(file, bytes);
    const columns = { key: 'Kunde', name: 'Name', country: 'Land', currency: 'Waehrung' };
    const declared = join(dir, 'declared.mapping.json');
    writeFileSync(declared, JSON.stringify({ columns, delimiter: ';', encoding: 'windows-1252' }));
    const undeclared = join(dir, 'undeclared.mapping.json');
    writeFileSync(undeclared, JSON.stringify({ columns, delimiter: ';' }));

    expect(await cli('--file', file, '--entity', 'customers', '--mapping', undeclared)).toBe(2);
    expect(err.join('\n')).toContain('line 2 is not UTF-8. If the export is in another encoding, declare it in the mapping ("encoding": "windows-1252").');
    expect(await testDb.db.selectFrom('customers').select('erp_key').where('erp_key', 'like', 'W-%').execute()).toEqual([]);

    expect(await cli('--file', file, '--entity', 'customers', '--mapping', declared)).toBe(0);
    const names = await testDb.db.selectFrom('customers').select(['erp_key', 'name']).where('erp_key', 'like', 'W-%').orderBy('erp_key').execute();
    expect(names).toEqual([
      { erp_key: 'W-1', name: 'M\u00fcller & S\u00f6hne' },
      { erp_key: 'W-2', name: 'O\u2019Brien \u2013 Caf\u00e9 Gr\u00f6\u00dfe \u20ac' },
    ]);
  });

  it('reads an Excel export with the mapping of its CSV: typed numbers, dates, formulas and rich text, from the named sheet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledgerline-import-xlsx-'));
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Info').addRow(['Exported from SAP']);
    const items = workbook.addWorksheet('Offene Posten');
    items.addRow(['Belegnummer', 'Kunde', 'Belegart', 'Belegdatum', 'Nettof\u00e4lligkeit', 'Betrag in HW', 'Zuordnung']);
    items.addRow([1800000555, { richText: [{ text: 'D-' }, { text: '100', font: { bold: true } }] }, 'RV', new Date(Date.UTC(2026, 0, 3)), '02.02.2026', 12345.67, 'PO-1']);
    items.addRow([1600000556, 'D-100', 'DG', new Date(Date.UTC(2026, 0, 15)), new Date(Date.UTC(2026, 0, 15)), -250, null]);
    items.addRow([1800000557, 'D-101', 'DR', new Date(Date.UTC(2026, 2, 1)), '31.03.2026', { formula: '1234.56-1000', result: 1234.56 - 1000 }, { text: { richText: [{ text: 'PO-' }, { text: '9' }] }, hyperlink: 'https://erp.example/po/9' }]);
    const file = join(dir, 'fbl5n.xlsx');
    await workbook.xlsx.writeFile(file);
    const mapping = join(dir, 'sap.mapping.json');
    writeFileSync(mapping, JSON.stringify({ ...JSON.parse(readFileSync(fixture('items-sap-de.mapping.json'), 'utf8')), sheet: 'Offene Posten' }));

    expect(await cli('--file', file, '--entity', 'openItems', '--mapping', mapping)).toBe(0);
    const rows = await testDb.db.selectFrom('open_items').select(['erp_key', 'kind', 'document_date', 'due_date', 'original_minor', 'reference']).where('erp_key', 'in', ['1800000555', '1600000556', '1800000557']).orderBy('erp_key').execute();
    expect(rows).toEqual([
      { erp_key: '1600000556', kind: 'credit_memo', document_date: '2026-01-15', due_date: '2026-01-15', original_minor: -25_000, reference: null },
      { erp_key: '1800000555', kind: 'invoice', document_date: '2026-01-03', due_date: '2026-02-02', original_minor: 1_234_567, reference: 'PO-1' },
      // Excel's stored 234.55999999999995 is the 234.56 it shows; a hyperlink's rich text is its text.
      { erp_key: '1800000557', kind: 'invoice', document_date: '2026-03-01', due_date: '2026-03-31', original_minor: 23_456, reference: 'PO-9' },
    ]);

    // An error cell and a formula never calculated refuse their rows; a merged cell's copies read as empty.
    const odd = workbook.addWorksheet('Odd');
    odd.addRow(['Belegnummer', 'Kunde', 'Belegart', 'Belegdatum', 'Nettof\u00e4lligkeit', 'Betrag in HW', 'Zuordnung']);
    odd.addRow([1800000601, 'D-100', 'RV', '01.03.2026', '31.03.2026', { error: '#N/A' }, null]);
    odd.addRow([1800000602, 'D-100', 'RV', '01.03.2026', '31.03.2026', { formula: 'B9*2' }, null]);
    odd.addRow([1800000603, 'D-100', 'RV', '01.03.2026', '31.03.2026', 10, 'PO-77']);
    odd.mergeCells('G4:H4');
    const oddFile = join(dir, 'odd.xlsx');
    await workbook.xlsx.writeFile(oddFile);
    writeFileSync(mapping, JSON.stringify({ ...JSON.parse(readFileSync(fixture('items-sap-de.mapping.json'), 'utf8')), sheet: 'Odd' }));
    expect(await cli('--file', oddFile, '--entity', 'openItems', '--mapping', mapping)).toBe(1);
    expect(out).toContain('line 2, column Betrag in HW (openItems): "": Excel error #N/A');
    expect(out).toContain('line 3, column Betrag in HW (openItems): "": a formula without a computed value (open the file in Excel and save it)');
    expect(out.filter((line) => line.startsWith('line 4'))).toEqual([]);

    writeFileSync(mapping, JSON.stringify({ ...JSON.parse(readFileSync(fixture('items-sap-de.mapping.json'), 'utf8')), sheet: 'Posten' }));
    expect(await cli('--file', file, '--entity', 'openItems', '--mapping', mapping)).toBe(2);
    expect(err.join('\n')).toContain('The workbook has no sheet "Posten" (it has Info, Offene Posten).');
    writeFileSync(join(dir, 'not.xlsx'), 'Belegnummer;Kunde\n1;D-100\n');
    expect(await cli('--file', join(dir, 'not.xlsx'), '--entity', 'openItems', '--mapping', fixture('items-sap-de.mapping.json'))).toBe(2);
    expect(err.join('\n')).toContain('cannot be read as an Excel workbook');
  });

  it('--assign gives the customers it committed to collectors by rules, and says so after the import report', async () => {
    const now = '2026-03-02T09:00:00.000Z';
    await testDb.db.insertInto('users').values({ id: 'u-assign-ann', username: 'assign.ann', display_name: 'Ann', email: null, role: 'collector', team_id: null, password_hash: 'unused', created_at: now, updated_at: now }).execute();
    const dir = mkdtempSync(join(tmpdir(), 'import-assign-'));
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify({ rules: [{ collector: 'assign.ann', numbers: { from: 'IA-1', to: 'IA-3' } }] }));
    const records = join(dir, 'customers.json');
    writeFileSync(records, JSON.stringify(['IA-1', 'IA-2'].map((key) => ({ key, number: key, name: `Customer ${key}`, country: 'DE', currency: 'EUR' }))));

    expect(await cli('--file', records, '--entity', 'customers', '--assign', rules, '--dry-run')).toBe(2);
    expect(err.join('\n')).toContain('drop --dry-run');
    expect(await cli('--file', records, '--entity', 'customers', '--assign', join(dir, 'rules.txt'))).toBe(2);

    expect(await cli('--file', records, '--entity', 'customers', '--assign', rules)).toBe(0);
    expect(out[0]).toBe('Imported.');
    expect(out.at(-1)).toMatch(/^Assigned 2 customers \(assign\.ann 2\); 0 already with that collector; \d+ matched no rule\.$/);
    const assigned = await testDb.db.selectFrom('customers').select(['number', 'collector_id', 'assignment_reason']).where('number', 'in', ['IA-1', 'IA-2']).orderBy('number').execute();
    expect(assigned).toEqual([
      { number: 'IA-1', collector_id: 'u-assign-ann', assignment_reason: 'assigned on import of customers.json' },
      { number: 'IA-2', collector_id: 'u-assign-ann', assignment_reason: 'assigned on import of customers.json' },
    ]);
    // --json: one document, the import's report with the assignment's beside it.
    expect(await cli('--file', records, '--entity', 'customers', '--assign', rules, '--json')).toBe(0);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ committed: true, applied: { customers: { unchanged: 2 } }, assignment: { source: 'rules', committed: true, assigned: 0 } });
  });
});
