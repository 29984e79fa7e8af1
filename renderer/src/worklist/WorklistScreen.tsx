import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Popover from '@mui/material/Popover';
import Skeleton from '@mui/material/Skeleton';
import TableSortLabel from '@mui/material/TableSortLabel';
import Typography from '@mui/material/Typography';
import { observeElementOffset, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type Ref, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preferences } from '../../../shared/api/contract';
import { api } from '../api/client';
import { readAccountAhead } from '../api/readAhead';
import { useQuery } from '../api/useQuery';
import { hasModifier, isTextEntry, inOverlay } from '../app/keys';
import { usePrefs } from '../app/prefs';
import { useDataVersion } from '../collector/dataVersion';
import type { OverrideRequest } from '../collector/OverrideDialog';
import type { WorkRequest } from '../collector/WorkDrawer';
import { openCustomer } from '../app/router';
import { ROW_HEIGHT } from '../app/theme';
import { formatCount, formatDate } from '../common/format';
import { ScoreFactors } from '../common/ScoreFactors';
import { EmptyState, ErrorState } from '../common/StatusViews';
import { COLUMNS, GRID_MIN_WIDTH, GRID_TEMPLATE, type Column } from './columns';
import { FilterBar } from './FilterBar';
import { SearchMatches } from './SearchMatches';
import { activeFilterCount, filtersKey, type WorklistFilters } from './filters';
import { useWorklistPages } from './useWorklistPages';
import { rowDomId, scoreDomId, WorklistRowView } from './WorklistRowView';
import { useWindowKeydown } from '../app/useWindowKeydown';
import { UserText } from '../common/UserText';
import { memoT } from '../i18n/memoT';

type Sort = Preferences['lastSort'];

interface WorklistScreenProps {
  readonly active: boolean;
  readonly search: string;
  readonly filters: WorklistFilters;
  readonly sort: Sort;
  readonly onFilters: (filters: WorklistFilters) => void;
  readonly onSort: (sort: Sort) => void;
  readonly onClearSearch: () => void;
  readonly gridRef: RefObject<HTMLDivElement | null>;
  readonly firstFilterRef: Ref<HTMLDivElement>;
  readonly onWork: (request: WorkRequest) => void;
  readonly onOverride: (request: OverrideRequest) => void;
}

const HEADER_HEIGHT = 34;
/** How long a row stays selected before its account is read ahead. */
const READ_AHEAD_AFTER_MS = 150;

function SortLabel({
  label,
  accessibleName,
  sortKey,
  firstDir,
  description,
  id,
  sort,
  align,
  onSort,
}: {
  label: Column['label'];
  accessibleName?: Column['label'];
  sortKey: Sort['by'];
  firstDir: Sort['dir'];
  description: Column['description'];
  id: string;
  sort: Sort;
  align: Column['align'];
  onSort: (sort: Sort) => void;
}) {
  const { t } = useTranslation();
  const sorted = sort.by === sortKey;
  const descriptionText = description === undefined ? undefined : t(description);
  return (
    <>
      {descriptionText === undefined ? null : <span hidden id={`column-${id}-description`}>{descriptionText}</span>}
      <TableSortLabel
        title={descriptionText}
        aria-label={accessibleName === undefined ? undefined : t(accessibleName)}
        aria-describedby={description === undefined ? undefined : `column-${id}-description`}
        active={sorted}
        direction={sorted ? sort.dir : firstDir}
        onClick={() => {
          onSort({ by: sortKey, dir: sorted ? (sort.dir === 'asc' ? 'desc' : 'asc') : firstDir });
        }}
        sx={{ flexDirection: align === 'right' ? 'row-reverse' : 'row' }}
      >
        {t(label)}
      </TableSortLabel>
    </>
  );
}

