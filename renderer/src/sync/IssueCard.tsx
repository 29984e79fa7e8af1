import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { OperationOutput } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import type { SyncIssue } from '../../../shared/api/sync-contract';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { openCustomer } from '../app/router';
import { useCommand } from '../collector/useCommand';
import { formatDateTime, titleWithDate } from '../common/format';
import { EMPTY_CONTEXT, issueAction, issueDetails, issuePreposition, issueTimesText, type IssueContext } from './issueText';
import { refreshSyncStatus } from './syncStatusStore';
import { UserText } from '../common/UserText';
import { errorText } from '../i18n/errorText';

const REJECTION_LABELS = {
  validation: 'sync.card.rejection.validation',
  not_found: 'sync.card.rejection.notFound',
  conflict: 'sync.card.rejection.conflict',
  forbidden: 'sync.card.rejection.forbidden',
  unsupported_mutation: 'sync.card.rejection.unsupportedMutation',
  sequence_reused: 'sync.card.rejection.sequenceReused',
  id_taken: 'sync.card.rejection.idTaken',
  unprocessable: 'sync.card.rejection.unprocessable',
  push_failed: 'sync.card.rejection.pushFailed',
} as const satisfies Readonly<Record<SyncIssue['error']['code'], string>>;

/** The most a timeline read returns (the operation's bound), and the kinds of record a change can refer to. */
const RECORDS_READ = 500;
const RECORD_TYPES = ['promise', 'dispute', 'follow_up', 'escalation'] as const;

/** The heading's sentence per preposition: "Call logged with <customer>", "Note edited for <customer>". */
const HEADINGS = { with: 'sync.card.headingWith', for: 'sync.card.headingFor' } as const;

function contextOf(
  account: OperationOutput<'customer.account'> | undefined,
  history: OperationOutput<'customer.timeline'> | undefined,
  noteVersions: OperationOutput<'note.history'> | undefined,
): IssueContext {
  if (account === undefined) return EMPTY_CONTEXT;
  return {
    noteVersions: new Map((noteVersions ?? []).map((version) => [version.id, { body: version.body, isCurrent: version.isCurrent }])),
    customerCurrency: account.customer.currency,
    items: new Map(account.openItems.map((item) => [item.id, { documentNumber: item.documentNumber, currency: item.currency }])),
    contacts: new Map(account.contacts.map((contact) => [contact.id, contact.name])),
    records: new Map((history?.entries ?? []).map((entry) => [entry.id, { title: titleWithDate(entry.title, entry.date), detail: entry.detail, amount: entry.amount }])),
  };
}

const editedNote = (args: unknown): string | null =>
  typeof args === 'object' && args !== null && 'noteId' in args && typeof args.noteId === 'string' ? args.noteId : null;

