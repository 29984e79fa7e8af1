/** The worklist's credit cell: the share of the credit limit the open balance uses, red above the limit. */
import { clsx } from 'clsx';
import type { TFunction } from 'i18next';
import { creditUsedPercentText, isOverCreditLimit, NEAR_LIMIT_BP } from '../../../shared/domain/credit';
import { LazyTooltip } from '../common/LazyTooltip';
import styles from './WorklistRow.module.css';

export function CreditCell({ bp, t }: { bp: number | null; t: TFunction }) {
  if (bp === null) {
    return (
      <div role="gridcell" className={clsx(styles.numeric, styles.secondary)} aria-label={t('worklist.credit.noLimit')}>
        —
      </div>
    );
  }
  const over = isOverCreditLimit(bp);
  const text = creditUsedPercentText(bp);
  const sentence = t(over ? 'worklist.credit.over' : 'worklist.credit.used', { percent: text });
  return (
    <LazyTooltip title={sentence}>
      <div
        role="gridcell"
        className={clsx(styles.numeric, over ? styles.over : bp >= NEAR_LIMIT_BP && styles.warning)}
        aria-label={sentence}
        data-testid="credit-used"
        data-over={over ? 'true' : 'false'}
      >
        {text}
      </div>
    </LazyTooltip>
  );
}
