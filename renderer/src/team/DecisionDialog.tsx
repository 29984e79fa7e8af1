import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { ESCALATION_KIND_LABELS } from '../../../shared/domain/labels';
import { api } from '../api/client';
import { FormDialog } from '../collector/FormDialog';
import { errorIsAbout, useCommand } from '../collector/useCommand';
import { optionalTextProblem } from '../collector/validation';
import { money } from '../common/format';
import type { DecisionRequest } from './decisions';
import { TEXT_MAX_ROWS } from '../common/textLength';
import { COMMENT_MAX } from '../../../shared/domain/text';
import { UserText } from '../common/UserText';

interface DecisionDialogProps {
  readonly request: DecisionRequest;
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

/** Approve (comment optional) or reject (comment required) one escalation request. */
export function DecisionDialog({ request, onClose, onDone }: DecisionDialogProps) {
  const { escalation, decision } = request;
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const command = useCommand();
  const kind = ESCALATION_KIND_LABELS[escalation.kind];
  const approve = decision === 'approve';
  const textProblem = optionalTextProblem(comment, COMMENT_MAX);
  const problem =
    !approve && comment.trim() === '' ? 'A rejection needs a comment: say why, for the collector and the audit.' : textProblem === '' ? '' : `Comment ${textProblem}`;
  // A comment the server still refuses shows under the comment with the server's reason, not above the form.
  const serverProblem = errorIsAbout(command.error, 'comment') ? command.error?.message : undefined;
  const shown = tried && problem !== '' ? problem : serverProblem;
  const submit = async () => {
    setTried(true);
    if (problem !== '') return;
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
      error={serverProblem === undefined ? command.error : null}
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
          command.fieldChanged('comment');
        }}
        error={shown !== undefined}
        helperText={shown}
        slotProps={{ htmlInput: { maxLength: COMMENT_MAX } }}
      />
    </FormDialog>
  );
}
