/**
 * Aging of open items into day buckets, per currency. Amounts are signed: a credit memo carries a
 * negative open amount and reduces the bucket its own date falls into. A payment on account (cash
 * received but not yet applied to an invoice) is not aged at all: it would lower "overdue" silently,
 * so it is kept apart as unapplied cash, in the total but in no bucket.
 */
import { refused, type Refusal, type RefusalKey } from '../i18n/refusals';
import { addMinorSaturating, clampMinor } from './money';
import { daysBetween } from './dates';
import type { ItemKind } from './codes';

/** Inclusive day range; `null` means unbounded on that side. */
export interface AgingBucket {
  readonly key: string;
  readonly label: string;
  readonly fromDays: number | null;
  readonly toDays: number | null;
}

export type AgingBasis = 'due_date' | 'document_date';

export interface AgingConfig {
  readonly buckets: readonly AgingBucket[];
  readonly basis: AgingBasis;
}

const BUCKETS_FIELD = 'buckets';

function fail(refusal: RefusalKey | Refusal, field = BUCKETS_FIELD): never {
  throw refused('validation', refusal, field);
}

/** [30, 60, 90, 120] -> current, 1–30, 31–60, 61–90, 91–120, >120. */
export function makeAgingBuckets(upperBounds: readonly number[]): AgingBucket[] {
  let previous = 0;
  upperBounds.forEach((bound, index) => {
    if (!Number.isSafeInteger(bound) || bound <= previous) {
      fail('agingLimitsInvalid', `${BUCKETS_FIELD}.${index}`);
    }
    previous = bound;
  });
  const buckets: AgingBucket[] = [{ key: 'current', label: 'Current', fromDays: null, toDays: 0 }];
  let from = 1;
  for (const bound of upperBounds) {
    buckets.push({ key: `${from}-${bound}`, label: `${from}–${bound}`, fromDays: from, toDays: bound });
    from = bound + 1;
  }
  buckets.push({ key: `over-${previous}`, label: `>${previous}`, fromDays: previous + 1, toDays: null });
  return buckets;
}

export function validateAgingBuckets(buckets: readonly AgingBucket[]): readonly AgingBucket[] {
  const first = buckets[0];
  if (first?.fromDays !== null || first.toDays !== 0) {
    fail('agingFirstBucketCurrent', `${BUCKETS_FIELD}.0`);
  }
  const keys = new Set<string>();
  buckets.forEach((bucket, index) => {
    const field = `${BUCKETS_FIELD}.${index}`;
    if (bucket.key === '' || keys.has(bucket.key)) fail({ key: 'agingBucketKeyInvalid', params: { key: bucket.key } }, `${field}.key`);
    keys.add(bucket.key);
    if (bucket.label.trim() === '') fail('agingBucketLabelEmpty', `${field}.label`);
    const last = index === buckets.length - 1;
    if (last !== (bucket.toDays === null)) fail('agingOnlyLastOpen', `${field}.toDays`);
    if (index === 0) return;
    const before = buckets[index - 1];
    if (before?.toDays === null || before?.toDays === undefined || bucket.fromDays !== before.toDays + 1) {
      fail('agingNotContiguous', `${field}.fromDays`);
    }
    if (bucket.toDays !== null && bucket.toDays < bucket.fromDays) fail('agingBucketEndsBeforeStart', `${field}.toDays`);
  });
  return buckets;
}

export const DEFAULT_AGING_BUCKETS: readonly AgingBucket[] = makeAgingBuckets([30, 60, 90, 120]);

export const DEFAULT_AGING_CONFIG: AgingConfig = { buckets: DEFAULT_AGING_BUCKETS, basis: 'due_date' };

/** Days from the basis date to `asOf`; negative when the item is not yet due. */
export function daysPastDue(
  item: { readonly dueDate: string; readonly documentDate: string },
  asOf: string,
  basis: AgingBasis = 'due_date',
): number {
  return daysBetween(basis === 'due_date' ? item.dueDate : item.documentDate, asOf);
}

