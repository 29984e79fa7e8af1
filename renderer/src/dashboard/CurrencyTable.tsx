import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { KpiDashboard } from '../../../shared/api/kpi-schemas';
import { formatDate, money } from '../common/format';
import { addMinorSaturating } from '../../../shared/domain/money';

const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/**
 * Each currency's receivables at the period end as booked, and, in the all-currency view, the rate
 * and the base amount it adds to the figures: the converted totals can be checked line by line.
 */
export function CurrencyTable({ dashboard }: { dashboard: KpiDashboard }) {
  const { t } = useTranslation();
  const { conversion, byCurrency } = dashboard;
  const base = conversion?.base;
  const baseTotal = byCurrency.reduce((sum, row) => addMinorSaturating(sum, row.totalBaseMinor ?? 0), 0);
  return (
    <Paper variant="outlined" component="section" aria-labelledby="currency-table-title" sx={{ p: 1.5, minWidth: 0, display: 'grid', gap: 1 }}>
      <Typography variant="h3" component="h3" id="currency-table-title">
        {t('dashboard.currencyTable.title', { date: formatDate(dashboard.period.to) })}
      </Typography>
      {conversion && conversion.unconverted.length > 0 && (
        <Alert severity="warning" data-testid="unconverted-currencies">
          {t('dashboard.currencyTable.unconverted', { currencies: conversion.unconverted.join(', ') })}
        </Alert>
      )}
      <Table size="small" aria-labelledby="currency-table-title" data-testid="currency-table" sx={{ '& th, & td': { px: 1, py: 0.5 }, '& th': { whiteSpace: 'nowrap' } }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('dashboard.currencyTable.currency')}</TableCell>
            <TableCell align="right">{t('dashboard.currencyTable.receivables')}</TableCell>
            <TableCell align="right">{t('dashboard.currencyTable.notYetDue')}</TableCell>
            <TableCell align="right">{t('dashboard.currencyTable.creditSales')}</TableCell>
            {base && <TableCell align="right">{t('dashboard.currencyTable.rate', { base })}</TableCell>}
            {base && <TableCell align="right">{t('dashboard.currencyTable.receivablesIn', { base })}</TableCell>}
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
                  {row.rate ?? t('dashboard.currencyTable.noRate')}
                </TableCell>
              )}
              {base && (
                <TableCell align="right" sx={num}>
                  {row.totalBaseMinor === null ? t('dashboard.currencyTable.leftOut') : money(row.totalBaseMinor, base)}
                </TableCell>
              )}
            </TableRow>
          ))}
          {base && (
            <TableRow sx={{ '& td': { fontWeight: 600 } }}>
              <TableCell colSpan={5}>{t('dashboard.currencyTable.total', { base })}</TableCell>
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
