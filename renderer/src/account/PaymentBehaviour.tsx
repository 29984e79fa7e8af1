/**
 * How the customer pays, beside the priority on the account: the trailing year's figures, and days
 * to pay month by month as a small chart with a sentence for screen readers. The rule is
 * shared/domain/payment-behaviour.ts.
 */
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTimeFormat, formatCount } from '../common/format';
import { Fact } from '../common/Fact';
import { useObservedSize } from '../common/useObservedSize';
import { daysLateWords, oneDecimal, shareText } from '../common/paymentText';
import type { Account } from './types';

// The charts library loads with the first account that shows a chart, not with the app: the first
// worklist row does not wait for it. Its place is held at the chart's height meanwhile.
const loadBarChart = () => import('@mui/x-charts/BarChart');
const BarChart = lazy(() => loadBarChart().then((module) => ({ default: module.BarChart })));
const CHART_HEIGHT = 130;

type Behaviour = Account['paymentBehaviour'];

// The formatter is fetched when called, so month names follow the interface language.
const monthLabel = (month: string): string => dateTimeFormat({ month: 'short', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

const TREND_KEYS = {
  faster: 'account.behaviour.trend.faster',
  slower: 'account.behaviour.trend.slower',
  steady: 'account.behaviour.trend.steady',
} as const satisfies Readonly<Record<NonNullable<Behaviour['trend']>, string>>;

/** A month's average days to pay, or that nothing was paid in it. */
const daysToPayText = (t: TFunction, days: number | null): string => (days === null ? t('account.behaviour.nonePaid') : t('account.behaviour.days', { count: days, n: oneDecimal.format(days) }));

function paceSentence(t: TFunction, months: Behaviour['months']): string {
  const points = months.map((month) => t('account.behaviour.pacePoint', { month: monthLabel(month.month), days: daysToPayText(t, month.averageDaysToPay) }));
  return t('account.behaviour.paceSentence', { points: points.join(', ') });
}

export function PaymentBehaviour({ behaviour }: { behaviour: Behaviour }) {
  const { t } = useTranslation();
  const { figures, months, trend } = behaviour;
  // The chart is given its width: measuring its own box (which it does when it has none) forced a
  // layout of the whole account in the middle of its render, a task of up to 60 ms on opening one.
  const [chartBox, chartSize] = useObservedSize<HTMLDivElement>();
  const chartWidth = Math.floor(chartSize?.width ?? 0);
  // The library is fetched as the section mounts, not once its width is known a frame later.
  useEffect(() => {
    void loadBarChart();
  }, []);
  return (
    <Paper component="section" aria-labelledby="payment-behaviour-title" sx={{ p: 2 }} data-testid="payment-behaviour">
      <Typography variant="h2" id="payment-behaviour-title" sx={{ mb: 1 }}>
        {t('account.behaviour.title')}
      </Typography>
      {figures === null ? (
        <Typography variant="body2" color="text.secondary">
          {t('account.behaviour.empty')}
        </Typography>
      ) : (
        <>
          <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 1.5 }}>
            <Fact label={t('account.behaviour.daysToPay')} testId="days-to-pay">
              {t('account.behaviour.onAverage', { days: oneDecimal.format(figures.averageDaysToPay) })}
            </Fact>
            <Fact label={t('account.behaviour.againstDueDate')} testId="days-late">
              {daysLateWords(figures.averageDaysLate)}
            </Fact>
            <Fact label={t('account.behaviour.paidLate')} testId="share-late">
              {t('account.behaviour.shareOf', { share: shareText(figures.shareLate), total: formatCount(figures.paidInvoices) })}
            </Fact>
            <Fact label={t('account.behaviour.trendLabel')} testId="pace-trend">
              {trend === null ? t('account.behaviour.trend.unknown') : t(TREND_KEYS[trend])}
            </Fact>
          </Box>
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
            {t('account.behaviour.caption')}
          </Typography>
          <Box ref={chartBox} role="img" aria-label={paceSentence(t, months)} sx={{ minHeight: CHART_HEIGHT }}>
            <Suspense fallback={null}>
              {chartWidth > 0 && (
                <BarChart
                  width={chartWidth}
                  height={CHART_HEIGHT}
                  skipAnimation
                  hideLegend
                  xAxis={[{ scaleType: 'band', data: months.map((month) => monthLabel(month.month)), tickLabelStyle: { fontSize: 10 } }]}
                  yAxis={[{ width: 36, tickNumber: 3 }]}
                  series={[
                    {
                      id: 'daysToPay',
                      label: t('account.behaviour.daysToPay'),
                      data: months.map((month) => month.averageDaysToPay),
                      valueFormatter: (value: number | null) => daysToPayText(t, value),
                    },
                  ]}
                  margin={{ left: 0, right: 8, top: 8, bottom: 0 }}
                />
              )}
            </Suspense>
          </Box>
        </>
      )}
    </Paper>
  );
}
