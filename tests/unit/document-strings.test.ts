/**
 * The documents' catalog (shared/i18n/documents): TypeScript sees that every language has every key
 * and every code's label; here no text is empty, every function gives text that keeps the values it
 * was given, English is labels.ts's own, and the formats follow each language's locale.
 */
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_LABELS,
  DIRECTION_LABELS,
  DISPUTE_REASON_LABELS,
  DISPUTE_STATUS_LABELS,
  ITEM_KIND_LABELS,
  OUTCOME_LABELS,
  PROMISE_STATUS_LABELS,
} from '../../shared/domain/labels';
import { REPORT_ENTRY_TYPE_LABELS } from '../../shared/domain/report-entries';
import { documentLanguage, documentStrings, type DocumentStrings } from '../../shared/i18n/documents';
import { UI_LANGUAGES } from '../../shared/i18n/languages';

/** Every string of the catalog and every function, by path ("notes.columns.text"). */
function walk(tree: object, prefix = ''): { strings: Map<string, string>; functions: Set<string> } {
  const strings = new Map<string, string>();
  const functions = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') strings.set(path, value);
    else if (typeof value === 'function') functions.add(path);
    else if (value !== null && typeof value === 'object') {
      const inner = walk(value as object, path);
      for (const [innerPath, text] of inner.strings) strings.set(innerPath, text);
      for (const innerPath of inner.functions) functions.add(innerPath);
    }
  }
  return { strings, functions };
}

/** A call of each function with values that must all show in its text. */
const CALLS: Readonly<Record<string, { values: readonly string[]; call: (strings: DocumentStrings) => string }[]>> = {
  'page.printed': [{ values: ['2026-11-23 10:00 Europe/Berlin'], call: (s) => s.page.printed('2026-11-23 10:00 Europe/Berlin') }],
  'page.pageOf': [{ values: ['7'], call: (s) => s.page.pageOf(7) }],
  'page.continued': [{ values: ['1000001 Krüger GmbH'], call: (s) => s.page.continued('1000001 Krüger GmbH') }],
  'lists.join': [{ values: ['Anna', 'Ben'], call: (s) => s.lists.join(['Anna', 'Ben']) }],
  'lists.joinWithMore': [
    { values: ['Anna', 'Ben', '1'], call: (s) => s.lists.joinWithMore(['Anna', 'Ben'], 1) },
    { values: ['Anna', 'Ben', '3'], call: (s) => s.lists.joinWithMore(['Anna', 'Ben'], 3) },
  ],
  'filters.collectors': [{ values: ['Anna, Ben'], call: (s) => s.filters.collectors('Anna, Ben') }],
  'filters.customers': [
    { values: ['1'], call: (s) => s.filters.customers(1) },
    { values: ['12'], call: (s) => s.filters.customers(12) },
  ],
  'filters.worklist': [{ values: ['X1'], call: (s) => s.filters.worklist('X1') }],
  'filters.worklistFilter': [{ values: ['NAME', 'PL/DE'], call: (s) => s.filters.worklistFilter('NAME', 'PL/DE') }],
  'filters.search': [{ values: ['Łódź'], call: (s) => s.filters.search('Łódź') }],
  'filters.onDate': [{ values: ['D1'], call: (s) => s.filters.onDate('D1') }],
  'filters.dateRange': [{ values: ['D1', 'D2'], call: (s) => s.filters.dateRange('D1', 'D2') }],
  'filters.fromDate': [{ values: ['D1'], call: (s) => s.filters.fromDate('D1') }],
  'filters.untilDate': [{ values: ['D2'], call: (s) => s.filters.untilDate('D2') }],
  'filters.types': [{ values: ['L1'], call: (s) => s.filters.types('L1') }],
  'filters.channels': [{ values: ['L1'], call: (s) => s.filters.channels('L1') }],
  'filters.outcomes': [{ values: ['L1'], call: (s) => s.filters.outcomes('L1') }],
  'notes.collector': [
    { values: ['Anna Nowak'], call: (s) => s.notes.collector('Anna Nowak') },
    { values: [], call: (s) => s.notes.collector(null) },
  ],
  'notes.balances': [
    { values: ['EUR', 'A1', 'A2', 'A3', 'D1'], call: (s) => s.notes.balances({ currency: 'EUR', open: 'A1', overdue: 'A2', disputed: 'A3', asOf: 'D1' }) },
  ],
  'notes.unappliedCash': [{ values: ['A1'], call: (s) => s.notes.unappliedCash('A1') }],
  'notes.bucketAmount': [{ values: ['1–30', 'A1'], call: (s) => s.notes.bucketAmount('1–30', 'A1') }],
  'notes.promisedFor': [{ values: ['D1'], call: (s) => s.notes.promisedFor('D1') }],
  'notes.recordedBy': [{ values: ['Anna Nowak'], call: (s) => s.notes.recordedBy('Anna Nowak') }],
  'aging.title': [{ values: ['D1'], call: (s) => s.aging.title('D1') }],
  'aging.sheetName': [{ values: ['2026-11-23'], call: (s) => s.aging.sheetName('2026-11-23') }],
  'aging.currencies': [{ values: ['EUR, PLN'], call: (s) => s.aging.currencies('EUR, PLN') }],
  'aging.collectorTotal': [{ values: ['Anna Nowak'], call: (s) => s.aging.collectorTotal('Anna Nowak') }],
  'statement.title': [{ values: ['Krüger GmbH'], call: (s) => s.statement.title('Krüger GmbH') }],
  'statement.filters': [{ values: ['1000001', 'D1'], call: (s) => s.statement.filters('1000001', 'D1') }],
  'statement.statementDate': [{ values: ['D1'], call: (s) => s.statement.statementDate('D1') }],
  'statement.attention': [
    { values: ['Hans Krüger', 'hans@example.com'], call: (s) => s.statement.attention('Hans Krüger', 'hans@example.com') },
    { values: ['Hans Krüger'], call: (s) => s.statement.attention('Hans Krüger', null) },
  ],
  'statement.customerLine': [
    { values: ['1000001', 'DE', 'Net 30'], call: (s) => s.statement.customerLine({ number: '1000001', country: 'DE', paymentTerms: 'Net 30' }) },
  ],
  'statement.nothingOpen': [{ values: ['D1'], call: (s) => s.statement.nothingOpen('D1') }],
  'statement.openItemsIn': [{ values: ['EUR'], call: (s) => s.statement.openItemsIn('EUR') }],
  'statement.disputedPart': [{ values: ['A1'], call: (s) => s.statement.disputedPart('A1') }],
  'statement.balance': [
    { values: ['A1', 'A2', 'A3'], call: (s) => s.statement.balance({ balance: 'A1', overdue: 'A2', disputed: 'A3' }) },
    { values: ['A1', 'A2'], call: (s) => s.statement.balance({ balance: 'A1', overdue: 'A2', disputed: null }) },
  ],
};