function HeaderCell({ column, sort, onSort }: { column: Column; sort: Sort; onSort: (sort: Sort) => void }) {
  const { t } = useTranslation();
  const keys = [column.sortKey, column.secondary?.sortKey];
  const sorted = keys.includes(sort.by);
  const ariaSort = sorted ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <Box
      role="columnheader"
      aria-sort={ariaSort}
      // A label longer than its column (German's often are) is cut, and reads whole on hover; no "…", which would hide a second sort label.
      title={column.secondary ? `${t(column.label)} · ${t(column.secondary.label)}` : t(column.label)}
      sx={{ px: 1, fontSize: '0.75rem', fontWeight: 600, color: 'text.secondary', textAlign: column.align ?? 'left', whiteSpace: 'nowrap', overflow: 'hidden' }}
    >
      {column.sortKey ? (
        <SortLabel label={column.label} sortKey={column.sortKey} firstDir={column.firstDir ?? 'asc'} description={column.description} id={column.id} sort={sort} align={column.align} onSort={onSort} />
      ) : (
        t(column.label)
      )}
      {column.secondary && (
        <>
          {' · '}
          <SortLabel
            label={column.secondary.label}
            accessibleName={column.secondary.accessibleName}
            sortKey={column.secondary.sortKey}
            firstDir={column.secondary.firstDir}
            description={column.secondary.description}
            id={`${column.id}-secondary`}
            sort={sort}
            align={column.align}
            onSort={onSort}
          />
        </>
      )}
    </Box>
  );
}

/** The column headers: memoised, so a selection move or a page of rows does not re-render them. */
const HeaderRow = memo(function HeaderRow({ sort, onSort }: { sort: Sort; onSort: (sort: Sort) => void }) {
  return (
    <Box
      role="row"
      aria-rowindex={1}
      sx={{ display: 'grid', gridTemplateColumns: GRID_TEMPLATE, alignItems: 'center', height: HEADER_HEIGHT, borderBottom: 1, borderColor: 'divider' }}
    >
      {COLUMNS.map((column) => (
        <HeaderCell key={column.id} column={column} sort={sort} onSort={onSort} />
      ))}
    </Box>
  );
});

