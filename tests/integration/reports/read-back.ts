/** Reading exports back the way a consumer would: a strict RFC 4180 parser and pdftotext. */
import { execFileSync } from 'node:child_process';

/** Parses CSV text per RFC 4180 (CRLF records, quoted fields with doubled quotes); refuses anything else. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let index = 0;
  const field = (): string => {
    if (text[index] === '"') {
      let value = '';
      index += 1;
      for (;;) {
        const quote = text.indexOf('"', index);
        if (quote === -1) throw new Error('unterminated quoted field');
        value += text.slice(index, quote);
        index = quote + 1;
        if (text[index] === '"') {
          value += '"';
          index += 1;
        } else return value;
      }
    }
    let end = index;
    while (end < text.length && text[end] !== ',' && text[end] !== '\r' && text[end] !== '\n') {
      if (text[end] === '"') throw new Error(`bare quote at ${end}`);
      end += 1;
    }
    const value = text.slice(index, end);
    index = end;
    return value;
  };
  while (index < text.length) {
    record.push(field());
    if (text[index] === ',') {
      index += 1;
      continue;
    }
    if (text.startsWith('\r\n', index)) {
      index += 2;
      records.push(record);
      record = [];
      continue;
    }
    throw new Error(`expected a comma or CRLF at ${index}, found ${JSON.stringify(text[index])}`);
  }
  if (record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

export function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = /^Pages:\s+(\d+)/m.exec(info)?.[1];
  if (pages === undefined) throw new Error(`pdfinfo shows no page count for ${path}`);
  return Number(pages);
}

/** Renders one page to `<prefix>-<n>.png` (or -<nn>) and returns nothing: look at it with an image viewer. */
export function renderPage(path: string, page: number, prefix: string): void {
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', String(page), '-l', String(page), path, prefix]);
}
