import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiDashboard, KpiTrendKey } from '../../../shared/api/kpi-schemas';
import { dateTimeFormat, numberFormat } from '../common/format';

export const monthLabel = (month: string): string => dateTimeFormat({ month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

const oneDecimal = () => numberFormat({ maximumFractionDigits: 1 });

/** The unit a chart's values are in, after each value and in its summary; translated when drawn. */
type ChartUnit = 'days' | 'percent' | 'count';

const unitText = (t: TFunction, unit: ChartUnit): string => (unit === 'days' ? t('dashboard.units.days') : unit === 'count' ? t('dashboard.units.count') : '%');

interface Line {
  readonly key: KpiTrendKey;
  /** The series' name, already translated. */
  readonly label: string;
  /** Rates 0..1 are drawn as percentages. */
  readonly percent?: boolean;
}

export function ChartPanel({ id, title, summary, children }: { id: string; title: string; summary: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="figure" aria-labelledby={id} sx={{ m: 0, p: 1.5, display: 'grid', gap: 0.5, minWidth: 0 }}>
      <Typography variant="h3" component="figcaption" id={id}>
        {title}
      </Typography>
      {/* The chart is drawn for the eye; the same numbers are in words for screen readers. */}
      <Box role="img" aria-label={summary}>
        {children}
      </Box>
    </Paper>
  );
}

function describe(t: TFunction, dashboard: KpiDashboard, lines: readonly Line[], unit: ChartUnit): string {
  return lines
    .map((line) => {
      const points = dashboard.trend.map((point) => {
        const value = point.values[line.key];
        return `${monthLabel(point.month)} ${value === null ? t('dashboard.trends.none') : oneDecimal().format(line.percent ? value * 100 : value)}`;
      });
      return t('dashboard.trends.lineSummary', { label: line.label, unit: unitText(t, unit), points: points.join(', ') });
    })
    .join('. ');
}

function TrendLines({ dashboard, id, title, unit, lines }: { dashboard: KpiDashboard; id: string; title: string; unit: ChartUnit; lines: readonly Line[] }) {
  const { t } = useTranslation();
  const months = dashboard.trend.map((point) => monthLabel(point.month));
  return (
    <ChartPanel id={id} title={title} summary={describe(t, dashboard, lines, unit)}>
      <LineChart
        height={220}
        skipAnimation
        xAxis={[{ scaleType: 'point', data: months }]}
        yAxis={[{ width: 48 }]}
        series={lines.map((line) => ({
          id: line.key,
          label: line.label,
          data: dashboard.trend.map((point) => {
            const value = point.values[line.key];
            return value === null ? null : line.percent ? value * 100 : value;
          }),
          valueFormatter: (value: number | null) => (value === null ? t('dashboard.trends.none') : `${oneDecimal().format(value)} ${unitText(t, unit)}`),
          showMark: true,
        }))}
        margin={{ left: 4, right: 24, top: 8, bottom: 4 }}
        slotProps={{ legend: { direction: 'horizontal', position: { vertical: 'top', horizontal: 'start' } } }}
      />
    </ChartPanel>
  );
}

/** Monthly trend charts of the main KPIs over the 12 months ending with the selected one. */
export function TrendCharts({ dashboard }: { dashboard: KpiDashboard }) {
  const { t } = useTranslation();
  const months = dashboard.trend.map((point) => monthLabel(point.month));
  const counts: readonly Line[] = [
    { key: 'brokenPromises', label: t('dashboard.figures.brokenPromises.label') },
    { key: 'disputesOpened', label: t('dashboard.figures.disputesOpened.label') },
  ];
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'repeat(2, minmax(0, 1fr))' }, gap: 2 }}>
      <TrendLines
        dashboard={dashboard}
        id="trend-dso-title"
        title={t('dashboard.trends.dsoTitle')}
        unit="days"
        lines={[
          { key: 'dso', label: t('dashboard.figures.dso.label') },
          { key: 'bestPossibleDso', label: t('dashboard.figures.bestPossibleDso.label') },
          { key: 'averageDaysDelinquent', label: t('dashboard.figures.averageDaysDelinquent.label') },
        ]}
      />
      <TrendLines
        dashboard={dashboard}
        id="trend-cei-title"
        title={t('dashboard.trends.ceiTitle')}
        unit="percent"
        lines={[
          { key: 'cei', label: t('dashboard.figures.cei.label') },
          { key: 'percentCurrent', label: t('dashboard.figures.percentCurrent.label') },
        ]}
      />
      <TrendLines
        dashboard={dashboard}
        id="trend-promises-title"
        title={t('dashboard.trends.promisesTitle')}
        unit="percent"
        lines={[
          { key: 'keptRateByCount', label: t('dashboard.trends.keptByCount'), percent: true },
          { key: 'keptRateByAmount', label: t('dashboard.figures.keptRateByAmount.label'), percent: true },
          { key: 'collectedVsPromised', label: t('dashboard.figures.collectedVsPromised.label'), percent: true },
        ]}
      />
      <ChartPanel id="trend-counts-title" title={t('dashboard.trends.countsTitle')} summary={describe(t, dashboard, counts, 'count')}>
        <BarChart
          height={220}
          skipAnimation
          xAxis={[{ scaleType: 'band', data: months }]}
          yAxis={[{ width: 48 }]}
          series={counts.map((line) => ({ id: line.key, label: line.label, data: dashboard.trend.map((point) => point.values[line.key]) }))}
          margin={{ left: 4, right: 24, top: 8, bottom: 4 }}
          slotProps={{ legend: { direction: 'horizontal', position: { vertical: 'top', horizontal: 'start' } } }}
        />
      </ChartPanel>
    </Box>
  );
}
