import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import { bucketColor } from './buckets';
import { money } from './format';

interface BucketAmount {
  readonly key: string;
  readonly label: string;
  readonly amountMinor: number;
}

/** A mini stacked bar of the overdue buckets; exact amounts in the tooltip and the accessible name. */
export function AgingBar({ buckets, currency, width = 120 }: { buckets: readonly BucketAmount[]; currency: string; width?: number }) {
  const { t } = useTranslation();
  const overdue = buckets.map((bucket, index) => ({ ...bucket, index })).filter((bucket) => bucket.index > 0 && bucket.amountMinor > 0);
  const total = overdue.reduce((sum, bucket) => sum + bucket.amountMinor, 0);
  if (total <= 0) {
    return (
      <Box component="span" sx={{ color: 'text.secondary', fontSize: '0.8rem' }}>
        {t('common.aging.nothingOverdue')}
      </Box>
    );
  }
  const description = overdue.map((bucket) => t('common.aging.bucketAmount', { bucket: bucket.label, amount: money(bucket.amountMinor, currency) })).join(t('common.aging.separator'));
  return (
    <Tooltip
      title={
        <Box component="span" sx={{ display: 'grid', gridTemplateColumns: 'auto auto', columnGap: 1.5 }}>
          {overdue.map((bucket) => (
            <Box key={bucket.key} sx={{ display: 'contents' }}>
              <span>{bucket.label}</span>
              <Box component="span" sx={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                {money(bucket.amountMinor, currency)}
              </Box>
            </Box>
          ))}
        </Box>
      }
    >
      <Box
        role="img"
        aria-label={t('common.aging.byBucket', { buckets: description })}
        sx={{ display: 'flex', width, height: 10, borderRadius: 0.5, overflow: 'hidden', bgcolor: 'action.hover' }}
      >
        {overdue.map((bucket) => (
          <Box key={bucket.key} sx={{ width: `${(bucket.amountMinor / total) * 100}%`, bgcolor: bucketColor(bucket.index), minWidth: 2 }} />
        ))}
      </Box>
    </Tooltip>
  );
}