function DetailList({ issue, context }: { issue: SyncIssue; context: IssueContext }) {
  const lines = issueDetails(issue.name, issue.args, context);
  if (lines.length === 0) return null;
  return (
    <Box component="dl" data-testid="issue-details" sx={{ display: 'grid', gridTemplateColumns: 'minmax(120px, max-content) 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
      {lines.map((detail) => (
        <Box key={detail.label} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {detail.label}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            <UserText>{detail.value}</UserText>
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/**
 * Documents, contact persons and the currency come from the customer's account, the records a change
 * refers to from its timeline (while the customer is on this computer).
 */
function DetailListWithAccount({ issue, customerId }: { issue: SyncIssue; customerId: string }) {
  const account = useQuery(`sync-issue-account:${customerId}`, () => api['customer.account']({ customerId }));
  // The records a change can name, newest first (a refused change is most often a recent one's): the
  // types a change refers to, so payments and logged contacts do not crowd them out of the page.
  const history = useQuery(`sync-issue-records:${customerId}`, () => api['customer.timeline']({ customerId, types: [...RECORD_TYPES], limit: RECORDS_READ }));
  // A refused note edit is read against the note's versions: what it was edited from, what it says now.
  const editedNoteId = issue.name === 'note.edit' ? editedNote(issue.args) : null;
  const versions = useQuery(`sync-issue-note:${editedNoteId ?? ''}`, () =>
    editedNoteId === null ? Promise.resolve<Result<OperationOutput<'note.history'>>>({ ok: true, value: [] }) : api['note.history']({ noteId: editedNoteId }),
  );
  const context = useMemo(() => contextOf(account.data, history.data, versions.data), [account.data, history.data, versions.data]);
  return <DetailList issue={issue} context={context} />;
}

/** The customer's name in the heading, linking to their account. */
function CustomerLink({ customerId, children }: { customerId: string; children?: ReactNode }) {
  return (
    <Link
      href={`#/customer/${customerId}`}
      onClick={(event) => {
        event.preventDefault();
        openCustomer(customerId);
      }}
    >
      <UserText>{children}</UserText>
    </Link>
  );
}

function DiscardDialog({ open, action, busy, onConfirm, onClose }: { open: boolean; action: string; busy: boolean; onConfirm: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>{t('sync.card.discardTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('sync.card.discardText', { action })}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button autoFocus onClick={onClose}>
          {t('sync.card.keep')}
        </Button>
        <Button color="error" variant="contained" disabled={busy} onClick={onConfirm}>
          {t('sync.card.discardConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** One refused change: what was done, for whom, why the server refused it, what was typed; Retry or Discard. */
export function IssueCard({ issue }: { issue: SyncIssue }) {
  const { t } = useTranslation();
  const retry = useCommand();
  const discard = useCommand();
  const [confirming, setConfirming] = useState(false);
  const [showRaw, setShowRaw] = useState(false);
  const headingId = useId();
  const action = issueAction(issue.name, issue.args);
  const customerId = issue.customerId;
  const failure = retry.error ?? discard.error;
  return (
    <Paper component="article" aria-labelledby={headingId} data-testid="sync-issue" sx={{ p: 2, display: 'grid', gap: 1.25 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="h2" component="h2" id={headingId} sx={{ fontSize: '1rem' }}>
          {customerId !== null && issue.customerName !== null ? (
            <Trans
              i18nKey={HEADINGS[issuePreposition(issue.name)]}
              values={{ action, customer: issue.customerName }}
              components={{ 1: <CustomerLink customerId={customerId} /> }}
            />
          ) : (
            action
          )}
        </Typography>
        <Chip size="small" color="warning" variant="outlined" label={t(REJECTION_LABELS[issue.error.code])} />
      </Box>
      <Typography variant="body2" color="text.secondary">
        {issueTimesText(issue, formatDateTime)}
      </Typography>
      {/* The reason is part of the record, not news: a note, not an alert. */}
      <Alert severity="warning" variant="outlined" icon={false} role="note" sx={{ py: 0 }}>
        <Typography variant="body2">
          <Box component="span" sx={{ fontWeight: 600 }}>
            {issue.failing ? t('sync.card.serverLastAnswered') : t('sync.card.serverSays')}
          </Box>{' '}
          {errorText(issue.error, { showField: true })}
        </Typography>
      </Alert>
      {customerId !== null && issue.customerName !== null ? (
        <DetailListWithAccount issue={issue} customerId={customerId} />
      ) : (
        <DetailList issue={issue} context={EMPTY_CONTEXT} />
      )}
      {showRaw && (
        <Box
          component="pre"
          tabIndex={0}
          aria-label={t('sync.card.stored')}
          sx={{ m: 0, p: 1, maxHeight: 240, overflow: 'auto', bgcolor: 'action.hover', borderRadius: 1, fontSize: '0.8rem' }}
        >
          {JSON.stringify({ name: issue.name, args: issue.args, error: issue.error }, null, 2)}
        </Box>
      )}
      {failure && (
        <Alert severity="error" role="alert">
          {errorText(failure, { showField: true })}
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <Button
          variant="contained"
          disabled={retry.busy || discard.busy}
          aria-label={t('sync.card.retryLabel', { action })}
          onClick={() => {
            discard.reset();
            void retry.run(() => api['sync.retry']({ id: issue.id })).then(() => refreshSyncStatus());
          }}
        >
          {t('sync.card.retry')}
        </Button>
        <Button
          color="error"
          disabled={retry.busy || discard.busy}
          aria-label={t('sync.card.discardLabel', { action })}
          onClick={() => {
            setConfirming(true);
          }}
        >
          {t('sync.card.discard')}
        </Button>
        <Box sx={{ flex: 1 }} />
        <Button
          size="small"
          color="inherit"
          aria-expanded={showRaw}
          onClick={() => {
            setShowRaw((shown) => !shown);
          }}
        >
          {showRaw ? t('sync.card.hideDetails') : t('sync.card.showDetails')}
        </Button>
      </Box>
      <DiscardDialog
        open={confirming}
        action={action}
        busy={discard.busy}
        onClose={() => {
          setConfirming(false);
        }}
        onConfirm={() => {
          setConfirming(false);
          retry.reset();
          void discard.run(() => api['sync.discard']({ id: issue.id })).then(() => refreshSyncStatus());
        }}
      />
    </Paper>
  );
}
