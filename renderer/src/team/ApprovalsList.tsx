import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { openCustomer } from '../app/router';
import { formatDateTime, money } from '../common/format';
import { ESCALATION_KIND_LABEL_KEYS } from '../common/labels';
import { EmptyState } from '../common/StatusViews';
import { KIND_IN_SENTENCE, type DecisionRequest, type PendingEscalation } from './decisions';
import { UserText } from '../common/UserText';


interface ApprovalsListProps {
  readonly escalations: readonly PendingEscalation[];
  /** False for an admin: deciding belongs to team leads. */
  readonly mayDecide: boolean;
  readonly myId: string | null;
  readonly onDecide: (request: DecisionRequest) => void;
}

/** The team's escalation requests waiting for a decision, oldest first, each with Approve and Reject. */
export function ApprovalsList({ escalations, mayDecide, myId, onDecide }: ApprovalsListProps) {
  const { t } = useTranslation();
  if (escalations.length === 0) {
    return (
      <Paper>
        <EmptyState title={t('team.approvals.emptyTitle')}>{t('team.approvals.emptyText')}</EmptyState>
      </Paper>
    );
  }
  return (
    <Paper>
      <Box component="ul" aria-label={t('team.approvals.listLabel')} sx={{ listStyle: 'none', m: 0, p: 0, '& > li:first-of-type': { borderTop: 0 } }}>
        {escalations.map((escalation) => {
          const own = escalation.requestedBy !== null && escalation.requestedBy === myId;
          const label = t(ESCALATION_KIND_LABEL_KEYS[escalation.kind]);
          const decided = { kind: t(KIND_IN_SENTENCE[escalation.kind]), customer: escalation.customerName };
          return (
            <Box
              component="li"
              key={escalation.id}
              data-testid="pending-escalation"
              sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', gap: 2, alignItems: 'center', px: 2, py: 1, borderTop: 1, borderColor: 'divider' }}
            >
              <Box sx={{ minWidth: 0 }}>
                <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                  <Chip size="small" color={escalation.kind === 'write_off' || escalation.kind === 'legal' ? 'warning' : 'default'} label={label} />
                  <Link
                    href={`#/customer/${escalation.customerId}`}
                    onClick={(event) => {
                      event.preventDefault();
                      openCustomer(escalation.customerId);
                    }}
                    sx={{ fontWeight: 600 }}
                  >
                    <UserText>{escalation.customerName}</UserText>
                  </Link>
                  <Typography variant="body2" color="text.secondary">
                    {escalation.customerNumber}
                    {escalation.collectorName ? ` · ${escalation.collectorName}` : ''}
                  </Typography>
                  {escalation.amountMinor !== null && escalation.currency !== null && (
                    <Typography variant="body2" sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
                      {money(escalation.amountMinor, escalation.currency)}
                    </Typography>
                  )}
                </Box>
                <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                  <UserText>{escalation.reason}</UserText>
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {t('team.approvals.requestedBy', { name: escalation.requestedByName ?? t('team.approvals.unknownRequester'), at: formatDateTime(escalation.requestedAt) })}
                </Typography>
              </Box>
              {mayDecide && !own ? (
                <Box sx={{ display: 'flex', gap: 1 }}>
                  <Button
                    size="small"
                    variant="contained"
                    aria-label={t('team.approvals.approveLabel', decided)}
                    onClick={() => {
                      onDecide({ escalation, decision: 'approve' });
                    }}
                  >
                    {t('team.approvals.approve')}
                  </Button>
                  <Button
                    size="small"
                    variant="outlined"
                    color="error"
                    aria-label={t('team.approvals.rejectLabel', decided)}
                    onClick={() => {
                      onDecide({ escalation, decision: 'reject' });
                    }}
                  >
                    {t('team.approvals.reject')}
                  </Button>
                </Box>
              ) : (
                <Typography variant="caption" color="text.secondary">
                  {own ? t('team.approvals.ownRequest') : t('team.approvals.decidedByLeads')}
                </Typography>
              )}
            </Box>
          );
        })}
      </Box>
    </Paper>
  );
}
