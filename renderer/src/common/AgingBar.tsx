import type { TFunction } from 'i18next';
import { bucketColor } from './buckets';
import { money } from './format';
import { LazyTooltip } from './LazyTooltip';
import styles from './AgingBar.module.css';

interface BucketAmount {
  readonly key: string;
  readonly label: string;
  readonly amountMinor: number;
}

/** A mini stacked bar of the overdue buckets; exact amounts in the tooltip and the accessible name. */
export function AgingBar({ buckets, currency, t, width = 120 }: { buckets: readonly BucketAmount[]; currency: string; t: TFunction; width?: number }) {
  const overdue = buckets.map((bucket, index) => ({ ...bucket, index })).filter((bucket) => bucket.index > 0 && bucket.amountMinor > 0);
  const total = overdue.reduce((sum, bucket) => sum + bucket.amountMinor, 0);
  if (total <= 0) return <span className={styles.nothing}>{t('common.aging.nothingOverdue')}</span>;
  const description = overdue.map((bucket) => t('common.aging.bucketAmount', { bucket: bucket.label, amount: money(bucket.amountMinor, currency) })).join(t('common.aging.separator'));
  return (
    <LazyTooltip
      title={
        <span className={styles.amounts}>
          {overdue.map((bucket) => (
            <span key={bucket.key} className={styles.pair}>
              <span>{bucket.label}</span>
              <span className={styles.amount}>{money(bucket.amountMinor, currency)}</span>
            </span>
          ))}
        </span>
      }
    >
      <div role="img" aria-label={t('common.aging.byBucket', { buckets: description })} className={styles.bar} style={{ width }}>
        {overdue.map((bucket) => (
          <div key={bucket.key} className={styles.segment} style={{ width: `${(bucket.amountMinor / total) * 100}%`, backgroundColor: bucketColor(bucket.index) }} />
        ))}
      </div>
    </LazyTooltip>
  );
}
