import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useEffect, useRef } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { ScoreFactors } from '../common/ScoreFactors';
import { ErrorState } from '../common/StatusViews';
import { AccountHeader } from './AccountHeader';
import { Balances } from './Balances';
import { Contacts } from './Contacts';
import { OpenItemsTable } from './OpenItemsTable';
import { Timeline } from './Timeline';

function AccountSkeleton() {
  return (
    <Box aria-busy="true" aria-label="Loading the account" sx={{ display: 'grid', gap: 2 }}>
      <Skeleton variant="rounded" height={120} />
      <Skeleton variant="rounded" height={140} />
      <Skeleton variant="rounded" height={320} />
    </Box>
  );
}

export function AccountScreen({ customerId }: { customerId: string }) {
  const account = useQuery(`account:${customerId}`, () => api['customer.account']({ customerId }));
  const sectionRef = useRef<HTMLElement>(null);
  const data = account.fresh ? account.data : undefined;

  // Put the keyboard inside the account, so screen readers announce it and Tab starts here.
  useEffect(() => {
    if (data) sectionRef.current?.focus({ preventScroll: true });
  }, [data]);

  return (
    <Box
      component="section"
      ref={sectionRef}
      tabIndex={-1}
      aria-labelledby={data ? 'account-title' : undefined}
      aria-label={data ? undefined : 'Customer account'}
      sx={{ flex: 1, minHeight: 0, overflow: 'auto', p: 2, outline: 'none' }}
    >
      {account.error && <ErrorState error={account.error} onRetry={account.retry} what="the account" />}
      {!data && !account.error && account.slow && <AccountSkeleton />}
      {data && (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'minmax(0, 1fr)' }}>
          <AccountHeader account={data} />
          <Balances account={data} />
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 2.2fr) minmax(300px, 1fr)' }, alignItems: 'start' }}>
            <Box sx={{ display: 'grid', gap: 2, minWidth: 0, gridTemplateColumns: 'minmax(0, 1fr)' }}>
              <OpenItemsTable items={data.openItems} buckets={data.aging[0]?.buckets ?? []} />
            </Box>
            <Box sx={{ display: 'grid', gap: 2, minWidth: 0, gridTemplateColumns: 'minmax(0, 1fr)' }}>
              <Paper component="section" aria-labelledby="score-title" sx={{ p: 2 }}>
                <Typography variant="h2" id="score-title" sx={{ mb: 1 }}>
                  Why this priority
                </Typography>
                <ScoreFactors score={data.score} factors={data.factors} />
              </Paper>
              <Contacts contacts={data.contacts} />
              <Timeline entries={data.timeline} />
            </Box>
          </Box>
        </Box>
      )}
    </Box>
  );
}
