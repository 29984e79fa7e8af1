/** The saved worklist filter in words, for the "current worklist filter" scope. */
import type { TFunction } from 'i18next';
import { currentLocale, formatCount } from '../common/format';
import { RISK_CLASS_LABEL_KEYS } from '../common/labels';
import type { WorklistFilters } from '../worklist/filters';

const FLAGS = [
  ['hasBrokenPromise', 'reports.worklistFilter.brokenPromise'],
  ['hasDispute', 'reports.worklistFilter.openDispute'],
  ['followUpDue', 'reports.worklistFilter.followUpDue'],
  ['promiseDueSoon', 'reports.worklistFilter.promiseDueSoon'],
] as const;

// Looked up by string: the filter is read back from saved preferences, which another version may have written.
const riskClassKeys: Readonly<Partial<Record<string, (typeof RISK_CLASS_LABEL_KEYS)[keyof typeof RISK_CLASS_LABEL_KEYS]>>> = RISK_CLASS_LABEL_KEYS;

/** "a or b or c", in the user's language. */
const either = (t: TFunction, values: readonly string[]): string => values.reduce((first, second) => t('reports.worklistFilter.or', { first, second }));

export function worklistFilterText(t: TFunction, filters: WorklistFilters, bucketLabels: Readonly<Record<string, string>>): string {
  const parts: string[] = [];
  if (filters.buckets?.length) parts.push(t('reports.worklistFilter.overdue', { buckets: either(t, filters.buckets.map((key) => bucketLabels[key] ?? key)) }));
  if (filters.currencies?.length) parts.push(t('reports.worklistFilter.currency', { currencies: either(t, filters.currencies) }));
  if (filters.countries?.length) parts.push(t('reports.worklistFilter.country', { countries: either(t, filters.countries) }));
  if (filters.riskClasses?.length) {
    // The class is named inside the sentence ("risk high"), so in lower case.
    const classes = filters.riskClasses.map((risk) => {
      const key = riskClassKeys[risk];
      return (key === undefined ? risk.replaceAll('_', ' ') : t(key)).toLocaleLowerCase(currentLocale());
    });
    parts.push(t('reports.worklistFilter.risk', { classes: either(t, classes) }));
  }
  for (const [key, label] of FLAGS) if (filters[key] === true) parts.push(t(label));
  if (filters.collectorIds?.length) parts.push(t('reports.worklistFilter.collectors', { count: filters.collectorIds.length, n: formatCount(filters.collectorIds.length) }));
  return parts.length === 0 ? t('reports.worklistFilter.none') : parts.join(' · ');
}
