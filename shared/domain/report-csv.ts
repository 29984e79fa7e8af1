/** RFC 4180 encoding: fields quoted only when they must be, quotes doubled, records ended by CRLF. */

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** Excel reads a UTF-8 file as the machine's ANSI code page unless it starts with this mark. */
export const UTF8_BOM = '\uFEFF';
