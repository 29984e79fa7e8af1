import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { ESCALATION_KIND_LABELS } from '../../../shared/domain/labels';
import { openCustomer } from '../app/router';
import { formatDateTime, money } from '../common/format';
import { EmptyState } from '../common/StatusViews';
import type { DecisionRequest, PendingEscalation } from './decisions';
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
  if (escalations.length === 0) {
    return (
      <Paper>
        <EmptyState title="Nothing to approve">No escalation request of your team is waiting for a decision.</EmptyState>
      </Paper>
    );
  }
  return (
    <Paper>
      <Box component="ul" aria-label="Escalation requests waiting for a decision" sx={{ listStyle: 'none', m: 0, p: 0, '& > li:first-of-type': { borderTop: 0 } }}>
        {escalations.map((escalation) => {
          const own = escalation.requestedBy !== null && escalation.requestedBy === myId;
          const label = ESCALATION_KIND_LABELS[escalation.kind];
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
                  Requested by {escalation.requestedByName ?? 'unknown'} on {formatDateTime(escalation.requestedAt)}
                </Typography>
              </Box>
              {mayDecide && !own ? (
                <Box sx={{ display: 'flex', gap: 1 }}>
                  <Button
                    size="small"
                    variant="contained"
                    aria-label={`Approve ${label.toLowerCase()} for ${escalation.customerName}`}
                    onClick={() => {
                      onDecide({ escalation, decision: 'approve' });
                    }}
                  >
                    Approve
                  </Button>
                  <Button
                    size="small"
                    variant="outlined"
                    color="error"
                    aria-label={`Reject ${label.toLowerCase()} for ${escalation.customerName}`}
                    onClick={() => {
                      onDecide({ escalation, decision: 'reject' });
                    }}
                  >
                    Reject
                  </Button>
                </Box>
              ) : (
                <Typography variant="caption" color="text.secondary">
                  {own ? 'Your own request: another team lead decides' : 'Decided by team leads'}
                </Typography>
              )}
            </Box>
          );
        })}
      </Box>
    </Paper>
  );
}
