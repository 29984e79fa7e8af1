/**
 * `npx tsx tests/bench/import.ts [--json] [--rows N]`: the ERP import of issue 31 at scale: N open
 * items (default 1,000,000) of 2,000 customers, from a CSV file and from an XLSX file, each imported
 * by the CLI's path (read as it comes, in parts, one transaction) into a fresh PostgreSQL database
 * (DATABASE_URL's server; dropped afterwards), each in a process of its own: its wall time, rows per
 * second and peak resident memory. The files are generated first (not timed).
 */
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { manualClock } from '../../shared/domain/clock';
import { connectServerDb } from '../../server/db/connect';
import { migrateServerDatabase } from '../../server/db/migrate';
import { runImport } from '../../server/import/run';
import { adminQuery, urlOfDatabase } from '../integration/sync/support-process';
import { summarize, tableHeader, tableRow } from './stats';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, rows: { type: 'string', default: '1000000' } }, strict: true, allowPositionals: false });
const ROWS = Number(values.rows);
const CUSTOMERS = 2000;
const HEADER = ['key', 'customer', 'kind', 'documentDate', 'dueDate', 'amount', 'open', 'currency', 'reference'];
const MAPPING = { columns: { key: 'key', customerKey: 'customer', kind: 'kind', documentDate: 'documentDate', dueDate: 'dueDate', originalAmount: 'amount', openAmount: 'open', currency: 'currency', reference: 'reference' } };

/** Row `index` of the generated export: amounts of 1.00 to 1,000.99, part paid; keys prefixed per file, so each file inserts its own. */
function row(prefix: string, index: number): (string | number)[] {
  const day = String(1 + (index % 28)).padStart(2, '0');
  const cents = 100 + (index % 100_000);
  const open = Math.max(0, cents - (index % 7) * 10);
  return [`${prefix}-${String(index)}`, `C-${String(index % CUSTOMERS)}`, 'invoice', `2026-01-${day}`, `2026-02-${day}`, (cents / 100).toFixed(2), (open / 100).toFixed(2), 'EUR', `PO-${String(index % 9999)}`];
}

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${HEADER.join(',')}\n`);
  for (let index = 0; index < ROWS; index++) {
    if (!out.write(`${row('CSV', index).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function writeXlsx(path: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Open items');
  sheet.addRow(HEADER).commit();
  for (let index = 0; index < ROWS; index++) {
    const values = row('XLSX', index);
    // Amounts as typed numbers, as Excel holds them; the rest as text.
    sheet.addRow([...values.slice(0, 5), Number(values[5]), Number(values[6]), ...values.slice(7)]).commit();
  }
  sheet.commit();
  await workbook.commit();
}

interface ChildResult {
  readonly ms: number;
  readonly peak_rss_mb: number;
  readonly applied: Record<string, { inserted: number }>;
}

function importInChild(databaseUrl: string, file: string, mapping: string): ChildResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/import-child.ts', '--database', databaseUrl, '--', '--file', file, '--entity', 'openItems', '--mapping', mapping], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`the import failed: ${child.stderr.slice(0, 2000)}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
}

async function main(): Promise<void> {
  if (!Number.isSafeInteger(ROWS) || ROWS < 1) throw new Error(`--rows must be a whole number, not "${values.rows}"`);
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-import-bench-'));
  const database = `t_import_${uuidv7().replaceAll('-', '')}`;
  await adminQuery(`CREATE DATABASE ${database}`);
  const databaseUrl = urlOfDatabase(database);
  try {
    const csv = join(dir, 'items.csv');
    const xlsx = join(dir, 'items.xlsx');
    const mapping = join(dir, 'items.mapping.json');
    writeFileSync(mapping, JSON.stringify(MAPPING));
    await writeCsv(csv);
    await writeXlsx(xlsx);
    const store = await connectServerDb({ databaseUrl });
    try {
      await migrateServerDatabase(store.db, store.schema);
      const customers = Array.from({ length: CUSTOMERS }, (_, index) => ({ key: `C-${String(index)}`, name: `Customer ${String(index)}`, country: 'DE', currency: 'EUR' }));
      await runImport(store.db, { clock: manualClock('2026-03-02T09:00:00.000Z'), defaultTimeZone: 'UTC' }, { source: { format: 'json', entity: 'customers', records: customers } });
    } finally {
      await store.close();
    }
    if (!values.json) process.stdout.write(tableHeader());
    for (const [name, file] of [['import.csv_items', csv], ['import.xlsx_items', xlsx]] as const) {
      const result = importInChild(databaseUrl, file, mapping);
      const inserted = result.applied['openItems']?.inserted ?? 0;
      if (inserted !== ROWS) throw new Error(`${name} inserted ${String(inserted)} of ${String(ROWS)} items`);
      const summary = summarize(name, [result.ms], null);
      const extra = { rows: ROWS, rows_per_s: Math.round((ROWS * 1000) / result.ms), peak_rss_mb: result.peak_rss_mb, file_mb: Math.round(statSync(file).size / 1024 / 1024) };
      if (values.json) process.stdout.write(`${JSON.stringify({ ...summary, ...extra })}\n`);
      else process.stdout.write(`${tableRow(summary).trimEnd()}  ${String(extra.rows_per_s)} rows/s, peak ${String(extra.peak_rss_mb)} MB, file ${String(extra.file_mb)} MB\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
