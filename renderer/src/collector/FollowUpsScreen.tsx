import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { OperationOutput } from '../../../shared/api/contract';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { openCustomer } from '../app/router';
import { formatCount, formatDate, relativeDay } from '../common/format';
import { EmptyState, ErrorState } from '../common/StatusViews';
import { useDataVersion } from './dataVersion';
import { useCommand } from './useCommand';
import { UserText } from '../common/UserText';
import { errorText } from '../i18n/errorText';

type MyFollowUp = OperationOutput<'followUps.mine'>[number];

function FollowUpRow({ followUp, asOf }: { followUp: MyFollowUp; asOf: string }) {
  const { t } = useTranslation();
  const complete = useCommand();
  return (
    <Box
      component="li"
      data-testid="my-follow-up"
      sx={{ display: 'grid', gridTemplateColumns: '140px minmax(0, 1fr) auto', gap: 2, alignItems: 'center', px: 2, py: 1, borderTop: 1, borderColor: 'divider' }}
    >
      <Box>
        <Typography variant="body2" sx={{ fontWeight: 600, color: followUp.overdue ? 'error.main' : 'text.primary' }}>
          {formatDate(followUp.dueDate)}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {relativeDay(followUp.dueDate, asOf)}
        </Typography>
      </Box>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
          <UserText>{followUp.title}</UserText>
        </Typography>
        <Typography variant="body2" color="text.secondary">
          <Link
            href={`#/customer/${followUp.customerId}`}
            onClick={(event) => {
              event.preventDefault();
              openCustomer(followUp.customerId);
            }}
          >
            <UserText>{followUp.customerName}</UserText>
          </Link>{' '}
          · {followUp.customerNumber}
          {followUp.documentNumber ? ` · ${followUp.documentNumber}` : ''}
        </Typography>
        {complete.error && (
          <Typography variant="caption" color="error" role="alert">
            {errorText(complete.error, { showField: true })}
          </Typography>
        )}
      </Box>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        {followUp.overdue && <Chip size="small" color="error" label={t('collector.followUp.overdue')} />}
        <Button
          size="small"
          variant="outlined"
          disabled={complete.busy}
          aria-label={t('collector.myFollowUps.doneLabel', { title: followUp.title, customer: followUp.customerName })}
          onClick={() => void complete.run(() => api['followUp.complete']({ followUpId: followUp.id }))}
        >
          {t('collector.actions.done')}
        </Button>
      </Box>
    </Box>
  );
}

/** "My follow-ups": open tasks due today or earlier, oldest first; each row opens its account. */
export function FollowUpsScreen({ asOf }: { asOf: string }) {
  const { t } = useTranslation();
  const version = useDataVersion();
  const list = useQuery(`my-follow-ups:${version}`, () => api['followUps.mine']({}));
  const rows = list.data ?? [];
  const overdue = rows.filter((row) => row.overdue).length;
  return (
    <Box component="section" aria-labelledby="follow-ups-title" sx={{ flex: 1, minHeight: 0, overflow: 'auto', p: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mb: 1.5 }}>
        <Typography variant="h1" id="follow-ups-title">
          {t('collector.myFollowUps.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" role="status" data-testid="follow-ups-count">
          {list.data
            ? `${t('collector.myFollowUps.due', { count: rows.length, n: formatCount(rows.length) })}${overdue > 0 ? ` · ${t('collector.myFollowUps.overdue', { count: overdue })}` : ''}`
            : t('collector.myFollowUps.loading')}
        </Typography>
      </Box>
      <Box sx={{ height: 2 }}>{list.slow && <LinearProgress aria-label={t('collector.myFollowUps.loadingLabel')} />}</Box>
      {list.error && <ErrorState error={list.error} onRetry={list.retry} what={t('collector.myFollowUps.loadWhat')} />}
      <Paper>
        {list.data && rows.length === 0 ? (
          <EmptyState title={t('collector.myFollowUps.emptyTitle')}>{t('collector.myFollowUps.empty')}</EmptyState>
        ) : (
          <Box component="ul" aria-label={t('collector.myFollowUps.list')} sx={{ listStyle: 'none', m: 0, p: 0, '& > li:first-of-type': { borderTop: 0 } }}>
            {rows.map((row) => (
              <FollowUpRow key={row.id} followUp={row} asOf={asOf} />
            ))}
          </Box>
        )}
      </Paper>
    </Box>
  );
}
