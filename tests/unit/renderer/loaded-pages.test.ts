/** The worklist's loaded pages: a re-read of the same query keeps the rows past the first page (stale) until they are read again. */
import { describe, expect, it } from 'vitest';
import { indexIn, pagesToRead, queryOf, withPage, type Loaded, type WorklistRow } from '../../../renderer/src/worklist/loadedPages';
import { PAGE_SIZE } from '../../../renderer/src/worklist/pageSize';

const ROW: WorklistRow = {
  customerId: '',
  number: '1000',
  name: 'Customer',
  country: 'DE',
  currency: 'EUR',
  riskClass: 'low',
  creditHold: false,
  openMinor: 0,
  overdueMinor: 0,
  collectibleMinor: 0,
  disputedMinor: 0,
  aging: [],
  mixedCurrency: false,
  oldestDaysPastDue: null,
  nextPromiseDate: null,
  nextFollowUpDate: null,
  lastContactAt: null,
  brokenPromises: 0,
  openDisputes: 0,
  score: 0,
  factors: [],
  override: null,
  payments: null,
  creditUsedBp: null,
};

/** A page of rows named `<page>-<index>` (or by `ids`). */
const page = (number: number, ids?: readonly string[]): WorklistRow[] =>
  (ids ?? Array.from({ length: PAGE_SIZE }, (_, index) => `${number}-${index}`)).map((customerId) => ({ ...ROW, customerId }));

const answer = (rows: readonly WorklistRow[], total = 3 * PAGE_SIZE) => ({ rows, total, asOf: '2026-03-15' });

/** Three pages of `key` loaded. */
function threePages(key: string): Loaded {
  let loaded = withPage(undefined, key, 0, answer(page(0)));
  loaded = withPage(loaded, key, 1, answer(page(1)));
  loaded = withPage(loaded, key, 2, answer(page(2)));
  if (loaded === undefined) throw new Error('nothing loaded');
  return loaded;
}

describe('loaded worklist pages', () => {
  it('names the query of a key without its attempt', () => {
    expect(queryOf('{"search":"a#b"}#3')).toBe('{"search":"a#b"}');
  });

  it('keeps the other pages, stale, when the same query is read again', () => {
    const reread = withPage(threePages('q#0'), 'q#1', 0, answer(page(0, ['moved-up', ...page(0).slice(1).map((row) => row.customerId)])));
    expect(reread?.key).toBe('q#1');
    expect(reread?.pages.get(1)?.[35]?.customerId).toBe('1-35');
    expect([...(reread?.stale ?? [])].sort()).toEqual([1, 2]);
    expect(reread === undefined ? [] : pagesToRead(reread, 0, 3 * PAGE_SIZE)).toEqual([1, 2]);
  });

  it('reads a stale page once more and then no longer counts it stale', () => {
    const reread = withPage(threePages('q#0'), 'q#1', 0, answer(page(0)));
    const fresh = withPage(reread, 'q#1', 1, answer(page(1, page(1).map((row) => `new-${row.customerId}`))));
    expect(fresh?.pages.get(1)?.[0]?.customerId).toBe('new-1-0');
    expect([...(fresh?.stale ?? [])]).toEqual([2]);
    expect(fresh === undefined ? [] : pagesToRead(fresh, 0, 2 * PAGE_SIZE - 1)).toEqual([]);
  });

  it('starts afresh for another query, and drops kept pages past a smaller total', () => {
    const other = withPage(threePages('q#0'), 'r#0', 0, answer(page(0), 3 * PAGE_SIZE));
    expect([...(other?.pages.keys() ?? [])]).toEqual([0]);
    const shrunk = withPage(threePages('q#0'), 'q#1', 0, answer(page(0), PAGE_SIZE + 10));
    expect([...(shrunk?.pages.keys() ?? [])].sort()).toEqual([0, 1]);
    expect(shrunk === undefined ? [] : pagesToRead(shrunk, 0, 10 * PAGE_SIZE)).toEqual([1]);
  });

  it('drops the pages past a total that shrank between two pages of one read', () => {
    const shrunk = withPage(threePages('q#0'), 'q#0', 1, answer(page(1), PAGE_SIZE + 5));
    expect([...(shrunk?.pages.keys() ?? [])].sort()).toEqual([0, 1]);
    expect(shrunk === undefined ? undefined : indexIn(shrunk, '2-0')).toBeUndefined();
  });

  it('ignores a later page of a key no longer shown', () => {
    const loaded = threePages('q#1');
    expect(withPage(loaded, 'q#0', 1, answer(page(1)))).toBe(loaded);
    expect(withPage(undefined, 'q#0', 2, answer(page(2)))).toBeUndefined();
  });

  it('finds a customer in a fresh page before a stale one', () => {
    const reread = withPage(threePages('q#0'), 'q#1', 0, answer(page(0, ['1-5', ...page(0).slice(1).map((row) => row.customerId)])));
    expect(reread === undefined ? undefined : indexIn(reread, '1-5')).toBe(0);
    expect(reread === undefined ? undefined : indexIn(reread, '2-7')).toBe(2 * PAGE_SIZE + 7);
    expect(reread === undefined ? undefined : indexIn(reread, 'nobody')).toBeUndefined();
  });
});
