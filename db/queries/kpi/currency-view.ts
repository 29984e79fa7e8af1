/**
 * The currency the dashboard's money figures are in: one currency as stored, or every currency
 * converted to the base at the settings' rates (issue 17). A currency without a rate is left out of
 * the converted figures and named, never summed at a guessed rate.
 */
import type { ArPosition } from '../../../shared/domain/kpi';
import { rateOf, toBaseMinorSaturating, type FxTable } from '../../../shared/domain/fx';
import { addMinorSaturating } from '../../../shared/domain/money';
import type { CurrencyArHistory } from './ar-history';

export interface KpiCurrencyView {
  /** The currency of the money figures. */
  readonly currency: string;
  /** null: the one currency, read as stored; else every currency converted to `currency`, the base, at these rates. */
  readonly fx: FxTable | null;
  /** Currencies met that had no rate and were left out. */
  readonly unconverted: Set<string>;
}

/** `currency` named: that currency alone; absent: all of them in the base currency. */
export const currencyView = (currency: string | undefined, fx: FxTable): KpiCurrencyView => ({
  currency: currency ?? fx.base,
  fx: currency === undefined ? fx : null,
  unconverted: new Set(),
});

/** An amount in the view's currency; null (and the currency noted) when it cannot be converted. */
export function inView(view: KpiCurrencyView, amountMinor: number, currency: string): number | null {
  if (view.fx === null) return currency === view.currency ? amountMinor : null;
  const converted = toBaseMinorSaturating(amountMinor, currency, view.fx);
  if (converted === null) view.unconverted.add(currency);
  return converted;
}

type AmountKeys<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T];

/** Records restated in the view's currency, their `amounts` converted; those that cannot be are left out. */
export function recordsInView<T extends { readonly currency: string }>(view: KpiCurrencyView, records: readonly T[], amounts: readonly AmountKeys<T>[]): T[] {
  const restated: T[] = [];
  for (const record of records) {
    const copy: Record<string, unknown> = { ...record, currency: view.currency };
    let convertible = true;
    for (const key of amounts) {
      const value = inView(view, record[key] as number, record.currency);
      if (value === null) convertible = false;
      copy[key as string] = value;
    }
    if (convertible) restated.push(copy as T);
  }
  return restated;
}

export interface ViewHistory {
  readonly positions: readonly ArPosition[];
  readonly salesByMonth: ReadonlyMap<string, number>;
}

/** The currencies' histories summed in the view's currency: each position and month converted as a whole. */
export function historyInView(view: KpiCurrencyView, histories: readonly CurrencyArHistory[], count: number): ViewHistory {
  const positions = Array.from({ length: count }, () => ({ totalMinor: 0, currentMinor: 0 }));
  const salesByMonth = new Map<string, number>();
  for (const history of histories) {
    if (inView(view, 0, history.currency) === null) continue;
    history.positions.forEach((position, i) => {
      const target = positions[i];
      if (!target) return;
      target.totalMinor = addMinorSaturating(target.totalMinor, inView(view, position.totalMinor, history.currency) ?? 0);
      target.currentMinor = addMinorSaturating(target.currentMinor, inView(view, position.currentMinor, history.currency) ?? 0);
    });
    for (const [month, sales] of history.salesByMonth) {
      salesByMonth.set(month, addMinorSaturating(salesByMonth.get(month) ?? 0, inView(view, sales, history.currency) ?? 0));
    }
  }
  return { positions, salesByMonth };
}

/** Each currency's closing receivables as stored, with the rate and base value when converting. */
export function currencyBreakdown(view: KpiCurrencyView, histories: readonly CurrencyArHistory[], month: string) {
  return histories.map((history) => {
    const closing = history.positions.at(-1) ?? { totalMinor: 0, currentMinor: 0 };
    const rate = view.fx === null ? null : rateOf(history.currency, view.fx);
    return {
      currency: history.currency,
      totalMinor: closing.totalMinor,
      currentMinor: closing.currentMinor,
      creditSalesMinor: history.salesByMonth.get(month) ?? 0,
      rate,
      totalBaseMinor: rate === null ? null : inView(view, closing.totalMinor, history.currency),
    };
  });
}
