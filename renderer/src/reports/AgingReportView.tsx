import FileDownload from '@mui/icons-material/FileDownloadOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { openCustomer } from '../app/router';
import { DateField } from '../common/DateField';
import { amount, formatCount, formatDate } from '../common/format';
import { EmptyState, ErrorState } from '../common/StatusViews';
import { bucketLabel, collectorGroups, type AgingReport, type AgingRow, type AgingSubtotal } from './agingGroups';
import { ExportJobPanel } from './ExportJobPanel';
import { FormatField, type FormatState } from './FormatField';
import { useCollectors } from './ScopeField';
import { useExportJob } from './useExportJob';
import { UserText } from '../common/UserText';
import { errorText } from '../i18n/errorText';

const EVERYONE = '';
const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

function AmountCells({ line }: { line: Pick<AgingSubtotal, 'buckets' | 'unappliedMinor' | 'totalMinor' | 'overdueMinor' | 'currency'> }) {
  return (
    <>
      {line.buckets.map((bucket) => (
        <TableCell key={bucket.key} align="right" sx={num}>
          {bucket.amountMinor === 0 ? '' : amount(bucket.amountMinor, line.currency)}
        </TableCell>
      ))}
      <TableCell align="right" sx={num}>
        {line.unappliedMinor === 0 ? '' : amount(line.unappliedMinor, line.currency)}
      </TableCell>
      <TableCell align="right" sx={{ ...num, fontWeight: 600 }}>
        {amount(line.totalMinor, line.currency)}
      </TableCell>
      <TableCell align="right" sx={num}>
        {amount(line.overdueMinor, line.currency)}
      </TableCell>
    </>
  );
}

/** "3 customers": the customers of the rows, each counted once however many currencies it has. */
const customerCount = (t: TFunction, rows: readonly AgingRow[]): string => {
  const count = new Set(rows.map((row) => row.customerId)).size;
  return t('reports.customers', { count, n: formatCount(count) });
};

