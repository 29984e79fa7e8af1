import EventAvailable from '@mui/icons-material/EventAvailable';
import Flag from '@mui/icons-material/Flag';
import Block from '@mui/icons-material/Block';
import EventBusy from '@mui/icons-material/EventBusy';
import PushPin from '@mui/icons-material/PushPin';
import Snooze from '@mui/icons-material/Snooze';
import Skeleton from '@mui/material/Skeleton';
import type { TFunction } from 'i18next';
import { clsx } from 'clsx';
import { memo, type MouseEvent } from 'react';
import { factorDetail, factorLabel } from '../common/factorText';
import type { OverrideKind } from '../../../shared/domain/codes';
import { AgingBar } from '../common/AgingBar';
import { formatShortDate, money, relativeDay } from '../common/format';
import { RiskChip } from '../common/RiskChip';
import { COLUMNS, GRID_TEMPLATE } from './columns';
import { CreditCell } from './CreditCell';
import { PaymentCell } from './PaymentCell';
import type { WorklistRow } from './useWorklistPages';
import { UserText } from '../common/UserText';
import { LazyTooltip } from '../common/LazyTooltip';
import styles from './WorklistRow.module.css';

export const rowDomId = (index: number): string => `wl-row-${index}`;
export const scoreDomId = (index: number): string => `wl-score-${index}`;

/** A pinned or snoozed row's mark: its tooltip and spoken name, with the reason given. */
const OVERRIDE_KEYS = {
  pin: 'worklist.row.pinned',
  snooze: 'worklist.row.snoozed',
} as const satisfies Readonly<Record<OverrideKind, string>>;

function NextAction({ row, asOf, t }: { row: WorklistRow; asOf: string; t: TFunction }) {
  const { nextPromiseDate: promise, nextFollowUpDate: followUp } = row;
  if (!promise && !followUp) return <span className={styles.secondary}>—</span>;
  const showPromise = promise !== null && (followUp === null || promise <= followUp);
  const date = showPromise ? promise : followUp;
  if (date === null) return null;
  const due = date <= asOf;
  return (
    <span className={due ? styles.nextDue : styles.next}>
      {showPromise ? <EventAvailable className={styles.nextIcon} aria-hidden /> : <Flag className={styles.nextIcon} aria-hidden />}
      <span>
        {t(showPromise ? 'worklist.row.nextPromise' : 'worklist.row.nextFollowUp', { date: formatShortDate(date, asOf) })}
      </span>
      <span className={styles.relative}>{t('worklist.row.relative', { when: relativeDay(date, asOf) })}</span>
    </span>
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
  /** The row's customer comes along, so the screen's callback needs no lookup and stays the same while pages load. */
  readonly onSelect: (index: number, customerId: string | undefined) => void;
  /** The screen's: no row or cell calls useTranslation, which copies the i18n instance on every mount. */
  readonly t: TFunction;
  readonly onOpen: (customerId: string) => void;
  readonly onExplain: (index: number, anchor: HTMLElement) => void;
}

export const WorklistRowView = memo(function WorklistRowView({ index, row, asOf, selected, height, top, t, onSelect, onOpen, onExplain }: RowProps) {
  return (
    <div
      role="row"
      className={styles.row}
      id={rowDomId(index)}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-customer-id={row?.customerId}
      data-override={row?.override?.kind}
      onClick={() => {
        onSelect(index, row?.customerId);
      }}
      onDoubleClick={() => {
        if (row) onOpen(row.customerId);
      }}
      style={{ height, top, gridTemplateColumns: GRID_TEMPLATE }}
    >
      {row ? (
        <>
          <div role="gridcell" className={styles.cell}>
            <button
              type="button"
              className={styles.score}
              id={scoreDomId(index)}
              tabIndex={-1}
              aria-label={t('worklist.row.explainScore', { score: Math.round(row.score) })}
              aria-haspopup="dialog"
              onClick={(event: MouseEvent<HTMLButtonElement>) => {
                event.stopPropagation();
                onSelect(index, row.customerId);
                onExplain(index, event.currentTarget);
              }}
            >
              {Math.round(row.score)}
            </button>
            {row.override && (
              <LazyTooltip title={t(OVERRIDE_KEYS[row.override.kind], { reason: row.override.reason })}>
                {row.override.kind === 'pin' ? (
                  <PushPin className={styles.pin} aria-label={t(OVERRIDE_KEYS.pin, { reason: row.override.reason })} />
                ) : (
                  <Snooze className={styles.snooze} aria-label={t(OVERRIDE_KEYS.snooze, { reason: row.override.reason })} />
                )}
              </LazyTooltip>
            )}
          </div>
          <div role="gridcell" className={styles.customer}>
            <a
              className={styles.name}
              href={`#/customer/${row.customerId}`}
              tabIndex={-1}
              onClick={(event: MouseEvent<HTMLAnchorElement>) => {
                event.preventDefault();
                onOpen(row.customerId);
              }}
            >
              <UserText>{row.name}</UserText>
            </a>
            <span className={styles.number}>
              {row.number} · {row.country}
            </span>
            {row.creditHold && (
              <LazyTooltip title={t('worklist.row.creditHold')}>
                <Block className={styles.creditHold} aria-label={t('worklist.row.creditHold')} />
              </LazyTooltip>
            )}
            {row.brokenPromises > 0 && (
              <LazyTooltip title={brokenReason(t, row)}>
                <span className={styles.broken} data-testid="broken-promise" aria-label={brokenReason(t, row)}>
                  <EventBusy className={styles.markIcon} aria-hidden />
                  <span className={styles.markText}>{t('worklist.row.brokenMark', { count: row.brokenPromises })}</span>
                </span>
              </LazyTooltip>
            )}
          </div>
          <div role="gridcell" className={styles.cell}>
            <RiskChip risk={row.riskClass} t={t} />
          </div>
          <div role="gridcell" className={styles.cell}>
            <AgingBar buckets={row.aging} currency={row.currency} t={t} />
          </div>
          <div role="gridcell" className={styles.numeric}>
            {row.oldestDaysPastDue === null ? '—' : t('worklist.row.oldestDays', { days: row.oldestDaysPastDue })}
          </div>
          <div role="gridcell" className={styles.cell}>
            <NextAction row={row} asOf={asOf} t={t} />
          </div>
          <div role="gridcell" className={clsx(styles.cell, !row.lastContactAt && styles.secondary)}>
            {row.lastContactAt ? relativeDay(row.lastContactAt, asOf) : t('worklist.row.neverContacted')}
          </div>
          <PaymentCell payments={row.payments} t={t} />
          <CreditCell bp={row.creditUsedBp} t={t} />
          <div role="gridcell" className={clsx(styles.numeric, styles.strong)}>
            {money(row.overdueMinor, row.currency)}
            {row.mixedCurrency && (
              <LazyTooltip title={t('worklist.row.mixedCurrency', { currency: row.currency })}>
                <span className={styles.mixed} aria-label={t('worklist.row.otherCurrencies')}>
                  +
                </span>
              </LazyTooltip>
            )}
          </div>
        </>
      ) : (
        COLUMNS.map((column) => (
          <div role="gridcell" key={column.id} className={styles.cell}>
            <Skeleton variant="text" aria-hidden />
          </div>
        ))
      )}
    </div>
  );
});
