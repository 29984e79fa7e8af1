import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../shared/api/result';
import {
  DEFAULT_AGING_BUCKETS,
  DEFAULT_AGING_CONFIG,
  ageItems,
  bucketFor,
  daysPastDue,
  makeAgingBuckets,
  validateAgingBuckets,
  type AgeableItem,
  type AgingBucket,
} from '../../shared/domain/aging';
import { addDays } from '../../shared/domain/dates';
import { sumMinor } from '../../shared/domain/money';

const AS_OF = '2026-11-23';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.field;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const item = (overrides: Partial<AgeableItem>): AgeableItem => ({
  kind: 'invoice',
  currency: 'EUR',
  openMinor: 10000,
  disputedMinor: 0,
  dueDate: AS_OF,
  documentDate: addDays(AS_OF, -30),
  ...overrides,
});

describe('buckets', () => {
  it('has the default buckets', () => {
    expect(DEFAULT_AGING_BUCKETS.map((bucket) => bucket.key)).toEqual(['current', '1-30', '31-60', '61-90', '91-120', 'over-120']);
    expect(DEFAULT_AGING_BUCKETS.map((bucket) => bucket.label)).toEqual(['Current', '1–30', '31–60', '61–90', '91–120', '>120']);
    expect(DEFAULT_AGING_BUCKETS[0]).toEqual({ key: 'current', label: 'Current', fromDays: null, toDays: 0 });
    expect(DEFAULT_AGING_BUCKETS[5]).toEqual({ key: 'over-120', label: '>120', fromDays: 121, toDays: null });
    expect(DEFAULT_AGING_CONFIG.basis).toBe('due_date');
    expect(validateAgingBuckets(DEFAULT_AGING_BUCKETS)).toBe(DEFAULT_AGING_BUCKETS);
  });

  it('makes buckets from upper bounds', () => {
    expect(makeAgingBuckets([30, 60, 90, 120])).toEqual(DEFAULT_AGING_BUCKETS);
    expect(makeAgingBuckets([15]).map((bucket) => bucket.key)).toEqual(['current', '1-15', 'over-15']);
    expect(makeAgingBuckets([]).map((bucket) => bucket.key)).toEqual(['current', 'over-0']);
  });

  it.each([[[30, 30]], [[0, 30]], [[60, 30]], [[10.5]], [[-1]]])('refuses the bounds %j, naming the position', (bounds) => {
    expect(fieldOf(() => makeAgingBuckets(bounds))).toMatch(/^buckets\.\d+$/);
  });

  it('refuses gaps, overlaps, a missing current bucket and a closed end', () => {
    const valid = makeAgingBuckets([30, 60]);
    const replace = (index: number, patch: Partial<AgingBucket>): AgingBucket[] =>
      valid.map((bucket, at) => (at === index ? { ...bucket, ...patch } : bucket));
    expect(fieldOf(() => validateAgingBuckets(replace(2, { fromDays: 32 })))).toBe('buckets.2.fromDays');
    expect(fieldOf(() => validateAgingBuckets(replace(2, { fromDays: 30 })))).toBe('buckets.2.fromDays');
    expect(fieldOf(() => validateAgingBuckets(replace(0, { toDays: 5 })))).toBe('buckets.0');
    expect(fieldOf(() => validateAgingBuckets(replace(3, { toDays: 200 })))).toBe('buckets.3.toDays');
    expect(fieldOf(() => validateAgingBuckets(replace(1, { toDays: null })))).toBe('buckets.1.toDays');
    expect(fieldOf(() => validateAgingBuckets(replace(1, { key: 'current' })))).toBe('buckets.1.key');
    expect(fieldOf(() => validateAgingBuckets([]))).toBe('buckets.0');
  });

  it.each([
    [-400, 'current'],
    [0, 'current'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [90, '61-90'],
    [120, '91-120'],
    [121, 'over-120'],
    [10_000, 'over-120'],
  ])('%d days falls in %s', (days, key) => {
    expect(bucketFor(days).key).toBe(key);
  });

  it('every day count falls in exactly one bucket, for any valid bounds', () => {
    const bounds = fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 8 }).map((values) => [...values].sort((a, b) => a - b));
    fc.assert(
      fc.property(bounds, fc.integer({ min: -1000, max: 1000 }), (upper, days) => {
        const buckets = validateAgingBuckets(makeAgingBuckets(upper));
        const holding = buckets.filter(
          (bucket) => (bucket.fromDays === null || days >= bucket.fromDays) && (bucket.toDays === null || days <= bucket.toDays),
        );
        expect(holding).toHaveLength(1);
        expect(bucketFor(days, buckets)).toBe(holding[0]);
      }),
    );
  });

  it('refuses a fractional day count', () => {
    expect(() => bucketFor(1.5)).toThrow(DomainError);
  });
});

