/** The 13-week forecast as CSV (RFC 4180, CRLF line ends): one row per week and currency with its three parts, amounts as decimals. */
import type { KpiForecastView } from '../../../shared/api/kpi-schemas';
import { minorToDecimalString } from '../../../shared/domain/money';

const HEADER = ['Week', 'From', 'To', 'Currency', 'From promises', 'From open items', 'From expected billing', 'Total'];

const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function forecastCsv(forecast: KpiForecastView): string {
  const rows: string[][] = [HEADER];
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
    rows.push(['open after week 13', '', '', total.currency, '', '', '', minorToDecimalString(total.beyondMinor, total.currency)]);
    rows.push(['promised, not expected', '', '', total.currency, minorToDecimalString(total.discountedMinor, total.currency), '', '', '']);
    rows.push(['billed in the last 26 weeks', '', '', total.currency, '', '', minorToDecimalString(total.billedMinor, total.currency), '']);
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
