import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState, type Dispatch, type KeyboardEvent, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { openCustomer } from '../app/router';
import { useDataVersion } from '../collector/dataVersion';
import { formatCount, money, relativeDay } from '../common/format';
import { RiskChip } from '../common/RiskChip';
import { ErrorState } from '../common/StatusViews';
import { UserText } from '../common/UserText';

const PAGE = 100;
const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

interface TeamWorklistProps {
  /** The collectors whose customers are listed. */
  readonly collectorIds: readonly string[];
  readonly asOf: string;
  readonly selected: ReadonlySet<string>;
  readonly setSelected: Dispatch<SetStateAction<ReadonlySet<string>>>;
  readonly onReassign: () => void;
  readonly mayReassign: boolean;
}

/** The team worklist: the normal worklist ranking, narrowed to some collectors, with a selection to reassign. */
export function TeamWorklist({ collectorIds, asOf, selected, setSelected, onReassign, mayReassign }: TeamWorklistProps) {
  const { t } = useTranslation();
  const version = useDataVersion();
  const [limit, setLimit] = useState(PAGE);
  const key = `team-worklist:${collectorIds.join(',')}:${limit}:${version}`;
  const list = useQuery(key, () => api['worklist.query']({ filters: { collectorIds: [...collectorIds] }, limit }));
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.customerId));

  const toggle = (customerId: string) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(customerId)) next.delete(customerId);
      else next.add(customerId);
      return next;
    });
  };
  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, customerId: string) => {
    const row = event.currentTarget;
    if (event.key === ' ') {
      event.preventDefault();
      toggle(customerId);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      openCustomer(customerId);
    } else if (event.key === 'ArrowDown' || event.key === 'j') {
      event.preventDefault();
      (row.nextElementSibling as HTMLElement | null)?.focus();
    } else if (event.key === 'ArrowUp' || event.key === 'k') {
      event.preventDefault();
      (row.previousElementSibling as HTMLElement | null)?.focus();
    } else if (event.key === 'r' && selected.size > 0 && mayReassign) {
      event.preventDefault();
      onReassign();
    }
  };

  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography variant="body2" color="text.secondary" role="status" data-testid="team-worklist-count">
          {list.data
            ? selected.size > 0
              ? t('team.worklist.countSelected', { count: total, n: formatCount(total), selected: formatCount(selected.size) })
              : t('team.worklist.count', { count: total, n: formatCount(total) })
            : t('team.worklist.loading')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {mayReassign && (
          <Button variant="contained" disabled={selected.size === 0} onClick={onReassign} aria-keyshortcuts="r">
            {t('team.worklist.reassign')}
          </Button>
        )}
      </Box>
      <Box sx={{ height: 2 }}>{list.slow && <LinearProgress aria-label={t('team.worklist.loadingLabel')} />}</Box>
      {list.error && <ErrorState error={list.error} onRetry={list.retry} what={t('team.worklist.what')} />}
      <TableContainer component={Paper}>
        <Table size="small" aria-label={t('team.worklist.label')} sx={{ '& th, & td': { px: 1, py: 0.5 } }}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <Checkbox
                  size="small"
                  checked={allSelected}
                  indeterminate={!allSelected && rows.some((row) => selected.has(row.customerId))}
                  disabled={!mayReassign || rows.length === 0}
                  slotProps={{ input: { 'aria-label': t('team.worklist.selectAll') } }}
                  onChange={() => {
                    setSelected(allSelected ? new Set() : new Set(rows.map((row) => row.customerId)));
                  }}
                />
              </TableCell>
              <TableCell>{t('team.worklist.customer')}</TableCell>
              <TableCell>{t('team.worklist.risk')}</TableCell>
              <TableCell align="right">{t('team.worklist.overdue')}</TableCell>
              <TableCell align="right">{t('team.worklist.oldestPastDue')}</TableCell>
              <TableCell>{t('team.worklist.lastContact')}</TableCell>
              <TableCell align="right">{t('team.worklist.score')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow
                key={row.customerId}
                hover
                tabIndex={0}
                selected={selected.has(row.customerId)}
                aria-selected={selected.has(row.customerId)}
                data-testid="team-worklist-row"
                onKeyDown={(event) => {
                  onRowKey(event, row.customerId);
                }}
                onDoubleClick={() => {
                  openCustomer(row.customerId);
                }}
              >
                <TableCell padding="checkbox">
                  <Checkbox
                    size="small"
                    tabIndex={-1}
                    checked={selected.has(row.customerId)}
                    disabled={!mayReassign}
                    slotProps={{ input: { 'aria-label': t('team.worklist.select', { name: row.name }) } }}
                    onChange={() => {
                      toggle(row.customerId);
                    }}
                  />
                </TableCell>
                <TableCell sx={{ maxWidth: 320, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  <Box component="span" sx={{ fontWeight: 600 }}>
                    <UserText>{row.name}</UserText>
                  </Box>{' '}
                  <Box component="span" sx={{ color: 'text.secondary' }}>
                    {row.number}
                  </Box>
                </TableCell>
                <TableCell>
                  <RiskChip risk={row.riskClass} t={t} />
                </TableCell>
                <TableCell align="right" sx={num}>
                  {row.overdueMinor === 0 ? '—' : money(row.overdueMinor, row.currency)}
                </TableCell>
                <TableCell align="right" sx={num}>
                  {row.oldestDaysPastDue === null ? '—' : t('team.worklist.days', { count: row.oldestDaysPastDue, n: formatCount(row.oldestDaysPastDue) })}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.lastContactAt === null ? t('team.worklist.never') : relativeDay(row.lastContactAt, asOf)}</TableCell>
                <TableCell align="right" sx={num}>
                  {Math.round(row.score)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {rows.length < total && limit < 500 && (
        <Button
          sx={{ justifySelf: 'start' }}
          onClick={() => {
            setLimit((n) => Math.min(n + PAGE, 500));
          }}
        >
          {t('team.worklist.showMore', { n: formatCount(total - rows.length) })}
        </Button>
      )}
    </Box>
  );
}
