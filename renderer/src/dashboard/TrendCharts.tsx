import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import type { ReactNode } from 'react';
import type { KpiDashboard, KpiTrendKey } from '../../../shared/api/kpi-schemas';

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' });
export const monthLabel = (month: string): string => monthFormat.format(new Date(`${month}-01T00:00:00Z`));

const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

interface Line {
  readonly key: KpiTrendKey;
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

function describe(dashboard: KpiDashboard, lines: readonly Line[], unit: string): string {
  return lines
    .map((line) => {
      const points = dashboard.trend.map((point) => {
        const value = point.values[line.key];
        return `${monthLabel(point.month)} ${value === null ? 'none' : oneDecimal.format(line.percent ? value * 100 : value)}`;
      });
      return `${line.label} (${unit}): ${points.join(', ')}`;
    })
    .join('. ');
}

function TrendLines({ dashboard, id, title, unit, lines }: { dashboard: KpiDashboard; id: string; title: string; unit: string; lines: readonly Line[] }) {
  const months = dashboard.trend.map((point) => monthLabel(point.month));
  return (
    <ChartPanel id={id} title={title} summary={describe(dashboard, lines, unit)}>
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
          valueFormatter: (value: number | null) => (value === null ? 'none' : `${oneDecimal.format(value)} ${unit}`),
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
  const months = dashboard.trend.map((point) => monthLabel(point.month));
  const counts: readonly Line[] = [
    { key: 'brokenPromises', label: 'Broken promises' },
    { key: 'disputesOpened', label: 'Disputes opened' },
  ];
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'repeat(2, minmax(0, 1fr))' }, gap: 2 }}>
      <TrendLines
        dashboard={dashboard}
        id="trend-dso-title"
        title="DSO and delinquency"
        unit="days"
        lines={[
          { key: 'dso', label: 'DSO' },
          { key: 'bestPossibleDso', label: 'Best possible DSO' },
          { key: 'averageDaysDelinquent', label: 'Average days delinquent' },
        ]}
      />
      <TrendLines
        dashboard={dashboard}
        id="trend-cei-title"
        title="Collection effectiveness"
        unit="%"
        lines={[
          { key: 'cei', label: 'CEI' },
          { key: 'percentCurrent', label: 'Current AR' },
        ]}
      />
      <TrendLines
        dashboard={dashboard}
        id="trend-promises-title"
        title="Promises to pay"
        unit="%"
        lines={[
          { key: 'keptRateByCount', label: 'Kept, by count', percent: true },
          { key: 'keptRateByAmount', label: 'Kept, by amount', percent: true },
          { key: 'collectedVsPromised', label: 'Collected vs promised', percent: true },
        ]}
      />
      <ChartPanel id="trend-counts-title" title="Broken promises and disputes opened" summary={describe(dashboard, counts, 'count')}>
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
