/** Pure helpers for the open items table: filtering, sorting, range selection and totals. */
import type { OpenItem } from './types';

export type ItemSortKey = 'documentNumber' | 'kind' | 'documentDate' | 'dueDate' | 'daysPastDue' | 'openMinor' | 'disputedMinor';

export interface ItemFilter {
  readonly kind: OpenItem['kind'] | 'all';
  readonly bucket: string;
  readonly text: string;
}

export function filterItems(items: readonly OpenItem[], filter: ItemFilter): OpenItem[] {
  const text = filter.text.trim().toLowerCase();
  return items.filter(
    (item) =>
      (filter.kind === 'all' || item.kind === filter.kind) &&
      (filter.bucket === 'all' || item.bucketKey === filter.bucket) &&
      (text === '' || item.documentNumber.toLowerCase().includes(text) || (item.reference?.toLowerCase().includes(text) ?? false)),
  );
}

export function sortItems(items: readonly OpenItem[], by: ItemSortKey, dir: 'asc' | 'desc'): OpenItem[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const x = a[by];
    const y = b[by];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order === 0 ? a.documentNumber.localeCompare(b.documentNumber) : sign * order;
  });
}

/** Ids between two rows (inclusive) of the shown order, for shift-click. */
export function rangeIds(rows: readonly OpenItem[], fromId: string, toId: string): string[] {
  const from = rows.findIndex((row) => row.id === fromId);
  const to = rows.findIndex((row) => row.id === toId);
  if (from < 0 || to < 0) return [toId];
  const [start, end] = from <= to ? [from, to] : [to, from];
  return rows.slice(start, end + 1).map((row) => row.id);
}

/** Open amounts of the selected items, one total per currency (integer minor units). */
export function openTotals(items: readonly OpenItem[], selected: ReadonlySet<string>): { currency: string; amountMinor: number }[] {
  const totals = new Map<string, number>();
  for (const item of items) {
    if (selected.has(item.id)) totals.set(item.currency, (totals.get(item.currency) ?? 0) + item.openMinor);
  }
  return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

/** Rows PageUp/PageDown move the focus by. */
export const ITEMS_PAGE = 10;

/**
 * Where a key moves the focus in a list of `count` rows from row `index`: arrows by one, pages by
 * ITEMS_PAGE, Home/End to the ends, never past them; null for any other key.
 */
export function rowMoveTarget(key: string, index: number, count: number): number | null {
  const moves: Readonly<Record<string, number>> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + ITEMS_PAGE, PageUp: index - ITEMS_PAGE, Home: 0, End: count - 1 };
  const target = moves[key];
  if (target === undefined || count === 0) return null;
  return Math.min(Math.max(target, 0), count - 1);
}
