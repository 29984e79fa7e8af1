import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { KpiDashboard } from '../../../shared/api/kpi-schemas';
import { labelOf } from '../common/labels';
import { formatFigure } from './figures';

const DISPUTE_LABELS: Readonly<Record<string, string>> = {
  pricing: 'Pricing',
  quantity_short: 'Quantity short',
  damaged_or_quality: 'Damaged or quality',
  freight: 'Freight',
  tax: 'Tax',
  duplicate_billing: 'Duplicate billing',
  not_ordered: 'Not ordered',
  not_received: 'Not received',
  payment_already_made: 'Payment already made',
  other: 'Other',
  sales: 'Sales',
  shipping: 'Shipping',
  billing: 'Billing',
  customer_error: 'Customer error',
  unassigned: 'Not yet assigned',
};

const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;
const COMPACT = { '& th, & td': { px: 1, py: 0.5 }, '& th': { whiteSpace: 'nowrap' } } as const;

function Titled({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 1.5, minWidth: 0 }}>
      <Typography variant="h3" component="h3" id={id} sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

function DisputeTable({ id, title, groups, keyHeader }: { id: string; title: string; groups: KpiDashboard['disputesByReason']; keyHeader: string }) {
  return (
    <Titled id={id} title={title}>
      {groups.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No dispute opened or closed this month.
        </Typography>
      ) : (
        <Table size="small" aria-labelledby={id} sx={COMPACT}>
          <TableHead>
            <TableRow>
              <TableCell>{keyHeader}</TableCell>
              <TableCell align="right">Opened</TableCell>
              <TableCell align="right">Closed</TableCell>
              <TableCell align="right">Cycle, days</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {groups.map((group) => (
              <TableRow key={group.key}>
                <TableCell>{labelOf(DISPUTE_LABELS, group.key)}</TableCell>
                <TableCell align="right" sx={num}>
                  {group.opened}
                </TableCell>
                <TableCell align="right" sx={num}>
                  {group.cycleTimeDays.inputs.closedDisputes ?? 0}
                </TableCell>
                <TableCell align="right" sx={num}>
                  {formatFigure(group.cycleTimeDays.value, 'days')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Titled>
  );
}

/** Disputes by reason and by root cause, and contacts per collector per day, for the selected month. */
export function BreakdownTables({ dashboard }: { dashboard: KpiDashboard }) {
  return (
    <>
      <DisputeTable id="disputes-reason-title" title="Disputes by reason" keyHeader="Reason" groups={dashboard.disputesByReason} />
      <DisputeTable id="disputes-cause-title" title="Disputes by root cause" keyHeader="Root cause" groups={dashboard.disputesByRootCause} />
      <Titled id="contacts-title" title="Contacts per collector per day">
        {dashboard.contacts.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            No contact logged this month.
          </Typography>
        ) : (
          <Table size="small" aria-labelledby="contacts-title" data-testid="contacts-table" sx={COMPACT}>
            <TableHead>
              <TableRow>
                <TableCell>Collector</TableCell>
                <TableCell align="right">Contacts</TableCell>
                <TableCell align="right">Per day</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {dashboard.contacts.map((entry) => (
                <TableRow key={entry.collectorId}>
                  <TableCell>{entry.displayName}</TableCell>
                  <TableCell align="right" sx={num}>
                    {entry.contacts}
                  </TableCell>
                  <TableCell align="right" sx={num}>
                    {formatFigure(entry.perDay.value, 'per_day')}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Titled>
    </>
  );
}
