import PushPin from '@mui/icons-material/PushPinOutlined';
import Snooze from '@mui/icons-material/Snooze';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { memo, useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverrideKind } from '../../../shared/domain/codes';
import { api } from '../api/client';
import { readAccount } from '../api/readAhead';
import { useQuery } from '../api/useQuery';
import { focusIsNowhere, hasModifier, inOverlay, isTextEntry } from '../app/keys';
import { DisputesSection, EscalationsSection, FollowUpsSection, NotesSection, PromisesSection } from '../collector/AccountWork';
import { useDataVersion } from '../collector/dataVersion';
import type { OverrideRequest } from '../collector/OverrideDialog';
import type { WorkMode, WorkRequest } from '../collector/WorkDrawer';
import { ScoreFactors } from '../common/ScoreFactors';
import { SecondStage } from '../common/SecondStage';
import { ErrorState } from '../common/StatusViews';
import { afterNextPaint } from '../common/afterNextPaint';
import { formatDate } from '../common/format';
import { useCommand } from '../collector/useCommand';
import { AccountHeader } from './AccountHeader';
import { PaymentBehaviour } from './PaymentBehaviour';
import { Balances } from './Balances';
import { Contacts } from './Contacts';
import { OpenItemsTable } from './OpenItemsTable';
import { Timeline } from './Timeline';
import { useWindowKeydown } from '../app/useWindowKeydown';
import { Kbd } from '../common/Kbd';
import { useUsers } from '../collector/useUsers';
import { errorText } from '../i18n/errorText';

function AccountSkeleton() {
  const { t } = useTranslation();
  return (
    <Box aria-busy="true" aria-label={t('account.screen.loading')} sx={{ display: 'grid', gap: 2 }}>
      <Skeleton variant="rounded" height={120} />
      <Skeleton variant="rounded" height={140} />
      <Skeleton variant="rounded" height={320} />
    </Box>
  );
}

interface AccountScreenProps {
  readonly customerId: string;
  readonly onWork: (request: WorkRequest) => void;
  readonly onOverride: (request: OverrideRequest) => void;
}

/** One empty list for every account without aging, so the memoised items toolbar sees the same one. */
const NO_BUCKETS: readonly { key: string; label: string }[] = [];

const WORK_KEYS: Readonly<Record<string, WorkMode>> = { l: 'contact', p: 'promise', d: 'dispute' };
/** The key shown on each button: the shortcuts are the same in every language, so these are not translated. */
const KEY_CAPS = { contact: 'L', promise: 'P', dispute: 'D' } as const;

/** The override chip's text and its spoken name, by kind, with and without an end date. */
const OVERRIDE_KEYS = {
  pin: { label: 'account.override.pinned', until: 'account.override.pinnedUntil', name: 'account.override.pinnedClear' },
  snooze: { label: 'account.override.snoozed', until: 'account.override.snoozedUntil', name: 'account.override.snoozedClear' },
} as const satisfies Readonly<Record<OverrideKind, { label: string; until: string; name: string }>>;

