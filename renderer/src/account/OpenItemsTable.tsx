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
import Tooltip from '@mui/material/Tooltip';
import type { ParseKeys, TFunction } from 'i18next';
import { useDeferredValue, useMemo, useRef, useState, type Dispatch, type KeyboardEvent, type MouseEvent, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { isUnappliedCash } from '../../../shared/domain/aging';
import { ITEM_KINDS, type ItemKind } from '../../../shared/domain/codes';
import { formatCount, formatDate, money } from '../common/format';
import { bucketLabel } from './bucketLabel';
import { filterItems, openTotals, rangeIds, rowMoveTarget, sortItems, type ItemFilter, type ItemSortKey } from './openItems';
import type { OpenItem } from './types';

const HEADS: readonly { key: ItemSortKey; label: ParseKeys; numeric?: boolean }[] = [
  { key: 'documentNumber', label: 'account.items.column.document' },
  { key: 'kind', label: 'account.items.column.kind' },
  { key: 'documentDate', label: 'account.items.column.documentDate' },
  { key: 'dueDate', label: 'account.items.column.dueDate' },
  { key: 'daysPastDue', label: 'account.items.column.pastDue', numeric: true },
  { key: 'openMinor', label: 'account.items.column.open', numeric: true },
  { key: 'disputedMinor', label: 'account.items.column.disputed', numeric: true },
];

const ITEM_KIND_KEYS = {
  invoice: 'account.items.kind.invoice',
  credit_memo: 'account.items.kind.credit_memo',
  debit_memo: 'account.items.kind.debit_memo',
  payment_on_account: 'account.items.kind.payment_on_account',
} as const satisfies Readonly<Record<ItemKind, string>>;

/** The rows rendered with the account itself; a longer list follows in a background render. */
const FIRST_ROWS = 25;

const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** Days past due as a collector reads them; a payment on account is due from nobody, so it has none. */
function pastDueText(t: TFunction, item: OpenItem): string {
  if (isUnappliedCash(item)) return t('account.items.pastDue.unapplied');
  if (item.daysPastDue > 0) return String(item.daysPastDue);
  return item.daysPastDue === 0 ? t('account.items.pastDue.dueToday') : t('account.items.pastDue.dueIn', { days: String(-item.daysPastDue) });
}

interface OpenItemsTableProps {
  readonly items: readonly OpenItem[];
  readonly buckets: readonly { key: string; label: string }[];
  /** Held by the account, so a promise or dispute can cover the selected items. */
  readonly selected: ReadonlySet<string>;
  readonly setSelected: Dispatch<SetStateAction<ReadonlySet<string>>>;
}

export function OpenItemsTable({ items, buckets, selected, setSelected }: OpenItemsTableProps) {
  const { t } = useTranslation();
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

  const toggle = (id: string, range: boolean) => {
    // Read the anchor now: the updater may run later, after the anchor has moved on.
    const anchor = anchorId.current;
    setSelected((previous) => {
      const next = new Set(previous);
      const target = !previous.has(id);
      const ids = range && anchor ? rangeIds(rows, anchor, id) : [id];
      for (const each of ids) {
        if (target) next.add(each);
        else next.delete(each);
      }
      return next;
    });
    anchorId.current = id;
  };

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

  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) => {
    if (event.key === ' ') {
      event.preventDefault();
      toggle(id, event.shiftKey);
      return;
    }
    const target = rowMoveTarget(event.key, index, shownRows.length);
    if (target === null) return;
    event.preventDefault();
    const row = event.currentTarget.parentElement?.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(shownRows[target]?.id ?? '')}"]`);
    row?.focus();
  };

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
            {shownRows.map((item, index) => {
              const isSelected = selected.has(item.id);
              return (
                <TableRow
                  key={item.id}
                  hover
                  selected={isSelected}
                  tabIndex={item.id === tabStopId ? 0 : -1}
                  aria-selected={isSelected}
                  data-item-id={item.id}
                  onFocus={() => {
                    setActiveId(item.id);
                  }}
                  onKeyDown={(event) => {
                    onRowKey(event, index, item.id);
                  }}
                  onClick={(event: MouseEvent<HTMLTableRowElement>) => {
                    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLAnchorElement) return;
                    toggle(item.id, event.shiftKey);
                  }}
                  sx={{ cursor: 'pointer', '&:focus-visible': { outline: 2, outlineColor: 'primary.main', outlineOffset: -2 } }}
                >
                  <TableCell padding="checkbox">
                    <Checkbox
                      size="small"
                      checked={isSelected}
                      tabIndex={-1}
                      onClick={(event) => {
                        event.stopPropagation();
                        toggle(item.id, event.shiftKey);
                      }}
                      slotProps={{ input: { 'aria-label': t('account.items.selectItem', { document: item.documentNumber }) } }}
                    />
                  </TableCell>
                  <TableCell>
                    <Box sx={{ fontWeight: 600 }}>{item.documentNumber}</Box>
                    {item.reference && (
                      <Box sx={{ color: 'text.secondary', fontSize: '0.75rem' }}>{t('account.items.reference', { reference: item.reference })}</Box>
                    )}
                  </TableCell>
                  <TableCell>
                    {t(ITEM_KIND_KEYS[item.kind])}
                    {item.promised && <Chip size="small" label={t('account.items.promised')} color="info" variant="outlined" sx={{ ml: 0.5, height: 18, fontSize: '0.68rem' }} />}
                    {item.erpDisputed && (
                      <Tooltip title={t('account.items.erpDisputeTooltip')}>
                        <Chip size="small" label={t('account.items.erpDispute')} color="warning" variant="outlined" sx={{ ml: 0.5, height: 18, fontSize: '0.68rem' }} data-testid="erp-disputed" />
                      </Tooltip>
                    )}
                    {item.dunningLevel > 0 && (
                      <Chip size="small" label={t('account.items.dunning', { level: item.dunningLevel })} variant="outlined" sx={{ ml: 0.5, height: 18, fontSize: '0.68rem' }} />
                    )}
                  </TableCell>
                  <TableCell sx={num}>{formatDate(item.documentDate)}</TableCell>
                  <TableCell sx={num}>{formatDate(item.dueDate)}</TableCell>
                  <TableCell align="right" sx={{ ...num, color: item.daysPastDue > 0 && !isUnappliedCash(item) ? 'error.main' : 'text.secondary' }}>
                    {pastDueText(t, item)}
                  </TableCell>
                  <TableCell align="right" sx={{ ...num, fontWeight: 600 }}>
                    {money(item.openMinor, item.currency)}
                    {item.openMinor !== item.originalMinor && (
                      <Box sx={{ color: 'text.secondary', fontSize: '0.72rem', fontWeight: 400 }}>{t('account.items.ofOriginal', { amount: money(item.originalMinor, item.currency) })}</Box>
                    )}
                  </TableCell>
                  <TableCell align="right" sx={{ ...num, color: item.disputedMinor > 0 ? 'warning.main' : 'text.secondary' }}>
                    {item.disputedMinor > 0 ? money(item.disputedMinor, item.currency) : '—'}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}
