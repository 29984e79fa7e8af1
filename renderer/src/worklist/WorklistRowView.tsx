import EventAvailable from '@mui/icons-material/EventAvailable';
import Flag from '@mui/icons-material/Flag';
import Block from '@mui/icons-material/Block';
import EventBusy from '@mui/icons-material/EventBusy';
import PushPin from '@mui/icons-material/PushPin';
import Snooze from '@mui/icons-material/Snooze';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Skeleton from '@mui/material/Skeleton';
import Tooltip from '@mui/material/Tooltip';
import type { TFunction } from 'i18next';
import { memo, type MouseEvent } from 'react';
import { factorDetail, factorLabel } from '../common/factorText';
import { useTranslation } from 'react-i18next';
import type { OverrideKind } from '../../../shared/domain/codes';
import { AgingBar } from '../common/AgingBar';
import { formatShortDate, money, relativeDay } from '../common/format';
import { RiskChip } from '../common/RiskChip';
import { COLUMNS, GRID_TEMPLATE } from './columns';
import { CreditCell } from './CreditCell';
import { PaymentCell } from './PaymentCell';
import type { WorklistRow } from './useWorklistPages';
import { UserText } from '../common/UserText';
import { CELL_SX, NUMERIC_CELL_SX } from './cellStyles';

export const rowDomId = (index: number): string => `wl-row-${index}`;
export const scoreDomId = (index: number): string => `wl-score-${index}`;

/** A pinned or snoozed row's mark: its tooltip and spoken name, with the reason given. */
const OVERRIDE_KEYS = {
  pin: 'worklist.row.pinned',
  snooze: 'worklist.row.snoozed',
} as const satisfies Readonly<Record<OverrideKind, string>>;

function NextAction({ row, asOf }: { row: WorklistRow; asOf: string }) {
  const { t } = useTranslation();
  const { nextPromiseDate: promise, nextFollowUpDate: followUp } = row;
  if (!promise && !followUp) return <Box component="span" sx={{ color: 'text.secondary' }}>—</Box>;
  const showPromise = promise !== null && (followUp === null || promise <= followUp);
  const date = showPromise ? promise : followUp;
  if (date === null) return null;
  const due = date <= asOf;
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, color: due ? 'warning.main' : 'text.primary' }}>
      {showPromise ? <EventAvailable sx={{ fontSize: 16 }} aria-hidden /> : <Flag sx={{ fontSize: 16 }} aria-hidden />}
      <span>
        {t(showPromise ? 'worklist.row.nextPromise' : 'worklist.row.nextFollowUp', { date: formatShortDate(date, asOf) })}
      </span>
      <Box component="span" sx={{ color: 'text.secondary', fontSize: '0.75rem' }}>
        {t('worklist.row.relative', { when: relativeDay(date, asOf) })}
      </Box>
    </Box>
  );
}

/** The score factor says why (count, amount); fall back to the count alone. */
const brokenReason = (t: TFunction, row: WorklistRow): string => {
  const factor = row.factors.find((f) => f.key === 'brokenPromise');
  return factor ? t('worklist.row.factor', { label: factorLabel(t, factor), detail: factorDetail(t, factor) }) : t('worklist.row.brokenCount', { count: row.brokenPromises });
};

interface RowProps {
  readonly index: number;
  readonly row: WorklistRow | undefined;
  readonly asOf: string;
  readonly selected: boolean;
  readonly height: number;
  /** Offset from the top of the row group, from the virtualizer. */
  readonly top: number;
  readonly onSelect: (index: number) => void;
  readonly onOpen: (customerId: string) => void;
  readonly onExplain: (index: number, anchor: HTMLElement) => void;
}

