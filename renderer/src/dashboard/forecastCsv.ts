/**
 * The 13-week forecast as CSV (RFC 4180, CRLF line ends): one row per week and currency with its three parts, amounts as decimals.
 * Headers and row names are in the user's language; dates and amounts stay machine-readable (ISO dates, "1234.50").
 */
import type { TFunction } from 'i18next';
import type { KpiForecastView } from '../../../shared/api/kpi-schemas';
import { minorToDecimalString } from '../../../shared/domain/money';

const HEADER = [
  'dashboard.forecast.csv.week',
  'dashboard.forecast.csv.from',
  'dashboard.forecast.csv.to',
  'dashboard.forecast.csv.currency',
  'dashboard.forecast.csv.promised',
  'dashboard.forecast.csv.items',
  'dashboard.forecast.csv.billing',
  'dashboard.forecast.csv.total',
] as const;

const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function forecastCsv(t: TFunction, forecast: KpiForecastView): string {
  const rows: string[][] = [HEADER.map((key) => t(key))];
  for (const week of forecast.weeks) {
    for (const amount of week.amounts) {
      rows.push([
        String(week.week),
        week.from,
        week.to,
        amount.currency,
        minorToDecimalString(amount.promisedMinor, amount.currency),
        minorToDecimalString(amount.itemsMinor, amount.currency),
        minorToDecimalString(amount.billingMinor, amount.currency),
        minorToDecimalString(amount.totalMinor, amount.currency),
      ]);
    }
  }
  for (const total of forecast.totals) {
    rows.push([t('dashboard.forecast.csv.beyond'), '', '', total.currency, '', '', '', minorToDecimalString(total.beyondMinor, total.currency)]);
    rows.push([t('dashboard.forecast.csv.discounted'), '', '', total.currency, minorToDecimalString(total.discountedMinor, total.currency), '', '', '']);
    rows.push([t('dashboard.forecast.csv.billed'), '', '', total.currency, '', '', minorToDecimalString(total.billedMinor, total.currency), '']);
  }
  return `${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}

/** Hands the CSV to the browser (or Electron) as a file download. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
