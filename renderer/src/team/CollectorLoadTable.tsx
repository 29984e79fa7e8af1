import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationOutput } from '../../../shared/api/contract';
import { formatCount, money } from '../common/format';

export type TeamLoad = OperationOutput<'team.load'>;

const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

interface CollectorLoadTableProps {
  readonly load: TeamLoad;
  /** The collector whose customers the team worklist shows; null for the whole team. */
  readonly selected: string | null;
  readonly onSelect: (collectorId: string | null) => void;
}

/** One row per collector of the team; a row (click, Enter or Space) filters the team worklist to that collector. */
export function CollectorLoadTable({ load, selected, onSelect }: CollectorLoadTableProps) {
  const { t } = useTranslation();
  const choose = (collectorId: string) => {
    onSelect(selected === collectorId ? null : collectorId);
  };
  const onKey = (event: KeyboardEvent<HTMLTableRowElement>, collectorId: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      choose(collectorId);
    }
  };
  return (
    <TableContainer component={Paper}>
      <Table size="small" aria-labelledby="team-load-title" sx={{ '& th, & td': { px: 1.5, py: 0.75 } }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('team.load.collector')}</TableCell>
            <TableCell align="right">{t('team.load.customers')}</TableCell>
            <TableCell align="right">{t('team.load.overdue')}</TableCell>
            <TableCell align="right">{t('team.load.contactsThisWeek')}</TableCell>
            <TableCell align="right">{t('team.load.openPromises')}</TableCell>
            <TableCell align="right">{t('team.load.brokenPromises')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {load.collectors.length === 0 && (
            <TableRow>
              <TableCell colSpan={6}>
                <Typography variant="body2" color="text.secondary">
                  {t('team.load.empty')}
                </Typography>
              </TableCell>
            </TableRow>
          )}
          {load.collectors.map((row) => (
            <TableRow
              key={row.collectorId}
              hover
              selected={selected === row.collectorId}
              tabIndex={0}
              aria-selected={selected === row.collectorId}
              data-testid="collector-load-row"
              onClick={() => {
                choose(row.collectorId);
              }}
              onKeyDown={(event) => {
                onKey(event, row.collectorId);
              }}
              sx={{ cursor: 'pointer' }}
            >
              <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
                {row.displayName}
                {row.disabled && (
                  <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                    {t('team.load.disabled')}
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right" sx={num}>
                {formatCount(row.customers)}
              </TableCell>
              <TableCell align="right" sx={num}>
                {row.overdue.length === 0 ? '—' : row.overdue.map((entry) => <div key={entry.currency}>{money(entry.amountMinor, entry.currency)}</div>)}
              </TableCell>
              <TableCell align="right" sx={num}>
                {formatCount(row.contactsThisWeek)}
              </TableCell>
              <TableCell align="right" sx={num}>
                {formatCount(row.promisesOpen)}
              </TableCell>
              <TableCell align="right" sx={{ ...num, color: row.promisesBroken > 0 ? 'error.main' : undefined }}>
                {formatCount(row.promisesBroken)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
