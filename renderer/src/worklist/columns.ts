/**
 * Worklist columns: one list drives the header, the cells' widths and the sortable keys. The texts
 * are translation keys, translated where the header renders.
 */
import type { ParseKeys } from 'i18next';
import type { WorklistSortKey } from '../../../shared/api/schemas';

export interface Column {
  readonly id: string;
  readonly label: ParseKeys;
  readonly width: string;
  readonly sortKey?: WorklistSortKey;
  readonly align?: 'right';
  /** Direction of the first click: the useful end (highest score, largest overdue) first. */
  readonly firstDir?: 'asc' | 'desc';
  /** What the column means, where its short label does not say it all (the header's tooltip). */
  readonly description?: ParseKeys;
  /** A second figure in the same cell, sortable on its own from the header. */
  readonly secondary?: {
    readonly label: ParseKeys;
    /** The button's name where the short label says too little on its own (it must contain the label). */
    readonly accessibleName: ParseKeys;
    readonly sortKey: WorklistSortKey;
    readonly firstDir: 'asc' | 'desc';
    readonly description: ParseKeys;
  };
}

export const COLUMNS: readonly Column[] = [
  { id: 'score', label: 'worklist.column.score', width: '88px', sortKey: 'score', firstDir: 'desc' },
  { id: 'customer', label: 'worklist.column.customer', width: 'minmax(210px, 1.8fr)', sortKey: 'name', firstDir: 'asc' },
  { id: 'risk', label: 'worklist.column.risk', width: '88px' },
  { id: 'aging', label: 'worklist.column.aging', width: 'minmax(120px, 1fr)' },
  { id: 'oldest', label: 'worklist.column.oldest', width: '80px', sortKey: 'oldestDays', align: 'right', firstDir: 'desc' },
  { id: 'next', label: 'worklist.column.next', width: 'minmax(180px, 1.2fr)', sortKey: 'nextAction', firstDir: 'asc' },
  { id: 'contact', label: 'worklist.column.lastContact', width: '104px', sortKey: 'lastContact', firstDir: 'asc' },
  {
    id: 'pays',
    label: 'worklist.column.pays',
    width: '136px',
    sortKey: 'daysLate',
    align: 'right',
    firstDir: 'desc',
    description: 'worklist.column.paysDescription',
    secondary: {
      label: 'worklist.column.late',
      accessibleName: 'worklist.column.lateName',
      sortKey: 'shareLate',
      firstDir: 'desc',
      description: 'worklist.column.lateDescription',
    },
  },
  {
    id: 'credit',
    label: 'worklist.column.credit',
    width: '84px',
    sortKey: 'creditUsed',
    align: 'right',
    firstDir: 'desc',
    description: 'worklist.column.creditDescription',
  },
  { id: 'overdue', label: 'worklist.column.overdue', width: 'minmax(130px, 0.9fr)', sortKey: 'overdue', align: 'right', firstDir: 'desc' },
];

export const GRID_TEMPLATE = COLUMNS.map((column) => column.width).join(' ');

/** Below this the columns would overlap, so the grid scrolls sideways instead (sum of the minimum widths). */
export const GRID_MIN_WIDTH = 1224;
