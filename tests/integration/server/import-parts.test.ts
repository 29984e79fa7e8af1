/**
 * A CSV read as it comes is imported in parts of CSV_PART_ROWS rows, all in one transaction: the
 * rules that span a file (a key repeated with other values, one primary contact per customer, all
 * or nothing) hold across parts as they do within one.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock';
import { CSV_PART_ROWS } from '../../../server/import/csv';
import { runImport, type ImportSource } from '../../../server/import/run';
import { BACKENDS, openTestDb, type TestDb } from './support/backends';

const day = { clock: manualClock('2026-03-02T09:00:00.000Z'), defaultTimeZone: 'UTC' };

/** `text` in chunks of odd sizes, as a file read from disk arrives. */
function arriving(text: string): AsyncIterable<string> {
  const chunks: string[] = [];
  for (let start = 0, size = 1; start < text.length; start += size, size = (size * 7) % 8191 + 1) chunks.push(text.slice(start, start + size));
  return Readable.from(chunks);
}

describe.each(BACKENDS)('an import in parts on %s', (kind) => {
  let testDb: TestDb;
  const run = (source: ImportSource, allowPartial = false) => runImport(testDb.db, day, { source, allowPartial });

  beforeAll(async () => {
    testDb = await openTestDb(kind);
    await run({ format: 'json', entity: 'customers', records: [{ key: 'P-1', name: 'Parts One', country: 'DE', currency: 'EUR' }, { key: 'P-2', name: 'Parts Two', country: 'DE', currency: 'EUR' }] });
  });
  afterAll(() => testDb.dispose());

  it('judges a key repeated in a later part as in one file, and commits nothing of any part when a row is refused', async () => {
    const count = CSV_PART_ROWS + 999;
    const lines = Array.from({ length: count }, (_, index) => `K-${String(index)},P-${String(1 + (index % 2))},2026-01-05,2026-02-04,${String(10 + index)}.00`);
    // In the second part: K-1 again as it was (one record), K-0 again with another amount (refused, naming line 2).
    const content = ['key,customer,date,due,amount', ...lines, lines[1], 'K-0,P-1,2026-01-05,2026-02-04,99.00'].join('\n');
    const mapping = { columns: { key: 'key', customerKey: 'customer', documentDate: 'date', dueDate: 'due', originalAmount: 'amount' }, defaultCurrency: 'EUR' };
    const strict = await run({ format: 'csv', entity: 'openItems', mapping, content: arriving(content) });
    expect(strict).toMatchObject({ committed: false, rejected: [{ entity: 'openItems', line: count + 3, column: 'key', value: 'K-0', reason: 'ERP key "K-0" appears on line 2 with other values' }] });
    expect(await testDb.db.selectFrom('open_items').select('id').execute()).toEqual([]);

    const partial = await run({ format: 'csv', entity: 'openItems', mapping, content: arriving(content) }, true);
    expect(partial.committed).toBe(true);
    expect(partial.applied.openItems).toEqual({ inserted: count, updated: 0, unchanged: 0 });
    expect(partial.rejected).toHaveLength(1);
    const stored = await testDb.db.selectFrom('open_items').select(['erp_key', 'original_minor']).where('erp_key', 'in', ['K-0', 'K-1', `K-${String(count - 1)}`]).orderBy('original_minor').execute();
    expect(stored).toEqual([
      { erp_key: 'K-0', original_minor: 1000 },
      { erp_key: 'K-1', original_minor: 1100 },
      { erp_key: `K-${String(count - 1)}`, original_minor: (10 + count - 1) * 100 },
    ]);
  });

  it('refuses a second primary contact of a customer in a later part, naming the first', async () => {
    const filler = Array.from({ length: CSV_PART_ROWS }, (_, index) => `CP-${String(index + 2)},P-2,Person ${String(index)},no`);
    const content = ['key,customer,name,primary', 'CP-1,P-1,First Primary,yes', ...filler, 'CP-LATE,P-1,Late Primary,yes'].join('\n');
    const mapping = { columns: { key: 'key', customerKey: 'customer', name: 'name', isPrimary: 'primary' } };
    const report = await run({ format: 'csv', entity: 'contactPersons', mapping, content: arriving(content) }, true);
    expect(report.rejected).toEqual([{ entity: 'contactPersons', line: CSV_PART_ROWS + 3, column: 'primary', value: 'true', reason: 'another row names this customer\'s primary contact person ("CP-1", line 2): a customer has one' }]);
    expect(await testDb.db.selectFrom('contact_persons').select('erp_key').where('is_primary', '=', true).execute()).toEqual([{ erp_key: 'CP-1' }]);
  });
});
