/** The saved worklist filter in words, for the "current worklist filter" scope. */
import { RISK_CLASS_LABELS } from '../../../shared/domain/labels';
import { labelOf } from '../common/labels';
import type { WorklistFilters } from '../worklist/filters';

const FLAGS = [
  ['hasBrokenPromise', 'broken promise'],
  ['hasDispute', 'open dispute'],
  ['followUpDue', 'follow-up due'],
  ['promiseDueSoon', 'promise due today or tomorrow'],
] as const;

export function worklistFilterText(filters: WorklistFilters, bucketLabels: Readonly<Record<string, string>>): string {
  const parts: string[] = [];
  if (filters.buckets?.length) parts.push(`overdue ${filters.buckets.map((key) => bucketLabels[key] ?? key).join(' or ')}`);
  if (filters.currencies?.length) parts.push(`currency ${filters.currencies.join(' or ')}`);
  if (filters.countries?.length) parts.push(`country ${filters.countries.join(' or ')}`);
  if (filters.riskClasses?.length) parts.push(`risk ${filters.riskClasses.map((risk) => labelOf(RISK_CLASS_LABELS, risk).toLowerCase()).join(' or ')}`);
  for (const [key, label] of FLAGS) if (filters[key] === true) parts.push(label);
  if (filters.collectorIds?.length) parts.push(`${filters.collectorIds.length} chosen collector${filters.collectorIds.length === 1 ? '' : 's'}`);
  return parts.length === 0 ? 'no filter: every customer of the worklist' : parts.join(' · ');
}
