import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useDataVersion } from '../collector/dataVersion';
import { EmptyState, ErrorState } from '../common/StatusViews';
import { IssueCard } from './IssueCard';
import { issuesCountText } from './issueText';
import { useSyncStatus } from './syncStatusStore';

/** `#/sync-issues`: the changes the server refused, newest first, each to retry or discard. */
export function SyncIssuesScreen() {
  const { t } = useTranslation();
  const version = useDataVersion();
  // The count in the status moves when a sync refuses something new: the list follows it.
  const count = useSyncStatus()?.issues;
  const list = useQuery(`sync-issues:${String(version)}:${String(count)}`, () => api['sync.issues']({}));
  const issues = list.data ?? [];
  return (
    <Box component="section" aria-labelledby="sync-issues-title" sx={{ flex: 1, minHeight: 0, overflow: 'auto', p: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mb: 0.5 }}>
        <Typography variant="h1" id="sync-issues-title">
          {t('sync.issues.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" role="status" data-testid="sync-issues-count">
          {list.data ? issuesCountText(issues) : t('sync.issues.loading')}
        </Typography>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5, maxWidth: 760 }}>
        {t('sync.issues.intro')}
      </Typography>
      <Box sx={{ height: 2 }}>{list.slow && <LinearProgress aria-label={t('sync.issues.loadingLabel')} />}</Box>
      {list.error && <ErrorState error={list.error} onRetry={list.retry} what={t('sync.issues.what')} />}
      {list.data && issues.length === 0 ? (
        <Paper>
          <EmptyState title={t('sync.issues.emptyTitle')}>{t('sync.issues.emptyText')}</EmptyState>
        </Paper>
      ) : (
        <Box sx={{ display: 'grid', gap: 1.5, maxWidth: 960 }}>
          {issues.map((issue) => (
            <IssueCard key={issue.id} issue={issue} />
          ))}
        </Box>
      )}
    </Box>
  );
}
