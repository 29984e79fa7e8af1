/** Builds the whole demo portfolio in memory, deterministically from a seed and an as-of date. */
import type { RiskClass } from '../domain/codes';
import { dayNumber, isoTimestamp, msOf } from './calendar';
import { emptyRows, type CustomerState, type DemoRows, type GenContext } from './context';
import { addContactHistory } from './activities';
import { addDisputes } from './disputes';
import { addPromises } from './promises';
import { addEscalation, addFollowUps, addNotes, addOverride } from './tasks';
import { idFactory } from './ids';
import { nameSource } from './names';
import { addCustomer, addOpenItems, addPaidHistory, addUsers, customerRow } from './portfolio';
import { Rng } from './random';

export const DEMO_SIZES = {
  small: { customers: 60, openItems: 2_500, activities: 4_000 },
  large: { customers: 2_000, openItems: 100_000, activities: 200_000 },
} as const;
export type DemoSize = keyof typeof DEMO_SIZES;

export interface DemoOptions {
  readonly size: DemoSize;
  readonly seed: number;
  /** Calendar date (YYYY-MM-DD) the portfolio is "today" for: every date is relative to it. */
  readonly asOf: string;
}

/** Splits `total` into parts proportional to `weights`, each at least `min`, summing exactly to `total`. */
export function apportion(weights: readonly number[], total: number, min: number): number[] {
  const spare = total - min * weights.length;
  if (spare < 0) throw new RangeError(`cannot give ${weights.length} parts at least ${min} out of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((weight) => min + Math.floor((weight / sum) * spare));
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % parts.length, left--) parts[i] = (parts[i] ?? 0) + 1;
  return parts;
}

const PROMISES_PER_CUSTOMER: Readonly<Record<RiskClass, readonly [number, number]>> = {
  low: [0, 2],
  medium: [0, 3],
  high: [1, 3],
  critical: [1, 4],
};
const DISPUTES_PER_CUSTOMER: Readonly<Record<RiskClass, readonly [number, number]>> = {
  low: [0, 2],
  medium: [0, 2],
  high: [0, 3],
  critical: [0, 3],
};
const CONTACT_INTENSITY: Readonly<Record<RiskClass, number>> = { low: 0.6, medium: 1, high: 1.5, critical: 2 };

export function generateDemo(options: DemoOptions): DemoRows {
  const size = DEMO_SIZES[options.size];
  const rng = new Rng(options.seed);
  const asOfDay = dayNumber(options.asOf);
  if (!Number.isFinite(asOfDay)) throw new RangeError(`as-of date "${options.asOf}" is not a date`);
  const rows = emptyRows();
  const id = idFactory(rng);
  const users = addUsers(rows, id, asOfDay);
  const ctx: GenContext = {
    rng,
    id,
    asOfDay,
    erpSyncedAt: isoTimestamp(msOf(asOfDay - 1, 22 * 60)),
    rows,
    users,
    counters: { invoice: 0, credit_memo: 0, debit_memo: 0, payment_on_account: 0, payment: 0 },
  };
  const names = nameSource(options.seed);
  const itemCounts = apportion(
    Array.from({ length: size.customers }, () => rng.logNormal(1, 0.9)),
    size.openItems,
    8,
  );

  const customers: { customer: CustomerState; risk: RiskClass }[] = [];
  const takenNames = new Set<string>();
  for (const [index, itemCount] of itemCounts.entries()) {
    const { customer, risk } = addCustomer(ctx, names, index, takenNames);
    addOpenItems(ctx, customer, risk, itemCount);
    addPaidHistory(ctx, customer, Math.round(itemCount * 0.15));
    const [minPromises, maxPromises] = PROMISES_PER_CUSTOMER[risk];
    addPromises(ctx, customer, rng.int(minPromises, maxPromises));
    const [minDisputes, maxDisputes] = DISPUTES_PER_CUSTOMER[risk];
    addDisputes(ctx, customer, rng.int(minDisputes, maxDisputes));
    addNotes(ctx, customer, rng.int(0, 5));
    addFollowUps(ctx, customer, index === 7 || index === 12);
    if (index === 13) addEscalation(ctx, customer, 'credit_hold');
    else if (index === 14) addEscalation(ctx, customer, 'payment_plan');
    else if (rng.chance(0.06)) addEscalation(ctx, customer);
    if (index === 15) addOverride(ctx, customer, 'pin');
    else if (index === 16) addOverride(ctx, customer, 'snooze');
    else if (rng.chance(0.005)) addOverride(ctx, customer, rng.chance(0.5) ? 'pin' : 'snooze');
    customers.push({ customer, risk });
  }
  // Customer rows last: the credit limit is set against the final open balance.
  for (const { customer, risk } of customers) rows.customers.push(customerRow(ctx, customer, risk, users.me));

  // Promises and disputes brought their own contacts; the rest of the target is everyday history.
  const remaining = Math.max(0, size.activities - rows.activities.length);
  const activityCounts = apportion(
    customers.map(({ customer, risk }) => (customer.items.length + 5) * CONTACT_INTENSITY[risk]),
    remaining,
    0,
  );
  for (const [index, { customer }] of customers.entries()) addContactHistory(ctx, customer, activityCounts[index] ?? 0);
  return rows;
}
