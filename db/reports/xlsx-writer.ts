/**
 * Excel workbooks with exceljs's streaming writer: typed cells (dates as dates, amounts as numbers in
 * their currency's format), a bold frozen header row with an autofilter, set column widths; one
 * worksheet for everything or one per group. Rows are committed as they are written, so memory
 * holds a group at most.
 */
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { minorDigits, minorToDecimalString } from '../../shared/domain/money';
import { uniqueSheetName } from '../../shared/domain/report-sheet-names';
import { breathe, DATE_FORMAT, TIMESTAMP_FORMAT, type Cell, type Column, type TableSource, type WriteContext } from './table';
import { drained, finished, WRITE_BUFFER_BYTES, writeViaPartFile } from './part-file';

/** `#,##0.00 "EUR"`: the currency's own number of decimals, the code after the amount. */
export function currencyFormat(currency: string): string {
  const digits = minorDigits(currency);
  return `#,##0${digits > 0 ? `.${'0'.repeat(digits)}` : ''} "${currency}"`;
}

type Value = string | number | Date | undefined;

/** Excel stores a date as a day count; a UTC Date keeps the calendar day whatever the machine's zone. An empty cell is not written at all. */
function cellValue(cell: Cell): Value {
  if (cell === null) return undefined;
  switch (cell.t) {
    case 'text':
      // A line break inside an Excel cell is LF; XML readers would turn CR LF into LF anyway.
      return cell.v.replace(/\r\n?/g, '\n');
    case 'date':
      return new Date(`${cell.v}T00:00:00.000Z`);
    case 'timestamp':
      return new Date(cell.v);
    case 'money':
      // The exact decimal string, parsed once: the nearest double to the amount, never a divided float.
      return Number(minorToDecimalString(cell.minor, cell.currency));
  }
}

export interface XlsxOptions {
  readonly sheetPerGroup: boolean;
}

/**
 * exceljs turns each cell's style object into XML to find its style id, unless it has seen that very
 * object before; handing every cell one of a few shared objects keeps that to once per style, which
 * is most of the time of a large sheet.
 */
class SharedStyles {
  private readonly plain: Partial<ExcelJS.Style> = {};
  private readonly date: Partial<ExcelJS.Style> = { numFmt: DATE_FORMAT };
  private readonly timestamp: Partial<ExcelJS.Style> = { numFmt: TIMESTAMP_FORMAT };
  private readonly money = new Map<string, Partial<ExcelJS.Style>>();

  of(cell: Exclude<Cell, null>): Partial<ExcelJS.Style> {
    switch (cell.t) {
      case 'date':
        return this.date;
      case 'timestamp':
        return this.timestamp;
      case 'money': {
        let style = this.money.get(cell.currency);
        if (!style) {
          style = { numFmt: currencyFormat(cell.currency) };
          this.money.set(cell.currency, style);
        }
        return style;
      }
      default:
        return this.plain;
    }
  }
}

function openSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: readonly Column[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  return sheet;
}

export async function writeXlsx(path: string, table: TableSource, options: XlsxOptions, ctx: WriteContext): Promise<void> {
  await writeViaPartFile(path, async (part) => {
    const out = createWriteStream(part, { highWaterMark: WRITE_BUFFER_BYTES });
    const closed = finished(out);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const taken = new Set<string>();
    const styles = new SharedStyles();
    try {
      const sheet: ExcelJS.Worksheet | null = options.sheetPerGroup ? null : openSheet(workbook, uniqueSheetName(table.sheetName, taken), table.columns);
      let rows = 0;
      for (const group of table.groups) {
        let groupSheet: ExcelJS.Worksheet | null = sheet;
        for (const row of group.rows()) {
          groupSheet ??= openSheet(workbook, uniqueSheetName(group.name, taken), table.columns);
          const added = groupSheet.addRow(row.map(cellValue));
          row.forEach((cell, index) => {
            if (cell !== null) added.getCell(index + 1).style = styles.of(cell);
          });
          added.commit();
          rows += 1;
        }
        // A group without rows gets no sheet of its own.
        if (options.sheetPerGroup && groupSheet !== null) groupSheet.commit();
        ctx.progress(rows);
        await drained(out);
        await breathe(ctx.signal);
      }
      // A workbook needs a sheet even when no group had rows.
      if (taken.size === 0) openSheet(workbook, uniqueSheetName(table.sheetName, taken), table.columns).commit();
      await workbook.commit();
      await closed;
    } catch (error) {
      out.destroy();
      await closed.catch(() => undefined);
      throw error;
    }
  });
}
