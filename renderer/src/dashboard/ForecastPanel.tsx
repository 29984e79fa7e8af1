import Download from '@mui/icons-material/FileDownloadOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import type { KpiForecastView } from '../../../shared/api/kpi-schemas';
import { minorDigits } from '../../../shared/domain/money';
import { formatShortDate, money } from '../common/format';

const weekFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const weekLabel = (date: string): string => weekFormat.format(new Date(`${date}T00:00:00Z`));
import { downloadCsv, forecastCsv } from './forecastCsv';
import { ChartPanel } from './TrendCharts';

interface ForecastPanelProps {
  readonly forecast: KpiForecastView;
  /** The currency drawn; null: every currency converted to the base. The CSV holds every currency as booked. */
  readonly currency: string | null;
}

/** The weeks and totals drawn: one currency's, or every currency's in the base currency (null totals: nothing in scope). */
function drawn(forecast: KpiForecastView, currency: string | null) {
  if (currency === null) {
    const { converted } = forecast;
    return { currency: converted.totals.currency, amounts: converted.weeks, totals: forecast.totals.length === 0 ? undefined : converted.totals, unconverted: converted.unconverted };
  }
  return {
    currency,
    amounts: forecast.weeks.map((week) => week.amounts.find((entry) => entry.currency === currency)),
    totals: forecast.totals.find((entry) => entry.currency === currency),
    unconverted: [],
  };
}

/** The 13-week collection forecast of one currency, or all converted, as weekly bars stacked by part (promises, open items, billing), and every currency as a CSV download. */
export function ForecastPanel({ forecast, currency: picked }: ForecastPanelProps) {
  const { currency, amounts, totals, unconverted } = drawn(forecast, picked);
  const scale = 10 ** minorDigits(currency);
  const labels = forecast.weeks.map((week) => weekLabel(week.from));
  const format = (value: number | null) => (value === null ? '' : money(Math.round(value * scale), currency));
  const expected = amounts.reduce((sum, amount) => sum + (amount?.totalMinor ?? 0), 0);
  const billing = amounts.reduce((sum, amount) => sum + (amount?.billingMinor ?? 0), 0);
  const summary = forecast.weeks
    .map((week, index) => `week of ${formatShortDate(week.from, forecast.asOf)}: ${money(amounts[index]?.totalMinor ?? 0, currency)}`)
    .join(', ');
  const onExport = () => {
    downloadCsv(`collection-forecast-${forecast.asOf}.csv`, forecastCsv(forecast));
  };

  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }} data-testid="forecast-summary">
          {money(expected, currency)} expected in 13 weeks from {formatShortDate(forecast.asOf, forecast.asOf)}
          {totals
            ? ` · ${money(billing, currency)} of it from invoices not yet written (${money(totals.billedMinor, currency)} billed in the last 26 weeks) · ${money(totals.beyondMinor, currency)} open, expected later · ${money(totals.discountedMinor, currency)} of open promises not expected (kept history)`
            : ''}
        </Typography>
        <Button variant="outlined" startIcon={<Download />} onClick={onExport} data-testid="forecast-export" sx={{ textTransform: 'none' }}>
          Export CSV
        </Button>
      </Box>
      {unconverted.length > 0 && <Alert severity="warning">No exchange rate for {unconverted.join(', ')}: left out of the forecast in {currency}.</Alert>}
      {!totals ? (
        <Alert severity="info">Nothing open {picked === null ? '' : `in ${currency} `}in this scope.</Alert>
      ) : (
        <ChartPanel id="forecast-chart-title" title={`Expected collections per week, ${picked === null ? `all currencies in ${currency}` : currency}`} summary={summary}>
          <BarChart
            height={260}
            skipAnimation
            xAxis={[{ scaleType: 'band', data: labels }]}
            yAxis={[{ width: 72, valueFormatter: (value: number) => new Intl.NumberFormat(undefined, { notation: 'compact' }).format(value) }]}
            series={[
              { id: 'promised', label: 'From open promises', stack: 'total', data: amounts.map((amount) => (amount?.promisedMinor ?? 0) / scale), valueFormatter: format },
              { id: 'items', label: 'From open items', stack: 'total', data: amounts.map((amount) => (amount?.itemsMinor ?? 0) / scale), valueFormatter: format },
              { id: 'billing', label: 'From expected billing', stack: 'total', data: amounts.map((amount) => (amount?.billingMinor ?? 0) / scale), valueFormatter: format },
            ]}
            margin={{ left: 4, right: 24, top: 8, bottom: 4 }}
            slotProps={{ legend: { direction: 'horizontal', position: { vertical: 'top', horizontal: 'start' } } }}
          />
        </ChartPanel>
      )}
    </Box>
  );
}
