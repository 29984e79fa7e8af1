import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { ESCALATION_KIND_LABELS } from '../../../shared/domain/labels';
import { api } from '../api/client';
import { FormDialog } from '../collector/FormDialog';
import { useCommand } from '../collector/useCommand';
import { money } from '../common/format';
import type { PendingEscalation } from './ApprovalsList';
import { TEXT_MAX_ROWS } from '../common/textLength';
import { UserText } from '../common/UserText';

export interface DecisionRequest {
  readonly escalation: PendingEscalation;
  readonly decision: 'approve' | 'reject';
}

interface DecisionDialogProps {
  readonly request: DecisionRequest;
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

/** Approve (comment optional) or reject (comment required) one escalation request. */
export function DecisionDialog({ request, onClose, onDone }: DecisionDialogProps) {
  const { escalation, decision } = request;
  const [comment, setComment] = useState('');
  const [missingComment, setMissingComment] = useState(false);
  const command = useCommand();
  const kind = ESCALATION_KIND_LABELS[escalation.kind];
  const approve = decision === 'approve';
  const submit = async () => {
    if (!approve && comment.trim() === '') {
      setMissingComment(true);
      return;
    }
    const done = await command.run(() =>
      api['escalation.decide']({ escalationId: escalation.id, decision, ...(comment.trim() === '' ? {} : { comment }) }),
    );
    if (done) onDone(`${kind} ${approve ? 'approved' : 'rejected'} for ${escalation.customerName}`);
  };
  return (
    <FormDialog
      open
      title={`${approve ? 'Approve' : 'Reject'} ${kind.toLowerCase()}`}
      submitLabel={approve ? 'Approve' : 'Reject'}
      busy={command.busy}
      error={command.error?.field === 'comment' ? null : command.error}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <Typography variant="body2">
        <UserText>{escalation.customerName}</UserText> · {escalation.customerNumber}
        {escalation.amountMinor !== null && escalation.currency !== null ? ` · ${money(escalation.amountMinor, escalation.currency)}` : ''}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
        {escalation.requestedByName ?? 'Someone'}: “<UserText>{escalation.reason}</UserText>”
      </Typography>
      {approve && escalation.kind === 'credit_hold' && (
        <Typography variant="body2" color="warning.main">
          Approving puts the customer on credit hold here; book the hold in the ERP too.
        </Typography>
      )}
      <TextField
        autoFocus
        multiline
        minRows={2}
        maxRows={TEXT_MAX_ROWS}
        label={approve ? 'Comment (optional)' : 'Comment (required)'}
        required={!approve}
        value={comment}
        onChange={(event) => {
          setComment(event.target.value);
          setMissingComment(false);
        }}
        error={missingComment || command.error?.field === 'comment'}
        helperText={missingComment || command.error?.field === 'comment' ? 'A rejection needs a comment: say why, for the collector and the audit.' : undefined}
        slotProps={{ htmlInput: { maxLength: 2000 } }}
      />
    </FormDialog>
  );
}
