/**
 * The workbook reader reads as the file comes: the first tab is the first in the workbook's own
 * order (not the order its parts are stored in), a source that fails part way refuses the file
 * instead of ending the process, and a reader stopped early leaves nothing running.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PLAIN_NUMBERS } from '../../../server/import/fields';
import { readXlsxParts } from '../../../server/import/xlsx';

const reading = { dateFormat: 'yyyy-MM-dd', numberStyle: PLAIN_NUMBERS };

async function tables(content: Uint8Array | AsyncIterable<Uint8Array>, sheet?: string): Promise<{ header: readonly string[]; rows: string[][] }> {
  const rows: string[][] = [];
  let header: readonly string[] = [];
  for await (const part of readXlsxParts(content, { ...reading, sheet }, 2)) {
    header = part.header;
    rows.push(...part.rows.map((row) => [...row.cells]));
  }
  return { header, rows };
}

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('the streaming workbook reader', () => {
  it('takes the first tab in the workbook order, reads every row in parts, and a named sheet wherever it is stored', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Other').addRows([['x'], ['other']]);
      workbook.addWorksheet('Posten').addRows([['key', 'amount'], ['A', 1.5], ['B', -2], ['C', 3]]);
      // The tab order puts Posten first, while its part is stored second.
      // exceljs orders the tabs by each sheet's orderNo, which its typings leave out.
      const [other, posten] = workbook.worksheets;
      if (other === undefined || posten === undefined) throw new Error('two sheets expected');
      Reflect.set(posten, 'orderNo', 0);
      Reflect.set(other, 'orderNo', 1);
    });
    expect(await tables(bytes)).toEqual({ header: ['key', 'amount'], rows: [['A', '1.5'], ['B', '-2'], ['C', '3']] });
    expect(await tables(bytes, 'Other')).toEqual({ header: ['x'], rows: [['other']] });
    await expect(tables(bytes, 'Nope')).rejects.toThrow('The workbook has no sheet "Nope" (it has ');
  });

  it('refuses a file whose source fails part way, naming why, instead of ending the process', async () => {
    const bytes = await workbookBytes((workbook) => workbook.addWorksheet('S').addRows([['key'], ...Array.from({ length: 2000 }, (_, index) => [`K-${String(index)}`])]));
    const failing = Readable.from(
      (async function* () {
        yield bytes.subarray(0, 1000);
        await Promise.resolve();
        throw new Error('EIO: the share went away');
      })(),
    );
    await expect(tables(failing)).rejects.toThrow('The file could not be read to its end: EIO: the share went away');
  });

  it('stops cleanly when its reader stops after the first part', async () => {
    const bytes = await workbookBytes((workbook) => workbook.addWorksheet('S').addRows([['key'], ...Array.from({ length: 50 }, (_, index) => [`K-${String(index)}`])]));
    const parts = readXlsxParts(bytes, reading, 10);
    const first = await parts.next();
    expect(first.done === true ? [] : first.value.rows).toHaveLength(10);
    await parts.return(undefined);
    expect((await parts.next()).done).toBe(true);
  });
});
