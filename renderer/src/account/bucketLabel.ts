/** An aging bucket's name on the account. */
import type { TFunction } from 'i18next';

/**
 * The label the server gives the not-yet-due bucket is the English word "Current" (shared/domain/aging.ts),
 * so that one is shown in the interface language; the others are day ranges ("1–30", ">120"), and a
 * label set in the settings is shown as it is.
 */
export const bucketLabel = (t: TFunction, bucket: { readonly key: string; readonly label: string }): string =>
  bucket.key === 'current' && bucket.label === 'Current' ? t('account.balances.currentBucket') : bucket.label;
