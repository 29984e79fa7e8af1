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
import { Fragment, useMemo, useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { openCustomer } from '../app/router';
import { amount, formatDate, pluralize } from '../common/format';
import { EmptyState, ErrorState } from '../common/StatusViews';
import { collectorGroups, type AgingReport, type AgingSubtotal } from './agingGroups';
import { ExportJobPanel } from './ExportJobPanel';
import { FormatField, type FormatState } from './FormatField';
import { useCollectors } from './ScopeField';
import { useExportJob } from './useExportJob';
import { UserText } from '../common/UserText';

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

function AgingTable({ report }: { report: AgingReport }) {
  const groups = useMemo(() => collectorGroups(report), [report]);
  const columns = report.buckets.length + 5;
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 300px)', minHeight: 240 }}>
      <Table size="small" stickyHeader aria-label={`Aging as of ${formatDate(report.asOf)}`} sx={{ '& th, & td': { px: 1.25, py: 0.6 } }}>
        <TableHead>
          <TableRow>
            <TableCell>Customer</TableCell>
            <TableCell>Currency</TableCell>
            {report.buckets.map((bucket) => (
              <TableCell key={bucket.key} align="right" sx={{ whiteSpace: 'nowrap' }}>
                {bucket.label}
              </TableCell>
            ))}
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }} title="Payments received on account and not yet applied to an invoice: in the total, never aged">
              Unapplied cash
            </TableCell>
            <TableCell align="right">Total</TableCell>
            <TableCell align="right">Overdue</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map((group) => (
            <Fragment key={group.key}>
              <TableRow>
                <TableCell component="th" scope="rowgroup" colSpan={columns} sx={{ bgcolor: 'action.hover', fontWeight: 600 }}>
                  {group.name}
                  <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                    {pluralize(new Set(group.rows.map((row) => row.customerId)).size, 'customer')}
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
                  <TableCell>Total {group.name}</TableCell>
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
              <TableCell>Total</TableCell>
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
  const asOfError = job.error?.field === 'filter.asOf' ? job.error.message : report.error?.field === 'asOf' ? report.error.message : undefined;

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Paper variant="outlined" sx={{ p: 2, display: 'grid', gap: 1.5 }}>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
          <TextField
            type="date"
            size="small"
            label="As of"
            value={asOf}
            onChange={(event) => {
              setAsOf(event.target.value);
            }}
            error={asOfError !== undefined || !validDate}
            helperText={asOfError ?? (validDate ? undefined : 'Enter a date')}
            slotProps={{ inputLabel: { shrink: true } }}
            sx={{ width: 190 }}
          />
          <TextField
            select
            size="small"
            label="Collector"
            value={collector}
            onChange={(event) => {
              setCollector(event.target.value);
            }}
            slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            sx={{ minWidth: 220 }}
          >
            <MenuItem value={EVERYONE}>Everyone</MenuItem>
            {collectors.map((user) => (
              <MenuItem key={user.id} value={user.id}>
                {user.displayName}
              </MenuItem>
            ))}
          </TextField>
          <Box sx={{ flex: 1 }} />
          <FormatField value={format} onChange={setFormat} sheetOption={false} error={job.error?.field === 'format' ? job.error.message : undefined} />
          <Button
            variant="contained"
            startIcon={<FileDownload />}
            disabled={job.starting || job.running || !validDate}
            onClick={() => {
              job.start({ kind: 'aging', format: format.format, filter, options: { bom: format.bom } });
            }}
            data-testid="aging-export"
          >
            Export aging
          </Button>
        </Box>
        <ExportJobPanel job={job} shownOnField={(field) => field === 'filter.asOf' || field === 'format'} />
      </Paper>
      {report.slow && <LinearProgress aria-label="Loading the aging report" />}
      {report.error && report.error.field !== 'asOf' && <ErrorState error={report.error} onRetry={report.retry} what="the aging report" />}
      {report.data && (
        <Box sx={{ display: 'grid', gap: 1, opacity: report.fresh ? 1 : 0.6 }}>
          <Typography variant="body2" color="text.secondary" role="status" data-testid="aging-summary">
            As of {formatDate(report.data.asOf)} · aged by {report.data.basis === 'due_date' ? 'due date' : 'document date'} ·{' '}
            {pluralize(new Set(report.data.rows.map((row) => row.customerId)).size, 'customer')} with open items
          </Typography>
          {report.data.rows.length === 0 ? <EmptyState title="Nothing open on that date">No customer in this scope had open items.</EmptyState> : <AgingTable report={report.data} />}
        </Box>
      )}
    </Box>
  );
}
