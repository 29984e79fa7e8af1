import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ParseKeys } from 'i18next';
import { defaultRangeExtractor, useVirtualizer, type Range, type VirtualItem } from '@tanstack/react-virtual';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type Dispatch, type KeyboardEvent, type ReactNode, type RefCallback, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { ITEM_KINDS } from '../../../shared/domain/codes';
import { formatCount, money } from '../common/format';
import { bucketLabel } from './bucketLabel';
import { filterItems, openTotals, rangeIds, rowMoveTarget, sortItems, type ItemFilter, type ItemSortKey } from './openItems';
import type { OpenItem } from './types';
import { ITEM_KIND_KEYS, OpenItemRow } from './OpenItemRow';
import rowStyles from './OpenItemRow.module.css';
import { measureAfterLayout, observeShownOffset, observeShownRectAfterLayout, scrollUnlessAtTop } from '../common/shownScrollObservers';
import { useObservedSize } from '../common/useObservedSize';
import { memoT } from '../i18n/memoT';

const HEADS: readonly { key: ItemSortKey; label: ParseKeys; numeric?: boolean }[] = [
  { key: 'documentNumber', label: 'account.items.column.document' },
  { key: 'kind', label: 'account.items.column.kind' },
  { key: 'documentDate', label: 'account.items.column.documentDate' },
  { key: 'dueDate', label: 'account.items.column.dueDate' },
  { key: 'daysPastDue', label: 'account.items.column.pastDue', numeric: true },
  { key: 'openMinor', label: 'account.items.column.open', numeric: true },
  { key: 'disputedMinor', label: 'account.items.column.disputed', numeric: true },
];

/** The scroll area's height: about twelve rows. */
const TABLE_HEIGHT = 520;
/** Before they are measured: a row of one line with the small checkbox, and the header row. Rows with a reference are taller, as measured. */
const ROW_ESTIMATE = 39;
const HEAD_ESTIMATE = 37;
/** Rows rendered beyond the visible ones, so a few arrow keys or a short scroll find them there. */
const OVERSCAN = 6;

/** The visible rows' indexes and the active row's, wherever it is: the keyboard's row stays mounted while scrolled away. */
function withActive(range: Range, active: number): number[] {
  const indexes = defaultRangeExtractor(range);
  if (active < 0 || active >= range.count || indexes.includes(active)) return indexes;
  return [...indexes, active].sort((a, b) => a - b);
}