describe('daysPastDue', () => {
  const dates = { dueDate: '2026-11-01', documentDate: '2026-10-02' };
  it('counts from the due date by default, or from the document date', () => {
    expect(daysPastDue(dates, AS_OF)).toBe(22);
    expect(daysPastDue(dates, AS_OF, 'document_date')).toBe(52);
  });

  it('is negative before the due date and zero on it', () => {
    expect(daysPastDue({ dueDate: '2026-12-01', documentDate: AS_OF }, AS_OF)).toBe(-8);
    expect(daysPastDue({ dueDate: AS_OF, documentDate: AS_OF }, AS_OF)).toBe(0);
  });

  it('crosses a leap day', () => {
    expect(daysPastDue({ dueDate: '2024-02-28', documentDate: '2024-01-01' }, '2024-03-01')).toBe(2);
  });
});

describe('ageItems', () => {
  it('ages per currency with every bucket present in order', () => {
    const result = ageItems(
      [
        item({ openMinor: 10000, dueDate: addDays(AS_OF, 10) }),
        item({ openMinor: 5000, dueDate: addDays(AS_OF, -1) }),
        item({ openMinor: 2500, dueDate: addDays(AS_OF, -45), disputedMinor: 2500 }),
        item({ currency: 'JPY', openMinor: 120000, dueDate: addDays(AS_OF, -200) }),
        item({ currency: 'CHF', openMinor: 700, dueDate: AS_OF }),
      ],
      AS_OF,
    );
    expect(result.map((entry) => entry.currency)).toEqual(['CHF', 'EUR', 'JPY']);
    const eur = result[1];
    expect(eur?.buckets).toEqual([
      { key: 'current', label: 'Current', amountMinor: 10000 },
      { key: '1-30', label: '1–30', amountMinor: 5000 },
      { key: '31-60', label: '31–60', amountMinor: 2500 },
      { key: '61-90', label: '61–90', amountMinor: 0 },
      { key: '91-120', label: '91–120', amountMinor: 0 },
      { key: 'over-120', label: '>120', amountMinor: 0 },
    ]);
    expect(eur).toMatchObject({ totalMinor: 17500, overdueMinor: 7500, disputedMinor: 2500, collectibleMinor: 15000 });
    expect(result[2]?.buckets.find((bucket) => bucket.key === 'over-120')?.amountMinor).toBe(120000);
    // Due today is not overdue.
    expect(result[0]).toMatchObject({ totalMinor: 700, overdueMinor: 0 });
  });

  it('lets credits reduce the bucket of their own date', () => {
    const [eur] = ageItems(
      [item({ openMinor: 10000, dueDate: addDays(AS_OF, -40) }), item({ openMinor: -3000, dueDate: addDays(AS_OF, -35) }), item({ openMinor: -500, dueDate: addDays(AS_OF, 5) })],
      AS_OF,
    );
    expect(eur?.buckets.find((bucket) => bucket.key === '31-60')?.amountMinor).toBe(7000);
    expect(eur?.buckets.find((bucket) => bucket.key === 'current')?.amountMinor).toBe(-500);
    expect(eur).toMatchObject({ totalMinor: 6500, overdueMinor: 7000 });
  });

  it('buckets by document date when asked, while overdue still follows the due date', () => {
    const items = [item({ openMinor: 10000, documentDate: addDays(AS_OF, -70), dueDate: addDays(AS_OF, 5) })];
    const [byDocument] = ageItems(items, AS_OF, { buckets: DEFAULT_AGING_BUCKETS, basis: 'document_date' });
    expect(byDocument?.buckets.find((bucket) => bucket.key === '61-90')?.amountMinor).toBe(10000);
    expect(byDocument?.overdueMinor).toBe(0);
  });

  it('uses custom buckets', () => {
    const [eur] = ageItems([item({ dueDate: addDays(AS_OF, -20) })], AS_OF, { buckets: makeAgingBuckets([15]), basis: 'due_date' });
    expect(eur?.buckets.map((bucket) => [bucket.key, bucket.amountMinor])).toEqual([
      ['current', 0],
      ['1-15', 0],
      ['over-15', 10000],
    ]);
  });

  it('ages a damaged stored row (no ISO code, no real due date) instead of failing the screen', () => {
    const [damaged] = ageItems([item({ currency: '???', dueDate: '2026-02-30', openMinor: 500 })], '2026-03-04');
    expect(damaged?.currency).toBe('???');
    expect(damaged?.overdueMinor).toBe(500);
    expect(ageItems([item({ dueDate: '2026-02-30', openMinor: 500 })], '2026-03-02')[0]?.overdueMinor).toBe(0);
  });

  it('returns nothing for no items and refuses bad input', () => {
    expect(ageItems([], AS_OF)).toEqual([]);
    expect(fieldOf(() => ageItems([item({ openMinor: 1.5 })], AS_OF))).toBe('openMinor');
    expect(() => ageItems([item({ dueDate: 'soon' })], AS_OF)).toThrow(DomainError);
    const gap: AgingBucket[] = [
      { key: 'current', label: 'Current', fromDays: null, toDays: 0 },
      { key: 'late', label: 'Late', fromDays: 5, toDays: null },
    ];
    expect(fieldOf(() => ageItems([item({})], AS_OF, { buckets: gap, basis: 'due_date' }))).toBe('buckets.1.fromDays');
  });

  it('bucket sums equal the total, and totals equal the item sums, per currency', () => {
    const arbitraryItem = fc.record({
      kind: fc.constantFrom('invoice' as const, 'credit_memo' as const, 'payment_on_account' as const),
      currency: fc.constantFrom('EUR', 'USD', 'JPY'),
      openMinor: fc.integer({ min: -1_000_000, max: 10_000_000 }),
      disputedMinor: fc.integer({ min: 0, max: 1_000_000 }),
      dueDate: fc.integer({ min: -400, max: 90 }).map((offset) => addDays(AS_OF, offset)),
      documentDate: fc.integer({ min: -500, max: 0 }).map((offset) => addDays(AS_OF, offset)),
    });
    fc.assert(
      fc.property(fc.array(arbitraryItem, { maxLength: 60 }), fc.constantFrom('due_date' as const, 'document_date' as const), (items, basis) => {
        const result = ageItems(items, AS_OF, { buckets: DEFAULT_AGING_BUCKETS, basis });
        expect(result.map((entry) => entry.currency)).toEqual([...new Set(items.map((entry) => entry.currency))].sort());
        for (const entry of result) {
          const own = items.filter((candidate) => candidate.currency === entry.currency);
          expect(entry.buckets.map((bucket) => bucket.key)).toEqual(DEFAULT_AGING_BUCKETS.map((bucket) => bucket.key));
          const aged = own.filter((candidate) => candidate.kind !== 'payment_on_account');
          const unapplied = sumMinor(own.filter((candidate) => candidate.kind === 'payment_on_account').map((candidate) => candidate.openMinor));
          expect(entry.unappliedMinor).toBe(unapplied);
          expect(sumMinor(entry.buckets.map((bucket) => bucket.amountMinor)) + entry.unappliedMinor).toBe(entry.totalMinor);
          expect(entry.totalMinor).toBe(sumMinor(own.map((candidate) => candidate.openMinor)));
          expect(entry.disputedMinor).toBe(sumMinor(own.map((candidate) => candidate.disputedMinor)));
          expect(entry.collectibleMinor).toBe(entry.totalMinor - entry.disputedMinor);
          // Unapplied cash lowers no overdue figure: it is applied to no invoice yet.
          expect(entry.overdueMinor).toBe(sumMinor(aged.filter((candidate) => candidate.dueDate < AS_OF).map((candidate) => candidate.openMinor)));
          if (basis === 'due_date') {
            const current = entry.buckets[0]?.amountMinor ?? 0;
            expect(entry.overdueMinor).toBe(entry.totalMinor - entry.unappliedMinor - current);
          }
        }
      }),
    );
  });
});
