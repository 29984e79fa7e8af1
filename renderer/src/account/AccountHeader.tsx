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
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { goBack } from '../app/router';
import { Fact } from '../common/Fact';
import { formatCount, formatDate, money, languageName } from '../common/format';
import { RiskChip } from '../common/RiskChip';
import { StatementButton } from '../reports/StatementButton';
import type { Account } from './types';
import { UserText } from '../common/UserText';
import { creditUsedPercentText, isOverCreditLimit, NEAR_LIMIT_BP } from '../../../shared/domain/credit';


type Assignment = NonNullable<Account['customer']['assignment']>;

/** "17 of 17 (100%)": invoices open and settled, disputed in the ERP or in a case here. */
function disputeHistoryText(t: TFunction, { invoices, disputed }: Account['disputeHistory']): string {
  if (invoices === 0) return t('account.header.noInvoices');
  return t('account.header.disputedShare', { disputed: formatCount(disputed), invoices: formatCount(invoices), percent: formatCount(Math.round((disputed * 100) / invoices)) });
}

/**
 * The last reassignment as one line, for the clamped header line and, whole, its tooltip. The name
 * and reason are elements, not values, so what a user typed is never read as markup.
 */
function AssignmentLine({ assignment }: { assignment: Assignment }) {
  const values = { date: formatDate(assignment.at) };
  const name = assignment.byName === null ? null : <UserText>{assignment.byName}</UserText>;
  const reason = assignment.reason === null ? null : <UserText>{assignment.reason}</UserText>;
  if (name && reason) return <Trans i18nKey="account.header.assignedByWithReason" values={values} components={{ name, reason }} />;
  if (name) return <Trans i18nKey="account.header.assignedBy" values={values} components={{ name }} />;
  if (reason) return <Trans i18nKey="account.header.assignedWithReason" values={values} components={{ reason }} />;
  return <Trans i18nKey="account.header.assigned" values={values} />;
}

/**
 * The language documents to the customer are written in: its own, else its team's default marked as
 * such (db/reports/plan-export.ts falls back the same way); nothing when neither is known.
 */
function LanguageFact({ language, teamLanguage }: { language: string | null; teamLanguage: string | null }) {
  const { t } = useTranslation();
  if (language !== null) {
    return (
      <Fact label={t('account.header.language')} testId="customer-language">
        {languageName(language)}
      </Fact>
    );
  }
  if (teamLanguage === null) return null;
  return (
    <Fact label={t('account.header.language')} testId="customer-language">
      <Tooltip title={t('account.header.languageTeamDefaultTooltip')} placement="bottom-start">
        <span>{t('account.header.languageTeamDefault', { language: languageName(teamLanguage) })}</span>
      </Tooltip>
    </Fact>
  );
}

export function AccountHeader({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { customer } = account;
  const limit = customer.creditLimitMinor;
  const bp = customer.creditUsedBp;
  const usedPercent = bp === null ? 0 : Math.round(bp / 100);
  const over = isOverCreditLimit(bp);
  return (
    <Paper component="header" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }} aria-label={t('account.header.label')}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <Tooltip title={t('account.header.backTooltip')}>
          <IconButton aria-label={t('account.header.back')} onClick={goBack} size="small">
            <ArrowBack />
          </IconButton>
        </Tooltip>
        <Typography variant="h1" id="account-title">
          <UserText>{customer.name}</UserText>
        </Typography>
        <Typography variant="body1" color="text.secondary" data-testid="customer-number">
          {customer.number}
        </Typography>
        <RiskChip risk={customer.riskClass} t={t} />
        {customer.creditHold && <Chip size="small" color="error" icon={<Block />} label={t('account.header.creditHold')} />}
        <Box sx={{ flex: 1 }} />
        <StatementButton customerId={customer.id} />
        <Tooltip title={t('account.header.scoreTooltip')}>
          <Chip label={t('account.header.score', { score: Math.round(account.score) })} variant="outlined" color="primary" />
        </Tooltip>
      </Box>
      <Box
        component="dl"
        sx={{ m: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 2, alignItems: 'start' }}
      >
        <Fact label={t('account.header.country')}>{customer.country}</Fact>
        <LanguageFact language={customer.language} teamLanguage={customer.teamLanguage} />
        <Fact label={t('account.header.currency')}>{customer.currency}</Fact>
        <Fact label={t('account.header.paymentTerms')}>
          {t('account.header.paymentTermsValue', { terms: customer.paymentTerms, count: customer.paymentTermsDays })}
        </Fact>
        <Fact label={t('account.header.collector')}>
          {customer.collector?.displayName ?? t('account.header.unassigned')}
          {customer.assignment !== null && (
            // A reason may run to 200 characters: two lines in the header, the whole of it on hover.
            <Tooltip title={<AssignmentLine assignment={customer.assignment} />} placement="bottom-start">
              <Typography
                component="span"
                variant="caption"
                color="text.secondary"
                sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', fontWeight: 400, overflowWrap: 'anywhere' }}
                data-testid="assignment"
              >
                <AssignmentLine assignment={customer.assignment} />
              </Typography>
            </Tooltip>
          )}
        </Fact>
        <Fact label={t('account.header.disputedInvoices')}>
          <span data-testid="dispute-history">{disputeHistoryText(t, account.disputeHistory)}</span>
        </Fact>
        <Fact label={t('account.header.oldestPastDue')}>
          {account.oldestDaysPastDue === null ? t('account.header.nothingOverdue') : t('account.header.oldestDays', { count: account.oldestDaysPastDue })}
        </Fact>
        <Box sx={{ gridColumn: 'span 2', minWidth: 200 }}>
          <Typography component="dt" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
            {t('account.header.creditUsed')}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, fontWeight: 500 }}>
            {limit > 0
              ? t('account.header.creditUsedOf', { used: money(customer.creditUsedMinor, customer.currency), limit: money(limit, customer.currency) })
              : t('account.header.creditUsedNoLimit', { used: money(customer.creditUsedMinor, customer.currency) })}
            {bp !== null && ' '}
            {bp !== null && t(account.aging.length > 1 ? 'account.header.creditShareConverted' : 'account.header.creditShare', { percent: creditUsedPercentText(bp) })}
            {bp !== null && (
              <LinearProgress
                variant="determinate"
                value={Math.min(100, Math.max(0, usedPercent))}
                color={over ? 'error' : bp >= NEAR_LIMIT_BP ? 'warning' : 'primary'}
                aria-label={t('account.header.creditBar', { percent: creditUsedPercentText(bp) })}
                sx={{ mt: 0.5, height: 6, borderRadius: 1 }}
              />
            )}
          </Typography>
        </Box>
      </Box>
      {over && bp !== null && (
        <Alert severity="error" data-testid="credit-limit-warning">
          {t(account.aging.length > 1 ? 'account.header.overLimitConverted' : 'account.header.overLimit', { percent: creditUsedPercentText(bp), limit: money(limit, customer.currency) })}{' '}
          {t(customer.creditHold ? 'account.header.onHold' : 'account.header.askHold')}
        </Alert>
      )}
    </Paper>
  );
}
