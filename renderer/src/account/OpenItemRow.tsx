import type { TFunction } from 'i18next';
import { clsx } from 'clsx';
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { isUnappliedCash } from '../../../shared/domain/aging';
import type { ItemKind } from '../../../shared/domain/codes';
import { formatDate, money } from '../common/format';
import { LazyTooltip } from '../common/LazyTooltip';
import type { OpenItem } from './types';
import styles from './OpenItemRow.module.css';

export const ITEM_KIND_KEYS = {
  invoice: 'account.items.kind.invoice',
  credit_memo: 'account.items.kind.credit_memo',
  debit_memo: 'account.items.kind.debit_memo',
  payment_on_account: 'account.items.kind.payment_on_account',
} as const satisfies Readonly<Record<ItemKind, string>>;

/** Days past due as a collector reads them; a payment on account is due from nobody, so it has none. */
function pastDueText(t: TFunction, item: OpenItem): string {
  if (isUnappliedCash(item)) return t('account.items.pastDue.unapplied');
  if (item.daysPastDue > 0) return String(item.daysPastDue);
  return item.daysPastDue === 0 ? t('account.items.pastDue.dueToday') : t('account.items.pastDue.dueIn', { days: String(-item.daysPastDue) });
}

interface OpenItemRowProps {
  readonly item: OpenItem;
  readonly index: number;
  readonly selected: boolean;
  /** The one row in the Tab order (a roving tab index). */
  readonly tabStop: boolean;
  /** The table's: no row calls useTranslation. */
  readonly t: TFunction;
  readonly onToggle: (id: string, range: boolean) => void;
  readonly onFocusRow: (id: string) => void;
  readonly onRowKey: (event: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) => void;
  /** The table's virtualizer measures each rendered row (a row with a reference is taller). */
  readonly measureRef: (element: HTMLTableRowElement | null) => void;
}

/** One open item; memoised with stable callbacks, so selecting one item re-renders that row alone. */
export const OpenItemRow = memo(function OpenItemRow({ item, index, selected, tabStop, t, onToggle, onFocusRow, onRowKey, measureRef }: OpenItemRowProps) {
  const late = item.daysPastDue > 0 && !isUnappliedCash(item);
  return (
    <tr
      ref={measureRef}
      data-index={index}
      // Only the rows in sight are rendered: each says where it is (the header row is 1).
      aria-rowindex={index + 2}
      className={styles.row}
      tabIndex={tabStop ? 0 : -1}
      aria-selected={selected}
      data-item-id={item.id}
      onFocus={() => {
        onFocusRow(item.id);
      }}
      onKeyDown={(event) => {
        onRowKey(event, index, item.id);
      }}
      onClick={(event: MouseEvent<HTMLTableRowElement>) => {
        if (event.target instanceof HTMLInputElement || event.target instanceof HTMLAnchorElement) return;
        onToggle(item.id, event.shiftKey);
      }}
    >
      <td className={styles.check}>
        <input
          type="checkbox"
          className={styles.checkbox}
          checked={selected}
          tabIndex={-1}
          aria-label={t('account.items.selectItem', { document: item.documentNumber })}
          onChange={(event) => {
            onToggle(item.id, event.nativeEvent instanceof MouseEvent && event.nativeEvent.shiftKey);
          }}
        />
      </td>
      <td className={styles.cell}>
        {/* A long number or reference is cut short in its column; the whole of it on hover. */}
        <div className={styles.document} title={item.documentNumber}>
          {item.documentNumber}
        </div>
        {item.reference && <div className={styles.reference} title={item.reference}>{t('account.items.reference', { reference: item.reference })}</div>}
      </td>
      <td className={styles.kind}>
        {t(ITEM_KIND_KEYS[item.kind])}
        {item.promised && <span className={clsx(styles.chip, styles.info)}>{t('account.items.promised')}</span>}
        {item.erpDisputed && (
          <>
            <LazyTooltip title={t('account.items.erpDisputeTooltip')}>
              <span className={clsx(styles.chip, styles.warning)} data-testid="erp-disputed">
                {t('account.items.erpDispute')}
              </span>
            </LazyTooltip>
            {/* The tooltip's explanation, for those who cannot hover: a screen reader reads it. */}
            <span className={styles.visuallyHidden}>{t('account.items.erpDisputeTooltip')}</span>
          </>
        )}
        {item.dunningLevel > 0 && <span className={styles.chip}>{t('account.items.dunning', { level: item.dunningLevel })}</span>}
      </td>
      <td className={styles.date}>{formatDate(item.documentDate)}</td>
      <td className={styles.date}>{formatDate(item.dueDate)}</td>
      <td className={clsx(styles.numeric, late ? styles.late : styles.quiet)}>{pastDueText(t, item)}</td>
      <td className={clsx(styles.numeric, styles.strong)}>
        {money(item.openMinor, item.currency)}
        {item.openMinor !== item.originalMinor && <div className={styles.original}>{t('account.items.ofOriginal', { amount: money(item.originalMinor, item.currency) })}</div>}
      </td>
      <td className={clsx(styles.numeric, item.disputedMinor > 0 ? styles.disputed : styles.quiet)}>{item.disputedMinor > 0 ? money(item.disputedMinor, item.currency) : '—'}</td>
    </tr>
  );
});
