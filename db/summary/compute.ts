/** Derives one customer's summary row from its loaded facts: pure, so the whole portfolio is one pass in JS. */
import { ageItems, daysPastDue, isUnappliedCash, type AgeableItem, type AgingConfig } from '../../shared/domain/aging';
import { addDays, daysBetween, storedDateOfTimestamp } from '../../shared/domain/dates';
import { creditUsedBp, isOverCreditLimit } from '../../shared/domain/credit';
import { hasRate, toBaseMinorSaturating, type FxTable } from '../../shared/domain/fx';
import { addMinorSaturating, clampMinor } from '../../shared/domain/money';
import { behaviourOf, EMPTY_TALLY, type PaymentTally } from '../../shared/domain/payment-behaviour';
import { scorePriority, type PriorityWeights } from '../../shared/domain/priority';
import type { RiskClass, OverrideKind } from '../../shared/domain/codes';
import type { PromiseRules } from '../../shared/domain/promise';
import type { CustomerSummaryTable } from '../schema';

export interface DomainSettings {
  readonly aging: AgingConfig;
  readonly weights: PriorityWeights;
  readonly fx: FxTable;
  /** Grace days and tolerance for judging promises; DEFAULT_PROMISE_RULES when absent. */
  readonly promises?: PromiseRules;
}

/** Open disputes whose deadline is this close count as "near their deadline". */
export const DISPUTE_DEADLINE_WINDOW_DAYS = 3;

export interface SummaryCustomer {
  readonly id: string;
  readonly currency: string;
  readonly credit_limit_minor: number;
  readonly risk_class: RiskClass;
}

export type SummaryItem = AgeableItem;

export interface SummaryFacts {
  /** Open items, or groups of them that share currency, aging bucket and overdue state (sums, any member's dates). */
  readonly items: SummaryItem[];
  /** Days past due (by due date) of the oldest overdue item with an undisputed remainder. */
  oldestDaysPastDue: number | null;
  /** Open promises: when, and what of the overdue amount they still cover (promised less paid, on overdue items where they name items), in their currency. */
  readonly openPromises: { readonly date: string; readonly coversOverdueMinor: number; readonly currency: string }[];
  brokenPromises: number;
  readonly openDisputeDueDates: (string | null)[];
  readonly openFollowUpDates: string[];
  lastContactAt: string | null;
  override: { kind: OverrideKind; reason: string; expires_at: string | null } | null;
  /** The invoices settled in the trailing year (shared/domain/payment-behaviour.ts), tallied. */
  payments: PaymentTally;
}

export const emptyFacts = (): SummaryFacts => ({
  items: [],
  oldestDaysPastDue: null,
  openPromises: [],
  brokenPromises: 0,
  openDisputeDueDates: [],
  openFollowUpDates: [],
  lastContactAt: null,
  override: null,
  payments: EMPTY_TALLY,
});

export type SummaryRow = Omit<CustomerSummaryTable, 'mixed_currency' | 'overdue_bucket_keys' | 'broken_promises' | 'open_disputes' | 'follow_up_due' | 'credit_used_minor' | 'rank_group' | 'paid_invoices'> & {
  rank_group: 0 | 1 | 2;
  mixed_currency: 0 | 1;
  overdue_bucket_keys: string;
  broken_promises: number;
  open_disputes: number;
  follow_up_due: 0 | 1;
  credit_used_minor: number;
  paid_invoices: number;
};

/**
 * Base-currency value for ranking. A currency without a configured rate counts as nothing rather
 * than stopping the whole worklist; its amounts still show per currency.
 */
const toBase = (amountMinor: number, currency: string, fx: FxTable): number => toBaseMinorSaturating(amountMinor, currency, fx) ?? 0;

/**
 * Of the overdue amount (base units), the share open promises not yet due cover, 0 to 1. Promises
 * exist but none covers anything overdue: 0. Nothing overdue at all: 1 (they cover all there is). A
 * promise in a currency without a rate cannot be weighed: it counts as covering all, as a promise
 * counted before shares were weighed.
 */
function promisedShare(promises: SummaryFacts['openPromises'], overdueBase: number, fx: FxTable): number {
  if (promises.length === 0) return 0;
  if (overdueBase === 0 || promises.some((promise) => !hasRate(promise.currency, fx))) return 1;
  const covered = promises.reduce((sum, promise) => addMinorSaturating(sum, toBase(Math.max(0, promise.coversOverdueMinor), promise.currency, fx)), 0);
  return Math.min(1, covered / overdueBase);
}

const minDate = (dates: readonly string[]): string | null => {
  let min: string | null = null;
  for (const date of dates) if (min === null || date < min) min = date;
  return min;
};

/** Whole days from a stored timestamp to `asOf`; a timestamp that is no instant (free text in the store) counts as no contact. */
function daysSince(timestamp: string | null, asOf: string): number | null {
  const on = timestamp === null ? null : storedDateOfTimestamp(timestamp);
  return on === null ? null : Math.max(0, daysBetween(on, asOf));
}

/** `,a,b,` so a filter can test membership with instr(keys, ',a,'). */
export const encodeBucketKeys = (keys: readonly string[]): string => (keys.length > 0 ? `,${keys.join(',')},` : '');

