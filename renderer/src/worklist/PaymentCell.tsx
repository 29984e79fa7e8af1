/** The worklist's payment-behaviour cell: average days paid after the due date, and the share paid late. */
import { clsx } from 'clsx';
import type { TFunction } from 'i18next';
import { LazyTooltip } from '../common/LazyTooltip';
import { paymentSentence, shareText, signedDays, type PaymentFigures } from '../common/paymentText';
import styles from './WorklistRow.module.css';

export function PaymentCell({ payments, t }: { payments: PaymentFigures | null; t: TFunction }) {
  if (payments === null) {
    return (
      <div role="gridcell" className={clsx(styles.numeric, styles.secondary)} aria-label={t('worklist.pays.none')}>
        —
      </div>
    );
  }
  const sentence = paymentSentence(payments);
  return (
    <LazyTooltip title={sentence}>
      <div role="gridcell" className={styles.numeric} aria-label={sentence} data-testid="pays">
        <span className={payments.averageDaysLate > 0 ? styles.warning : undefined}>{signedDays(payments.averageDaysLate)}</span>
        <span className={styles.secondary}>
          {' · '}
          {shareText(payments.shareLate)}
        </span>
      </div>
    </LazyTooltip>
  );
}
