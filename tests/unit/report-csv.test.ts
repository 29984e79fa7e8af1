import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, UTF8_BOM } from '../../shared/domain/report-csv';
import { parseCsv } from '../integration/reports/read-back';

describe('RFC 4180 encoding', () => {
  it('quotes only fields holding a comma, a quote, CR or LF, and doubles quotes', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('Krüger, Hans')).toBe('"Krüger, Hans"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
  });

  it('ends every record with CRLF', () => {
    expect(csvRecord(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });

  it('the BOM is U+FEFF (EF BB BF in UTF-8)', () => {
    expect(Buffer.from(UTF8_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('any records survive a round trip through a strict parser', () => {
    const fieldText = fc.string({ unit: fc.constantFrom('a', 'Ł', '東', ',', '"', '\r', '\n', ' ', '1') });
    fc.assert(
      fc.property(fc.array(fc.array(fieldText, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (records) => {
        // A record of one empty field is an empty line, which RFC 4180 cannot tell from nothing.
        fc.pre(records.every((record) => record.length > 1 || record[0] !== ''));
        expect(parseCsv(records.map(csvRecord).join(''))).toEqual(records);
      }),
    );
  });
});
