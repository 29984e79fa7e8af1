import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Popover from '@mui/material/Popover';
import Skeleton from '@mui/material/Skeleton';
import TableSortLabel from '@mui/material/TableSortLabel';
import Typography from '@mui/material/Typography';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ComponentProps, type Ref, type RefObject } from 'react';
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
import { observeShownOffset, observeShownRect } from '../common/shownScrollObservers';
import { EmptyState, ErrorState } from '../common/StatusViews';
import { COLUMNS, GRID_MIN_WIDTH, GRID_TEMPLATE, type Column } from './columns';
import { FilterBar } from './FilterBar';
import { SearchMatches } from './SearchMatches';
import { activeFilterCount, filtersKey, type WorklistFilters } from './filters';
import { worklistQuery } from './firstPageAhead';
import { PAGE_SIZE } from './pageSize';
import { useWorklistPages, type WorklistRow } from './useWorklistPages';
import styles from './WorklistScreen.module.css';
import { rowDomId, scoreDomId, WorklistRowView } from './WorklistRowView';
import { useWindowKeydown } from '../app/useWindowKeydown';
import { UserText } from '../common/UserText';
import { memoT } from '../i18n/memoT';
import { clsx } from 'clsx';

type Sort = Preferences['lastSort'];

interface WorklistScreenProps {
  readonly active: boolean;
  /** An account is laid over the list: it stays laid out, invisible, so coming back paints at once. */
  readonly covered: boolean;
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
/** Rows read on either side of those shown. */
const READ_AROUND_ROWS = PAGE_SIZE / 2;
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

interface HeadingProps {
  readonly loaded: boolean;
  readonly total: number;
  readonly asOf: string | undefined;
  readonly failed: boolean;
  readonly facets: ComponentProps<typeof FilterBar>['facets'];
  readonly filters: WorklistFilters;
  readonly onFilters: (filters: WorklistFilters) => void;
  readonly firstFilterRef: Ref<HTMLDivElement>;
}

/** The title, the count and the filters: memoised, so a selection move does not re-render them. */
const WorklistHeading = memo(function WorklistHeading({ loaded, total, asOf, failed, facets, filters, onFilters, firstFilterRef }: HeadingProps) {
  const { t } = useTranslation();
  return (
    // The filters have a row of their own: turning one on (its check mark, the Clear button) then never
    // reflows the title row and moves the list, which also cost the chip's frame a layout of every row.
    <Box sx={{ px: 2, pt: 1.5, pb: 1, display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h1" id="worklist-title">
          {t('worklist.screen.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" role="status" aria-live="polite" data-testid="worklist-count">
          {loaded ? t('worklist.screen.count', { count: total, n: formatCount(total) }) : t(failed ? 'worklist.screen.notLoaded' : 'worklist.screen.loading')}
          {asOf ? ` · ${t('worklist.screen.asOf', { date: formatDate(asOf) })}` : ''}
        </Typography>
      </Box>
      <FilterBar facets={facets} filters={filters} onChange={onFilters} firstFilterRef={firstFilterRef} />
    </Box>
  );
});

/** Why a row scores what it does, opened from its score. */
const ExplainPopover = memo(function ExplainPopover({ row, anchor, onClose }: { row: WorklistRow | undefined; anchor: HTMLElement | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Popover
      open={anchor !== undefined && row !== undefined}
      anchorEl={anchor}
      onClose={onClose}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      slotProps={{ paper: { role: 'dialog', 'aria-label': t('worklist.screen.explain'), sx: { p: 2, width: 340 } } }}
    >
      {row && (
        <>
          <Typography variant="h3" component="h2" sx={{ mb: 1 }}>
            <UserText>{row.name}</UserText>
          </Typography>
          <ScoreFactors score={row.score} factors={row.factors} />
        </>
      )}
    </Popover>
  );
});

/** Memoised: its props are stable, so a keystroke in the search box or a dialog opening elsewhere does not re-render the list. */
export const WorklistScreen = memo(function WorklistScreen({ active, covered, search, filters, sort, onFilters, onSort, onClearSearch, gridRef, firstFilterRef, onWork, onOverride }: WorklistScreenProps) {
  const { t } = useTranslation();
  const { prefs } = usePrefs();
  const rowT = useMemo(() => memoT(t), [t]);
  const rowHeight = ROW_HEIGHT[prefs.density];
  const facets = useQuery('facets', () => api['worklist.facets']({}));
  const trimmed = search.trim();
  const pages = useWorklistPages(worklistQuery(search, filters, sort));
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
    // Hidden behind an account, the grid keeps its rows: coming back shows them at once, where they were.
    observeElementRect: observeShownRect,
    observeElementOffset: observeShownOffset,
    // Few rows beyond the visible ones: every query change and page move re-renders all rows rendered.
    overscan: 5,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  // Rows are keyed by their slot in the window of rows rendered, not by their index: a row scrolled out
  // gives its elements to the row scrolled in, so PageDown updates the text of twenty rows instead of
  // building them anew (a long task). The window's size only grows, so slots stay unique and stable.
  const slots = useRef(0);
  slots.current = Math.max(slots.current, items.length);
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

  // Half a page around the rows shown is read ahead, so a PageDown or a scroll finds its rows loaded
  // instead of skeletons that a page's answer then replaces in one long render.
  useEffect(() => {
    ensure(first - READ_AROUND_ROWS, last + READ_AROUND_ROWS);
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

  // Scrolls just enough to show the row whole below the sticky header, from the rows' fixed height.
  // Not the virtualizer's scrollToIndex: it re-reads the scroll height over the next frames, forcing a
  // layout in each, and a selection move must paint in the key's own frame.
  const reveal = (index: number) => {
    const grid = gridRef.current;
    if (!grid) return;
    const top = index * rowHeight;
    if (top < grid.scrollTop) grid.scrollTop = top;
    else if (HEADER_HEIGHT + top + rowHeight > grid.scrollTop + grid.clientHeight) grid.scrollTop = HEADER_HEIGHT + top + rowHeight - grid.clientHeight;
  };

  const move = (index: number) => {
    if (pages.total === 0) return;
    const next = Math.max(0, Math.min(pages.total - 1, index));
    select(next, pages.rowAt(next)?.customerId);
    reveal(next);
    gridRef.current?.focus({ preventScroll: true });
  };

  const open = useCallback((customerId: string) => {
    openCustomer(customerId);
  }, []);

  const onExplain = useCallback((index: number, anchor: HTMLElement) => {
    setExplain({ index, anchor });
  }, []);
  const closeExplain = useCallback(() => {
    setExplain(null);
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
          reveal(selected);
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
  const gridLabel = useMemo(() => t('worklist.screen.grid'), [t]);
  const anyFilter = activeFilterCount(filters) > 0 || trimmed !== '';
  const showEmpty = pages.loaded && !pages.loading && !pages.error && pages.total === 0;

  return (
    // Under an account the list is inert as well: its section (a landmark) leaves the accessibility tree and a focus left in it moves out.
    <section aria-labelledby="worklist-title" className={clsx(styles.screen, covered && styles.covered)} hidden={!active && !covered} inert={covered}>
      <WorklistHeading loaded={pages.loaded} total={pages.total} asOf={pages.asOf} failed={pages.error !== undefined} facets={facets.data} filters={filters} onFilters={onFilters} firstFilterRef={firstFilterRef} />
      {trimmed !== '' && <SearchMatches search={trimmed} />}
      <div className={styles.progress}>{pages.loading && pages.slow && <LinearProgress aria-label={t('worklist.screen.loadingList')} />}</div>
      {pages.error && <ErrorState error={pages.error} onRetry={pages.retry} what={t('worklist.screen.loadList')} />}
      {facets.error && <ErrorState error={facets.error} onRetry={facets.retry} what={t('worklist.screen.loadFilters')} />}
      <div
        ref={gridRef}
        role="grid"
        aria-label={gridLabel}
        aria-rowcount={pages.total + 1}
        aria-colcount={COLUMNS.length}
        aria-activedescendant={pages.total > 0 ? rowDomId(selected) : undefined}
        aria-busy={pages.loading}
        data-query={pages.shownKey}
        tabIndex={0}
        data-testid="worklist-grid"
        className={clsx(styles.grid, pages.slow && pages.loaded && styles.slow)}
      >
        <div role="rowgroup" className={styles.head} style={{ minWidth: GRID_MIN_WIDTH }}>
          <HeaderRow sort={sort} onSort={onSort} />
        </div>
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
          <div role="rowgroup" className={styles.body} style={{ height: virtualizer.getTotalSize(), minWidth: GRID_MIN_WIDTH }}>
            {items.map((item) => (
              <WorklistRowView
                key={item.index % slots.current}
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
          </div>
        )}
      </div>
      <ExplainPopover row={explained} anchor={explain?.anchor} onClose={closeExplain} />
    </section>
  );
});
