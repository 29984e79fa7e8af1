/** CSV per RFC 4180 (UTF-8, CRLF, optional BOM), streamed to disk group by group. */
import { createWriteStream } from 'node:fs';
import { csvRecord, UTF8_BOM } from '../../shared/domain/report-csv';
import { minorToDecimalString } from '../../shared/domain/money';
import { breathe, type Cell, type TableSource, type WriteContext } from './table';
import { drained, finished, WRITE_BUFFER_BYTES, writeViaPartFile } from './part-file';

/** What a spreadsheet takes for the start of a formula (OWASP, "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text a spreadsheet would run as a formula gets a leading `'`, so it is shown as typed. Only text
 * cells: amounts and dates are written by their own cases, so a negative amount stays a number.
 */
export const defuseFormula = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** Plain values a spreadsheet reads back: decimal amounts with a dot, `YYYY-MM-DD HH:MM:SS` in UTC. */
export function csvText(cell: Cell): string {
  if (cell === null) return '';
  switch (cell.t) {
    case 'text':
      return defuseFormula(cell.v);
    case 'date':
      return cell.v;
    case 'timestamp':
      return cell.v.slice(0, 19).replace('T', ' ');
    case 'money':
      return minorToDecimalString(cell.minor, cell.currency);
  }
}

export interface CsvOptions {
  readonly bom: boolean;
}

export async function writeCsv(path: string, table: TableSource, options: CsvOptions, ctx: WriteContext): Promise<void> {
  await writeViaPartFile(path, async (part) => {
    const out = createWriteStream(part, { highWaterMark: WRITE_BUFFER_BYTES });
    const closed = finished(out);
    try {
      out.write((options.bom ? UTF8_BOM : '') + csvRecord(table.columns.map((column) => column.header)));
      let rows = 0;
      for (const group of table.groups) {
        let chunk = '';
        for (const row of group.rows()) {
          chunk += csvRecord(row.map(csvText));
          rows += 1;
        }
        if (chunk !== '') out.write(chunk);
        ctx.progress(rows);
        await drained(out);
        await breathe(ctx.signal);
      }
      out.end();
      await closed;
    } catch (error) {
      out.destroy();
      await closed.catch(() => undefined);
      throw error;
    }
  });
}
