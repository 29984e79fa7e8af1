import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import { Activity, lazy, startTransition, Suspense, useCallback, useDeferredValue, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preferences } from '../../../shared/api/contract';
import { AccountScreen } from '../account/AccountScreen';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { seesTeam } from '../team/access';
import { useSyncUserId, useSyncUserKey } from '../sync/syncStatusStore';
import { useDataVersion } from '../collector/dataVersion';
import { OverrideDialog, type OverrideRequest } from '../collector/OverrideDialog';
import { WorkDrawer, type WorkRequest } from '../collector/WorkDrawer';
import type { WorklistFilters } from '../worklist/filters';
import { readFirstPageAhead, worklistQuery } from '../worklist/firstPageAhead';
import { WorklistScreen } from '../worklist/WorklistScreen';
import { HelpDialog } from './HelpDialog';
import { WelcomeScreen } from './WelcomeScreen';
import { focusIsNowhere, hasModifier, isTextEntry, inOverlay } from './keys';
import { usePrefs } from './prefs';
import { goBack, goHome, openDashboard, openFollowUps, openReports, openSyncIssues, openTeam, startOnWorklist, useRoute } from './router';
import { TopBar } from './TopBar';
import { useAppCommands } from './useAppCommands';
import { useGoToShortcuts } from './useGoToShortcuts';
import { useLingeringAccount } from './useLingeringAccount';
import { useWindowKeydown } from './useWindowKeydown';
import { maybeErrorText } from '../i18n/errorText';
import styles from './App.module.css';