function bucketIndex(days: number, buckets: readonly AgingBucket[]): number {
  const index = buckets.findIndex(
    (bucket) => (bucket.fromDays === null || days >= bucket.fromDays) && (bucket.toDays === null || days <= bucket.toDays),
  );
  if (index === -1) fail({ key: 'agingNoBucket', params: { days } });
  return index;
}

export function bucketFor(days: number, buckets: readonly AgingBucket[] = DEFAULT_AGING_BUCKETS): AgingBucket {
  if (!Number.isSafeInteger(days)) fail({ key: 'notWholeDays', params: { value: String(days) } }, 'days');
  const bucket = buckets[bucketIndex(days, buckets)];
  if (!bucket) fail({ key: 'agingNoBucket', params: { days } });
  return bucket;
}

export interface AgeableItem {
  readonly kind: ItemKind;
  readonly currency: string;
  readonly openMinor: number;
  readonly disputedMinor: number;
  readonly dueDate: string;
  readonly documentDate: string;
}

/** The bucket key an open item of unapplied cash carries where an item's bucket is asked for: none of the configured ones. */
export const UNAPPLIED_BUCKET_KEY = 'unapplied';

/** Unapplied cash is applied to no invoice yet: it has no due date that means anything, so it is never overdue. */
export const isUnappliedCash = (item: Pick<AgeableItem, 'kind'>): boolean => item.kind === 'payment_on_account';

export interface CurrencyAging {
  currency: string;
  buckets: { key: string; label: string; amountMinor: number }[];
  /** Every open amount: the buckets plus the unapplied cash. */
  totalMinor: number;
  overdueMinor: number;
  disputedMinor: number;
  collectibleMinor: number;
  /** Payments on account not yet applied (zero or negative): in the total, in no bucket and not in overdue. */
  unappliedMinor: number;
}

interface Accumulator {
  readonly amounts: number[];
  total: number;
  overdue: number;
  disputed: number;
  unapplied: number;
}

/**
 * One entry per currency (sorted by code), every bucket present in configured order. `overdueMinor`
 * always follows the due date, whatever the aging basis: "overdue" is a contractual fact.
 */
export function ageItems(items: readonly AgeableItem[], asOf: string, config: AgingConfig = DEFAULT_AGING_CONFIG): CurrencyAging[] {
  const buckets = validateAgingBuckets(config.buckets);
  const byCurrency = new Map<string, Accumulator>();
  for (const item of items) {
    let acc = byCurrency.get(item.currency);
    if (!acc) {
      acc = { amounts: buckets.map(() => 0), total: 0, overdue: 0, disputed: 0, unapplied: 0 };
      byCurrency.set(item.currency, acc);
    }
    const open = clampMinor(item.openMinor, 'openMinor');
    acc.total = addMinorSaturating(acc.total, open);
    acc.disputed = addMinorSaturating(acc.disputed, clampMinor(item.disputedMinor, 'disputedMinor'));
    if (isUnappliedCash(item)) {
      acc.unapplied = addMinorSaturating(acc.unapplied, open);
      continue;
    }
    const dueDays = daysBetween(item.dueDate, asOf);
    const index = bucketIndex(config.basis === 'due_date' ? dueDays : daysBetween(item.documentDate, asOf), buckets);
    acc.amounts[index] = addMinorSaturating(acc.amounts[index] ?? 0, open);
    if (dueDays > 0) acc.overdue = addMinorSaturating(acc.overdue, open);
  }
  return [...byCurrency.keys()].sort().map((currency) => {
    const acc = byCurrency.get(currency) ?? { amounts: [], total: 0, overdue: 0, disputed: 0, unapplied: 0 };
    return {
      currency,
      buckets: buckets.map((bucket, index) => ({ key: bucket.key, label: bucket.label, amountMinor: acc.amounts[index] ?? 0 })),
      totalMinor: acc.total,
      overdueMinor: acc.overdue,
      disputedMinor: acc.disputed,
      collectibleMinor: addMinorSaturating(acc.total, -acc.disputed),
      unappliedMinor: acc.unapplied,
    };
  });
}
