import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { bucketColor } from '../common/buckets';
import { amount, formatDate } from '../common/format';
import { bucketLabel } from './bucketLabel';
import type { Account } from './types';

const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

export function Balances({ account }: { account: Account }) {
  const { t } = useTranslation();
  const bucketHeads = account.aging[0]?.buckets ?? [];
  // Cash on account is in the total but in no bucket: a column of its own, when there is any, so the row still adds up.
  const anyUnapplied = account.aging.some((row) => row.unappliedMinor !== 0);
  return (
    <Paper component="section" aria-labelledby="balances-title" sx={{ p: 2 }}>
      <Typography variant="h2" id="balances-title" sx={{ mb: 1 }}>
        {t('account.balances.title')}{' '}
        <Typography component="span" variant="caption" color="text.secondary">
          {t('account.balances.asOf', { date: formatDate(account.asOf) })}
        </Typography>
      </Typography>
      {account.aging.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('account.balances.empty')}
        </Typography>
      ) : (
        <Box
          role="region"
          aria-label={t('account.balances.region')}
          // Focusable so keyboard users can scroll it sideways when the columns do not fit.
          tabIndex={0}
          sx={{ overflowX: 'auto', '&:focus-visible': { outline: 2, outlineColor: 'primary.main' } }}
        >
          <Table size="small" aria-labelledby="balances-title" sx={{ '& th, & td': { px: 1, whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('account.balances.currency')}</TableCell>
                {bucketHeads.map((bucket, index) => (
                  <TableCell key={bucket.key} align="right">
                    <Box component="span" sx={{ display: 'inline-block', width: 8, height: 8, borderRadius: '50%', bgcolor: bucketColor(index), mr: 0.5 }} />
                    {bucketLabel(t, bucket)}
                  </TableCell>
                ))}
                {anyUnapplied && (
                  <TableCell align="right" title={t('account.balances.unappliedTitle')}>
                    {t('account.balances.unapplied')}
                  </TableCell>
                )}
                <TableCell align="right">{t('account.balances.total')}</TableCell>
                <TableCell align="right">{t('account.balances.overdue')}</TableCell>
                <TableCell align="right">{t('account.balances.disputed')}</TableCell>
                <TableCell align="right">{t('account.balances.collectible')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {account.aging.map((row) => (
                <TableRow key={row.currency} data-currency={row.currency}>
                  <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
                    {row.currency}
                  </TableCell>
                  {row.buckets.map((bucket) => (
                    <TableCell key={bucket.key} align="right" sx={{ ...num, color: bucket.amountMinor === 0 ? 'text.secondary' : undefined }}>
                      {amount(bucket.amountMinor, row.currency)}
                    </TableCell>
                  ))}
                  {anyUnapplied && (
                    <TableCell align="right" sx={{ ...num, color: row.unappliedMinor === 0 ? 'text.secondary' : 'success.main' }} data-testid="unapplied-cash">
                      {amount(row.unappliedMinor, row.currency)}
                    </TableCell>
                  )}
                  <TableCell align="right" sx={{ ...num, fontWeight: 600 }}>
                    {amount(row.totalMinor, row.currency)}
                  </TableCell>
                  <TableCell align="right" sx={{ ...num, color: row.overdueMinor > 0 ? 'error.main' : undefined, fontWeight: 600 }}>
                    {amount(row.overdueMinor, row.currency)}
                  </TableCell>
                  <TableCell align="right" sx={num}>
                    {amount(row.disputedMinor, row.currency)}
                  </TableCell>
                  <TableCell align="right" sx={num}>
                    {amount(row.collectibleMinor, row.currency)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {anyUnapplied && (
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
              {t('account.balances.unappliedNote')}
            </Typography>
          )}
        </Box>
      )}
    </Paper>
  );
}
