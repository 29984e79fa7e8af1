import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currencyFormat, writeXlsx } from '../../../db/reports/xlsx-writer';
import { money, text, type TableSource } from '../../../db/reports/table';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledgerline-xlsx-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('Excel currency formats', () => {
  it('show each currency with its own number of decimals', () => {
    expect(currencyFormat('EUR')).toBe('#,##0.00 "EUR"');
    expect(currencyFormat('JPY')).toBe('#,##0 "JPY"');
    expect(currencyFormat('BHD')).toBe('#,##0.000 "BHD"');
  });

  it('store amounts as numbers of whole units, exactly as their decimal string', async () => {
    const table: TableSource = {
      sheetName: 'Amounts',
      columns: [
        { header: 'What', width: 10 },
        { header: 'Amount', width: 16 },
      ],
      groups: [
        {
          name: 'all',
          rows: () => [
            [text('yen'), money(123_456, 'JPY')],
            [text('dinar'), money(-1_234_567, 'BHD')],
            [text('cents'), money(90_071_992_547_409, 'EUR')],
          ],
        },
      ],
    };
    const path = join(dir, 'amounts.xlsx');
    await writeXlsx(path, table, { sheetPerGroup: false }, { signal: new AbortController().signal, progress: () => undefined, unprintable: () => undefined });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet('Amounts');
    expect([2, 3, 4].map((row) => [sheet?.getCell(`B${row}`).value, sheet?.getCell(`B${row}`).numFmt])).toEqual([
      [123_456, '#,##0 "JPY"'],
      [-1234.567, '#,##0.000 "BHD"'],
      [900_719_925_474.09, '#,##0.00 "EUR"'],
    ]);
  });
});
