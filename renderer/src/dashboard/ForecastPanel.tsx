import Download from '@mui/icons-material/FileDownloadOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslation } from 'react-i18next';
import type { KpiForecastView } from '../../../shared/api/kpi-schemas';
import { minorDigits } from '../../../shared/domain/money';
import { dateTimeFormat, formatShortDate, money, numberFormat } from '../common/format';

const weekLabel = (date: string): string => dateTimeFormat({ day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
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
  const { t } = useTranslation();
  const { currency, amounts, totals, unconverted } = drawn(forecast, picked);
  const scale = 10 ** minorDigits(currency);
  const labels = forecast.weeks.map((week) => weekLabel(week.from));
  const format = (value: number | null) => (value === null ? '' : money(Math.round(value * scale), currency));
  const expected = amounts.reduce((sum, amount) => sum + (amount?.totalMinor ?? 0), 0);
  const billing = amounts.reduce((sum, amount) => sum + (amount?.billingMinor ?? 0), 0);
  const summary = forecast.weeks
    .map((week, index) => t('dashboard.forecast.weekSummary', { date: formatShortDate(week.from, forecast.asOf), amount: money(amounts[index]?.totalMinor ?? 0, currency) }))
    .join(', ');
  const onExport = () => {
    downloadCsv(`collection-forecast-${forecast.asOf}.csv`, forecastCsv(t, forecast));
  };

  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }} data-testid="forecast-summary">
          {t('dashboard.forecast.expected', { amount: money(expected, currency), date: formatShortDate(forecast.asOf, forecast.asOf) })}
          {totals
            ? ` · ${t('dashboard.forecast.details', {
                billing: money(billing, currency),
                billed: money(totals.billedMinor, currency),
                beyond: money(totals.beyondMinor, currency),
                discounted: money(totals.discountedMinor, currency),
              })}`
            : ''}
        </Typography>
        <Button variant="outlined" startIcon={<Download />} onClick={onExport} data-testid="forecast-export" sx={{ textTransform: 'none' }}>
          {t('dashboard.forecast.export')}
        </Button>
      </Box>
      {unconverted.length > 0 && <Alert severity="warning">{t('dashboard.forecast.unconverted', { currencies: unconverted.join(', '), currency })}</Alert>}
      {!totals ? (
        <Alert severity="info">{picked === null ? t('dashboard.forecast.nothingOpen') : t('dashboard.forecast.nothingOpenIn', { currency })}</Alert>
      ) : (
        <ChartPanel id="forecast-chart-title" title={picked === null ? t('dashboard.forecast.chartTitleAll', { currency }) : t('dashboard.forecast.chartTitle', { currency })} summary={summary}>
          <BarChart
            height={260}
            skipAnimation
            xAxis={[{ scaleType: 'band', data: labels }]}
            yAxis={[{ width: 72, valueFormatter: (value: number) => numberFormat({ notation: 'compact' }).format(value) }]}
            series={[
              { id: 'promised', label: t('dashboard.forecast.fromPromises'), stack: 'total', data: amounts.map((amount) => (amount?.promisedMinor ?? 0) / scale), valueFormatter: format },
              { id: 'items', label: t('dashboard.forecast.fromItems'), stack: 'total', data: amounts.map((amount) => (amount?.itemsMinor ?? 0) / scale), valueFormatter: format },
              { id: 'billing', label: t('dashboard.forecast.fromBilling'), stack: 'total', data: amounts.map((amount) => (amount?.billingMinor ?? 0) / scale), valueFormatter: format },
            ]}
            margin={{ left: 4, right: 24, top: 8, bottom: 4 }}
            slotProps={{ legend: { direction: 'horizontal', position: { vertical: 'top', horizontal: 'start' } } }}
          />
        </ChartPanel>
      )}
    </Box>
  );
}