export function computeSummary(
  customer: SummaryCustomer,
  facts: SummaryFacts,
  asOf: string,
  settings: DomainSettings,
  updatedAt: string,
): SummaryRow {
  const aging = ageItems(facts.items, asOf, settings.aging);
  const own = aging.find((entry) => entry.currency === customer.currency);
  const currencies = new Set(facts.items.map((item) => item.currency));
  currencies.add(customer.currency);

  let openBase = 0;
  const overdueKeys = new Set<string>();
  const currentKey = settings.aging.buckets[0]?.key;
  for (const entry of aging) {
    openBase = addMinorSaturating(openBase, toBase(entry.totalMinor, entry.currency, settings.fx));
    for (const bucket of entry.buckets) if (bucket.amountMinor > 0 && bucket.key !== currentKey) overdueKeys.add(bucket.key);
  }
  const bucketOrder = settings.aging.buckets.map((bucket) => bucket.key).filter((key) => overdueKeys.has(key));

  // The score ranks what can be collected now: overdue and not disputed, counted from the due date.
  const overdueCollectible = new Map<string, number>();
  for (const item of facts.items) {
    if (isUnappliedCash(item) || daysPastDue(item, asOf, 'due_date') <= 0) continue;
    const collectible = addMinorSaturating(clampMinor(item.openMinor), -clampMinor(item.disputedMinor));
    overdueCollectible.set(item.currency, addMinorSaturating(overdueCollectible.get(item.currency) ?? 0, collectible));
  }
  let overdueBase = 0;
  for (const [currency, amount] of overdueCollectible) overdueBase = addMinorSaturating(overdueBase, toBase(amount, currency, settings.fx));
  overdueBase = Math.max(0, overdueBase);

  const tomorrow = addDays(asOf, 1);
  const deadline = addDays(asOf, DISPUTE_DEADLINE_WINDOW_DAYS);
  const openPromiseDates = facts.openPromises.map((promise) => promise.date);
  const nextPromise = minDate(openPromiseDates.filter((date) => date >= asOf));
  const nextFollowUp = minDate(facts.openFollowUpDates);
  const followUpDue = nextFollowUp !== null && nextFollowUp <= asOf;
  const promiseDueSoon = openPromiseDates.some((date) => date === asOf || date === tomorrow);
  const promisedNotDueShare = promisedShare(
    facts.openPromises.filter((promise) => promise.date > tomorrow),
    overdueBase,
    settings.fx,
  );
  const disputesNearDeadline = facts.openDisputeDueDates.filter((date) => date !== null && date <= deadline).length;
  const creditUsedMinor = own?.totalMinor ?? 0;
  // Without a rate for the account's own currency the limit cannot be put in the base: its own balance is measured against it as booked.
  const limitBase = toBaseMinorSaturating(customer.credit_limit_minor, customer.currency, settings.fx);
  const creditBp = limitBase === null ? creditUsedBp(Math.max(0, creditUsedMinor), customer.credit_limit_minor) : creditUsedBp(Math.max(0, openBase), limitBase);
  const nextAction = minDate([nextPromise, nextFollowUp].filter((date): date is string => date !== null));

  const behaviour = behaviourOf(facts.payments);
  const { score, factors } = scorePriority(
    {
      overdueBaseMinor: overdueBase,
      baseCurrency: settings.fx.base,
      convertedFrom: [...overdueCollectible]
        .filter(([currency, amount]) => amount > 0 && currency !== settings.fx.base && hasRate(currency, settings.fx))
        .map(([currency]) => ({ currency, rate: settings.fx.rates[currency] ?? '' }))
        .sort((a, b) => a.currency.localeCompare(b.currency)),
      oldestDaysPastDue: facts.oldestDaysPastDue,
      brokenPromises: facts.brokenPromises,
      promiseDueSoon,
      followUpDue,
      disputesNearDeadline,
      creditLimitExceeded: isOverCreditLimit(creditBp),
      riskClass: customer.risk_class,
      daysSinceLastContact: daysSince(facts.lastContactAt, asOf),
      promisedNotDueShare,
      futureFollowUp: nextFollowUp !== null && !followUpDue,
    },
    settings.weights,
  );

  return {
    customer_id: customer.id,
    as_of: asOf,
    currency: customer.currency,
    mixed_currency: currencies.size > 1 ? 1 : 0,
    open_minor: own?.totalMinor ?? 0,
    overdue_minor: own?.overdueMinor ?? 0,
    overdue_base_minor: overdueBase,
    disputed_minor: own?.disputedMinor ?? 0,
    collectible_minor: own?.collectibleMinor ?? 0,
    aging_json: JSON.stringify(aging),
    overdue_bucket_keys: encodeBucketKeys(bucketOrder),
    oldest_days_past_due: facts.oldestDaysPastDue,
    next_promise_date: nextPromise,
    next_follow_up_date: nextFollowUp,
    next_action_date: nextAction,
    last_contact_at: facts.lastContactAt,
    broken_promises: facts.brokenPromises,
    open_disputes: facts.openDisputeDueDates.length,
    follow_up_due: followUpDue ? 1 : 0,
    credit_used_minor: creditUsedMinor,
    override_kind: facts.override?.kind ?? null,
    override_reason: facts.override?.reason ?? null,
    override_expires_at: facts.override?.expires_at ?? null,
    // Expiry depends on the time of reading, so readers demote expired overrides (see expireOverrides).
    rank_group: facts.override?.kind === 'pin' ? 0 : facts.override?.kind === 'snooze' ? 2 : 1,
    score,
    factors_json: JSON.stringify(factors),
    updated_at: updatedAt,
    paid_invoices: behaviour?.paidInvoices ?? 0,
    avg_days_late: behaviour?.averageDaysLate ?? null,
    share_late: behaviour?.shareLate ?? null,
    credit_used_bp: creditBp,
  };
}