export const WorklistRowView = memo(function WorklistRowView({ index, row, asOf, selected, height, top, onSelect, onOpen, onExplain }: RowProps) {
  const { t } = useTranslation();
  return (
    <Box
      role="row"
      id={rowDomId(index)}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-customer-id={row?.customerId}
      data-override={row?.override?.kind}
      onClick={() => {
        onSelect(index);
      }}
      onDoubleClick={() => {
        if (row) onOpen(row.customerId);
      }}
      style={{ transform: `translateY(${top}px)` }}
      sx={{
        position: 'absolute',
        left: 0,
        right: 0,
        height,
        display: 'grid',
        gridTemplateColumns: GRID_TEMPLATE,
        alignItems: 'center',
        borderBottom: 1,
        borderColor: 'divider',
        cursor: 'default',
        fontSize: '0.85rem',
        bgcolor: selected ? 'action.selected' : undefined,
        boxShadow: selected ? (theme) => `inset 3px 0 0 ${theme.vars?.palette.primary.main ?? 'currentColor'}` : undefined,
        '&:hover': { bgcolor: selected ? 'action.selected' : 'action.hover' },
      }}
    >
      {row ? (
        <>
          <Box role="gridcell" sx={CELL_SX}>
            <ButtonBase
              id={scoreDomId(index)}
              tabIndex={-1}
              aria-label={t('worklist.row.explainScore', { score: Math.round(row.score) })}
              aria-haspopup="dialog"
              onClick={(event: MouseEvent<HTMLButtonElement>) => {
                event.stopPropagation();
                onSelect(index);
                onExplain(index, event.currentTarget);
              }}
              sx={{
                px: 1,
                py: 0.25,
                borderRadius: 1,
                fontWeight: 700,
                fontVariantNumeric: 'tabular-nums',
                bgcolor: 'action.hover',
                minWidth: 44,
                justifyContent: 'center',
                fontSize: '0.85rem',
              }}
            >
              {Math.round(row.score)}
            </ButtonBase>
            {row.override && (
              <Tooltip title={t(OVERRIDE_KEYS[row.override.kind], { reason: row.override.reason })}>
                {row.override.kind === 'pin' ? (
                  <PushPin sx={{ fontSize: 14, ml: 0.25, color: 'primary.main', verticalAlign: 'middle' }} aria-label={t(OVERRIDE_KEYS.pin, { reason: row.override.reason })} />
                ) : (
                  <Snooze sx={{ fontSize: 14, ml: 0.25, color: 'text.secondary', verticalAlign: 'middle' }} aria-label={t(OVERRIDE_KEYS.snooze, { reason: row.override.reason })} />
                )}
              </Tooltip>
            )}
          </Box>
          {/* A narrow customer column keeps the name and shows the broken-promise mark as its icon alone (its text stays its label). */}
          <Box role="gridcell" sx={{ ...CELL_SX, display: 'flex', alignItems: 'baseline', gap: 1, containerType: 'inline-size', '@container (max-width: 340px)': { '& .mark-text': { display: 'none' } } }}>
            <Box
              component="a"
              href={`#/customer/${row.customerId}`}
              tabIndex={-1}
              onClick={(event: MouseEvent<HTMLAnchorElement>) => {
                event.preventDefault();
                onOpen(row.customerId);
              }}
              // The name is what a collector reads: it keeps at least 14 characters, and the number and country give way first.
              sx={{ color: 'text.primary', fontWeight: 600, textDecoration: 'none', overflow: 'hidden', textOverflow: 'ellipsis', flex: '0 1 auto', minWidth: 'min(14ch, 100%)', '&:hover': { textDecoration: 'underline' } }}
            >
              <UserText>{row.name}</UserText>
            </Box>
            <Box component="span" sx={{ color: 'text.secondary', fontSize: '0.75rem', flex: '0 100 auto', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {row.number} · {row.country}
            </Box>
            {row.creditHold && (
              <Tooltip title={t('worklist.row.creditHold')}>
                <Block sx={{ fontSize: 14, color: 'error.main', alignSelf: 'center', flexShrink: 0 }} aria-label={t('worklist.row.creditHold')} />
              </Tooltip>
            )}
            {row.brokenPromises > 0 && (
              <Tooltip title={brokenReason(t, row)}>
                <Box
                  component="span"
                  data-testid="broken-promise"
                  aria-label={brokenReason(t, row)}
                  sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.25, alignSelf: 'center', flexShrink: 0, color: 'error.main', fontSize: '0.72rem', fontWeight: 600 }}
                >
                  <EventBusy sx={{ fontSize: 14 }} aria-hidden />
                  <span className="mark-text">{t('worklist.row.brokenMark', { count: row.brokenPromises })}</span>
                </Box>
              </Tooltip>
            )}
          </Box>
          <Box role="gridcell" sx={CELL_SX}>
            <RiskChip risk={row.riskClass} />
          </Box>
          <Box role="gridcell" sx={CELL_SX}>
            <AgingBar buckets={row.aging} currency={row.currency} />
          </Box>
          <Box role="gridcell" sx={NUMERIC_CELL_SX}>
            {row.oldestDaysPastDue === null ? '—' : t('worklist.row.oldestDays', { days: row.oldestDaysPastDue })}
          </Box>
          <Box role="gridcell" sx={CELL_SX}>
            <NextAction row={row} asOf={asOf} />
          </Box>
          <Box role="gridcell" sx={{ ...CELL_SX, color: row.lastContactAt ? 'text.primary' : 'text.secondary' }}>
            {row.lastContactAt ? relativeDay(row.lastContactAt, asOf) : t('worklist.row.neverContacted')}
          </Box>
          <PaymentCell payments={row.payments} />
          <CreditCell bp={row.creditUsedBp} />
          <Box role="gridcell" sx={{ ...NUMERIC_CELL_SX, fontWeight: 600 }}>
            {money(row.overdueMinor, row.currency)}
            {row.mixedCurrency && (
              <Tooltip title={t('worklist.row.mixedCurrency', { currency: row.currency })}>
                <Box component="span" sx={{ ml: 0.5, color: 'text.secondary', fontWeight: 400 }} aria-label={t('worklist.row.otherCurrencies')}>
                  +
                </Box>
              </Tooltip>
            )}
          </Box>
        </>
      ) : (
        COLUMNS.map((column) => (
          <Box role="gridcell" key={column.id} sx={CELL_SX}>
            <Skeleton variant="text" aria-hidden />
          </Box>
        ))
      )}
    </Box>
  );
});