// The screens a collector opens now and then load when first opened: the first worklist row does not
// wait for the charts of the dashboard, the reports' forms or the team's tables to be parsed.
const FollowUpsScreen = lazy(() => import('../collector/FollowUpsScreen').then((module) => ({ default: module.FollowUpsScreen })));
const DashboardScreen = lazy(() => import('../dashboard/DashboardScreen').then((module) => ({ default: module.DashboardScreen })));
const TeamScreen = lazy(() => import('../team/TeamScreen').then((module) => ({ default: module.TeamScreen })));
const ReportsScreen = lazy(() => import('../reports/ReportsScreen').then((module) => ({ default: module.ReportsScreen })));
const SyncIssuesScreen = lazy(() => import('../sync/SyncIssuesScreen').then((module) => ({ default: module.SyncIssuesScreen })));

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const { prefs, update, saveError } = usePrefs();
  const [search, setSearch] = useState('');
  // No debounce: a search answers in milliseconds, so every keystroke queries at once; the list renders
  // the deferred text, so typing is never held up by it, and a query typed over is dropped.
  const deferredSearch = useDeferredValue(search);
  const [filters, setFilters] = useState<WorklistFilters>(prefs.lastFilters);
  const [sort, setSort] = useState<Preferences['lastSort']>(prefs.lastSort);
  const [helpOpen, setHelpOpen] = useState(false);
  const [work, setWork] = useState<WorkRequest | null>(null);
  const [override, setOverride] = useState<OverrideRequest | null>(null);
  /** What the snackbar says; `undo` gives it an Undo button (a Cancel that threw a draft away). */
  const [saved, setSaved] = useState<{ message: string; at: number; undo?: () => void } | null>(null);
  const syncUserKey = useSyncUserKey();
  const syncUserId = useSyncUserId();
  const dataVersion = useDataVersion();
  // Someone else signed in on this workstation: they start on their worklist, not on the screen the
  // previous user left open (a team lead's team screen is no collector's).
  const lastUserId = useRef(syncUserId);
  useEffect(() => {
    if (syncUserId === '' || syncUserId === lastUserId.current) return;
    const switched = lastUserId.current !== '';
    lastUserId.current = syncUserId;
    if (switched) startOnWorklist();
  }, [syncUserId]);
  // Re-read with the data: "today" moves at the user's midnight and with their time-zone setting.
  const info = useQuery(`app.info:${syncUserKey}:${dataVersion}`, () => api['app.info']({}));
  const setup = useQuery(`sync.setup:${syncUserKey}:${dataVersion}`, () => api['sync.setup']({}));
  const asOf = info.data?.asOf ?? '';
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const firstFilterRef = useRef<HTMLDivElement>(null);
  const onWorklist = route.screen === 'worklist';

  // A new query's first page is asked for at the keystroke or click, before the list re-renders for it.
  const query = useRef({ search, filters, sort });
  useLayoutEffect(() => {
    query.current = { search, filters, sort };
  });
  const changeFilters = useCallback(
    (next: WorklistFilters) => {
      readFirstPageAhead(worklistQuery(query.current.search, next, query.current.sort));
      setFilters(next);
      // Remembered in the background: every user of the preferences re-renders for it, which held up the chip's own frame.
      startTransition(() => {
        update({ lastFilters: next });
      });
    },
    [update],
  );
  const changeSort = useCallback(
    (next: Preferences['lastSort']) => {
      readFirstPageAhead(worklistQuery(query.current.search, query.current.filters, next));
      setSort(next);
      startTransition(() => {
        update({ lastSort: next });
      });
    },
    [update],
  );

  const openHelp = useCallback(() => {
    setHelpOpen(true);
  }, []);
  const closeHelp = useCallback(() => {
    setHelpOpen(false);
  }, []);
  const clearSearch = useCallback(() => {
    setSearch('');
  }, []);
  const accountId = useLingeringAccount(route.screen === 'customer' ? route.customerId : null);

  const onSearch = (value: string) => {
    if (value.trim() !== search.trim()) readFirstPageAhead(worklistQuery(value, filters, sort));
    setSearch(value);
    if (!onWorklist) goHome();
  };

  const onSearchKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter') {
      event.preventDefault();
      if (!onWorklist) goHome();
      gridRef.current?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (search !== '') setSearch('');
      else event.currentTarget.blur();
    }
  };

  const focusSearch = () => {
    searchRef.current?.focus();
    searchRef.current?.select();
  };

  useAppCommands((command) => {
    switch (command) {
      case 'show-shortcuts':
        setHelpOpen(true);
        return;
      case 'focus-search':
        focusSearch();
        return;
      case 'go-worklist':
        goHome();
        return;
      case 'go-follow-ups':
        openFollowUps();
        return;
      case 'go-team':
        if (seesTeam(info.data?.user?.role)) openTeam();
        return;
      case 'go-dashboard':
        openDashboard();
        return;
      case 'go-reports':
        openReports();
        return;
      case 'go-sync-issues':
        openSyncIssues();
        return;
    }
  });

  useGoToShortcuts({
    f: openFollowUps,
    d: openDashboard,
    r: openReports,
    s: openSyncIssues,
    t: seesTeam(info.data?.user?.role) ? openTeam : undefined,
  });
  useWindowKeydown((event: KeyboardEvent) => {
    if (event.key === 'ArrowLeft' && event.altKey && !onWorklist) {
      event.preventDefault();
      goBack();
      return;
    }
    if (inOverlay(event.target) || hasModifier(event)) return;
    if (isTextEntry(event.target)) {
      // Escape leaves a field (the next Escape then goes back); the search box handles its own.
      if (event.key === 'Escape' && event.target instanceof HTMLElement && event.target !== searchRef.current) event.target.blur();
      return;
    }
    if (event.key === '/') {
      event.preventDefault();
      focusSearch();
    } else if (event.key === '?') {
      event.preventDefault();
      setHelpOpen(true);
    } else if (event.key === 'f' && onWorklist) {
      event.preventDefault();
      firstFilterRef.current?.focus();
    } else if (event.key === 'Escape' && !onWorklist) {
      event.preventDefault();
      goBack();
    }
  });


  // Coming back from an account puts the keyboard back on the worklist where it was. The account left
  // stays mounted, hidden, for a moment, so the keyboard may still be inside it: that counts as nowhere.
  useEffect(() => {
    if (onWorklist && focusIsNowhere()) gridRef.current?.focus({ preventScroll: true });
  }, [onWorklist]);

  // A first start chooses the demo or the company's server before there is anything to show.
  if (setup.data?.needed === true) return <WelcomeScreen setup={setup.data} />;

  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default', color: 'text.primary' }}>
      <TopBar
        search={search}
        onSearch={onSearch}
        onSearchKeyDown={onSearchKeyDown}
        searchRef={searchRef}
        onHelp={openHelp}
        onHome={goHome}
        onFollowUps={openFollowUps}
        onTeam={openTeam}
        onDashboard={openDashboard}
        onReports={openReports}
        info={info.data}
      />
      <Box component="main" sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', position: 'relative' }}>
        <WorklistScreen
          active={onWorklist}
          covered={route.screen === 'customer'}
          search={deferredSearch}
          filters={filters}
          sort={sort}
          onFilters={changeFilters}
          onSort={changeSort}
          onClearSearch={clearSearch}
          gridRef={gridRef}
          firstFilterRef={firstFilterRef}
          onWork={setWork}
          onOverride={setOverride}
        />
        {accountId !== null && (
          <Activity mode={route.screen === 'customer' ? 'visible' : 'hidden'}>
            <div className={styles.over}>
              <AccountScreen key={accountId} customerId={accountId} onWork={setWork} onOverride={setOverride} />
            </div>
          </Activity>
        )}
        <Suspense fallback={null}>
          {route.screen === 'followUps' && <FollowUpsScreen asOf={asOf} />}
          {route.screen === 'team' && <TeamScreen user={info.data?.user ?? null} asOf={asOf} />}
          {route.screen === 'dashboard' && asOf !== '' && <DashboardScreen asOf={asOf} />}
          {route.screen === 'syncIssues' && <SyncIssuesScreen />}
          {route.screen === 'reports' && asOf !== '' && <ReportsScreen asOf={asOf} />}
        </Suspense>
      </Box>
      <Snackbar open={saveError !== undefined} anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}>
        <Alert severity="warning" variant="filled">
          {t('app.main.settingsNotSaved', { message: maybeErrorText(saveError, { showField: true }) ?? '' })}
        </Alert>
      </Snackbar>
      <WorkDrawer
        request={work}
        onClose={() => {
          setWork(null);
        }}
        onSaved={(message) => {
          setWork(null);
          setSaved({ message, at: Date.now() });
        }}
        onDiscarded={(undo) => {
          if (work === null) return;
          const reopen = work;
          setSaved({
            message: t('app.main.discarded'),
            at: Date.now(),
            undo: () => {
              // Any form open meanwhile is closed first (its close stores what it held), then the discarded text is stored
              // over that, and the form reopens reading it.
              setWork(null);
              setTimeout(() => {
                void undo().then((restored) => {
                  if (restored) setWork({ ...reopen });
                  else setSaved({ message: t('app.main.notRestored'), at: Date.now() });
                });
              }, 0);
            },
          });
        }}
      />
      {override && (
        <OverrideDialog
          request={override}
          asOf={asOf}
          onClose={() => {
            setOverride(null);
          }}
          onSaved={(message) => {
            setOverride(null);
            setSaved({ message, at: Date.now() });
          }}
        />
      )}
      <Snackbar
        key={saved?.at}
        open={saved !== null}
        autoHideDuration={saved?.undo === undefined ? 4_000 : 8_000}
        onClose={(_event, reason) => {
          // An Undo stays for its time: a click elsewhere or Escape (this app's everyday keys) does not take it away.
          if (saved?.undo !== undefined && (reason === 'clickaway' || reason === 'escapeKeyDown')) return;
          setSaved(null);
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert
          severity={saved?.undo === undefined ? 'success' : 'info'}
          variant="filled"
          data-testid="saved-message"
          action={
            saved?.undo === undefined ? undefined : (
              <Button
                color="inherit"
                size="small"
                onClick={() => {
                  saved.undo?.();
                  setSaved(null);
                }}
              >
                {t('app.main.undo')}
              </Button>
            )
          }
        >
          {saved?.message}
        </Alert>
      </Snackbar>
      <HelpDialog
        open={helpOpen}
        onClose={closeHelp}
      />
    </Box>
  );
}