describe.each(UI_LANGUAGES)('the documents’ words in %s', (language) => {
  const strings = documentStrings(language);
  const { strings: texts, functions } = walk(strings);

  it('has no empty text', () => {
    expect(texts.size).toBeGreaterThan(100);
    for (const [path, text] of texts) expect(text.trim(), path).not.toBe('');
  });

  it('gives non-empty text from every function, keeping every value it was given', () => {
    expect([...functions].sort()).toEqual(Object.keys(CALLS).sort());
    for (const [path, calls] of Object.entries(CALLS)) {
      for (const { values, call } of calls) {
        const text = call(strings);
        expect(text.trim(), path).not.toBe('');
        for (const value of values) expect(text, path).toContain(value);
      }
    }
  });

  it('fits a worksheet name with a date into Excel’s 31 characters', () => {
    expect(strings.aging.sheetName('2026-11-23').length).toBeLessThanOrEqual(31);
    expect(strings.notes.sheetName.length).toBeLessThanOrEqual(31);
  });

  if (language !== 'en') {
    it('is translated: no column header is the English one, save words English shares', () => {
      const english = walk(documentStrings('en')).strings;
      const same = [...texts].filter(([path, text]) => english.get(path) === text && path !== 'filters.separator').map(([path]) => path);
      // "Text" is German too, "Total" Spanish, "Name" German; bucket and code words are checked above.
      expect(same.every((path) => ['notes.columns.text', 'notes.pdfColumns.text', 'aging.pdfColumns.name', 'aging.columns.total', 'aging.pdfColumns.total', 'aging.total', 'statement.total'].includes(path)), same.join(', ')).toBe(true);
    });
  }
});

describe('English', () => {
  it('prints labels.ts’s own labels', () => {
    const { labels } = documentStrings('en');
    expect(labels).toMatchObject({
      entryType: REPORT_ENTRY_TYPE_LABELS,
      channel: CHANNEL_LABELS,
      direction: DIRECTION_LABELS,
      outcome: OUTCOME_LABELS,
      promiseStatus: PROMISE_STATUS_LABELS,
      disputeReason: DISPUTE_REASON_LABELS,
      disputeStatus: DISPUTE_STATUS_LABELS,
      itemKind: ITEM_KIND_LABELS,
    });
  });
});

describe('documentLanguage', () => {
  it('writes amounts and dates the language’s way; English keeps ISO dates', () => {
    const cases = [
      ['en', '123,456.78', 'EUR 1,234.56', '2026-11-23', '2026-11-02 09:15'],
      ['de', '123.456,78', 'EUR 1.234,56', '23.11.2026', '02.11.2026 09:15'],
      ['es', '123.456,78', 'EUR 1234,56', '23/11/2026', '02/11/2026 09:15'],
      ['zh-CN', '123,456.78', 'EUR 1,234.56', '2026/11/23', '2026/11/02 09:15'],
    ] as const;
    for (const [language, amount, money, date, minute] of cases) {
      const doc = documentLanguage(language);
      expect(doc.amount(12_345_678, 'EUR'), language).toBe(amount);
      expect(doc.money(123_456, 'EUR'), language).toBe(money);
      expect(doc.date('2026-11-23'), language).toBe(date);
      expect(doc.minute('2026-11-02T09:15:42.000Z'), language).toBe(minute);
      expect(doc.amount(-5_000, 'JPY'), language).toMatch(/^-5[.,\s]?000$/);
    }
  });

  it('names the current bucket in the language and leaves day ranges and own labels alone', () => {
    expect(documentLanguage('de').bucketLabel({ key: 'current', label: 'Current' })).toBe('Nicht fällig');
    expect(documentLanguage('zh-CN').bucketLabel({ key: 'current', label: 'Current' })).toBe('未到期');
    expect(documentLanguage('en').bucketLabel({ key: 'current', label: 'Current' })).toBe('Current');
    expect(documentLanguage('de').bucketLabel({ key: '1-30', label: '1–30' })).toBe('1–30');
    expect(documentLanguage('de').bucketLabel({ key: 'current', label: 'Not yet due' })).toBe('Not yet due');
  });

  it('passes a text that is no date through unchanged', () => {
    expect(documentLanguage('de').date('start')).toBe('start');
  });
});
