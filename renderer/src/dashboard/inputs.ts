/** Readable names and values for the inputs a KPI figure lists with its formula. */
import type { KpiFigureView } from '../../../shared/api/kpi-schemas';
import { formatCount, money } from '../common/format';

const NAMES: Readonly<Record<string, string>> = {
  endingArMinor: 'Ending AR',
  currentArMinor: 'Current (not yet due) AR',
  creditSalesMinor: 'Credit sales',
  days: 'Days in period',
  openingArMinor: 'Opening AR',
  closingTotalArMinor: 'Closing total AR',
  closingCurrentArMinor: 'Closing current AR',
  totalArMinor: 'Total AR',
  dso: 'DSO',
  bestPossibleDso: 'Best possible DSO',
  paidInvoices: 'Invoices paid',
  totalDaysLate: 'Total days late',
  amountDaysMinor: 'Σ days late × amount (minor units)',
  paidAmountMinor: 'Amount paid',
  kept: 'Kept',
  partiallyKept: 'Partially kept',
  broken: 'Broken',
  keptMinor: 'Kept amount',
  partiallyKeptMinor: 'Partially kept amount',
  brokenMinor: 'Broken amount',
  paidMinor: 'Paid',
  promisedMinor: 'Promised',
  closedDisputes: 'Disputes closed',
  opened: 'Disputes opened',
  contacts: 'Contacts',
  currency: 'Currency',
};

const MONTH_INPUT = /^(creditSalesMinor|days) (\d{4}-\d{2})$/;

export interface InputRow {
  readonly name: string;
  readonly value: string;
}

function nameOf(key: string): string {
  const month = MONTH_INPUT.exec(key);
  if (month) return `${month[1] === 'days' ? 'Days' : 'Credit sales'} ${month[2] ?? ''}`;
  return NAMES[key] ?? key;
}

/** Amounts (keys ending in Minor) as money in the figure's currency; the Σ days × amount product stays a plain number. */
export function inputRows(figure: KpiFigureView, fallbackCurrency: string): InputRow[] {
  const currency = typeof figure.inputs.currency === 'string' ? figure.inputs.currency : fallbackCurrency;
  return Object.entries(figure.inputs)
    .filter(([key]) => key !== 'currency')
    .map(([key, value]) => {
      const isMoney = /Minor( \d{4}-\d{2})?$/.test(key) && key !== 'amountDaysMinor' && typeof value === 'number';
      const shown = isMoney ? money(value, currency) : typeof value === 'number' ? formatCount(value) : value;
      return { name: nameOf(key), value: shown };
    });
}
