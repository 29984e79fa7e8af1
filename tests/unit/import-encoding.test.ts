import { describe, expect, it } from 'vitest';
import { decodeExport } from '../../server/import/encoding';

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
});