/** The height of the rows not rendered, between rendered ones or after the last. */
function SpacerRow({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden="true" className={rowStyles.spacer}>
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}

type ItemSort = { by: ItemSortKey; dir: 'asc' | 'desc' };

/**
 * The title, count and filters above the items. Memoised, as is the header row below: the table
 * re-renders whenever other rows scroll into sight, and these need not.
 */
const ItemsToolbar = memo(function ItemsToolbar({
  filter,
  setFilter,
  buckets,
  shown,
  total,
}: {
  filter: ItemFilter;
  setFilter: Dispatch<SetStateAction<ItemFilter>>;
  buckets: readonly { key: string; label: string }[];
  shown: number;
  total: number;
}) {
  const { t } = useTranslation();
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
      <Typography variant="h2" id="items-title">
        {t('account.items.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" data-testid="items-count">
        {shown === total ? formatCount(total) : t('account.items.countFiltered', { shown: formatCount(shown), total: formatCount(total) })}
      </Typography>
      <Box sx={{ flex: 1 }} />
      <TextField
        select
        label={t('account.items.kindFilter')}
        value={filter.kind}
        onChange={(event) => {
          const kind = event.target.value as ItemFilter['kind'];
          setFilter((current) => ({ ...current, kind }));
        }}
        sx={{ minWidth: 150 }}
      >
        <MenuItem value="all">{t('account.items.allKinds')}</MenuItem>
        {ITEM_KINDS.map((kind) => (
          <MenuItem key={kind} value={kind}>
            {t(ITEM_KIND_KEYS[kind])}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={t('account.items.bucketFilter')}
        value={filter.bucket}
        onChange={(event) => {
          const bucket = event.target.value;
          setFilter((current) => ({ ...current, bucket }));
        }}
        sx={{ minWidth: 140 }}
      >
        <MenuItem value="all">{t('account.items.allBuckets')}</MenuItem>
        {buckets.map((bucket) => (
          <MenuItem key={bucket.key} value={bucket.key}>
            {bucketLabel(t, bucket)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label={t('account.items.textFilter')}
        value={filter.text}
        onChange={(event) => {
          const text = event.target.value;
          setFilter((current) => ({ ...current, text }));
        }}
        sx={{ width: 200 }}
      />
    </Box>
  );
});

const ItemsHead = memo(function ItemsHead({
  headRef,
  sort,
  setSort,
  all,
  some,
  onToggleAll,
}: {
  headRef: RefCallback<HTMLTableSectionElement>;
  sort: ItemSort;
  setSort: Dispatch<SetStateAction<ItemSort>>;
  all: boolean;
  some: boolean;
  onToggleAll: () => void;
}) {
  const { t } = useTranslation();
  return (
    <TableHead ref={headRef}>
      <TableRow aria-rowindex={1}>
        <TableCell padding="checkbox">
          <Checkbox
            size="small"
            checked={all}
            indeterminate={some}
            onChange={onToggleAll}
            slotProps={{ input: { 'aria-label': t('account.items.selectAll') } }}
          />
        </TableCell>
        {HEADS.map((head) => (
          <TableCell
            key={head.key}
            align={head.numeric ? 'right' : 'left'}
            sortDirection={sort.by === head.key ? sort.dir : false}
          >
            <TableSortLabel
              active={sort.by === head.key}
              direction={sort.by === head.key ? sort.dir : 'asc'}
              onClick={() => {
                setSort((current) => ({ by: head.key, dir: current.by === head.key && current.dir === 'asc' ? 'desc' : 'asc' }));
              }}
            >
              {t(head.label)}
            </TableSortLabel>
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
  );
});

interface OpenItemsTableProps {
  readonly items: readonly OpenItem[];
  readonly buckets: readonly { key: string; label: string }[];
  /** Held by the account, so a promise or dispute can cover the selected items. */
  readonly selected: ReadonlySet<string>;
  readonly setSelected: Dispatch<SetStateAction<ReadonlySet<string>>>;
}

export function OpenItemsTable({ items, buckets, selected, setSelected }: OpenItemsTableProps) {
  const { t } = useTranslation();
  const rowT = useMemo(() => memoT(t), [t]);
  const [sort, setSort] = useState<ItemSort>({ by: 'dueDate', dir: 'asc' });
  const [filter, setFilter] = useState<ItemFilter>({ kind: 'all', bucket: 'all', text: '' });
  const anchorId = useRef<string | null>(null);
  /** The one row in the Tab order (a roving tab index): the last one focused, else the first. */
  const [activeId, setActiveId] = useState<string | null>(null);
  const rows = useMemo(() => sortItems(filterItems(items, filter), sort.by, sort.dir), [items, filter, sort]);
  const tabStopIndex = Math.max(0, rows.findIndex((row) => row.id === activeId));
  const tabStopId = rows[tabStopIndex]?.id ?? null;
  // Only the rows in sight (and the keyboard's) are rendered: an account with hundreds of items
  // rendered and laid out all of them, tasks of 50-130 ms on opening it and on every change of layout.
  const scrollRef = useRef<HTMLDivElement>(null);
  const [headRef, headSize] = useObservedSize<HTMLTableSectionElement>();
  const headHeight = headSize?.height ?? HEAD_ESTIMATE;
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  const rangeExtractor = useCallback((range: Range) => withActive(range, tabStopIndex), [tabStopIndex]);
  // No React Compiler here, so its memoization warning does not apply; rows re-render from props.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey,
    initialRect: { width: 0, height: TABLE_HEIGHT },
    overscan: OVERSCAN,
    // The rows start below the sticky header, and a row scrolled to stops below it, not under it.
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    rangeExtractor,
    // Nothing is read from the page while the table mounts (each read forced a layout of the whole
    // account inside the commit): its size, and each row's height, come from ResizeObservers after
    // the browser's own layout; a row just mounted counts its last known height or the estimate until then.
    measureElement: measureAfterLayout(ROW_ESTIMATE),
    observeElementRect: observeShownRectAfterLayout,
    observeElementOffset: observeShownOffset,
    scrollToFn: scrollUnlessAtTop,
  });
  const virtualRows = virtualizer.getVirtualItems();
  /** A row the keyboard moved to, focused once it is rendered. */
  const focusTarget = useRef<string | null>(null);
  useLayoutEffect(() => {
    const id = focusTarget.current;
    if (id === null) return;
    // One attempt: the move's own render has it (the keyboard's row is always rendered).
    focusTarget.current = null;
    scrollRef.current?.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(id)}"]`)?.focus({ preventScroll: true });
  });
  const totals = openTotals(items, selected);
  const shownSelected = rows.filter((row) => selected.has(row.id)).length;
  const allShown = rows.length > 0 && shownSelected === rows.length;

  // The rows' callbacks never change (the rows are memoised): they read the current rows from here.
  const latest = useRef({ rows, virtualizer, allShown });
  useLayoutEffect(() => {
    latest.current = { rows, virtualizer, allShown };
  });

  const toggle = useCallback(
    (id: string, range: boolean) => {
      // Read the anchor now: the updater may run later, after the anchor has moved on.
      const anchor = anchorId.current;
      const current = latest.current.rows;
      setSelected((previous) => {
        const next = new Set(previous);
        const target = !previous.has(id);
        const ids = range && anchor ? rangeIds(current, anchor, id) : [id];
        for (const each of ids) {
          if (target) next.add(each);
          else next.delete(each);
        }
        return next;
      });
      anchorId.current = id;
    },
    [setSelected],
  );

  const toggleAll = useCallback(() => {
    const { rows: current, allShown: all } = latest.current;
    setSelected((previous) => {
      const next = new Set(previous);
      for (const row of current) {
        if (all) next.delete(row.id);
        else next.add(row.id);
      }
      return next;
    });
  }, [setSelected]);

  const onRowKey = useCallback(
    (event: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) => {
      if (event.key === ' ') {
        event.preventDefault();
        toggle(id, event.shiftKey);
        return;
      }
      const { rows: current, virtualizer: list } = latest.current;
      const target = rowMoveTarget(event.key, index, current.length);
      const targetId = target === null ? undefined : current[target]?.id;
      if (target === null || targetId === undefined) return;
      event.preventDefault();
      if (target === index) {
        // Already there (Home on the first row): bring it back into sight if it was scrolled away.
        list.scrollToIndex(index, { align: 'auto' });
        return;
      }
      const shown = event.currentTarget.parentElement?.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(targetId)}"]`);
      if (shown) {
        // A row already rendered (an arrow key's): the browser scrolls it into sight as it takes the focus
        // (the scroll area's scroll-padding keeps it clear of the sticky header).
        shown.focus();
        return;
      }
      // A row not rendered (a page away, the first or the last): it becomes the keyboard's row, so it is
      // rendered, is scrolled to, and is focused once it is there.
      focusTarget.current = targetId;
      setActiveId(targetId);
      list.scrollToIndex(target, { align: 'auto' });
    },
    [toggle],
  );

  return (
    <Paper component="section" aria-labelledby="items-title" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1 }}>
      <ItemsToolbar filter={filter} setFilter={setFilter} buckets={buckets} shown={rows.length} total={items.length} />
      <Box role="status" aria-live="polite" sx={{ minHeight: 24, display: 'flex', alignItems: 'center', gap: 1, fontSize: '0.85rem' }} data-testid="items-selection">
        {selected.size > 0 ? (
          <>
            <strong>{t('account.items.selected', { count: selected.size, n: formatCount(selected.size) })}</strong>
            <span>{t('account.items.selectedOpen', { amounts: totals.map((total) => money(total.amountMinor, total.currency)).join(' + ') })}</span>
            <Chip
              size="small"
              label={t('account.items.clearSelection')}
              onClick={() => {
                setSelected(new Set());
              }}
            />
          </>
        ) : (
          <Typography variant="caption" color="text.secondary">
            {t('account.items.selectHint')}
          </Typography>
        )}
      </Box>
      <TableContainer ref={scrollRef} sx={{ maxHeight: TABLE_HEIGHT, scrollPaddingTop: `${String(headHeight)}px` }}>
        <Table
          size="small"
          stickyHeader
          aria-labelledby="items-title"
          // The header row and the items (or the row saying there are none).
          aria-rowcount={Math.max(rows.length, 1) + 1}
          className={rowStyles.table}
          sx={{ '& th, & td': { px: 1, py: 0.5 } }}
        >
          <colgroup>
            <col className={rowStyles.checkColumn} />
            {HEADS.map((head) => (
              <col key={head.key} className={rowStyles[`${head.key}Column`]} />
            ))}
          </colgroup>
          <ItemsHead headRef={headRef} sort={sort} setSort={setSort} all={allShown} some={shownSelected > 0 && !allShown} onToggleAll={toggleAll} />
          <TableBody>
            {rows.length === 0 && (
              <TableRow aria-rowindex={2}>
                <TableCell colSpan={HEADS.length + 1} sx={{ textAlign: 'center', color: 'text.secondary', py: 3 }}>
                  {t(items.length === 0 ? 'account.items.empty' : 'account.items.noMatch')}
                </TableCell>
              </TableRow>
            )}
            {bodyRows(virtualRows, virtualizer.getTotalSize(), headHeight, HEADS.length + 1, (index) => {
              const item = rows[index];
              return item === undefined ? null : (
                <OpenItemRow
                  key={item.id}
                  item={item}
                  index={index}
                  measureRef={virtualizer.measureElement}
                  selected={selected.has(item.id)}
                  tabStop={item.id === tabStopId}
                  t={rowT}
                  onToggle={toggle}
                  onFocusRow={setActiveId}
                  onRowKey={onRowKey}
                />
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}

/** The rendered rows in order, with spacer rows the height of those between them and after the last. */
function bodyRows(virtualRows: readonly VirtualItem[], totalSize: number, listStart: number, columns: number, row: (index: number) => ReactNode): ReactNode[] {
  const out: ReactNode[] = [];
  let cursor = listStart;
  for (const virtualRow of virtualRows) {
    if (virtualRow.start > cursor) out.push(<SpacerRow key={`gap-${String(virtualRow.index)}`} height={virtualRow.start - cursor} columns={columns} />);
    out.push(row(virtualRow.index));
    cursor = virtualRow.end;
  }
  const end = listStart + totalSize;
  if (end > cursor) out.push(<SpacerRow key="end" height={end - cursor} columns={columns} />);
  return out;
}
