import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import Typography from '@mui/material/Typography';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationOutput } from '../../../shared/api/contract';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useDataVersion } from '../collector/dataVersion';
import { formatCount, formatDate } from '../common/format';
import { EmptyState, ErrorState } from '../common/StatusViews';
import { decides, seesTeam } from './access';
import { ApprovalsList } from './ApprovalsList';
import { CollectorLoadTable } from './CollectorLoadTable';
import { DecisionDialog } from './DecisionDialog';
import type { DecisionRequest } from './decisions';
import { ReassignDialog } from './ReassignDialog';
import { TeamWorklist } from './TeamWorklist';

type User = NonNullable<OperationOutput<'app.info'>['user']>;

function Section({ id, title, aside, children }: { id: string; title: string; aside?: string; children: ReactNode }) {
  return (
    <Box component="section" aria-labelledby={id} sx={{ display: 'grid', gap: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2 }}>
        <Typography variant="h2" id={id}>
          {title}
        </Typography>
        {aside && (
          <Typography variant="body2" color="text.secondary">
            {aside}
          </Typography>
        )}
      </Box>
      {children}
    </Box>
  );
}

/** The team lead's screen: each collector's load, the requests waiting for approval, and the team worklist to reassign from. */
export function TeamScreen({ user, asOf }: { user: User | null; asOf: string }) {
  const { t } = useTranslation();
  const version = useDataVersion();
  const allowed = seesTeam(user?.role);
  const load = useQuery(`team-load:${version}:${String(allowed)}`, () => api['team.load']({}));
  const pending = useQuery(`team-escalations:${version}:${String(allowed)}`, () => api['team.escalations']({}));
  const [collector, setCollector] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [decision, setDecision] = useState<DecisionRequest | null>(null);
  const [reassigning, setReassigning] = useState(false);
  const [message, setMessage] = useState<{ text: string; at: number } | null>(null);
  const collectors = useMemo(() => load.data?.collectors ?? [], [load.data]);
  const shownIds = useMemo(() => (collector === null ? collectors.map((c) => c.collectorId) : [collector]), [collector, collectors]);
  const collectorName = collectors.find((c) => c.collectorId === collector)?.displayName;

  if (!allowed) {
    return (
      <Box component="section" sx={{ p: 2 }}>
        <EmptyState title={t('team.screen.deniedTitle')}>{t('team.screen.deniedText')}</EmptyState>
      </Box>
    );
  }
  const done = (text: string) => {
    setDecision(null);
    setReassigning(false);
    setSelected(new Set());
    setMessage({ text, at: Date.now() });
  };
  const pendingCount = pending.data?.length ?? 0;

  return (
    <Box component="section" aria-labelledby="team-title" sx={{ flex: 1, minHeight: 0, overflow: 'auto', p: 2, display: 'grid', gap: 3, alignContent: 'start' }}>
      <Typography variant="h1" id="team-title">
        {t('team.screen.title')}
      </Typography>
      <Section id="team-load-title" title={t('team.screen.load')} aside={load.data ? t('team.screen.loadAside', { date: formatDate(load.data.weekStart) }) : undefined}>
        {load.error && <ErrorState error={load.error} onRetry={load.retry} what={t('team.screen.loadWhat')} />}
        {load.data && (
          <CollectorLoadTable
            load={load.data}
            selected={collector}
            onSelect={(id) => {
              setCollector(id);
              setSelected(new Set());
            }}
          />
        )}
      </Section>
      <Section
        id="team-approvals-title"
        title={t('team.screen.approvals')}
        aside={pending.data ? t('team.screen.requests', { count: pendingCount, n: formatCount(pendingCount) }) : undefined}
      >
        {pending.error && <ErrorState error={pending.error} onRetry={pending.retry} what={t('team.screen.approvalsWhat')} />}
        {pending.data && <ApprovalsList escalations={pending.data} mayDecide={decides(user?.role)} myId={user?.id ?? null} onDecide={setDecision} />}
      </Section>
      <Section id="team-worklist-title" title={collectorName ? t('team.screen.customersOf', { name: collectorName }) : t('team.screen.teamCustomers')}>
        {collector !== null && (
          <Button
            size="small"
            sx={{ justifySelf: 'start' }}
            onClick={() => {
              setCollector(null);
              setSelected(new Set());
            }}
          >
            {t('team.screen.wholeTeam')}
          </Button>
        )}
        {load.data && shownIds.length > 0 && (
          <TeamWorklist
            collectorIds={shownIds}
            asOf={asOf}
            selected={selected}
            setSelected={setSelected}
            mayReassign
            onReassign={() => {
              setReassigning(true);
            }}
          />
        )}
      </Section>
      {decision && (
        <DecisionDialog
          request={decision}
          onClose={() => {
            setDecision(null);
          }}
          onDone={done}
        />
      )}
      {reassigning && (
        <ReassignDialog
          customerIds={[...selected]}
          collectors={collectors}
          from={collector}
          onClose={() => {
            setReassigning(false);
          }}
          onDone={done}
        />
      )}
      <Snackbar
        key={message?.at}
        open={message !== null}
        autoHideDuration={4_000}
        onClose={() => {
          setMessage(null);
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="success" variant="filled" data-testid="team-message">
          {message?.text}
        </Alert>
      </Snackbar>
    </Box>
  );
}
