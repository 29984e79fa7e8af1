import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { KpiDashboard } from '../../../shared/api/kpi-schemas';
import { formatDate, money } from '../common/format';
import { addMinorSaturating } from '../../../shared/domain/money';

const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/**
 * Each currency's receivables at the period end as booked, and, in the all-currency view, the rate
 * and the base amount it adds to the figures: the converted totals can be checked line by line.
 */
export function CurrencyTable({ dashboard }: { dashboard: KpiDashboard }) {
  const { conversion, byCurrency } = dashboard;
  const base = conversion?.base;
  const baseTotal = byCurrency.reduce((sum, row) => addMinorSaturating(sum, row.totalBaseMinor ?? 0), 0);
  return (
    <Paper variant="outlined" component="section" aria-labelledby="currency-table-title" sx={{ p: 1.5, minWidth: 0, display: 'grid', gap: 1 }}>
      <Typography variant="h3" component="h3" id="currency-table-title">
        Receivables by currency at {formatDate(dashboard.period.to)}
      </Typography>
      {conversion && conversion.unconverted.length > 0 && (
        <Alert severity="warning" data-testid="unconverted-currencies">
          No exchange rate for {conversion.unconverted.join(', ')}: left out of the figures above. Add the rate in the settings to count it.
        </Alert>
      )}
      <Table size="small" aria-labelledby="currency-table-title" data-testid="currency-table" sx={{ '& th, & td': { px: 1, py: 0.5 }, '& th': { whiteSpace: 'nowrap' } }}>
        <TableHead>
          <TableRow>
            <TableCell>Currency</TableCell>
            <TableCell align="right">Receivables</TableCell>
            <TableCell align="right">Not yet due</TableCell>
            <TableCell align="right">Credit sales in the month</TableCell>
            {base && <TableCell align="right">Rate ({base} per unit)</TableCell>}
            {base && <TableCell align="right">Receivables in {base}</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {byCurrency.map((row) => (
            <TableRow key={row.currency}>
              <TableCell>{row.currency}</TableCell>
              <TableCell align="right" sx={num}>
                {money(row.totalMinor, row.currency)}
              </TableCell>
              <TableCell align="right" sx={num}>
                {money(row.currentMinor, row.currency)}
              </TableCell>
              <TableCell align="right" sx={num}>
                {money(row.creditSalesMinor, row.currency)}
              </TableCell>
              {base && (
                <TableCell align="right" sx={num}>
                  {row.rate ?? 'no rate'}
                </TableCell>
              )}
              {base && (
                <TableCell align="right" sx={num}>
                  {row.totalBaseMinor === null ? 'left out' : money(row.totalBaseMinor, base)}
                </TableCell>
              )}
            </TableRow>
          ))}
          {base && (
            <TableRow sx={{ '& td': { fontWeight: 600 } }}>
              <TableCell colSpan={5}>All currencies, in {base} (the receivables in the figures above)</TableCell>
              <TableCell align="right" sx={num} data-testid="currency-table-total">
                {money(baseTotal, base)}
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </Paper>
  );
}