function AgingTable({ report }: { report: AgingReport }) {
  const { t } = useTranslation();
  const groups = useMemo(() => collectorGroups(report), [report]);
  const columns = report.buckets.length + 5;
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 300px)', minHeight: 240 }}>
      <Table size="small" stickyHeader aria-label={t('reports.aging.tableLabel', { date: formatDate(report.asOf) })} sx={{ '& th, & td': { px: 1.25, py: 0.6 } }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('reports.aging.customer')}</TableCell>
            <TableCell>{t('reports.aging.currency')}</TableCell>
            {report.buckets.map((bucket) => (
              <TableCell key={bucket.key} align="right" sx={{ whiteSpace: 'nowrap' }}>
                {bucketLabel(t, bucket)}
              </TableCell>
            ))}
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }} title={t('reports.aging.unappliedCashHint')}>
              {t('reports.aging.unappliedCash')}
            </TableCell>
            <TableCell align="right">{t('reports.aging.total')}</TableCell>
            <TableCell align="right">{t('reports.aging.overdue')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map((group) => (
            <Fragment key={group.key}>
              <TableRow>
                <TableCell component="th" scope="rowgroup" colSpan={columns} sx={{ bgcolor: 'action.hover', fontWeight: 600 }}>
                  {group.name ?? t('reports.aging.unassigned')}
                  <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                    {customerCount(t, group.rows)}
                  </Typography>
                </TableCell>
              </TableRow>
              {group.rows.map((row) => (
                <TableRow key={`${row.customerId}:${row.currency}`} hover data-testid="aging-row">
                  <TableCell sx={{ maxWidth: 320 }}>
                    <Box
                      component="a"
                      href={`#/customer/${row.customerId}`}
                      onClick={(event) => {
                        event.preventDefault();
                        openCustomer(row.customerId);
                      }}
                      sx={{ color: 'text.primary', textDecoration: 'none', '&:hover': { textDecoration: 'underline' } }}
                    >
                      <UserText>{row.customerName}</UserText>
                    </Box>
                    <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                      {row.customerNumber}
                    </Typography>
                  </TableCell>
                  <TableCell>{row.currency}</TableCell>
                  <AmountCells line={row} />
                </TableRow>
              ))}
              {group.subtotals.map((subtotal) => (
                <TableRow key={`total:${subtotal.currency}`} data-testid="aging-subtotal" sx={{ '& td': { fontWeight: 600, borderBottomWidth: 2 } }}>
                  <TableCell>{t('reports.aging.groupTotal', { name: group.name ?? t('reports.aging.unassigned') })}</TableCell>
                  <TableCell>{subtotal.currency}</TableCell>
                  <AmountCells line={subtotal} />
                </TableRow>
              ))}
            </Fragment>
          ))}
          {report.totals.map((total) => (
            <TableRow
              key={`grand:${total.currency}`}
              data-testid="aging-total"
              data-currency={total.currency}
              sx={{ '& td': { fontWeight: 700, bgcolor: 'action.selected' } }}
            >
              <TableCell>{t('reports.aging.total')}</TableCell>
              <TableCell>{total.currency}</TableCell>
              <AmountCells line={total} />
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** The aging report on screen, as of a date, for everyone or one collector, and its export. */
export function AgingReportView({ asOf: today }: { asOf: string }) {
  const { t } = useTranslation();
  const [asOf, setAsOf] = useState(today);
  const [collector, setCollector] = useState(EVERYONE);
  const [format, setFormat] = useState<FormatState>({ format: 'xlsx', bom: true, sheetPerCustomer: false });
  const collectors = useCollectors();
  const job = useExportJob();
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const filter = useMemo(
    () => ({ asOf: validDate ? asOf : today, scope: collector === EVERYONE ? { kind: 'all' as const } : { kind: 'collectors' as const, collectorIds: [collector] } }),
    [asOf, collector, today, validDate],
  );
  const report = useQuery(`aging:${JSON.stringify(filter)}`, () => api['report.aging'](filter));
  const customersWithOpenItems = new Set(report.data?.rows.map((row) => row.customerId)).size;
  const asOfError = job.error?.field === 'filter.asOf' ? errorText(job.error) : report.error?.field === 'asOf' ? errorText(report.error) : undefined;

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Paper variant="outlined" sx={{ p: 2, display: 'grid', gap: 1.5 }}>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
          <DateField
            size="small"
            label={t('reports.aging.asOf')}
            value={asOf}
            onChange={setAsOf}
            error={asOfError !== undefined || !validDate}
            helperText={asOfError ?? (validDate ? undefined : t('reports.aging.enterDate'))}
            sx={{ width: 190 }}
          />
          <TextField
            select
            size="small"
            label={t('reports.aging.collector')}
            value={collector}
            onChange={(event) => {
              setCollector(event.target.value);
            }}
            slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            sx={{ minWidth: 220 }}
          >
            <MenuItem value={EVERYONE}>{t('reports.aging.everyone')}</MenuItem>
            {collectors.map((user) => (
              <MenuItem key={user.id} value={user.id}>
                {user.displayName}
              </MenuItem>
            ))}
          </TextField>
          <Box sx={{ flex: 1 }} />
          <FormatField value={format} onChange={setFormat} sheetOption={false} error={job.error?.field === 'format' ? errorText(job.error) : undefined} />
          <Button
            variant="contained"
            startIcon={<FileDownload />}
            disabled={job.starting || job.running || !validDate}
            onClick={() => {
              job.start({ kind: 'aging', format: format.format, filter, options: { bom: format.bom } });
            }}
            data-testid="aging-export"
          >
            {t('reports.aging.export')}
          </Button>
        </Box>
        <ExportJobPanel job={job} shownOnField={(field) => field === 'filter.asOf' || field === 'format'} />
      </Paper>
      {report.slow && <LinearProgress aria-label={t('reports.aging.loading')} />}
      {report.error && report.error.field !== 'asOf' && <ErrorState error={report.error} onRetry={report.retry} what={t('reports.aging.what')} />}
      {report.data && (
        <Box sx={{ display: 'grid', gap: 1, opacity: report.fresh ? 1 : 0.6 }}>
          <Typography variant="body2" color="text.secondary" role="status" data-testid="aging-summary">
            {t('reports.aging.summary', {
              count: customersWithOpenItems,
              n: formatCount(customersWithOpenItems),
              date: formatDate(report.data.asOf),
              basis: report.data.basis === 'due_date' ? t('reports.aging.basisDueDate') : t('reports.aging.basisDocumentDate'),
            })}
          </Typography>
          {report.data.rows.length === 0 ? <EmptyState title={t('reports.aging.emptyTitle')}>{t('reports.aging.emptyText')}</EmptyState> : <AgingTable report={report.data} />}
        </Box>
      )}
    </Box>
  );
}
