import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeExport, decodeExportStream, type ExportEncoding } from '../../server/import/encoding';

/** `bytes` cut at `cuts`, as a file read in chunks arrives. */
function chunked(bytes: Uint8Array, cuts: readonly number[]): AsyncIterable<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...new Set(cuts)].filter((at) => at > 0 && at < bytes.length).sort((a, b) => a - b)) {
    chunks.push(bytes.subarray(start, cut));
    start = cut;
  }
  chunks.push(bytes.subarray(start));
  return Readable.from(chunks, { objectMode: true });
}

async function streamed(bytes: Uint8Array, cuts: readonly number[], encoding: ExportEncoding): Promise<string> {
  let text = '';
  for await (const chunk of decodeExportStream(chunked(bytes, cuts), encoding, 'kunden.csv')) text += chunk;
  return text;
}

describe('export encodings', () => {
  it("decodes Windows-1252's own block by the standard's table, leaving its five undefined bytes as they are", () => {
    const high = Uint8Array.from({ length: 32 }, (_, index) => 0x80 + index);
    const text = decodeExport(high, 'windows-1252', 'f');
    expect(text).toHaveLength(32);
    expect(Array.from({ length: text.length }, (_, index) => text.charCodeAt(index))).toEqual([
      0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
      0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
    ]);
    expect(decodeExport(Uint8Array.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), 'windows-1252', 'f')).toBe('M\u00fcller');
  });

  it('names the first line that is no UTF-8, counting \\r, \\n and \\r\\n line ends, and the encoding to declare', () => {
    const latin = Uint8Array.from([0x61, 0x0d, 0x62, 0x0d, 0x0a, 0xef, 0xbf, 0xbd, 0x0a, 0x4d, 0xfc, 0x0a]);
    expect(() => decodeExport(latin, 'utf-8', 'kunden.csv')).toThrow('kunden.csv: line 4 is not UTF-8. If the export is in another encoding, declare it in the mapping ("encoding": "windows-1252").');
    expect(() => decodeExport(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]), 'utf-8', 'f')).toThrow('("encoding": "utf-16le")');
    expect(decodeExport(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0xfc, 0x00]), 'utf-16le', 'f')).toBe('A\u00fc');
  });

  it('decodes a file read in chunks as the whole file, wherever the chunks are cut: inside a character, a CR LF or a line', async () => {
    const text = 'Kunde;Name\r\nD-1;Müller – Café\nD-2;北京 😀\rD-3;€\r\n';
    const utf8 = new TextEncoder().encode(text);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: utf8.length }), { maxLength: 12 }), async (cuts) => {
        expect(await streamed(utf8, cuts, 'utf-8')).toBe(text);
      }),
    );
    const latin = Uint8Array.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x20, 0x96, 0x20, 0x80]);
    expect(await streamed(latin, [1, 7], 'windows-1252')).toBe(decodeExport(latin, 'windows-1252', 'f'));
  });

  it('names the same first non-UTF-8 line when the file comes in chunks, however it is cut', async () => {
    // Line 5 holds Latin-1 ü: after \r, \r\n and \n line ends and a valid multi-byte character.
    const latin = Uint8Array.from([0x61, 0x0d, 0x62, 0x0d, 0x0a, 0xef, 0xbf, 0xbd, 0x0a, 0xc3, 0xa4, 0x0a, 0x4d, 0xfc, 0x0a, 0x7a]);
    expect(() => decodeExport(latin, 'utf-8', 'kunden.csv')).toThrow('kunden.csv: line 5 is not UTF-8.');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: latin.length }), { maxLength: 8 }), async (cuts) => {
        await expect(streamed(latin, cuts, 'utf-8')).rejects.toThrow('kunden.csv: line 5 is not UTF-8. If the export is in another encoding, declare it in the mapping ("encoding": "windows-1252").');
      }),
    );
    // A character cut off by the end of the file is named on the last line.
    await expect(streamed(Uint8Array.from([0x61, 0x0a, 0x62, 0xc3]), [3], 'utf-8')).rejects.toThrow('kunden.csv: line 2 is not UTF-8.');
  });
});
