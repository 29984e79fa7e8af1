import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiDashboard } from '../../../shared/api/kpi-schemas';
import { formatFigure } from './figures';

const DISPUTE_LABELS = {
  pricing: 'dashboard.breakdown.disputeKey.pricing',
  quantity_short: 'dashboard.breakdown.disputeKey.quantity_short',
  damaged_or_quality: 'dashboard.breakdown.disputeKey.damaged_or_quality',
  freight: 'dashboard.breakdown.disputeKey.freight',
  tax: 'dashboard.breakdown.disputeKey.tax',
  duplicate_billing: 'dashboard.breakdown.disputeKey.duplicate_billing',
  not_ordered: 'dashboard.breakdown.disputeKey.not_ordered',
  not_received: 'dashboard.breakdown.disputeKey.not_received',
  payment_already_made: 'dashboard.breakdown.disputeKey.payment_already_made',
  other: 'dashboard.breakdown.disputeKey.other',
  sales: 'dashboard.breakdown.disputeKey.sales',
  shipping: 'dashboard.breakdown.disputeKey.shipping',
  billing: 'dashboard.breakdown.disputeKey.billing',
  customer_error: 'dashboard.breakdown.disputeKey.customer_error',
  unassigned: 'dashboard.breakdown.disputeKey.unassigned',
} as const;
// Looked up by string: the groups are the reasons and root causes the data holds; an unknown one is shown by its code.
const disputeLabels: Readonly<Partial<Record<string, (typeof DISPUTE_LABELS)[keyof typeof DISPUTE_LABELS]>>> = DISPUTE_LABELS;

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
  const { t } = useTranslation();
  const label = (code: string): string => {
    const key = disputeLabels[code];
    return key === undefined ? code.replaceAll('_', ' ') : t(key);
  };
  return (
    <Titled id={id} title={title}>
      {groups.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('dashboard.breakdown.noDisputes')}
        </Typography>
      ) : (
        <Table size="small" aria-labelledby={id} sx={COMPACT}>
          <TableHead>
            <TableRow>
              <TableCell>{keyHeader}</TableCell>
              <TableCell align="right">{t('dashboard.breakdown.opened')}</TableCell>
              <TableCell align="right">{t('dashboard.breakdown.closed')}</TableCell>
              <TableCell align="right">{t('dashboard.breakdown.cycleDays')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {groups.map((group) => (
              <TableRow key={group.key}>
                <TableCell>{label(group.key)}</TableCell>
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
  const { t } = useTranslation();
  return (
    <>
      <DisputeTable id="disputes-reason-title" title={t('dashboard.breakdown.byReason')} keyHeader={t('dashboard.breakdown.reason')} groups={dashboard.disputesByReason} />
      <DisputeTable id="disputes-cause-title" title={t('dashboard.breakdown.byRootCause')} keyHeader={t('dashboard.breakdown.rootCause')} groups={dashboard.disputesByRootCause} />
      <Titled id="contacts-title" title={t('dashboard.breakdown.contactsTitle')}>
        {dashboard.contacts.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t('dashboard.breakdown.noContacts')}
          </Typography>
        ) : (
          <Table size="small" aria-labelledby="contacts-title" data-testid="contacts-table" sx={COMPACT}>
            <TableHead>
              <TableRow>
                <TableCell>{t('dashboard.breakdown.collector')}</TableCell>
                <TableCell align="right">{t('dashboard.breakdown.contacts')}</TableCell>
                <TableCell align="right">{t('dashboard.breakdown.perDay')}</TableCell>
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
