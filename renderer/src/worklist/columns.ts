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
  /** What the column means, where its short label does not say it all (the header's tooltip). */
  readonly description?: string;
  /** A second figure in the same cell, sortable on its own from the header. */
  readonly secondary?: {
    readonly label: string;
    /** The button's name where the short label says too little on its own (it must contain the label). */
    readonly accessibleName: string;
    readonly sortKey: WorklistSortKey;
    readonly firstDir: 'asc' | 'desc';
    readonly description: string;
  };
}

export const COLUMNS: readonly Column[] = [
  { id: 'score', label: 'Score', width: '88px', sortKey: 'score', firstDir: 'desc' },
  { id: 'customer', label: 'Customer', width: 'minmax(210px, 1.8fr)', sortKey: 'name', firstDir: 'asc' },
  { id: 'risk', label: 'Risk', width: '88px' },
  { id: 'aging', label: 'Overdue by bucket', width: 'minmax(120px, 1fr)' },
  { id: 'oldest', label: 'Oldest', width: '80px', sortKey: 'oldestDays', align: 'right', firstDir: 'desc' },
  { id: 'next', label: 'Next promise / follow-up', width: 'minmax(180px, 1.2fr)', sortKey: 'nextAction', firstDir: 'asc' },
  { id: 'contact', label: 'Last contact', width: '104px', sortKey: 'lastContact', firstDir: 'asc' },
  {
    id: 'pays',
    label: 'Pays',
    width: '136px',
    sortKey: 'daysLate',
    align: 'right',
    firstDir: 'desc',
    description: 'Average days invoices were paid after their due date over the last 12 months (− means early)',
    secondary: {
      label: 'late',
      accessibleName: 'Share paid late',
      sortKey: 'shareLate',
      firstDir: 'desc',
      description: 'Share of invoices paid after their due date over the last 12 months',
    },
  },
  {
    id: 'credit',
    label: 'Credit',
    width: '84px',
    sortKey: 'creditUsed',
    align: 'right',
    firstDir: 'desc',
    description: "Share of the credit limit the open balance uses (every currency at the settings' rates); red above the limit",
  },
  { id: 'overdue', label: 'Overdue', width: 'minmax(130px, 0.9fr)', sortKey: 'overdue', align: 'right', firstDir: 'desc' },
];

export const GRID_TEMPLATE = COLUMNS.map((column) => column.width).join(' ');

/** Below this the columns would overlap, so the grid scrolls sideways instead (sum of the minimum widths). */
export const GRID_MIN_WIDTH = 1224;