/** Memoised: the app re-renders on every route change, and a hidden account re-rendered for it would cost a background render of all its sections. */
export const AccountScreen = memo(function AccountScreen({ customerId, onWork, onOverride }: AccountScreenProps) {
  const { t } = useTranslation();
  const version = useDataVersion();
  // The version re-reads the account after every command; the last good data stays on screen meanwhile.
  const account = useQuery(`account:${customerId}:${version}`, () => readAccount(customerId));
  const sectionRef = useRef<HTMLElement>(null);
  const focused = useRef(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const data = account.data?.customer.id === customerId ? account.data : undefined;
  // What is in progress, with ids and allowed actions; tagged with its customer so a switch never shows the last one's work.
  const workQuery = useQuery(`work:${customerId}:${version}`, async () => {
    const result = await api['customer.work']({ customerId });
    return result.ok ? { ok: true as const, value: { customerId, work: result.value } } : result;
  });
  const work = workQuery.data?.customerId === customerId ? workQuery.data.work : undefined;
  const users = useUsers().data ?? [];
  const override = work?.override ?? null;
  const clear = useCommand();

  // Put the keyboard inside the account once, so screen readers announce it and Tab starts here. After
  // the account is painted: focusing needs a layout, which inside the render forced one of the whole account.
  useEffect(() => {
    if (!data || focused.current) return;
    // Unless the user clicked or pressed a key in that frame: a click puts the keyboard where they want
    // it, and a key pressed while the keyboard is nowhere (the list it was in is covered) moves it into
    // the account first, so a Tab typed at once still starts here. A focus moved by code meanwhile (a
    // closing menu giving it back to its button) does not count.
    let interacted = false;
    const onInput = (event: Event) => {
      interacted = true;
      if (event.type === 'keydown' && focusIsNowhere()) sectionRef.current?.focus({ preventScroll: true });
    };
    window.addEventListener('keydown', onInput, true);
    window.addEventListener('pointerdown', onInput, true);
    const cancel = afterNextPaint(() => {
      focused.current = true;
      if (!interacted) sectionRef.current?.focus({ preventScroll: true });
    });
    return () => {
      cancel();
      window.removeEventListener('keydown', onInput, true);
      window.removeEventListener('pointerdown', onInput, true);
    };
  }, [data]);
  // Hidden behind the worklist and shown again (the same customer reopened at once): it takes the keyboard again.
  useEffect(
    () => () => {
      focused.current = false;
    },
    [],
  );
  // What is beside and below the items renders a moment later, in the background: the header and the
  // items are painted first, and a key pressed meanwhile is not held up by the timeline or the chart.
  const rest = useDeferredValue(data);
  // In two stages, so neither commit is one long task: the score, follow-ups and contacts beside the
  // items first, then (SecondStage) the timeline, the payment chart and the promise, dispute and note sections.
  const [sideShown, setSideShown] = useState(false);
  const onSideShown = useCallback(() => {
    setSideShown(true);
  }, []);
  const [workShown, setWorkShown] = useState(false);
  const onWorkShown = useCallback(() => {
    setWorkShown(true);
  }, []);

  const openWork = (mode: WorkMode) => {
    if (!data) return;
    onWork({ mode, customerId, itemIds: data.openItems.filter((item) => selected.has(item.id)).map((item) => item.id) });
  };

  useWindowKeydown((event: KeyboardEvent) => {
    if (inOverlay(event.target) || hasModifier(event) || isTextEntry(event.target)) return;
    const mode = WORK_KEYS[event.key];
    if (mode === undefined) return;
    event.preventDefault();
    openWork(mode);
  });


  return (
    <Box
      component="section"
      ref={sectionRef}
      tabIndex={-1}
      aria-labelledby={data ? 'account-title' : undefined}
      aria-label={data ? undefined : t('account.screen.label')}
      // Busy until the deferred side column and the work sections are in as well: the work is a read of its own
      // and can come after the timeline's stage is shown (a failed read is not busy: its error is said).
      aria-busy={data !== undefined && (rest === undefined || !sideShown || (!workShown && !workQuery.error))}
      // A size container: the side column below measures its height against this scroll area (cqh).
      sx={{ flex: 1, minHeight: 0, overflow: 'auto', p: 2, outline: 'none', containerType: 'size' }}
    >
      {account.error && <ErrorState error={account.error} onRetry={account.retry} what={t('account.screen.loadAccount')} />}
      {!data && !account.error && account.slow && <AccountSkeleton />}
      {data && (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'minmax(0, 1fr)' }}>
          <AccountHeader account={data} />
          <Box role="toolbar" aria-label={t('account.actions.label')} sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            <Button variant="contained" onClick={() => { openWork('contact'); }} aria-keyshortcuts="l">
              {t('account.actions.logContact')}<Kbd>{KEY_CAPS.contact}</Kbd>
            </Button>
            <Button variant="outlined" onClick={() => { openWork('promise'); }} aria-keyshortcuts="p">
              {t('account.actions.promise')}<Kbd>{KEY_CAPS.promise}</Kbd>
            </Button>
            <Button variant="outlined" onClick={() => { openWork('dispute'); }} aria-keyshortcuts="d">
              {t('account.actions.dispute')}<Kbd>{KEY_CAPS.dispute}</Kbd>
            </Button>
            <Box sx={{ flex: 1 }} />
            {override && (
              <Chip
                icon={override.kind === 'pin' ? <PushPin /> : <Snooze />}
                color={override.kind === 'pin' ? 'primary' : 'default'}
                variant="outlined"
                data-testid="override-status"
                // A long reason gives way (its whole text is the accessible name) so Pin and Snooze stay on the row.
                sx={{ maxWidth: 'min(520px, 45vw)' }}
                label={
                  override.expiresAt
                    ? t(OVERRIDE_KEYS[override.kind].until, { reason: override.reason, date: formatDate(override.expiresAt) })
                    : t(OVERRIDE_KEYS[override.kind].label, { reason: override.reason })
                }
                onDelete={() => void clear.run(() => api['worklist.clearOverride']({ customerId }))}
                aria-label={t(OVERRIDE_KEYS[override.kind].name, { reason: override.reason })}
              />
            )}
            {clear.error && (
              <Typography variant="body2" color="error" role="alert">
                {errorText(clear.error, { showField: true })}
              </Typography>
            )}
            <Button
              color="inherit"
              startIcon={<PushPin />}
              onClick={() => {
                onOverride({ customerId, customerName: data.customer.name, kind: 'pin', current: override });
              }}
            >
              {t('account.actions.pin')}
            </Button>
            <Button
              color="inherit"
              startIcon={<Snooze />}
              onClick={() => {
                onOverride({ customerId, customerName: data.customer.name, kind: 'snooze', current: override });
              }}
            >
              {t('account.actions.snooze')}
            </Button>
          </Box>
          <Balances account={data} />
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 2.2fr) minmax(300px, 1fr)' }, alignItems: 'start' }}>
            <Box sx={{ display: 'grid', gap: 2, minWidth: 0, gridTemplateColumns: 'minmax(0, 1fr)' }}>
              <OpenItemsTable items={data.openItems} buckets={data.aging[0]?.buckets ?? NO_BUCKETS} selected={selected} setSelected={setSelected} />
              <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', xl: 'minmax(0, 1fr) minmax(0, 1fr)' }, alignItems: 'start' }}>
                {rest && work && (
                  <SecondStage onShown={onWorkShown}>
                    <PromisesSection
                      promises={work.promises}
                      openItems={data.openItems}
                      onNew={() => {
                        openWork('promise');
                      }}
                    />
                    <DisputesSection
                      disputes={work.disputes}
                      attachments={work.attachments}
                      openItems={data.openItems}
                      users={users}
                      onNew={() => {
                        openWork('dispute');
                      }}
                    />
                  </SecondStage>
                )}
              </Box>
              {workQuery.error && <ErrorState error={workQuery.error} onRetry={workQuery.retry} what={t('account.screen.loadWork')} />}
              {rest && work && (
                <SecondStage onShown={onWorkShown}>
                  <NotesSection customerId={customerId} notes={work.notes} attachments={work.attachments} users={users} />
                </SecondStage>
              )}
            </Box>
            {/*
              The side column stays beside the items and scrolls on its own, so a long timeline never makes
              the page run on past the items; below the lg breakpoint it follows them as part of the page.
            */}
            {rest && (
              <Box
                data-testid="account-side"
                sx={{
                  display: 'grid',
                  gap: 2,
                  minWidth: 0,
                  gridTemplateColumns: 'minmax(0, 1fr)',
                  alignContent: 'start',
                  position: { lg: 'sticky' },
                  top: { lg: 0 },
                  maxHeight: { lg: 'calc(100cqh - 32px)' },
                  overflowY: { lg: 'auto' },
                  overscrollBehavior: 'contain',
                  pr: { lg: 0.5 },
                }}
              >
                <Paper component="section" aria-labelledby="score-title" sx={{ p: 2 }}>
                  <Typography variant="h2" id="score-title" sx={{ mb: 1 }}>
                    {t('account.score.title')}
                  </Typography>
                  <ScoreFactors score={data.score} factors={data.factors} />
                </Paper>
                {work && <FollowUpsSection customerId={customerId} followUps={work.followUps} openItems={data.openItems} asOf={data.asOf} />}
                {work && <EscalationsSection customerId={customerId} currency={data.customer.currency} escalations={work.escalations} />}
                <Contacts customerId={customerId} contacts={data.contacts} />
                <SecondStage onShown={onSideShown}>
                  <Timeline customerId={customerId} attachments={work?.attachments ?? []} users={users} />
                  <PaymentBehaviour behaviour={data.paymentBehaviour} />
                </SecondStage>
              </Box>
            )}
          </Box>
        </Box>
      )}
    </Box>
  );
});
