import ArrowBack from '@mui/icons-material/ArrowBack';
import Block from '@mui/icons-material/Block';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { goBack } from '../app/router';
import { Fact } from '../common/Fact';
import { formatCount, formatDate, money } from '../common/format';
import { RiskChip } from '../common/RiskChip';
import { StatementButton } from '../reports/StatementButton';
import type { Account } from './types';
import { UserText } from '../common/UserText';
import { creditUsedPercentText, isOverCreditLimit, NEAR_LIMIT_BP } from '../../../shared/domain/credit';


type Assignment = NonNullable<Account['customer']['assignment']>;

/** "17 of 17 (100%)": invoices open and settled, disputed in the ERP or in a case here. */
function disputeHistoryText({ invoices, disputed }: Account['disputeHistory']): string {
  if (invoices === 0) return 'no invoices yet';
  return `${formatCount(disputed)} of ${formatCount(invoices)} (${Math.round((disputed * 100) / invoices)}%)`;
}

/** The last reassignment as one line of text, for the tooltip of its clamped header line. */
const assignmentText = (assignment: Assignment): string =>
  `assigned ${formatDate(assignment.at)}${assignment.byName === null ? '' : ` by ${assignment.byName}`}${assignment.reason === null ? '' : `: ${assignment.reason}`}`;

export function AccountHeader({ account }: { account: Account }) {
  const { customer } = account;
  const limit = customer.creditLimitMinor;
  const bp = customer.creditUsedBp;
  const usedPercent = bp === null ? 0 : Math.round(bp / 100);
  const over = isOverCreditLimit(bp);
  return (
    <Paper component="header" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }} aria-label="Customer">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Tooltip title="Back to the worklist (Esc)">
          <IconButton aria-label="Back to the worklist" onClick={goBack} size="small">
            <ArrowBack />
          </IconButton>
        </Tooltip>
        <Typography variant="h1" id="account-title">
          <UserText>{customer.name}</UserText>
        </Typography>
        <Typography variant="body1" color="text.secondary" data-testid="customer-number">
          {customer.number}
        </Typography>
        <RiskChip risk={customer.riskClass} />
        {customer.creditHold && <Chip size="small" color="error" icon={<Block />} label="Credit hold" />}
        <Box sx={{ flex: 1 }} />
        <StatementButton customerId={customer.id} />
        <Tooltip title="Priority score, explained on the right">
          <Chip label={`Score ${Math.round(account.score)}`} variant="outlined" color="primary" />
        </Tooltip>
      </Box>
      <Box
        component="dl"
        sx={{ m: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 2, alignItems: 'start' }}
      >
        <Fact label="Country">{customer.country}</Fact>
        <Fact label="Account currency">{customer.currency}</Fact>
        <Fact label="Payment terms">
          {customer.paymentTerms} ({customer.paymentTermsDays} days)
        </Fact>
        <Fact label="Collector">
          {customer.collector?.displayName ?? 'Unassigned'}
          {customer.assignment !== null && (
            // A reason may run to 200 characters: two lines in the header, the whole of it on hover.
            <Tooltip title={assignmentText(customer.assignment)} placement="bottom-start">
              <Typography
                component="span"
                variant="caption"
                color="text.secondary"
                sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', fontWeight: 400, overflowWrap: 'anywhere' }}
                data-testid="assignment"
              >
                assigned {formatDate(customer.assignment.at)}
                {customer.assignment.byName !== null && <> by <UserText>{customer.assignment.byName}</UserText></>}
                {customer.assignment.reason !== null && <>: <UserText>{customer.assignment.reason}</UserText></>}
              </Typography>
            </Tooltip>
          )}
        </Fact>
        <Fact label="Disputed invoices">
          <span data-testid="dispute-history">{disputeHistoryText(account.disputeHistory)}</span>
        </Fact>
        <Fact label="Oldest past due">{account.oldestDaysPastDue === null ? 'nothing overdue' : `${account.oldestDaysPastDue} days`}</Fact>
        <Box sx={{ gridColumn: 'span 2', minWidth: 200 }}>
          <Typography component="dt" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
            Credit used
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, fontWeight: 500 }}>
            {money(customer.creditUsedMinor, customer.currency)} of {limit > 0 ? money(limit, customer.currency) : 'no limit'}
            {bp !== null && ` (${creditUsedPercentText(bp)}${account.aging.length > 1 ? ", with the other currencies at the settings' rates" : ''})`}
            {bp !== null && (
              <LinearProgress
                variant="determinate"
                value={Math.min(100, Math.max(0, usedPercent))}
                color={over ? 'error' : bp >= NEAR_LIMIT_BP ? 'warning' : 'primary'}
                aria-label={`Credit used ${creditUsedPercentText(bp)} of limit`}
                sx={{ mt: 0.5, height: 6, borderRadius: 1 }}
              />
            )}
          </Typography>
        </Box>
      </Box>
      {over && bp !== null && (
        <Alert severity="error" data-testid="credit-limit-warning">
          Over the credit limit: {creditUsedPercentText(bp)} of {money(limit, customer.currency)} used
          {account.aging.length > 1 ? " (every currency's open balance at the settings' rates)" : ''}.{' '}
          {customer.creditHold ? 'The account is on credit hold.' : 'Ask for payment before new orders ship, or request a credit hold.'}
        </Alert>
      )}
    </Paper>
  );
}
