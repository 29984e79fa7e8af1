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
import { useCallback, useDeferredValue, useLayoutEffect, useMemo, useRef, useState, type Dispatch, type KeyboardEvent, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { ITEM_KINDS } from '../../../shared/domain/codes';
import { formatCount, money } from '../common/format';
import { bucketLabel } from './bucketLabel';
import { filterItems, openTotals, rangeIds, rowMoveTarget, sortItems, type ItemFilter, type ItemSortKey } from './openItems';
import type { OpenItem } from './types';
import { ITEM_KIND_KEYS, OpenItemRow } from './OpenItemRow';
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

/** The rows rendered with the account itself; a longer list follows in a background render. */
const FIRST_ROWS = 25;

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
  const [sort, setSort] = useState<{ by: ItemSortKey; dir: 'asc' | 'desc' }>({ by: 'dueDate', dir: 'asc' });
  const [filter, setFilter] = useState<ItemFilter>({ kind: 'all', bucket: 'all', text: '' });
  const anchorId = useRef<string | null>(null);
  /** The one row in the Tab order (a roving tab index): the last one focused, else the first. */
  const [activeId, setActiveId] = useState<string | null>(null);
  const rows = useMemo(() => sortItems(filterItems(items, filter), sort.by, sort.dir), [items, filter, sort]);
  // A long list paints its first rows with the account and the rest a moment later, in the background.
  const shownRows = useDeferredValue(rows, rows.length > FIRST_ROWS ? rows.slice(0, FIRST_ROWS) : rows);
  const tabStopId = rows.some((row) => row.id === activeId) ? activeId : (rows[0]?.id ?? null);
  const totals = openTotals(items, selected);
  const shownSelected = rows.filter((row) => selected.has(row.id)).length;
  const allShown = rows.length > 0 && shownSelected === rows.length;

  // The rows' callbacks never change (the rows are memoised): they read the current rows from here.
  const latest = useRef({ rows, shownRows });
  useLayoutEffect(() => {
    latest.current = { rows, shownRows };
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

  const toggleAll = () => {
    setSelected((previous) => {
      const next = new Set(previous);
      for (const row of rows) {
        if (allShown) next.delete(row.id);
        else next.add(row.id);
      }
      return next;
    });
  };

  const onRowKey = useCallback(
    (event: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) => {
      if (event.key === ' ') {
        event.preventDefault();
        toggle(id, event.shiftKey);
        return;
      }
      const shown = latest.current.shownRows;
      const target = rowMoveTarget(event.key, index, shown.length);
      if (target === null) return;
      event.preventDefault();
      const row = event.currentTarget.parentElement?.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(shown[target]?.id ?? '')}"]`);
      row?.focus();
    },
    [toggle],
  );

  return (
    <Paper component="section" aria-labelledby="items-title" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="h2" id="items-title">
          {t('account.items.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="items-count">
          {rows.length === items.length ? formatCount(items.length) : t('account.items.countFiltered', { shown: formatCount(rows.length), total: formatCount(items.length) })}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <TextField
          select
          label={t('account.items.kindFilter')}
          value={filter.kind}
          onChange={(event) => {
            setFilter({ ...filter, kind: event.target.value as ItemFilter['kind'] });
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
            setFilter({ ...filter, bucket: event.target.value });
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
            setFilter({ ...filter, text: event.target.value });
          }}
          sx={{ width: 200 }}
        />
      </Box>
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
      <TableContainer sx={{ maxHeight: 520 }}>
        <Table size="small" stickyHeader aria-labelledby="items-title" aria-busy={shownRows !== rows} sx={{ '& th, & td': { px: 1, py: 0.5, whiteSpace: 'nowrap' } }}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <Checkbox
                  size="small"
                  checked={allShown}
                  indeterminate={shownSelected > 0 && !allShown}
                  onChange={toggleAll}
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
                      setSort({ by: head.key, dir: sort.by === head.key && sort.dir === 'asc' ? 'desc' : 'asc' });
                    }}
                  >
                    {t(head.label)}
                  </TableSortLabel>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={HEADS.length + 1} sx={{ textAlign: 'center', color: 'text.secondary', py: 3 }}>
                  {t(items.length === 0 ? 'account.items.empty' : 'account.items.noMatch')}
                </TableCell>
              </TableRow>
            )}
            {shownRows.map((item, index) => (
              <OpenItemRow
                key={item.id}
                item={item}
                index={index}
                selected={selected.has(item.id)}
                tabStop={item.id === tabStopId}
                t={rowT}
                onToggle={toggle}
                onFocusRow={setActiveId}
                onRowKey={onRowKey}
              />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}
