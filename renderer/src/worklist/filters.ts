/** Worklist filter helpers: what counts as active, and toggling values in a multi-valued filter. */
import type { z } from 'zod';
import type { WorklistFiltersSchema } from '../../../shared/api/schemas';

export type WorklistFilters = z.output<typeof WorklistFiltersSchema>;
export type ListFilterKey = 'buckets' | 'currencies' | 'countries' | 'riskClasses';
export type FlagFilterKey = 'hasBrokenPromise' | 'hasDispute' | 'followUpDue' | 'promiseDueSoon';

export function activeFilterCount(filters: WorklistFilters): number {
  const lists: ListFilterKey[] = ['buckets', 'currencies', 'countries', 'riskClasses'];
  const flags: FlagFilterKey[] = ['hasBrokenPromise', 'hasDispute', 'followUpDue', 'promiseDueSoon'];
  return lists.filter((key) => (filters[key]?.length ?? 0) > 0).length + flags.filter((key) => filters[key] === true).length;
}

export const without = (filters: WorklistFilters, key: keyof WorklistFilters): WorklistFilters =>
  Object.fromEntries(Object.entries(filters).filter(([name]) => name !== key));

export function toggleListValue(filters: WorklistFilters, key: ListFilterKey, value: string): WorklistFilters {
  const current: readonly string[] = filters[key] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return next.length === 0 ? without(filters, key) : { ...filters, [key]: next };
}

export function toggleFlag(filters: WorklistFilters, key: FlagFilterKey): WorklistFilters {
  return filters[key] ? without(filters, key) : { ...filters, [key]: true };
}

/** A stable string for the filters, used as part of the query key. */
export const filtersKey = (filters: WorklistFilters): string =>
  JSON.stringify(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));
