import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/api/result';
import { checkOwedItems, commonCurrency, owedOnItems, promiseCurrency, type OwedItemFacts } from '../../shared/domain/owed-items';

const item = (id: string, patch: Partial<OwedItemFacts> = {}): OwedItemFacts => ({
  id, customer_id: 'c1', document_number: `INV-${id}`, currency: 'EUR', open_minor: 1_000, disputed_minor: 0, ...patch,
});
const errorOf = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
  }
  throw new Error('expected a DomainError');
};

describe('the owed items a promise or dispute names', () => {
  const found = new Map([item('a'), item('b'), item('paid', { open_minor: 0 }), item('other', { customer_id: 'c2' })].map((row) => [row.id, row]));

  it('keeps the order given and names the position of the first bad entry', () => {
    expect(checkOwedItems(found, 'c1', ['b', 'a'], 'itemIds').map((row) => row.id)).toEqual(['b', 'a']);
    expect(errorOf(() => checkOwedItems(found, 'c1', ['a', 'missing'], 'itemIds'))).toMatchObject({ code: 'not_found', field: 'itemIds.1' });
    expect(errorOf(() => checkOwedItems(found, 'c1', ['other'], 'items', '.itemId'))).toMatchObject({ code: 'not_found', field: 'items.0.itemId' });
    expect(errorOf(() => checkOwedItems(found, 'c1', ['a', 'a'], 'itemIds'))).toMatchObject({ code: 'validation', field: 'itemIds.1' });
    expect(errorOf(() => checkOwedItems(found, 'c1', ['paid'], 'promise.itemIds'))).toMatchObject({ code: 'validation', field: 'promise.itemIds.0' });
  });

  it('refuses mixed currencies at the first odd item', () => {
    expect(commonCurrency([], 'itemIds')).toBeNull();
    expect(errorOf(() => commonCurrency([item('a'), item('b', { currency: 'USD' })], 'itemIds'))).toMatchObject({ field: 'itemIds.1' });
  });

  it("takes a promise's currency from its items, else the one asked for, else the account's, naming the promise's own fields", () => {
    expect(promiseCurrency([item('a', { currency: 'GBP' })], undefined, 'EUR', '')).toBe('GBP');
    expect(promiseCurrency([], 'USD', 'EUR', '')).toBe('USD');
    expect(promiseCurrency([], undefined, 'EUR', '')).toBe('EUR');
    expect(errorOf(() => promiseCurrency([item('a')], 'USD', 'EUR', 'promise.'))).toMatchObject({ code: 'validation', field: 'promise.currency' });
  });

  it('owes the open minus the disputed amount of every item', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }))), (amounts) => {
        const items = amounts.map(([open, disputed], index) => item(String(index), { open_minor: open, disputed_minor: Math.min(open, disputed) }));
        expect(owedOnItems(items)).toBe(items.reduce((sum, row) => sum + row.open_minor - row.disputed_minor, 0));
      }),
    );
  });
});
