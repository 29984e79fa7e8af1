/** Worklist columns: one list drives the header, the cells' widths and the sortable keys. */
import type { WorklistSortKey } from '../../../shared/api/schemas';

export interface Column {
  readonly id: string;
  readonly label: string;
  readonly width: string;
  readonly sortKey?: WorklistSortKey;
  readonly align?: 'right';
  /** Direction of the first click: the useful end (highest score, largest overdue) first. */
  readonly firstDir?: 'asc' | 'desc';
}

export const COLUMNS: readonly Column[] = [
  { id: 'score', label: 'Score', width: '88px', sortKey: 'score', firstDir: 'desc' },
  { id: 'customer', label: 'Customer', width: 'minmax(220px, 1.8fr)', sortKey: 'name', firstDir: 'asc' },
  { id: 'risk', label: 'Risk', width: '92px' },
  { id: 'aging', label: 'Overdue by bucket', width: 'minmax(130px, 1fr)' },
  { id: 'oldest', label: 'Oldest', width: '84px', sortKey: 'oldestDays', align: 'right', firstDir: 'desc' },
  { id: 'next', label: 'Next promise / follow-up', width: 'minmax(200px, 1.2fr)', sortKey: 'nextAction', firstDir: 'asc' },
  { id: 'contact', label: 'Last contact', width: '116px', sortKey: 'lastContact', firstDir: 'asc' },
  { id: 'overdue', label: 'Overdue', width: 'minmax(130px, 0.9fr)', sortKey: 'overdue', align: 'right', firstDir: 'desc' },
];

export const GRID_TEMPLATE = COLUMNS.map((column) => column.width).join(' ');

/** Below this the columns would overlap, so the grid scrolls sideways instead (sum of the minimum widths). */
export const GRID_MIN_WIDTH = 1080;
