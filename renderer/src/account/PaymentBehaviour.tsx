/**
 * How the customer pays, beside the priority on the account: the trailing year's figures, and days
 * to pay month by month as a small chart with a sentence for screen readers. The rule is
 * shared/domain/payment-behaviour.ts.
 */
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { formatCount } from '../common/format';
import { Fact } from '../common/Fact';
import { daysLateWords, oneDecimal, shareText } from '../common/paymentText';
import type { Account } from './types';

type Behaviour = Account['paymentBehaviour'];

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
const monthLabel = (month: string): string => monthFormat.format(new Date(`${month}-01T00:00:00Z`));

const TREND_TEXT: Record<NonNullable<Behaviour['trend']>, string> = {
  faster: 'Paying faster over the last 3 months',
  slower: 'Paying slower over the last 3 months',
  steady: 'Paying at a steady pace',
};

function paceSentence(months: Behaviour['months']): string {
  const points = months.map((month) => `${monthLabel(month.month)} ${month.averageDaysToPay === null ? 'none paid' : `${oneDecimal.format(month.averageDaysToPay)} days`}`);
  return `Average days to pay by month of payment: ${points.join(', ')}.`;
}

export function PaymentBehaviour({ behaviour }: { behaviour: Behaviour }) {
  const { figures, months, trend } = behaviour;
  return (
    <Paper component="section" aria-labelledby="payment-behaviour-title" sx={{ p: 2 }} data-testid="payment-behaviour">
      <Typography variant="h2" id="payment-behaviour-title" sx={{ mb: 1 }}>
        How they pay
      </Typography>
      {figures === null ? (
        <Typography variant="body2" color="text.secondary">
          No invoice paid in the last 12 months.
        </Typography>
      ) : (
        <>
          <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 1.5 }}>
            <Fact label="Days to pay" testId="days-to-pay">
              {`${oneDecimal.format(figures.averageDaysToPay)} on average`}
            </Fact>
            <Fact label="Against the due date" testId="days-late">
              {daysLateWords(figures.averageDaysLate)}
            </Fact>
            <Fact label="Paid late" testId="share-late">
              {`${shareText(figures.shareLate)} of ${formatCount(figures.paidInvoices)}`}
            </Fact>
            <Fact label="Trend" testId="pace-trend">
              {trend === null ? 'too few payments to tell' : TREND_TEXT[trend]}
            </Fact>
          </Box>
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
            Figures: invoices paid in the last 365 days. Days to pay by month of payment:
          </Typography>
          <Box role="img" aria-label={paceSentence(months)}>
            <BarChart
              height={130}
              skipAnimation
              hideLegend
              xAxis={[{ scaleType: 'band', data: months.map((month) => monthLabel(month.month)), tickLabelStyle: { fontSize: 10 } }]}
              yAxis={[{ width: 36, tickNumber: 3 }]}
              series={[
                {
                  id: 'daysToPay',
                  label: 'Days to pay',
                  data: months.map((month) => month.averageDaysToPay),
                  valueFormatter: (value: number | null) => (value === null ? 'none paid' : `${oneDecimal.format(value)} days`),
                },
              ]}
              margin={{ left: 0, right: 8, top: 8, bottom: 0 }}
            />
          </Box>
        </>
      )}
    </Paper>
  );
}
