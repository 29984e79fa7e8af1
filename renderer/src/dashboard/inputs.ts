/** Readable names and values for the inputs a KPI figure lists with its formula. */
import type { TFunction } from 'i18next';
import type { KpiFigureView } from '../../../shared/api/kpi-schemas';
import { formatCount, money } from '../common/format';

const NAMES = {
  endingArMinor: 'dashboard.inputs.endingArMinor',
  currentArMinor: 'dashboard.inputs.currentArMinor',
  creditSalesMinor: 'dashboard.inputs.creditSalesMinor',
  days: 'dashboard.inputs.days',
  openingArMinor: 'dashboard.inputs.openingArMinor',
  closingTotalArMinor: 'dashboard.inputs.closingTotalArMinor',
  closingCurrentArMinor: 'dashboard.inputs.closingCurrentArMinor',
  totalArMinor: 'dashboard.inputs.totalArMinor',
  dso: 'dashboard.inputs.dso',
  bestPossibleDso: 'dashboard.inputs.bestPossibleDso',
  paidInvoices: 'dashboard.inputs.paidInvoices',
  totalDaysLate: 'dashboard.inputs.totalDaysLate',
  amountDaysMinor: 'dashboard.inputs.amountDaysMinor',
  paidAmountMinor: 'dashboard.inputs.paidAmountMinor',
  kept: 'dashboard.inputs.kept',
  partiallyKept: 'dashboard.inputs.partiallyKept',
  broken: 'dashboard.inputs.broken',
  keptMinor: 'dashboard.inputs.keptMinor',
  partiallyKeptMinor: 'dashboard.inputs.partiallyKeptMinor',
  brokenMinor: 'dashboard.inputs.brokenMinor',
  paidMinor: 'dashboard.inputs.paidMinor',
  promisedMinor: 'dashboard.inputs.promisedMinor',
  closedDisputes: 'dashboard.inputs.closedDisputes',
  opened: 'dashboard.inputs.opened',
  contacts: 'dashboard.inputs.contacts',
  currency: 'dashboard.inputs.currency',
} as const;
// Looked up by string: the inputs are whatever the KPI module listed; one this version does not know keeps its key.
const names: Readonly<Partial<Record<string, (typeof NAMES)[keyof typeof NAMES]>>> = NAMES;

const MONTH_INPUT = /^(creditSalesMinor|days) (\d{4}-\d{2})$/;

export interface InputRow {
  readonly name: string;
  readonly value: string;
}

function nameOf(t: TFunction, key: string): string {
  const month = MONTH_INPUT.exec(key);
  if (month) return month[1] === 'days' ? t('dashboard.inputs.daysOfMonth', { month: month[2] ?? '' }) : t('dashboard.inputs.creditSalesOfMonth', { month: month[2] ?? '' });
  const name = names[key];
  return name === undefined ? key : t(name);
}

/** Amounts (keys ending in Minor) as money in the figure's currency; the Σ days × amount product stays a plain number. */
export function inputRows(t: TFunction, figure: KpiFigureView, fallbackCurrency: string): InputRow[] {
  const currency = typeof figure.inputs.currency === 'string' ? figure.inputs.currency : fallbackCurrency;
  return Object.entries(figure.inputs)
    .filter(([key]) => key !== 'currency')
    .map(([key, value]) => {
      const isMoney = /Minor( \d{4}-\d{2})?$/.test(key) && key !== 'amountDaysMinor' && typeof value === 'number';
      const shown = isMoney ? money(value, currency) : typeof value === 'number' ? formatCount(value) : value;
      return { name: nameOf(t, key), value: shown };
    });
}