/** Memoised: its props are stable, so a keystroke in the search box or a dialog opening elsewhere does not re-render the list. */
export const WorklistScreen = memo(function WorklistScreen({ active, search, filters, sort, onFilters, onSort, onClearSearch, gridRef, firstFilterRef, onWork, onOverride }: WorklistScreenProps) {
  const { t } = useTranslation();
  const { prefs } = usePrefs();
  const rowT = useMemo(() => memoT(t), [t]);
  const rowHeight = ROW_HEIGHT[prefs.density];
  const facets = useQuery('facets', () => api['worklist.facets']({}));
  const trimmed = search.trim();
  const pages = useWorklistPages({ search: trimmed === '' ? undefined : trimmed, filters, sort });
  const queryKey = `${trimmed}|${filtersKey(filters)}|${sort.by}:${sort.dir}`;
  // The selection is the customer, not the row number: a command that re-ranks the list (a logged
  // call lowers the score) must leave Enter opening the same account. The index is the fallback
  // for when that customer is no longer on the list, or its row is not loaded yet.
  const [selection, setSelection] = useState<{ queryKey: string; index: number; customerId: string | undefined }>({ queryKey, index: 0, customerId: undefined });
  const lastIndex = Math.max(0, pages.total - 1);
  const followed = selection.queryKey === queryKey && selection.customerId !== undefined ? pages.indexOf(selection.customerId) : undefined;
  const selected = selection.queryKey !== queryKey ? 0 : Math.min(followed ?? selection.index, lastIndex);
  // The first row is selected before anyone picks it: remember whose it is once this query's rows are in.
  const unpinned = !pages.loading && selection.customerId === undefined ? pages.rowAt(selected)?.customerId : undefined;
  if (selection.queryKey !== queryKey || unpinned !== undefined) {
    setSelection({ queryKey, index: selected, customerId: selection.queryKey === queryKey ? unpinned : undefined });
  }
  const [explain, setExplain] = useState<{ index: number; anchor: HTMLElement } | null>(null);

  // No React Compiler here, so its memoization warning does not apply; rows re-render from props.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: pages.total,
    getScrollElement: () => gridRef.current,
    estimateSize: () => rowHeight,
    // Hidden behind an account the grid measures 0 × 0 and scrolled to the top: keep the last real
    // size and offset (the browser restores the offset when the grid shows again, without a scroll
    // event), so the rows stay mounted and coming back shows them at once, where they were.
    observeElementRect: (instance, onRect) => observeElementRect(instance, (rect) => {
      if (rect.width > 0 && rect.height > 0) onRect(rect);
    }),
    observeElementOffset: (instance, onOffset) => observeElementOffset(instance, (offset, isScrolling) => {
      if ((instance.scrollElement?.clientHeight ?? 0) > 0) onOffset(offset, isScrolling);
    }),
    overscan: 12,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure, retry } = pages;
  const version = useDataVersion();
  const seenVersion = useRef(version);

  // A command elsewhere changed summaries: re-read, keeping the current rows until the answer comes.
  useEffect(() => {
    if (seenVersion.current === version) return;
    seenVersion.current = version;
    retry();
  }, [version, retry]);

  useEffect(() => {
    ensure(first, last);
  }, [ensure, first, last]);

  // The selected customer's account is read while the collector looks at the row, so Enter and `l`
  // find it there; not while a key is held down to run through the list.
  const selectedId = pages.rowAt(selected)?.customerId;
  useEffect(() => {
    if (!active || selectedId === undefined) return;
    let idle: number | undefined;
    const timer = setTimeout(() => {
      idle = requestIdleCallback(() => {
        readAccountAhead(selectedId);
      });
    }, READ_AHEAD_AFTER_MS);
    return () => {
      clearTimeout(timer);
      if (idle !== undefined) cancelIdleCallback(idle);
    };
  }, [active, selectedId, version]);

  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  // The query a row is picked in is the one the selection already follows (the render above moved it
  // along), so this callback never changes and a new query does not re-render every row for it.
  const select = useCallback((index: number, customerId: string | undefined) => {
    setSelection((previous) => ({ queryKey: previous.queryKey, index, customerId }));
  }, []);

  const move = (index: number) => {
    if (pages.total === 0) return;
    const next = Math.max(0, Math.min(pages.total - 1, index));
    select(next, pages.rowAt(next)?.customerId);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    gridRef.current?.focus({ preventScroll: true });
  };

  const open = useCallback((customerId: string) => {
    openCustomer(customerId);
  }, []);

  const onExplain = useCallback((index: number, anchor: HTMLElement) => {
    setExplain({ index, anchor });
  }, []);

  useWindowKeydown((event: KeyboardEvent) => {
    if (!active || inOverlay(event.target) || hasModifier(event) || isTextEntry(event.target)) return;
    const page = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    const handled = new Map<string, () => void>([
      ['ArrowDown', () => { move(selected + 1); }],
      ['j', () => { move(selected + 1); }],
      ['ArrowUp', () => { move(selected - 1); }],
      ['k', () => { move(selected - 1); }],
      ['Home', () => { move(0); }],
      ['End', () => { move(pages.total - 1); }],
      ['PageDown', () => { move(selected + page); }],
      ['PageUp', () => { move(selected - page); }],
      [
        'Enter',
        () => {
          const row = pages.rowAt(selected);
          if (row) open(row.customerId);
        },
      ],
      [
        'l',
        () => {
          const row = pages.rowAt(selected);
          if (row) onWork({ mode: 'contact', customerId: row.customerId, itemIds: [] });
        },
      ],
      [
        's',
        () => {
          const row = pages.rowAt(selected);
          if (row) onOverride({ customerId: row.customerId, customerName: row.name, kind: 'snooze', current: row.override });
        },
      ],
      [
        'P',
        () => {
          const row = pages.rowAt(selected);
          if (row) onOverride({ customerId: row.customerId, customerName: row.name, kind: 'pin', current: row.override });
        },
      ],
      [
        'e',
        () => {
          virtualizer.scrollToIndex(selected, { align: 'auto' });
          const anchor = document.getElementById(scoreDomId(selected)) ?? document.getElementById(rowDomId(selected));
          if (anchor && pages.rowAt(selected)) setExplain({ index: selected, anchor });
        },
      ],
    ]);
    const action = handled.get(event.key);
    if (!action) return;
    event.preventDefault();
    action();
  });


  const explained = explain ? pages.rowAt(explain.index) : undefined;
  const anyFilter = activeFilterCount(filters) > 0 || trimmed !== '';
  const showEmpty = pages.loaded && !pages.loading && !pages.error && pages.total === 0;

  return (
    <Box component="section" aria-labelledby="worklist-title" sx={{ display: active ? 'flex' : 'none', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 2, pt: 1.5, pb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h1" id="worklist-title">
          {t('worklist.screen.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" role="status" aria-live="polite" data-testid="worklist-count">
          {pages.loaded ? t('worklist.screen.count', { count: pages.total, n: formatCount(pages.total) }) : t(pages.error ? 'worklist.screen.notLoaded' : 'worklist.screen.loading')}
          {pages.asOf ? ` · ${t('worklist.screen.asOf', { date: formatDate(pages.asOf) })}` : ''}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <FilterBar facets={facets.data} filters={filters} onChange={onFilters} firstFilterRef={firstFilterRef} />
      </Box>
      {trimmed !== '' && <SearchMatches search={trimmed} />}
      <Box sx={{ height: 2 }}>{pages.loading && pages.slow && <LinearProgress aria-label={t('worklist.screen.loadingList')} />}</Box>
      {pages.error && <ErrorState error={pages.error} onRetry={pages.retry} what={t('worklist.screen.loadList')} />}
      {facets.error && <ErrorState error={facets.error} onRetry={facets.retry} what={t('worklist.screen.loadFilters')} />}
      <Box
        ref={gridRef}
        role="grid"
        aria-label={t('worklist.screen.grid')}
        aria-rowcount={pages.total + 1}
        aria-colcount={COLUMNS.length}
        aria-activedescendant={pages.total > 0 ? rowDomId(selected) : undefined}
        aria-busy={pages.loading}
        data-query={pages.shownKey}
        tabIndex={0}
        data-testid="worklist-grid"
        sx={{
          flex: 1,
          minHeight: 0,
          overflow: 'auto',
          mx: 2,
          mb: 2,
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          bgcolor: 'background.paper',
          // Dimmed only when a query is slow (as the progress bar): a fast one would make the rows flicker.
          opacity: pages.slow && pages.loaded ? 0.7 : 1,
          transition: 'opacity 120ms',
          '&:focus-visible': { outline: (theme) => `2px solid ${theme.vars?.palette.primary.main ?? 'currentColor'}`, outlineOffset: 2 },
          '&:focus-visible [aria-selected="true"]': { outline: (theme) => `2px solid ${theme.vars?.palette.primary.main ?? 'currentColor'}`, outlineOffset: -2 },
        }}
      >
        <Box role="rowgroup" sx={{ position: 'sticky', top: 0, zIndex: 1, bgcolor: 'background.paper', minWidth: GRID_MIN_WIDTH }}>
          <HeaderRow sort={sort} onSort={onSort} />
        </Box>
        {!pages.loaded && pages.slow && (
          <Box aria-hidden sx={{ px: 1 }}>
            {Array.from({ length: 12 }, (_, index) => (
              <Skeleton key={index} variant="text" height={rowHeight} />
            ))}
          </Box>
        )}
        {showEmpty ? (
          <EmptyState title={t(anyFilter ? 'worklist.screen.noMatch' : 'worklist.screen.empty')}>
            {anyFilter && (
              <Button
                variant="outlined"
                onClick={() => {
                  onFilters({});
                  onClearSearch();
                }}
                sx={{ mt: 1 }}
              >
                {t('worklist.screen.clearAll')}
              </Button>
            )}
          </EmptyState>
        ) : (
          <Box role="rowgroup" sx={{ position: 'relative', height: virtualizer.getTotalSize(), minWidth: GRID_MIN_WIDTH }}>
            {items.map((item) => (
              <WorklistRowView
                key={item.key}
                index={item.index}
                row={pages.rowAt(item.index)}
                asOf={pages.asOf ?? ''}
                selected={item.index === selected}
                height={rowHeight}
                top={item.start}
                t={rowT}
                onSelect={select}
                onOpen={open}
                onExplain={onExplain}
              />
            ))}
          </Box>
        )}
      </Box>
      <Popover
        open={explain !== null && explained !== undefined}
        anchorEl={explain?.anchor}
        onClose={() => {
          setExplain(null);
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        slotProps={{ paper: { role: 'dialog', 'aria-label': t('worklist.screen.explain'), sx: { p: 2, width: 340 } } }}
      >
        {explained && (
          <>
            <Typography variant="h3" component="h2" sx={{ mb: 1 }}>
              <UserText>{explained.name}</UserText>
            </Typography>
            <ScoreFactors score={explained.score} factors={explained.factors} />
          </>
        )}
      </Popover>
    </Box>
  );
});
